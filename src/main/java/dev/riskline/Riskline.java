package dev.riskline;

import dev.riskline.finding.Finding;
import dev.riskline.finding.RisklineException;
import dev.riskline.rules.Applied;
import dev.riskline.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import dev.riskline.read.FindingReader;
import dev.riskline.schedule.State;
import java.util.Objects;

/**
 * The engine. Built once from a {@link Config} by {@link #create}; immutable and thread-safe. The
 * middle of the pipeline ({@link #triage}) is pure: an imported finding in, decisions out.
 */
public final class Riskline {
  private final Config config;
  private final FindingReader reader;

  private Riskline(Config config) {
    this.config = config;
    this.reader = FindingReader.create();
  }

  public static Riskline create(Config config) {
    return new Riskline(Objects.requireNonNull(config, "config"));
  }

  public Config config() {
    return config;
  }

  /** The reader of every accepted finding format. */
  public FindingReader reader() {
    return reader;
  }

  /**
   * The pipeline after import for one finding: the automation rules (criteria evaluated on the
   * provider's record, actions applied to the imported finding), then the state.
   *
   * @param provider the record as the provider sent it
   * @param imported the finding as imported (merged with what was held)
   */
  public TriageResult triage(Finding provider, Finding imported) {
    Applied applied = config.rules().apply(provider, imported, config.clock().instant());
    Finding result = applied.result();
    return new TriageResult(result, applied.matchedRules(), State.of(result));
  }

  /** The pipeline for a stored finding, without rules (they ran when it was imported). */
  public TriageResult evaluate(Finding stored) {
    return new TriageResult(stored, List.of(), State.of(stored));
  }

  /** Opens the configured store: the embedded H2 store in the home folder unless a URL is set. */
  public Store openStore() {
    String url = config.storeUrl();
    if (url == null) {
      try {
        Files.createDirectories(config.home());
      } catch (IOException e) {
        throw new RisklineException("Cannot create the store folder " + config.home().toAbsolutePath() + ": "
            + e.getMessage(), "Run Riskline in a folder you can write to, or use --store URL.", false, e);
      }
      url = Store.defaultUrl(config.home());
    }
    return Store.open(url);
  }

  /** A new in-memory triage run, its temporary file in the system's temporary folder; close it when done. */
  public Triage newTriage() {
    return new Triage(this, null);
  }

  /** A new in-memory triage run with its temporary file in {@code dir} (best: the output's folder). */
  public Triage newTriage(java.nio.file.Path dir) {
    return new Triage(this, dir);
  }
}
