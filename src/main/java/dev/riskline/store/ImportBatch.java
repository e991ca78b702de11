package dev.riskline.store;

import dev.riskline.finding.Imports;
import java.util.List;

/**
 * What {@link Store#importBatch} did: one result per record given, in the same order, each with its
 * outcome and the finding now held for that identity (the held one when the record was STALE).
 *
 * <p>Immutable and thread-safe.
 */
public record ImportBatch(List<Imports.Result> results) {
  public ImportBatch {
    results = List.copyOf(results);
  }

  /** Records whose identity was new. */
  public long created() {
    return count(Imports.Outcome.CREATED);
  }

  /** Records that replaced a held finding. */
  public long updated() {
    return count(Imports.Outcome.UPDATED);
  }

  /** Records ignored because they were not newer than what was held. */
  public long stale() {
    return count(Imports.Outcome.STALE);
  }

  private long count(Imports.Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }
}
