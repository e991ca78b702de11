package dev.riskline.store;

import dev.riskline.finding.Finding;
import java.time.Instant;
import java.util.Objects;

/**
 * One accepted import of a finding, as {@link Store#history} lists them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param seq the store-wide sequence number; later imports have larger numbers
 * @param recordedAt when the store recorded it (the {@code now} of the import), to the microsecond
 * @param change {@code CREATED} or {@code UPDATED}
 * @param updatedAt the finding's {@code UpdatedAt} to the microsecond; null if it had none
 * @param finding the finding as it was held after this import
 */
public record HistoryEntry(long seq, Instant recordedAt, String change, Instant updatedAt, Finding finding) {
  public HistoryEntry {
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(finding, "finding");
  }
}
