package dev.riskline.risk;

import java.util.Optional;

/** Placeholder until the intel loader lands. */
public final class Intel {
  public static Intel none() {
    return new Intel();
  }

  public static Intel load(java.nio.file.Path kev, java.nio.file.Path epss) {
    return new Intel();
  }

  public Optional<KevEntry> kev(String cve) {
    return Optional.empty();
  }

  public Optional<EpssScore> epss(String cve) {
    return Optional.empty();
  }
}
