package dev.riskline.cli;

import dev.riskline.rules.LintWarning;
import dev.riskline.rules.RuleSet;
import dev.riskline.rules.RulesException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code riskline rules validate|test|simulate|lint}: Security Hub automation rules, checked and tried offline. */
@Command(name = "rules", mixinStandardHelpOptions = true,
    description = {"Check, test and simulate Security Hub automation rules (V1, ASFF) before they run: the rule "
        + "JSON of CreateAutomationRule or batch-get-automation-rules, or the same keys in YAML.", ""},
    subcommands = {RulesCommand.Validate.class, RuleTestCommand.class, SimulateCommand.class,
        RulesCommand.LintRules.class},
    footer = {"", "Examples:",
        "  riskline rules validate automation-rules/",
        "  riskline rules test --rules automation-rules/ findings.json",
        "  riskline rules simulate --rules automation-rules/ --compare deployed-rules/",
        "  riskline rules lint automation-rules/",
        "  riskline triage --rules automation-rules/ findings.json"})
final class RulesCommand implements Runnable {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code rules validate}: load and check, print every problem or the evaluation order. */
  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = {"Load rule files and folders and check every rule as Security Hub's API would: fields, types, "
          + "ranges, enum values, criteria limits, illegal comparison mixes, the one action, the quota of "
          + RuleSet.MAX_RULES + " rules. Prints every problem, one line each, or the rules in the order they run.",
          ""},
      footer = {"", "Examples:",
          "  riskline rules validate automation-rules/",
          "  riskline rules validate prod.json suppressions.yaml",
          "  aws securityhub batch-get-automation-rules --automation-rules-arns ARN... > deployed.json"
              + " && riskline rules validate deployed.json",
          "", "A folder contributes its .json, .yaml and .yml files, sorted by name.",
          "Exit codes: 0 all rules valid, 2 problems found (each on stderr: file, rule, JSON path, reason)."})
  static final class Validate implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Rule files (JSON or YAML) or folders of them.")
    List<Path> paths;

    @Override
    public Integer call() {
      RuleSet rules;
      try {
        rules = RuleSet.load(paths);
      } catch (RulesException e) {
        PrintWriter err = spec.commandLine().getErr();
        e.problems().forEach(err::println);
        err.println(e.hint());
        err.flush();
        return 2;
      }
      PrintWriter out = spec.commandLine().getOut();
      List<String> order = rules.evaluationOrder();
      out.printf("%s OK (%d enabled, %d disabled) in %s%n", count(rules.size(), "rule"), order.size(),
          rules.size() - order.size(), count(rules.files(), "file"));
      if (!order.isEmpty()) out.println("Evaluation order:");
      for (int i = 0; i < order.size(); i++) out.printf("%4d. %s%n", i + 1, Text.safe(order.get(i), 200));
      out.flush();
      return 0;
    }
  }

  /** {@code rules lint}: what no team should ship. */
  @Command(name = "lint", mixinStandardHelpOptions = true,
      description = {"Find what valid rules should not do: criteria that can never match (values outside "
          + "SeverityLabel, WorkflowStatus, RecordState, ComplianceStatus, VerificationState; number bounds or "
          + "dates that leave nothing; a PREFIX its PREFIX_NOT_EQUALS excludes), rules that never run behind an "
          + "earlier terminal rule, CONTAINS or PREFIX on a control id (Config.1 also matches Config.10), action "
          + "fields a later rule always overwrites, duplicate names and RuleOrder values. DISABLED rules are "
          + "listed as information. Each line gives the file, the rule, what was found and what to do.", ""},
      footer = {"", "Examples:",
          "  riskline rules lint automation-rules/",
          "  riskline rules lint --warn-only automation-rules/ deployed.json",
          "", "Exit codes: 0 no warnings (or --warn-only), 2 warnings found or rules that do not load."})
  static final class LintRules implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--warn-only", description = "Exit 0 even when there are warnings.")
    boolean warnOnly;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Rule files (JSON or YAML) or folders of them.")
    List<Path> paths;

    @Override
    public Integer call() {
      RuleSet rules = RuleSet.load(paths);
      PrintWriter out = spec.commandLine().getOut();
      int warnings = 0;
      int info = 0;
      for (LintWarning w : rules.lint()) {
        out.println(Text.safe(w.line(), 2000));
        if (w.info()) info++;
        else warnings++;
      }
      out.printf("%s, %d info in %s%n", count(warnings, "warning"), info, count(rules.size(), "rule"));
      out.flush();
      return warnings > 0 && !warnOnly ? 2 : 0;
    }
  }

  /** {@code 1 rule}, {@code 2 rules}. */
  static String count(long n, String noun) {
    return String.format(java.util.Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }
}
