package dev.riskline.cli;

import dev.riskline.Config;
import dev.riskline.Riskline;
import dev.riskline.rules.RuleSet;
import dev.riskline.rules.Simulation;
import dev.riskline.store.FindingQuery;
import dev.riskline.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code riskline rules simulate}: what rules would do to the stored findings, counted. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Run rules over every finding in the store and count what they would do; nothing is changed. "
        + "Simulation uses the stored findings as the provider records: criteria and actions both see each "
        + "finding as it is stored (after import, with what earlier rules and people set). Prints, per rule, the "
        + "findings it matched and would change, with counts per field and new value, then the totals. With "
        + "--compare, also runs the old rules on each finding and reports the findings whose final values "
        + "differ, per field and old → new value, and the rules added, removed and changed by name. Memory "
        + "holds counts only.", ""},
    footer = {"", "Examples:",
        "  riskline rules simulate --rules automation-rules/",
        "  riskline rules simulate --rules automation-rules/ --compare deployed-rules/",
        "  riskline rules simulate --rules new.json --store 'jdbc:postgresql://127.0.0.1:5432/riskline?user=riskline'",
        "", "Exit codes: 0 ok, 2 rules that do not load or a bad option, 1 failure."})
final class SimulateCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--rules", paramLabel = "PATH", required = true,
      description = "The rules to simulate: rule files (JSON or YAML) or folders of them. Repeatable.")
  List<Path> rules;

  @Option(names = "--compare", paramLabel = "OLD_PATH",
      description = "Rules to compare with, such as the ones deployed now. Repeatable.")
  List<Path> compare = List.of();

  @Mixin
  Options.StoreOption store = new Options.StoreOption();

  @Mixin
  Options.NowOption now = new Options.NowOption();

  @Override
  public Integer call() {
    Config config = now.apply(store.apply(Config.defaults()));
    Instant at = config.clock().instant();
    RuleSet set = RuleSet.load(rules);
    Simulation simulation = compare.isEmpty() ? Simulation.of(set, at)
        : Simulation.comparing(set, RuleSet.load(compare), at);
    try (Store db = Riskline.create(config).openStore()) {
      db.forEach(FindingQuery.all(), simulation::add);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Simulated %s (%d enabled) on %s as of %s%n", RulesCommand.count(set.size(), "rule"),
        set.evaluationOrder().size(), RulesCommand.count(simulation.findings(), "stored finding"), at);
    rules(out, simulation);
    out.printf("%nTotal: %s of %s matched a rule; %s would change%n", number(simulation.matched()),
        RulesCommand.count(simulation.findings(), "finding"), number(simulation.changed()));
    for (Simulation.Tally t : simulation.totals()) out.println(newValue(t));
    if (simulation.comparing()) comparison(out, simulation);
    out.flush();
    return 0;
  }

  private static void rules(PrintWriter out, Simulation simulation) {
    if (simulation.rules().isEmpty()) return;
    Text table = new Text(false, true, true);
    table.row("RULE", "MATCHED", "CHANGED");
    for (Simulation.RuleCount r : simulation.rules()) table.row(r.rule(), number(r.matched()), number(r.changed()));
    out.println();
    out.print(table.render());
    for (Simulation.RuleCount r : simulation.rules()) {
      if (r.changes().isEmpty()) continue;
      out.println();
      out.println(RuleTestCommand.quoted(r.rule()) + " would change:");
      for (Simulation.Tally t : r.changes()) out.println(newValue(t));
    }
  }

  private void comparison(PrintWriter out, Simulation simulation) {
    String old = compare.stream().map(Path::toString).collect(Collectors.joining(", "));
    out.printf("%nCompared with %s:%n", Text.safe(old, 500));
    names(out, "added", simulation.rulesAdded());
    names(out, "removed", simulation.rulesRemoved());
    for (Map.Entry<String, List<String>> e : simulation.rulesChanged().entrySet()) {
      out.println("  rule changed: " + RuleTestCommand.quoted(e.getKey()) + ": " + String.join(", ", e.getValue()));
    }
    if (simulation.rulesAdded().isEmpty() && simulation.rulesRemoved().isEmpty()
        && simulation.rulesChanged().isEmpty()) {
      out.println("  no rule added, removed or changed");
    }
    out.printf("  %s of %s would end differently%n", number(simulation.differing()),
        RulesCommand.count(simulation.findings(), "finding"));
    for (Simulation.Tally t : simulation.differences()) {
      out.println("  " + t.field() + ": " + RuleTestCommand.show(t.before()) + " → " + RuleTestCommand.show(t.after())
          + ": " + number(t.count()));
    }
  }

  private static void names(PrintWriter out, String what, List<String> names) {
    if (names.isEmpty()) return;
    String quoted = names.stream().map(RuleTestCommand::quoted).collect(Collectors.joining(", "));
    out.println("  rules " + what + ": " + quoted);
  }

  /** {@code   Workflow.Status → SUPPRESSED: 123}. */
  private static String newValue(Simulation.Tally t) {
    return "  " + t.field() + " → " + RuleTestCommand.show(t.after()) + ": " + number(t.count());
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
