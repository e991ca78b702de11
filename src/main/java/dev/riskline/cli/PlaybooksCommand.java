package dev.riskline.cli;

import dev.riskline.Config;
import dev.riskline.finding.Finding;
import dev.riskline.finding.RisklineException;
import dev.riskline.read.FindingReader;
import dev.riskline.route.Playbook;
import dev.riskline.route.Playbooks;
import dev.riskline.rules.LintWarning;
import dev.riskline.rules.RuleSet;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code riskline playbooks list|show|lint}: the Markdown playbooks that say what each automation is for. */
@Command(name = "playbooks", mixinStandardHelpOptions = true,
    description = {"Playbooks: Markdown files whose front matter (id, title, appliesTo, owner, rationale, "
        + "lastReviewed, rules, routes) says which findings each is for; the body says what the finding means, how "
        + "to fix and verify it, and when to accept the risk. A finding gets the most specific playbook: an exact "
        + "control id beats a type prefix, which beats a pattern.", ""},
    subcommands = {PlaybooksCommand.ListPlaybooks.class, PlaybooksCommand.Show.class, PlaybooksCommand.Lint.class},
    footer = {"", "Examples:",
        "  riskline playbooks list --dir examples/playbooks",
        "  riskline playbooks show --dir examples/playbooks cis-iam-root",
        "  riskline playbooks lint --dir examples/playbooks --rules examples/rules --findings examples/securityhub-findings.json"})
final class PlaybooksCommand implements Runnable {
  /** The folder used when {@code --dir} is not given and it exists. */
  static final Path DEFAULT_DIR = Path.of("playbooks");

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code --dir DIR}. */
  static final class DirOption {
    @Option(names = "--dir", paramLabel = "DIR",
        description = "The folder of playbooks (*.md). Default: ./playbooks when it exists.")
    Path dir;

    /** The playbooks, or null after printing every problem (exit code 2). */
    Playbooks load(PrintWriter err) {
      Path folder = dir;
      if (folder == null) {
        if (!Files.isDirectory(DEFAULT_DIR)) {
          throw RisklineException.badInput("expected a folder of playbooks at ./playbooks (the default) but there "
              + "is none", "Give the folder with --dir DIR, e.g. --dir examples/playbooks.");
        }
        folder = DEFAULT_DIR;
      }
      try {
        return Playbooks.load(folder);
      } catch (RisklineException e) {
        e.getMessage().lines().forEach(err::println);
        if (e.hint() != null) err.println(e.hint());
        err.flush();
        return null;
      }
    }
  }

  /** {@code playbooks list}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = {"List the playbooks: id, owner, last review, what each applies to, and title.", ""},
      footer = {"", "Exit codes: 0 ok, 2 playbooks that do not load (each problem on stderr)."})
  static final class ListPlaybooks implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DirOption dir = new DirOption();

    @Override
    public Integer call() {
      Playbooks playbooks = dir.load(spec.commandLine().getErr());
      if (playbooks == null) return 2;
      Text table = new Text().row("ID", "OWNER", "REVIEWED", "APPLIES TO", "TITLE");
      for (Playbook p : playbooks.all()) {
        table.row(p.id(), p.owner(), p.lastReviewed(), appliesTo(p.appliesTo()), p.title());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(table.render());
      out.println(RulesCommand.count(playbooks.size(), "playbook"));
      out.flush();
      return 0;
    }

    private static String appliesTo(Playbook.AppliesTo a) {
      List<String> parts = new ArrayList<>();
      if (!a.controls().isEmpty()) parts.add(RulesCommand.count(a.controls().size(), "control"));
      if (!a.types().isEmpty()) parts.add(RulesCommand.count(a.types().size(), "type"));
      if (a.pattern() != null) parts.add("a pattern");
      return String.join(", ", parts);
    }
  }

  /** {@code playbooks show ID}. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = {"Show one playbook: its front matter, then its Markdown body.", ""},
      footer = {"", "Exit codes: 0 ok, 2 no such playbook or playbooks that do not load."})
  static final class Show implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DirOption dir = new DirOption();

    @Parameters(paramLabel = "ID", description = "The playbook's id.")
    String id;

    @Override
    public Integer call() {
      Playbooks playbooks = dir.load(spec.commandLine().getErr());
      if (playbooks == null) return 2;
      Playbook p = playbooks.byId(id);
      if (p == null) {
        throw RisklineException.badInput("expected the id of a playbook, one of "
            + playbooks.all().stream().map(Playbook::id).toList() + ", but was \"" + Text.safe(id, 80) + "\"",
            "riskline playbooks list shows them all.");
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(safe(p.id()) + ": " + safe(p.title()));
      field(out, "file", p.source());
      field(out, "owner", p.owner());
      field(out, "last reviewed", p.lastReviewed().toString());
      field(out, "controls", String.join(", ", p.appliesTo().controls()));
      field(out, "types", String.join(", ", p.appliesTo().types()));
      field(out, "pattern", p.appliesTo().pattern() == null ? "" : p.appliesTo().pattern().json());
      field(out, "rules", String.join(", ", p.rules()));
      field(out, "routes", String.join(", ", p.routes()));
      field(out, "rationale", p.rationale());
      out.println();
      p.body().lines().forEach(line -> out.println(safe(line)));
      out.flush();
      return 0;
    }

    private static void field(PrintWriter out, String name, String value) {
      out.printf("  %-14s %s%n", name + ":", value.isEmpty() ? "-" : safe(value.replace('\n', ' ').strip()));
    }

    private static String safe(String s) {
      return Text.safe(s, 4000);
    }
  }

  /** {@code playbooks lint}. */
  @Command(name = "lint", mixinStandardHelpOptions = true,
      description = {"Check that the playbooks are kept: each reviewed within --max-age-days; with --findings, "
          + "each matches some finding and every control of the findings has a playbook (other findings without "
          + "one are listed as information); with --rules and --routes, every rule and route is named by a "
          + "playbook, and every name a playbook gives exists. Each line says where, what was found and what to do.",
          ""},
      footer = {"", "Examples:",
          "  riskline playbooks lint --dir examples/playbooks",
          "  riskline playbooks lint --dir examples/playbooks --rules examples/rules "
              + "--findings examples/securityhub-findings.json --strict",
          "", "Exit codes: 0 no warnings (or warnings without --strict), 2 warnings with --strict, playbooks that do "
              + "not load, or findings that could not be read."})
  static final class Lint implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DirOption dir = new DirOption();

    @Mixin
    Options.NowOption now = new Options.NowOption();

    @Option(names = "--max-age-days", paramLabel = "N", defaultValue = "180",
        description = "Warn about playbooks last reviewed more than N days before --now. Default: ${DEFAULT-VALUE}.")
    int maxAgeDays;

    @Option(names = "--rules", paramLabel = "PATH",
        description = "Automation rule files or folders: every enabled rule should be named by a playbook's rules. "
            + "Repeatable.")
    List<Path> rules = List.of();

    @Option(names = "--routes", paramLabel = "NAME", arity = "1..*",
        description = "Route names: each should be named by a playbook's routes. Default: the routes of --config.")
    List<String> routes;

    @picocli.CommandLine.Mixin
    Options.ConfigOption configFile = new Options.ConfigOption();

    @Option(names = "--findings", paramLabel = "FILE", arity = "1..*",
        description = "Findings (files or folders, as triage reads them): every playbook should match one.")
    List<String> findings;

    @Option(names = "--strict", description = "Exit 2 when there are warnings.")
    boolean strict;

    @Override
    public Integer call() {
      if (maxAgeDays < 1) {
        throw RisklineException.badInput("--max-age-days: expected a whole number of at least 1 but was " + maxAgeDays,
            "Give the longest time between reviews in days, e.g. --max-age-days 180.");
      }
      PrintWriter err = spec.commandLine().getErr();
      Playbooks playbooks = dir.load(err);
      if (playbooks == null) return 2;
      LocalDate today = LocalDate.ofInstant(now.apply(Config.defaults()).clock().instant(), ZoneOffset.UTC);
      Config config = configFile.file == null ? null : configFile.load();
      List<String> ruleNames = !rules.isEmpty() ? RuleSet.load(rules).evaluationOrder()
          : config != null && config.rules().size() > 0 ? config.rules().evaluationOrder() : null;
      List<String> routeNames = routes != null ? routes
          : config == null || config.routes().isEmpty() ? null
          : config.routes().all().stream().map(r -> r.name()).toList();
      List<Finding> read = null;
      long rejections = 0;
      if (findings != null) {
        read = new ArrayList<>();
        Inputs inputs = new Inputs(findings);
        inputs.read(FindingReader.create(), read::add, err);
        rejections = inputs.rejections();
      }
      PrintWriter out = spec.commandLine().getOut();
      int warnings = 0;
      int info = 0;
      for (LintWarning w : playbooks.lint(today, maxAgeDays, read, ruleNames, routeNames)) {
        out.println(Text.safe(w.line(), 2000));
        if (w.info()) info++;
        else warnings++;
      }
      out.printf("%s, %d info in %s%n", RulesCommand.count(warnings, "warning"), info,
          RulesCommand.count(playbooks.size(), "playbook"));
      out.flush();
      return rejections > 0 || (strict && warnings > 0) ? 2 : 0;
    }
  }
}
