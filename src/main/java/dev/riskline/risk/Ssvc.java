package dev.riskline.risk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The SSVC decision table of CISA's Coordinator, version 2.0.3: Exploitation, Automatable, Technical
 * Impact and Mission and Well-Being Impact in, one of Track, Track*, Attend or Act out.
 *
 * <p>The table is data, not code: {@code cisa_coordinator_2_0_3.csv} of CERTCC/SSVC, shipped under
 * {@code dev/riskline/risk/ssvc/} with its licence and a SOURCE note. {@link #cisaCoordinator()} reads it
 * from the classpath once, checks that it holds each of the 36 combinations exactly once with known
 * values, and keeps it. A broken table is our failure, not the user's: it fails with an
 * {@link IllegalStateException} that names the line and row.
 *
 * <p>Immutable and thread-safe. There are no defaults: every decision point must be given; choosing
 * what to assume when a finding says nothing (say Exploitation {@code NONE}) is the caller's business.
 */
final class Ssvc {
  static final String RESOURCE = "dev/riskline/risk/ssvc/cisa_coordinator_2_0_3.csv";
  static final String HEADER = "row,Exploitation v1.1.0,Automatable v2.0.0,Technical Impact v1.0.0,"
      + "Mission and Well-Being Impact v1.0.0,CISA Levels v1.1.0 (cisa)";
  private static final String VERSION = "CISA Coordinator 2.0.3";
  private static final List<String> COLUMNS = List.of(HEADER.split(","));
  // The table's words for each value, in the order of the enum constants (false before true).
  private static final List<String> EXPLOITATION = List.of("none", "public poc", "active");
  private static final List<String> AUTOMATABLE = List.of("no", "yes");
  private static final List<String> TECHNICAL_IMPACT = List.of("partial", "total");
  private static final List<String> MISSION_WELLBEING = List.of("low", "medium", "high");
  private static final List<String> OUTCOMES = List.of("track", "track*", "attend", "act");
  private static final int COMBINATIONS = 3 * 2 * 2 * 3;

  private static volatile Ssvc cisaCoordinator;

  private final SsvcOutcome[] outcomes;

  private Ssvc(SsvcOutcome[] outcomes) {
    this.outcomes = outcomes;
  }

  /**
   * The CISA Coordinator 2.0.3 table, read from the classpath on the first call and shared after.
   *
   * @throws IllegalStateException when the shipped table is missing or broken (naming the line and row)
   */
  static Ssvc cisaCoordinator() {
    Ssvc table = cisaCoordinator;
    if (table == null) {
      synchronized (Ssvc.class) {
        table = cisaCoordinator;
        if (table == null) {
          table = fromCsv(RESOURCE, readResource());
          cisaCoordinator = table;
        }
      }
    }
    return table;
  }

  /** Which table this is, for results to record what produced them: {@code CISA Coordinator 2.0.3}. */
  String version() {
    return VERSION;
  }

  /** The table's outcome for one combination of the four decision points. */
  SsvcOutcome decide(Exploitation exploitation, boolean automatable, boolean totalTechnicalImpact,
      MissionWellbeing missionWellbeing) {
    Objects.requireNonNull(exploitation, "exploitation");
    Objects.requireNonNull(missionWellbeing, "missionWellbeing");
    return outcomes[index(exploitation.ordinal(), automatable ? 1 : 0, totalTechnicalImpact ? 1 : 0,
        missionWellbeing.ordinal())];
  }

  /**
   * Mission and Well-Being Impact from Mission Prevalence and Public Well-Being Impact, by the 3×3
   * table of CISA's SSVC calculator ({@code docs/ssvc-calc/CISA-Coordinator.json} of CERTCC/SSVC): High
   * when the component is Essential or the harm Irreversible; Low only when both are Minimal; Medium
   * otherwise. Minimal × Material is Medium: the calculator fills that cell, which the decision point's
   * own definition ({@code ssvc:MWI:1.0.0}, Medium = Support and Minimal or Material) leaves out.
   */
  static MissionWellbeing missionWellbeing(MissionPrevalence missionPrevalence, PublicWellbeing publicWellbeing) {
    Objects.requireNonNull(missionPrevalence, "missionPrevalence");
    Objects.requireNonNull(publicWellbeing, "publicWellbeing");
    if (missionPrevalence == MissionPrevalence.ESSENTIAL || publicWellbeing == PublicWellbeing.IRREVERSIBLE) {
      return MissionWellbeing.HIGH;
    }
    if (missionPrevalence == MissionPrevalence.MINIMAL && publicWellbeing == PublicWellbeing.MINIMAL) {
      return MissionWellbeing.LOW;
    }
    return MissionWellbeing.MEDIUM;
  }

  @Override
  public String toString() {
    return VERSION;
  }

  /**
   * A table from the text of a CSV in the CERTCC/SSVC layout of {@link #HEADER}.
   *
   * @param source where the text came from, for messages
   * @throws IllegalStateException naming the line and row when a row is malformed, has an unknown value
   *     or repeats a combination, or when a combination is missing
   */
  static Ssvc fromCsv(String source, String csv) {
    List<String> lines = csv.lines().toList();
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      String found = lines.isEmpty() ? "an empty file" : "\"" + lines.get(0) + "\"";
      throw new IllegalStateException("Expected the header \"" + HEADER + "\" but was " + found
          + " at " + source + ": line 1");
    }
    SsvcOutcome[] outcomes = new SsvcOutcome[COMBINATIONS];
    int[] lineOf = new int[COMBINATIONS];
    for (int i = 1; i < lines.size(); i++) {
      int line = i + 1;
      String[] f = lines.get(i).split(",", -1);
      String at = source + ": line " + line;
      if (f.length != COLUMNS.size()) {
        throw new IllegalStateException("Expected " + COLUMNS.size() + " fields " + COLUMNS + " but found "
            + f.length + " at " + at);
      }
      if (!f[0].equals(Integer.toString(i - 1))) {
        throw new IllegalStateException("Expected row " + (i - 1) + " but was \"" + f[0] + "\" at " + at);
      }
      at += " (row " + f[0] + ")";
      int k = index(value(f, 1, EXPLOITATION, at), value(f, 2, AUTOMATABLE, at),
          value(f, 3, TECHNICAL_IMPACT, at), value(f, 4, MISSION_WELLBEING, at));
      SsvcOutcome outcome = SsvcOutcome.values()[value(f, 5, OUTCOMES, at)];
      if (outcomes[k] != null) {
        throw new IllegalStateException("Expected each combination once but " + combination(k)
            + " appears again at " + at + ", first at line " + lineOf[k]);
      }
      outcomes[k] = outcome;
      lineOf[k] = line;
    }
    List<String> missing = new ArrayList<>();
    for (int k = 0; k < COMBINATIONS; k++) {
      if (outcomes[k] == null) missing.add(combination(k));
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("Expected all " + COMBINATIONS + " combinations but " + source
          + " has no row for " + String.join("; ", missing));
    }
    return new Ssvc(outcomes);
  }

  private static int value(String[] fields, int column, List<String> words, String at) {
    int v = words.indexOf(fields[column]);
    if (v < 0) {
      throw new IllegalStateException("Expected one of " + words + " but was \"" + fields[column] + "\" at "
          + at + ", column " + COLUMNS.get(column));
    }
    return v;
  }

  private static int index(int exploitation, int automatable, int totalTechnicalImpact, int missionWellbeing) {
    return ((exploitation * 2 + automatable) * 2 + totalTechnicalImpact) * 3 + missionWellbeing;
  }

  /** The combination of an index in the table's words: {@code active, yes, total, high}. */
  private static String combination(int k) {
    return String.join(", ", EXPLOITATION.get(k / 12), AUTOMATABLE.get(k / 6 % 2),
        TECHNICAL_IMPACT.get(k / 3 % 2), MISSION_WELLBEING.get(k % 3));
  }

  private static String readResource() {
    try (InputStream in = Ssvc.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Expected the SSVC table " + RESOURCE + " on the classpath but found none");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Could not read the SSVC table " + RESOURCE + ": " + e.getMessage(), e);
    }
  }
}
