package dev.riskline.risk;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The FIRST EPSS score of one CVE on one day, as {@link Intel#epss} finds it. Immutable.
 *
 * @param score the probability of exploitation activity in the next 30 days, 0 to 1
 * @param percentile the share of scored CVEs with a lower or equal score, 0 to 1
 * @param date the file's score date (UTC)
 */
public record EpssScore(String cveId, double score, double percentile, LocalDate date) {
  public EpssScore {
    Objects.requireNonNull(cveId, "cveId");
    Objects.requireNonNull(date, "date");
    if (!(score >= 0 && score <= 1)) throw new IllegalArgumentException("EPSS score of " + cveId + ": " + score);
    if (!(percentile >= 0 && percentile <= 1)) {
      throw new IllegalArgumentException("EPSS percentile of " + cveId + ": " + percentile);
    }
  }
}
