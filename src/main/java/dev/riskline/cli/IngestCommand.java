package dev.riskline.cli;

import dev.riskline.Config;
import dev.riskline.Riskline;
import dev.riskline.finding.Finding;
import dev.riskline.store.ImportBatch;
import dev.riskline.store.Store;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code riskline ingest}: findings into the store, with Security Hub's import semantics. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Read findings in any accepted format and import them into the store: new findings are "
        + "created, newer records update them (keeping Workflow, Note, UserDefinedFields and "
        + "VerificationState), records that are not newer change nothing. Every accepted import is kept in "
        + "the finding's history.", ""},
    footer = {"", "Examples:",
        "  riskline ingest examples/",
        "  aws securityhub get-findings --output json | riskline ingest -",
        "  riskline ingest --store 'jdbc:postgresql://127.0.0.1:5432/riskline?user=riskline' exports/*.json",
        "  riskline ingest --rules automation-rules/ findings.json",
        "  riskline ingest --kev kev.json --epss epss_scores-2026-10-31.csv.gz findings.json",
        "", "Prints: ingested N (created + updated), unchanged U (not newer than what is stored), rejected R.",
        "Ingesting the same files again prints ingested 0. Exit codes: 0 ok, 2 some input rejected, 1 failure."})
final class IngestCommand implements Callable<Integer> {
  static final int BATCH = 500;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  Options.StoreOption store = new Options.StoreOption();

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
  public Integer call() {
    Config config = intel.apply(rules.apply(now.apply(store.apply(configFile.load()))));
    Riskline engine = Riskline.create(config);
    PrintWriter out = spec.commandLine().getOut();
    Inputs inputs = new Inputs(files);
    try (Store db = engine.openStore()) {
      Counts counts = ingest(engine.withAcceptancesFrom(db), db, inputs, spec.commandLine().getErr());
      out.printf("ingested %d, unchanged %d, rejected %d%n", counts.ingested, counts.unchanged, inputs.rejections());
      out.flush();
    }
    return inputs.rejections() > 0 ? 2 : 0;
  }

  /** What an ingest did. */
  static final class Counts {
    long created;
    long updated;
    long ingested;
    long unchanged;
  }

  static Counts ingest(Riskline engine, Store db, Inputs inputs, PrintWriter err) {
    Counts counts = new Counts();
    List<Finding> batch = new ArrayList<>(BATCH);
    inputs.read(engine.reader(), f -> {
      batch.add(f);
      if (batch.size() == BATCH) flush(engine, db, batch, counts);
    }, err);
    flush(engine, db, batch, counts);
    return counts;
  }

  private static void flush(Riskline engine, Store db, List<Finding> batch, Counts counts) {
    if (batch.isEmpty()) return;
    ImportBatch done = db.importBatch(batch, engine.config().clock().instant(), engine.storeTriager());
    counts.created += done.created();
    counts.updated += done.updated();
    counts.ingested += done.created() + done.updated();
    counts.unchanged += done.stale();
    batch.clear();
  }
}
