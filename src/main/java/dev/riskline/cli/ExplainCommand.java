package dev.riskline.cli;

import dev.riskline.Config;
import dev.riskline.Pipeline;
import dev.riskline.Riskline;
import dev.riskline.Triage;
import dev.riskline.TriageResult;
import dev.riskline.finding.Finding;
import dev.riskline.finding.RisklineException;
import dev.riskline.risk.Assessment;
import dev.riskline.risk.Reason;
import dev.riskline.schedule.Scheduled;
import dev.riskline.store.FindingQuery;
import dev.riskline.store.Store;
import java.io.PrintWriter;
import java.util.List;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code riskline explain ID}: why one finding has its rating, due date and state. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Explain one finding: the automation rules that matched, each step of its risk rating "
        + "(impact from severity and policy, likelihood from evidence, the matrix or SSVC decision), its "
        + "due date and its state. Reads the store, or triages the files given.", ""},
    footer = {"", "Examples:",
        "  riskline explain arn:aws:inspector2:us-east-1:111122223333:finding/0a1b2c",
        "  riskline explain --kev kev.json --epss epss.csv.gz FINDING-ID findings.json",
        "", "Exit codes: 0 ok, 2 no such finding, 1 failure."})
final class ExplainCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

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

  @Parameters(index = "0", paramLabel = "ID", description = "The finding's Id (as in ASFF).")
  String id;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "FILE",
      description = "Findings to triage in memory instead of reading the store.")
  List<String> files;

  @Override
  public Integer call() throws Exception {
    Config config = intel.apply(rules.apply(now.apply(store.apply(configFile.load()))));
    Riskline engine = Riskline.create(config);
    PrintWriter out = spec.commandLine().getOut();
    boolean stored = files == null || files.isEmpty();
    TriageResult found = stored ? fromStore(engine) : fromFiles(engine);
    if (found == null) {
      throw RisklineException.badInput("No finding with Id " + Text.safe(id, 200)
          + (stored ? " in the store" : " in " + String.join(", ", files)),
          stored ? "List findings with: riskline findings list --text TEXT"
              : "List the findings' Ids with: riskline triage --format csv FILE... (the Id column)");
    }
    out.print(render(found, config, stored));
    out.flush();
    return 0;
  }

  private TriageResult fromStore(Riskline engine) {
    TriageResult[] found = {null};
    try (Store db = engine.openStore()) {
      Riskline withAcceptances = engine.withAcceptancesFrom(db);
      db.forEachScheduled(FindingQuery.all().withText(id), (f, previous) -> {
        if (found[0] == null && id.equals(f.id())) found[0] = withAcceptances.evaluate(f, previous);
      });
    }
    return found[0];
  }

  private TriageResult fromFiles(Riskline engine) throws java.io.IOException {
    Inputs inputs = new Inputs(files);
    TriageResult[] found = {null};
    try (Triage run = engine.newTriage()) {
      try (Pipeline p = run.pipeline()) {
        inputs.read(engine.reader(), p, spec.commandLine().getErr());
      }
      run.forEach((f, riskline) -> {
        if (found[0] == null && id.equals(f.id())) {
          @SuppressWarnings("unchecked")
          List<String> matched = riskline.get("Rules") instanceof List<?> l ? (List<String>) l : List.of();
          TriageResult r = engine.evaluate(f);
          found[0] = new TriageResult(f, matched, r.risk(), r.schedule(), r.change(), r.routes(), r.playbook());
        }
      });
    }
    return found[0];
  }

  static String render(TriageResult r, Config config, boolean stored) {
    Finding f = r.finding();
    StringBuilder b = new StringBuilder();
    b.append(Text.safe(String.valueOf(f.title()), 200)).append('\n');
    line(b, "Id", f.id());
    line(b, "Product", f.productName() + " (" + f.productArn() + ")");
    line(b, "Account", f.awsAccountId() + (f.awsAccountName() == null ? "" : " (" + f.awsAccountName() + ")"));
    line(b, "Resource", f.resources().isEmpty() ? "-" : f.resources().get(0).type() + " " + f.resources().get(0).id());
    line(b, "Subject", Summary.subject(f));
    line(b, "Severity", String.valueOf(f.severityLabel()));
    if (r.playbook() != null) line(b, "Playbook", r.playbook());
    line(b, "Rules", stored ? "applied when it was imported; the store keeps their changes (above), not their names"
        : r.rules().isEmpty() ? "none matched" : String.join(", ", r.rules()));
    Assessment a = r.risk();
    b.append('\n');
    b.append("Risk: ").append(a.rating());
    if (a.rated()) {
      b.append(" (likelihood ").append(a.likelihood()).append(" × impact ").append(a.impact()).append(", ")
          .append(a.model().equals("ssvc") ? "SSVC" : config.risk().matrix().name() + " matrix").append(')');
    }
    b.append('\n');
    int n = 1;
    for (Reason reason : a.reasons()) {
      b.append(String.format("  %d. %-10s %s%n", n++, reason.factor(), Text.safe(reason.detail(), 300)));
    }
    Scheduled s = r.schedule();
    b.append('\n').append("Schedule: ").append(s.state());
    if (s.due() != null) b.append(", due ").append(s.due().toString(), 0, 10);
    if (s.start() != null) b.append(" (clock started ").append(s.start().toString(), 0, 10).append(')');
    if (s.slaMet() != null) b.append(s.slaMet() ? ", resolved within its SLA" : ", resolved after its due date");
    b.append('\n');
    for (Reason reason : s.reasons()) {
      b.append(String.format("  - %s%n", Text.safe(reason.detail(), 300)));
    }
    List<String> intel = IntelText.lines(config.intel());
    if (!intel.isEmpty()) {
      b.append('\n').append("Threat intelligence:").append('\n');
      for (String l : intel) b.append("  ").append(l).append('\n');
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String label, String value) {
    b.append(String.format("  %-9s %s%n", label, Text.safe(String.valueOf(value), 200)));
  }

}
