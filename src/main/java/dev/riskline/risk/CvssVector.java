package dev.riskline.risk;

import dev.riskline.finding.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import us.springett.cvss.Cvss;

/**
 * A CVSS vector as a finding carries it (version 2.0, 3.0, 3.1 or 4.0), read once: its version, its
 * metrics, its base score, and the two SSVC decision points CVSS can stand in for when no published SSVC
 * decision is at hand: {@link #automatable()} and {@link #totalTechnicalImpact()}.
 *
 * <p>Reading never throws on what a finding holds. {@link #parse} gives empty for a missing vector (null
 * or blank) and for a malformed one; {@link #problem} says what is wrong with a malformed one, so the
 * caller records the reason and goes on. Scores come from {@code us.springett:cvss-calculator}, which
 * also checks metric names, values and the mandatory metrics; the metrics themselves are read from the
 * vector's text, where each must be {@code METRIC:VALUE} and appear once.
 *
 * <p>Immutable and thread-safe. Defaults: surrounding blanks are ignored; a vector without a
 * {@code CVSS:} prefix is version 2 (with or without its parentheses); a metric the vector leaves out is
 * Not Defined, so {@link #metric} is empty for it.
 */
final class CvssVector {
  private static final Map<String, String> PREFIXES = Map.of("CVSS:3.0", "3.0", "CVSS:3.1", "3.1",
      "CVSS:4.0", "4.0");
  private static final List<String> V4_BASE_METRICS = List.of("AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA",
      "SC", "SI", "SA");
  private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

  private final String vector;
  private final String version;
  private final Map<String, String> metrics;
  private final double baseScore;

  private CvssVector(String vector, String version, Map<String, String> metrics, double baseScore) {
    this.vector = vector;
    this.version = version;
    this.metrics = metrics;
    this.baseScore = baseScore;
  }

  /**
   * The vector read, or empty when there is none (null or blank) or it is malformed; {@link #problem}
   * tells the two apart.
   */
  static Optional<CvssVector> parse(String vector) {
    return Optional.ofNullable(read(vector).vector());
  }

  /**
   * What is wrong with a malformed vector, as {@code Malformed CVSS 3.1 vector "<vector>": <what was
   * expected and found>}; empty when the vector reads, or when there is none (null or blank).
   */
  static Optional<String> problem(String vector) {
    return Optional.ofNullable(read(vector).problem());
  }

  /** The vector as read, without surrounding blanks. */
  String vector() {
    return vector;
  }

  /** {@code 2.0}, {@code 3.0}, {@code 3.1} or {@code 4.0}. */
  String version() {
    return version;
  }

  /**
   * The score of the base metrics alone, 0.0 to 10.0. Temporal, threat and environmental metrics in the
   * vector do not change it: for 4.0 that means CVSS-B, scored from the vector's base metrics only.
   */
  double baseScore() {
    return baseScore;
  }

  /**
   * SSVC Automatable (can attackers reliably automate reconnaissance, weaponization, delivery and
   * exploitation?), judged from the base metrics: reachable over the network, low complexity, no
   * privileges or authentication, no user interaction. For 3.x AV:N, AC:L, PR:N and UI:N; for 4.0 AV:N,
   * AC:L, AT:N, PR:N and UI:N, unless the vector has the supplemental metric AU (Automatable, SSVC's own
   * definition), which then decides; for 2.0 AV:N, AC:L and Au:N.
   */
  boolean automatable() {
    return switch (version) {
      case "4.0" -> switch (metrics.getOrDefault("AU", "X")) {
        case "Y" -> true;
        case "N" -> false;
        default -> is("AV", "N") && is("AC", "L") && is("AT", "N") && is("PR", "N") && is("UI", "N");
      };
      case "2.0" -> is("AV", "N") && is("AC", "L") && is("Au", "N");
      default -> is("AV", "N") && is("AC", "L") && is("PR", "N") && is("UI", "N");
    };
  }

  /**
   * SSVC Technical Impact Total ("total control over the behavior of the software, or total disclosure of
   * all information on the system"), judged as high confidentiality and high integrity impact together:
   * the attacker can read and change everything the component holds; availability adds nothing once
   * integrity is lost, and CVSS gives high confidentiality alone also to the disclosure of only some
   * restricted information. For 3.x C:H and I:H; for 4.0 VC:H and VI:H (the vulnerable system, not
   * subsequent ones); for 2.0 C:C and I:C. Otherwise Partial (false).
   */
  boolean totalTechnicalImpact() {
    return switch (version) {
      case "4.0" -> is("VC", "H") && is("VI", "H");
      case "2.0" -> is("C", "C") && is("I", "C");
      default -> is("C", "H") && is("I", "H");
    };
  }

  /**
   * The value of one metric as the vector writes it ({@code metric("AV")} is {@code N} for
   * {@code .../AV:N/...}); empty when the vector leaves it out (Not Defined). Keys are case-sensitive, as
   * in CVSS ({@code Au} in version 2).
   */
  Optional<String> metric(String key) {
    return Optional.ofNullable(metrics.get(key));
  }

  @Override
  public String toString() {
    return vector;
  }

  private boolean is(String key, String value) {
    return value.equals(metrics.get(key));
  }

  private record Reading(CvssVector vector, String problem) {}

  private static Reading read(String text) {
    if (text == null || text.isBlank()) return new Reading(null, null);
    String v = text.strip();
    String version;
    String body;
    if (v.startsWith("CVSS:")) {
      int slash = v.indexOf('/');
      String prefix = slash < 0 ? v : v.substring(0, slash);
      version = PREFIXES.get(prefix);
      if (version == null) {
        return malformed(v, null, "expected CVSS:3.0, CVSS:3.1, CVSS:4.0 or a version 2 vector (no prefix) but"
            + " the prefix is " + Problem.describe(prefix));
      }
      body = slash < 0 ? "" : v.substring(slash + 1);
    } else if (v.startsWith("AV:") || v.startsWith("(AV:")) {
      version = "2.0";
      body = v.startsWith("(") && v.endsWith(")") ? v.substring(1, v.length() - 1) : v;
    } else {
      return malformed(v, null, "expected CVSS:3.0/, CVSS:3.1/, CVSS:4.0/ or a version 2 vector (AV:...) at the"
          + " start");
    }
    Map<String, String> metrics = new LinkedHashMap<>();
    for (String segment : body.isEmpty() ? new String[0] : body.split("/")) {
      String[] kv = segment.split(":", -1);
      if (kv.length != 2 || !WORD.matcher(kv[0]).matches() || !WORD.matcher(kv[1]).matches()) {
        return malformed(v, version, "expected METRIC:VALUE but found " + Problem.describe(segment));
      }
      if (metrics.putIfAbsent(kv[0], kv[1]) != null) {
        return malformed(v, version, "expected each metric once but " + kv[0] + " appears again");
      }
    }
    try {
      Cvss cvss = Cvss.fromVector(v);
      if (cvss == null) return malformed(v, version, "the calculator does not read it");
      double base = "4.0".equals(version) ? v4BaseOnly(metrics).calculateScore().getBaseScore()
          : cvss.calculateScore().getBaseScore();
      return new Reading(new CvssVector(v, version, Map.copyOf(metrics), base), null);
    } catch (RuntimeException e) {
      // The calculator reports malformed vectors with MalformedVectorException; anything else it throws on
      // a finding's vector is still bad input, never a reason to stop.
      return malformed(v, version, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  /** Threat, environmental and supplemental metrics all change a 4.0 score; CVSS-B is the base part alone. */
  private static Cvss v4BaseOnly(Map<String, String> metrics) {
    StringBuilder b = new StringBuilder("CVSS:4.0");
    for (String key : V4_BASE_METRICS) {
      b.append('/').append(key).append(':').append(metrics.get(key));
    }
    return Cvss.fromVector(b.toString());
  }

  private static Reading malformed(String vector, String version, String detail) {
    return new Reading(null, "Malformed CVSS " + (version == null ? "" : version + " ") + "vector "
        + Problem.describe(vector) + ": " + detail);
  }
}
