package dev.riskline;

import dev.riskline.finding.Finding;
import dev.riskline.finding.Imports;
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

  /** The pipeline after import, for one finding. */
  public TriageResult triage(Imports.Result imported) {
    Finding f = imported.finding();
    return new TriageResult(f, imported.outcome(), State.of(f));
  }

  /** A new in-memory triage run; close it when done to remove its temporary file. */
  public Triage newTriage() {
    return new Triage(this);
  }
}
