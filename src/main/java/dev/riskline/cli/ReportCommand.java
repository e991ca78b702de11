package dev.riskline.cli;

import dev.riskline.Config;
import dev.riskline.Pipeline;
import dev.riskline.Riskline;
import dev.riskline.Triage;
import dev.riskline.store.FindingQuery;
import dev.riskline.store.Store;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code riskline report}: the self-contained HTML report, of the store or of files triaged in memory. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write a self-contained HTML report (no scripts, no outside links): the risk heat map, "
        + "counts by state, SLA compliance, the overdue findings and the work list by due date with every "
        + "finding's reasons, the schedule and the threat intelligence versions. Reads the store, or the "
        + "files given (triaged in memory).", ""},
    footer = {"", "Examples:",
        "  riskline report --out report.html",
        "  riskline report --out report.html --store 'jdbc:postgresql://127.0.0.1:5432/riskline?user=riskline'",
        "  riskline report --out report.html --rules automation-rules/ --kev kev.json findings.json",
        "", "Exit codes: 0 ok, 2 bad input (some records rejected), 1 failure."})
final class ReportCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "html",
      description = "html (the only format so far). Default: ${DEFAULT-VALUE}.")
  Kind format;

  @Option(names = "--limit", defaultValue = "500",
      description = "At most this many findings in each list. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Mixin
  Options.OutOption out = new Options.OutOption();
  @Mixin
  Options.ConfigOption configFile = new Options.ConfigOption();
  @Mixin
  Options.StoreOption store = new Options.StoreOption();
  @Mixin
  Options.NowOption now = new Options.NowOption();
  @Mixin
  Options.RulesOption rules = new Options.RulesOption();
  @Mixin
  Options.IntelOption intel = new Options.IntelOption();

  @Parameters(paramLabel = "FILE", arity = "0..*",
      description = "Findings to triage in memory instead of reading the store.")
  List<String> files;

  enum Kind { html }

  @Override
  public Integer call() throws Exception {
    out.check();
    Config config = intel.apply(rules.apply(now.apply(store.apply(configFile.load()))));
    Riskline engine = Riskline.create(config);
    HtmlReport report = new HtmlReport(config.risk().matrix(), config.sla(), Math.max(1, limit));
    String source;
    int code = 0;
    if (files != null && !files.isEmpty()) {
      Inputs inputs = new Inputs(files);
      try (Triage run = engine.newTriage()) {
        try (Pipeline p = run.pipeline()) {
          inputs.read(engine.reader(), p, spec.commandLine().getErr());
        }
        run.forEach(report::add);
      }
      source = String.join(", ", files);
      code = inputs.rejections() > 0 ? 2 : 0;
    } else {
      try (Store db = engine.openStore()) {
        Riskline withAcceptances = engine.withAcceptancesFrom(db);
        db.forEachScheduled(FindingQuery.all(),
            (f, previous) -> report.add(f, withAcceptances.evaluate(f, previous).riskline()));
      }
      source = "the store";
    }
    try (PrintWriter w = new PrintWriter(new OutputStreamWriter(out.open(), StandardCharsets.UTF_8))) {
      report.write(w, config.clock().instant(), source, IntelText.lines(config.intel()));
    }
    if (out.out != null) {
      spec.commandLine().getErr().println("riskline: wrote the report to " + out.out);
    }
    return code;
  }
}
