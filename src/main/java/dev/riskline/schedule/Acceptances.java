package dev.riskline.schedule;

import dev.riskline.finding.Finding;
import java.time.Instant;
import java.util.Optional;

/** Placeholder until acceptances land. */
public final class Acceptances {
  public static Acceptances none() {
    return new Acceptances();
  }

  public Optional<Acceptance> covering(Finding f, Instant now) {
    return Optional.empty();
  }
}
