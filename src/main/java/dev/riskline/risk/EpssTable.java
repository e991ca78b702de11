package dev.riskline.risk;

import dev.riskline.risk.Intel.EpssMeta;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;

/**
 * EPSS scores of one day in three parallel arrays sorted by CVE key ({@link CveIds}): 16 bytes a CVE, about
 * 5 MB for the 320,000 CVEs of a 2026 file; looked up by binary search. Scores and percentiles are held as
 * floats (the published values have at most 5 significant digits) and handed out as the shortest decimal
 * of that float, so {@code 0.00046} reads back as {@code 0.00046}. Immutable after construction, so
 * thread-safe; the arrays are never handed out.
 */
final class EpssTable {
  private final EpssMeta meta;
  private final LocalDate date;
  private final long[] keys;
  private final float[] scores;
  private final float[] percentiles;

  /**
   * @param keys distinct CVE keys in ascending order
   * @param scores the score of each key
   * @param percentiles the percentile of each key
   */
  EpssTable(EpssMeta meta, long[] keys, float[] scores, float[] percentiles) {
    if (keys.length != scores.length || keys.length != percentiles.length || keys.length != meta.count()) {
      throw new IllegalArgumentException("EPSS arrays of " + keys.length + ", " + scores.length + " and "
          + percentiles.length + " values for a count of " + meta.count());
    }
    for (int i = 1; i < keys.length; i++) {
      if (keys[i - 1] >= keys[i]) throw new IllegalArgumentException("EPSS keys not ascending at " + i);
    }
    this.meta = meta;
    this.date = meta.scoreDay();
    this.keys = keys;
    this.scores = scores;
    this.percentiles = percentiles;
  }

  EpssMeta meta() {
    return meta;
  }

  Optional<EpssScore> find(String cveId) {
    long key = CveIds.key(cveId);
    if (key == CveIds.NONE) return Optional.empty();
    int i = Arrays.binarySearch(keys, key);
    if (i < 0) return Optional.empty();
    return Optional.of(new EpssScore(cveId, decimal(scores[i]), decimal(percentiles[i]), date));
  }

  /** The double whose shortest decimal is the float's: 0.00046f gives 0.00046, not 4.6000001E-4. */
  static double decimal(float f) {
    return Double.parseDouble(Float.toString(f));
  }
}
