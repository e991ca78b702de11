package dev.riskline.cli;

import dev.riskline.Config;
import dev.riskline.Pipeline;
import dev.riskline.Riskline;
import dev.riskline.Triage;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code riskline triage}: findings in, one triage result per finding identity out; nothing stored. */
@Command(name = "triage", mixinStandardHelpOptions = true,
    description = {"Read findings in any accepted format, apply Security Hub's import semantics in memory, "
        + "and print one result per finding: the ASFF finding plus a Riskline object.", ""},
    footer = {"", "Examples:",
        "  riskline triage findings.json",
        "  aws securityhub get-findings | riskline triage --format table",
        "  riskline triage --format ndjson --out triaged.ndjson exports/ events.ndjson",
        "  riskline triage --format csv inspector.json.gz > findings.csv",
        "  riskline triage --rules automation-rules/ --now 2026-12-01T00:00:00Z findings.json",
        "  riskline triage --kev kev.json --epss epss_scores-2026-10-31.csv.gz findings.json",
        "", "Rejected records go to stderr with file, record, JSON path and reason; the rest is still printed.",
        "Exit codes: 0 ok, 2 some input rejected, 1 failure."})
final class TriageCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
      description = "table, ndjson, json or csv. Default: table on a terminal, ndjson otherwise.")
  Options.Format format;

  @Mixin
  Options.OutOption out = new Options.OutOption();

  @Mixin
  Options.ConfigOption configFile = new Options.ConfigOption();

  @Mixin
  Options.NowOption now = new Options.NowOption();

  @Mixin
  Options.RulesOption rules = new Options.RulesOption();

  @Mixin
  Options.IntelOption intel = new Options.IntelOption();

  @Parameters(paramLabel = "FILE", arity = "0..*",
      description = "Files or folders to read (.json, .ndjson, .jsonl, optionally .gz); - or none for stdin.")
  List<String> files;

  @Override
  public Integer call() throws Exception {
    out.check();
    Config config = intel.apply(rules.apply(now.apply(configFile.load())));
    Riskline engine = Riskline.create(config);
    PrintWriter err = spec.commandLine().getErr();
    Inputs inputs = new Inputs(files);
    Options.Format fmt = format != null ? format : Options.defaultFormat(out.out);
    java.nio.file.Path target = out.out == null ? null : out.out.toAbsolutePath();
    try (Triage run = target == null ? engine.newTriage() : engine.newTriage(target.getParent())) {
      try (Pipeline pipeline = run.pipeline()) {
        inputs.read(engine.reader(), pipeline, err);
      }
      if (fmt == Options.Format.ndjson && target != null) {
        run.writeNdjson(target);
      } else {
        try (OutputStream o = out.open()) {
          write(run, fmt, o, inputs, engine.config().risk().matrix());
        }
      }
    }
    return inputs.rejections() > 0 ? 2 : 0;
  }

  static void write(Triage run, Options.Format fmt, OutputStream o, Inputs inputs,
      dev.riskline.risk.Matrix matrix) throws java.io.IOException {
    switch (fmt) {
      case ndjson -> run.writeNdjson(o);
      case json -> run.writeJsonArray(o);
      case csv -> {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8));
        Csv.header(w);
        run.forEach((f, r) -> Csv.row(w, f, String.valueOf(r.get("State"))));
        w.flush();
      }
      case table -> {
        Summary summary = new Summary(matrix, 15);
        run.forEach(summary::add);
        PrintWriter w = new PrintWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8));
        w.printf(java.util.Locale.ROOT,
            "Triaged %,d findings from %,d records (%,d updated in this run, %,d stale), %,d rejected%n%n",
            run.size(), inputs.findings(), run.updated(), run.stale(), inputs.rejections());
        w.print(summary.render());
        w.flush();
      }
      default -> throw new IllegalStateException("format " + fmt);
    }
  }
}
