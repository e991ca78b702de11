package dev.riskline.schedule;

import dev.riskline.risk.RiskPolicy;
import dev.riskline.risk.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The remediation schedule's settings: days to fix each rating, the cap for KEV-listed CVEs, the due-soon
 * window, and what a reopened finding's clock does. Read from the {@code schedule} section of
 * {@code riskline.yaml}; defaults: CRITICAL 7 days, HIGH 30, MEDIUM 90, LOW 180 (the preset's), KEV 14,
 * due soon 3 days before, reopened findings restart their clock. Immutable.
 *
 * @param days rating → days to fix; a rating not listed has no due date
 * @param kevDays a finding with a CVE in CISA KEV is due no later than this many days after its start
 * @param dueSoonDays how many days before the due date a finding is DUE_SOON
 * @param restartOnReopen true: a reopened finding's clock starts again when it reopens; false: it keeps
 *     its first start (and may be overdue at once)
 * @param acceptance how long risk acceptances last by default and at most
 */
public record Sla(Map<String, Integer> days, int kevDays, int dueSoonDays, boolean restartOnReopen,
    AcceptancePolicy acceptance) {
  public Sla {
    Objects.requireNonNull(acceptance, "acceptance");
    days = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(days, "days")));
    if (kevDays < 1) throw new IllegalArgumentException("kevDays must be at least 1: " + kevDays);
    if (dueSoonDays < 0) throw new IllegalArgumentException("dueSoonDays must not be negative: " + dueSoonDays);
  }

  /** Settings with the default acceptance policy (90 days by default and at most). */
  public Sla(Map<String, Integer> days, int kevDays, int dueSoonDays, boolean restartOnReopen) {
    this(days, kevDays, dueSoonDays, restartOnReopen, AcceptancePolicy.DEFAULT);
  }

  public static Sla defaults(RiskPolicy risk) {
    return new Sla(risk.defaultSlaDays(), 14, 3, true);
  }

  /** Reads the {@code schedule} section against the ratings of the risk policy's matrix. */
  public static Sla read(Settings s, RiskPolicy risk) {
    s.allow("sla", "kevDays", "dueSoonDays", "reopen", "acceptance");
    List<String> ratings = risk.matrix().ratings();
    Map<String, Integer> days = new LinkedHashMap<>();
    Settings sla = s.section("sla");
    if (!sla.isEmpty() || s.has("sla")) {
      sla.allow(ratings.toArray(String[]::new));
      for (String r : ratings) {
        if (!sla.has(r)) continue;
        Object v = sla.raw(r);
        if ("none".equals(v)) continue;
        int d = sla.integer(r, -1, 1, 3650);
        if (d > 0) days.put(r, d);
      }
      for (String r : ratings) {
        if (!sla.has(r) && risk.defaultSlaDays().containsKey(r)) days.put(r, risk.defaultSlaDays().get(r));
      }
      Map<String, Integer> ordered = new LinkedHashMap<>();
      for (int i = ratings.size() - 1; i >= 0; i--) {
        if (days.containsKey(ratings.get(i))) ordered.put(ratings.get(i), days.get(ratings.get(i)));
      }
      days = ordered;
    } else {
      for (int i = ratings.size() - 1; i >= 0; i--) {
        Integer d = risk.defaultSlaDays().get(ratings.get(i));
        if (d != null) days.put(ratings.get(i), d);
      }
    }
    List<String> presetRatings = RiskPolicy.preset(risk.presetName()).matrix().ratings();
    for (String r : ratings) {
      if (!days.containsKey(r) && !presetRatings.contains(r) && !sla.has(r)) {
        // a rating of the organisation's own matrix without a setting: say so rather than silently never due
        // (a rating of the preset without days, such as OWASP's NOTE, has no due date by design)
        sla.problem(sla.at(r), "missing; give the days to fix " + r + " findings, or none for no due date");
      }
    }
    int kev = s.integer("kevDays", 14, 1, 3650);
    int soon = s.integer("dueSoonDays", 3, 0, 365);
    String reopen = s.oneOf("reopen", List.of("restart", "keep"), "restart");
    Settings a = s.section("acceptance").allow("defaultDays", "maximumDays");
    int maximum = a.integer("maximumDays", AcceptancePolicy.MAXIMUM_DAYS, 1, 3650);
    int dflt = a.integer("defaultDays", Math.min(AcceptancePolicy.DEFAULT_DAYS, maximum), 1, 3650);
    if (dflt > maximum) {
      a.problem(a.at("defaultDays"), "expected at most maximumDays (" + maximum + ") but was " + dflt);
      dflt = maximum;
    }
    return new Sla(days, kev, soon, reopen.equals("restart"), new AcceptancePolicy(dflt, maximum));
  }

  /** Days to fix a rating, or null when it has no due date. */
  public Integer daysFor(String rating) {
    return days.get(rating);
  }
}
