package dev.riskline.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing someone did to a risk acceptance, as {@link StoreAcceptances#history} lists them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param seq the store-wide sequence number; later events have larger numbers
 * @param acceptanceId the acceptance's id
 * @param at when it happened (the {@code now} of the call), to the microsecond
 * @param event {@code CREATED} or {@code REVOKED}
 * @param actor who did it: the owner for CREATED, the revoker for REVOKED
 * @param detail the reason given
 */
public record AcceptanceEvent(long seq, String acceptanceId, Instant at, String event, String actor, String detail) {
  public AcceptanceEvent {
    Objects.requireNonNull(acceptanceId, "acceptanceId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(actor, "actor");
  }
}
