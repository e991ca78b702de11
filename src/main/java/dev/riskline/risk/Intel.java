package dev.riskline.risk;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Threat intelligence looked up by CVE id: the CISA Known Exploited Vulnerabilities catalog and the FIRST
 * EPSS scores of one day. Both are read from files as CISA and Empirical Security publish them
 * ({@code known_exploited_vulnerabilities.json}; {@code epss_scores-YYYY-MM-DD.csv.gz}, gzipped or plain),
 * and checked completely when loaded: a bad file fails with every problem (file, where, what was found, what
 * was expected), never half-loaded. The EPSS table is compact: about 16 bytes a CVE.
 *
 * <p>Look-ups take the canonical id {@code CVE-YYYY-NNNN...}, case-sensitive; anything else (a GHSA or ALAS
 * id, {@code cve-2021-44228}) finds nothing. No score is not a score of 0: EPSS scores published CVEs only.
 *
 * <p>Immutable and thread-safe. Default: {@link #none()}, nothing loaded, every look-up empty.
 */
public final class Intel {
  private static final Intel NONE = new Intel(null, Map.of(), null);

  private final KevCatalog kevCatalog;
  private final Map<String, KevEntry> kev;
  private final EpssTable epss;

  private Intel(KevCatalog kevCatalog, Map<String, KevEntry> kev, EpssTable epss) {
    this.kevCatalog = kevCatalog;
    this.kev = kev;
    this.epss = epss;
  }

  /** No intelligence: every look-up is empty. */
  public static Intel none() {
    return NONE;
  }

  /**
   * The KEV catalog and the EPSS scores in these files; either may be null (not loaded).
   *
   * @throws dev.riskline.finding.RisklineException bad input listing every problem of a file that cannot be
   *     read or is not as published
   */
  public static Intel load(Path kevFile, Path epssFile) {
    Intel intel = NONE;
    if (kevFile != null) intel = intel.withKev(kevFile);
    if (epssFile != null) intel = intel.withEpss(epssFile);
    return intel;
  }

  /** This intelligence with the KEV catalog in the file instead of the current one; checked as by {@link #load}. */
  public Intel withKev(Path kevFile) {
    KevReader.Kev read = KevReader.read(Objects.requireNonNull(kevFile, "kevFile"));
    return new Intel(read.catalog(), read.entries(), epss);
  }

  /** This intelligence with the EPSS scores in the file instead of the current ones; checked as by {@link #load}. */
  public Intel withEpss(Path epssFile) {
    return new Intel(kevCatalog, kev, EpssReader.read(Objects.requireNonNull(epssFile, "epssFile")));
  }

  /**
   * This intelligence with a KEV catalog given in memory, as tests and other sources build it.
   *
   * @param catalog its {@code count} must be the number of entries
   * @param entries distinct CVE ids
   */
  public Intel withKev(KevCatalog catalog, Collection<KevEntry> entries) {
    Objects.requireNonNull(catalog, "catalog");
    Map<String, KevEntry> byId = new HashMap<>();
    for (KevEntry e : entries) {
      if (byId.put(e.cveId(), e) != null) throw new IllegalArgumentException("KEV entry " + e.cveId() + " given twice");
    }
    if (catalog.count() != byId.size()) {
      throw new IllegalArgumentException("KEV catalog count " + catalog.count() + " but " + byId.size() + " entries");
    }
    return new Intel(catalog, Map.copyOf(byId), epss);
  }

  /**
   * This intelligence with EPSS scores given in memory, as tests and other sources build them.
   *
   * @param meta its {@code count} must be the number of scores
   * @param scores distinct canonical CVE ids with at most 10 digits in the number; their dates are ignored
   *     (a score's date is the meta's score date)
   */
  public Intel withEpss(EpssMeta meta, Collection<EpssScore> scores) {
    Objects.requireNonNull(meta, "meta");
    long[] keys = new long[scores.size()];
    int i = 0;
    for (EpssScore s : scores) {
      keys[i] = CveIds.key(s.cveId());
      if (keys[i++] == CveIds.NONE) throw new IllegalArgumentException("not a canonical CVE id: " + s.cveId());
    }
    long[] sorted = keys.clone();
    Arrays.sort(sorted);
    for (int j = 1; j < sorted.length; j++) {
      if (sorted[j] == sorted[j - 1]) throw new IllegalArgumentException("EPSS score of " + CveIds.id(sorted[j]) + " given twice");
    }
    float[] score = new float[keys.length];
    float[] percentile = new float[keys.length];
    i = 0;
    for (EpssScore s : scores) {
      int at = Arrays.binarySearch(sorted, keys[i++]);
      score[at] = (float) s.score();
      percentile[at] = (float) s.percentile();
    }
    return new Intel(kevCatalog, kev, new EpssTable(meta, sorted, score, percentile));
  }

  /** The KEV entry of a CVE, when the catalog lists it. */
  public Optional<KevEntry> kev(String cveId) {
    return cveId == null ? Optional.empty() : Optional.ofNullable(kev.get(cveId));
  }

  /** The EPSS score of a CVE, when the scores include it. */
  public Optional<EpssScore> epss(String cveId) {
    return epss == null ? Optional.empty() : epss.find(cveId);
  }

  /** What KEV catalog is loaded, or null when none is. */
  public KevCatalog kevCatalog() {
    return kevCatalog;
  }

  /** What EPSS scores are loaded, or null when none are. */
  public EpssMeta epssMeta() {
    return epss == null ? null : epss.meta();
  }

  @Override
  public String toString() {
    return "Intel[kev=" + kevCatalog + ", epss=" + epssMeta() + "]";
  }

  /**
   * The loaded KEV catalog.
   *
   * @param catalogVersion such as {@code 2025.08.25}
   * @param dateReleased when CISA released this version
   * @param count the number of entries
   * @param source the file it was read from, or null when it was given in memory
   */
  public record KevCatalog(String catalogVersion, Instant dateReleased, int count, Path source) {
    public KevCatalog {
      Objects.requireNonNull(catalogVersion, "catalogVersion");
      Objects.requireNonNull(dateReleased, "dateReleased");
      if (count < 0) throw new IllegalArgumentException("KEV count " + count);
    }
  }

  /**
   * The loaded EPSS scores.
   *
   * @param modelVersion such as {@code v2025.03.14}; thresholds tuned on one model may not fit the next
   * @param scoreDate the file's {@code score_date}
   * @param count the number of CVEs scored
   * @param source the file it was read from, or null when it was given in memory
   */
  public record EpssMeta(String modelVersion, Instant scoreDate, int count, Path source) {
    public EpssMeta {
      Objects.requireNonNull(modelVersion, "modelVersion");
      Objects.requireNonNull(scoreDate, "scoreDate");
      if (count < 0) throw new IllegalArgumentException("EPSS count " + count);
    }

    /** The day of the scores, UTC. */
    public LocalDate scoreDay() {
      return LocalDate.ofInstant(scoreDate, ZoneOffset.UTC);
    }
  }
}
