package dev.riskline.risk;

import dev.riskline.finding.Finding;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evidence ladder: how likely a finding's threat is, first match wins. Custom conditions first; then,
 * for findings with vulnerabilities, a CVE in CISA KEV; EPSS at or above {@code epssHigh}, or an available
 * exploit on an exposed resource; an available exploit, EPSS at or above {@code epssMedium}, or exposure;
 * otherwise the lowest rung. For findings without vulnerabilities (controls, configuration, threat
 * detections): the level configured for the control id (exact, else the longest wildcard such as
 * {@code S3.*}), then for the finding type (the most specific configured type the finding's type is or lies
 * under), then the public-exposure level when the resource is exposed, else the control default. Every step
 * taken is a reason. Immutable and thread-safe.
 */
final class Likelihood {
  private final String kev;
  private final String high;
  private final String medium;
  private final String low;
  private final double epssHigh;
  private final double epssMedium;
  private final String controlDefault;
  private final String publicControl;
  private final Map<String, String> byControl;
  private final Map<String, String> byType;
  private final List<Condition> conditions;

  /** A custom rung: findings matching the pattern get the level. */
  record Condition(String name, FindingPattern pattern, String level) {}

  Likelihood(Map<String, String> levels, double epssHigh, double epssMedium, Map<String, String> byControl,
      Map<String, String> byType, List<Condition> conditions) {
    this.kev = levels.get("kev");
    this.high = levels.get("high");
    this.medium = levels.get("medium");
    this.low = levels.get("low");
    this.controlDefault = levels.get("control");
    this.publicControl = levels.get("publicControl");
    this.epssHigh = epssHigh;
    this.epssMedium = epssMedium;
    this.byControl = Map.copyOf(byControl);
    this.byType = Map.copyOf(byType);
    this.conditions = List.copyOf(conditions);
  }

  static Likelihood defaults(Preset p) {
    return new Likelihood(p.ladder(), 0.10, 0.01, Map.of(), Map.of("TTPs", p.ladder().get("high")), List.of());
  }

  static Likelihood read(Settings s, Preset p, Matrix m) {
    s.allow("kev", "high", "medium", "low", "epssHigh", "epssMedium", "controls", "conditions");
    List<String> labels = m.likelihoods();
    Map<String, String> levels = new LinkedHashMap<>(p.ladder());
    for (String rung : List.of("kev", "high", "medium", "low")) {
      levels.put(rung, level(s, rung, labels, p.ladder().get(rung)));
    }
    double epssHigh = s.decimal("epssHigh", 0.10, 0, 1);
    double epssMedium = s.decimal("epssMedium", 0.01, 0, 1);
    if (epssMedium > epssHigh) {
      s.problem(s.at("epssMedium"), "expected at most epssHigh (" + epssHigh + ") but was " + epssMedium);
    }
    Settings c = s.section("controls").allow("default", "publicExposure", "byControl", "byType");
    levels.put("control", level(c, "default", labels, p.ladder().get("control")));
    levels.put("publicControl", level(c, "publicExposure", labels, p.ladder().get("publicControl")));
    Map<String, String> byControl = levels(c, "byControl", labels, Map.of());
    Map<String, String> byType = levels(c, "byType", labels, Map.of("TTPs", p.ladder().get("high")));
    List<Condition> conditions = new ArrayList<>();
    List<Object> list = s.list("conditions");
    if (list != null) {
      for (int i = 0; i < list.size(); i++) {
        Settings e = Settings.of(list.get(i), s.at("conditions") + "[" + i + "]", s.problems());
        e.allow("name", "pattern", "likelihood");
        String name = e.string("name", "condition " + (i + 1));
        String level = level(e, "likelihood", labels, null);
        if (level == null) e.problem(e.at("likelihood"), "missing; expected one of " + labels);
        FindingPattern pattern = FindingPattern.read(e, "pattern");
        if (pattern != null && level != null) conditions.add(new Condition(name, pattern, level));
      }
    }
    return new Likelihood(levels, epssHigh, epssMedium, byControl, byType, conditions);
  }

  private static String level(Settings s, String key, List<String> labels, String dflt) {
    if (dflt != null && !labels.contains(dflt) && !s.has(key)) {
      s.problem(s.at(key), "missing; the preset's " + dflt + " is not a likelihood of this matrix " + labels);
      return labels.get(0);
    }
    return s.oneOf(key, labels, dflt);
  }

  private static Map<String, String> levels(Settings s, String key, List<String> labels, Map<String, String> dflt) {
    Map<String, String> m = s.stringMap(key, null);
    if (m == null) {
      Map<String, String> keep = new LinkedHashMap<>();
      dflt.forEach((k, v) -> {
        if (labels.contains(v)) keep.put(k, v);
      });
      return keep;
    }
    for (Map.Entry<String, String> e : m.entrySet()) {
      if (!labels.contains(e.getValue())) {
        s.problem(s.at(key) + "." + e.getKey(), "expected one of " + labels + " but was \"" + e.getValue() + "\"");
      }
    }
    return m;
  }

  /** The evidence behind one decision. */
  static final class Evidence {
    KevEntry kev;
    String exploitCve;
    String exposure;
  }

  /**
   * The likelihood of the finding; adds a reason for each step and fills in the evidence. The KEV entry and
   * the exploit are evidence whatever decides the likelihood (a custom condition too): the schedule caps
   * the due date by the KEV entry and SSVC reads both.
   */
  String decide(Finding f, Intel intel, Exposure exposure, Evidence ev, List<Reason> reasons) {
    return decide(f, intel, exposure, ev, reasons, null);
  }

  /**
   * What the finding's vulnerabilities say, from the provider's record alone (its CVEs, their EPSS and
   * exploit data, its {@code UpdatedAt}): neither import nor the rules' actions change these fields, so it
   * can be found before them, on another thread. Immutable.
   */
  record VulnEvidence(boolean any, KevEntry kev, String exploitCve, Epss epss, String cves) {
    static VulnEvidence of(Finding f, Intel intel) {
      List<Finding.Vulnerability> vulns = f.vulnerabilities();
      if (vulns.isEmpty()) return new VulnEvidence(false, null, null, null, null);
      Evidence ev = new Evidence();
      exploitation(vulns, intel, ev);
      return new VulnEvidence(true, ev.kev, ev.exploitCve, Likelihood.epss(f, vulns, intel), Likelihood.cves(vulns));
    }
  }

  /** As {@link #decide(Finding, Intel, Exposure, Evidence, List)}, with the vulnerability evidence found already (or null). */
  String decide(Finding f, Intel intel, Exposure exposure, Evidence ev, List<Reason> reasons, VulnEvidence found) {
    VulnEvidence vulns = found != null ? found : VulnEvidence.of(f, intel);
    ev.kev = vulns.kev();
    ev.exploitCve = vulns.exploitCve();
    for (Condition c : conditions) {
      if (c.pattern().matches(f)) {
        reasons.add(new Reason("condition", "matches condition \"" + c.name() + "\" → likelihood " + c.level()));
        return c.level();
      }
    }
    ev.exposure = exposure.why(f);
    if (!vulns.any()) return control(f, ev, reasons);

    Epss epss = vulns.epss();
    double bestEpss = epss == null ? -1 : epss.score();
    String epssDetail = epss == null ? null : epss.detail();
    KevEntry kevEntry = ev.kev;
    String exploitCve = ev.exploitCve;
    if (kevEntry != null) {
      reasons.add(new Reason("kev", kevEntry.cveId() + " is in CISA KEV (added " + kevEntry.dateAdded()
          + (kevEntry.knownRansomware() ? "; known ransomware use" : "") + ") → likelihood " + kev));
      return kev;
    }
    if (bestEpss >= epssHigh) {
      reasons.add(new Reason("epss", epssDetail + " ≥ " + decimal(epssHigh) + " → likelihood " + high));
      return high;
    }
    if (exploitCve != null && ev.exposure != null) {
      reasons.add(new Reason("exploit", "an exploit is available for " + exploitCve));
      reasons.add(new Reason("exposure", ev.exposure + " → with the exploit, likelihood " + high));
      return high;
    }
    if (exploitCve != null) {
      reasons.add(new Reason("exploit", "an exploit is available for " + exploitCve + " → likelihood " + medium));
      return medium;
    }
    if (bestEpss >= epssMedium) {
      reasons.add(new Reason("epss", epssDetail + " ≥ " + decimal(epssMedium) + " → likelihood " + medium));
      return medium;
    }
    if (ev.exposure != null) {
      reasons.add(new Reason("exposure", ev.exposure + " → likelihood " + medium));
      return medium;
    }
    String why = epssDetail != null ? epssDetail + " < " + decimal(epssMedium)
        : "no CISA KEV entry, EPSS score or known exploit for " + vulns.cves();
    reasons.add(new Reason("evidence", why + ", not exposed → likelihood " + low));
    return low;
  }

  /** The EPSS score that counts and how it was chosen. */
  record Epss(double score, String detail) {}

  /**
   * The highest EPSS score among the CVEs, each the fresher of FIRST's file and the finding's own; null
   * when no CVE has one.
   */
  private static Epss epss(Finding f, List<Finding.Vulnerability> vulns, Intel intel) {
    double bestEpss = -1;
    String bestCve = null;
    EpssScore bestFile = null;
    Double bestOwn = null;
    boolean bestFromFile = false;
    LocalDate ownDate = null;
    boolean ownDateRead = false;
    for (Finding.Vulnerability v : vulns) {
      String id = v.id();
      if (id == null) continue;
      EpssScore file = intel.epss(id).orElse(null);
      Double own = v.epssScore();
      if (file == null && own == null) continue;
      if (!ownDateRead && own != null && file != null) {
        ownDate = f.updatedAt() == null ? null : f.updatedAt().atZone(ZoneOffset.UTC).toLocalDate();
        ownDateRead = true;
      }
      // The finding's own score is at most as fresh as its UpdatedAt day; on that same day the file wins.
      boolean fromFile = file != null && (own == null || ownDate == null || !file.date().isBefore(ownDate));
      double score = fromFile ? file.score() : own;
      if (score > bestEpss) {
        bestEpss = score;
        bestCve = id;
        bestFile = file;
        bestOwn = own;
        bestFromFile = fromFile;
      }
    }
    return bestCve == null ? null
        : new Epss(bestEpss, epssDetail(bestCve, bestFromFile, bestFile, bestOwn, ownDate));
  }

  /** The earliest-added KEV entry among the CVEs and the first CVE with an available exploit. */
  private static void exploitation(List<Finding.Vulnerability> vulns, Intel intel, Evidence ev) {
    for (Finding.Vulnerability v : vulns) {
      String id = v.id();
      if (id == null) continue;
      KevEntry k = intel.kev(id).orElse(null);
      if (k != null && (ev.kev == null || k.dateAdded().isBefore(ev.kev.dateAdded()))) ev.kev = k;
      if (ev.exploitCve == null && "YES".equalsIgnoreCase(v.exploitAvailable())) ev.exploitCve = id;
    }
  }

  private String control(Finding f, Evidence ev, List<Reason> reasons) {
    String control = f.controlId();
    if (control != null) {
      String level = byControl.get(control);
      if (level == null) level = wildcard(control);
      if (level != null) {
        reasons.add(new Reason("control", "control " + control + " is configured as likelihood " + level));
        return level;
      }
    }
    for (String type : f.types()) {
      String key = null;
      for (String k : byType.keySet()) {
        if ((key == null || k.length() > key.length()) && (type.equals(k) || type.startsWith(k + "/"))) key = k;
      }
      if (key != null) {
        String level = byType.get(key);
        reasons.add(new Reason("type", "finding type " + type + " is configured as likelihood " + level));
        return level;
      }
    }
    if (ev.exposure != null) {
      reasons.add(new Reason("exposure", ev.exposure + " → likelihood " + publicControl));
      return publicControl;
    }
    reasons.add(new Reason("control", (control != null ? "control " + control + " without exposure"
        : "a finding without vulnerabilities or exposure") + " → likelihood " + controlDefault));
    return controlDefault;
  }

  /** {@code S3.*} in byControl covers every S3 control; of several wildcards the longest wins (S3.* over *). */
  private String wildcard(String control) {
    String key = null;
    for (String k : byControl.keySet()) {
      if (k.endsWith("*") && (key == null || k.length() > key.length())
          && control.startsWith(k.substring(0, k.length() - 1))) {
        key = k;
      }
    }
    return key == null ? null : byControl.get(key);
  }

  private static String cves(List<Finding.Vulnerability> vulns) {
    List<String> ids = new ArrayList<>();
    for (Finding.Vulnerability v : vulns) {
      if (v.id() != null && ids.size() < 3) ids.add(v.id());
    }
    return ids.isEmpty() ? "its vulnerabilities" : String.join(", ", ids) + (vulns.size() > 3 ? ", ..." : "");
  }

  /**
   * Which EPSS score was used and why: the fresher of FIRST's file and the finding's own (dated by the
   * finding's UpdatedAt day; the file wins a tie).
   */
  private static String epssDetail(String cve, boolean fromFile, EpssScore file, Double own, LocalDate ownDate) {
    if (fromFile) {
      String than = own == null ? ""
          : (file.date().equals(ownDate) ? ", as fresh as" : ", fresher than") + " the finding's " + decimal(own)
              + (ownDate == null ? "" : " of " + ownDate);
      return "EPSS " + decimal(file.score()) + " for " + cve + " (FIRST EPSS of " + file.date() + than + ")";
    }
    return "EPSS " + decimal(own) + " for " + cve + " (from the finding"
        + (file == null ? "" : " of " + ownDate + ", fresher than FIRST EPSS of " + file.date() + ": "
            + decimal(file.score())) + ")";
  }

  /**
   * A score or threshold as its shortest decimal, never rounded: 0.42, 0.1, 0.09994 (rounding to three places
   * would print 0.09994 as 0.100 beside the threshold 0.100 it is below).
   */
  static String decimal(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
