package dev.riskline.risk;

import dev.riskline.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How an organisation rates risk: the matrix (a preset or its own), the likelihood ladder, the impact
 * policy, what counts as exposed, and the model ({@code matrix}, the default, or {@code ssvc}). Read from
 * the {@code risk} section of {@code riskline.yaml} and validated completely at load. Defaults: the
 * {@code default} preset (the 4×4 matrix of ARCHITECTURE.md), KEV → CRITICAL, EPSS 0.10 and 0.01, the
 * public-access controls of Security Hub. Immutable and thread-safe; {@link #assess} is pure.
 */
public final class RiskPolicy {
  static final List<String> MODELS = List.of("matrix", "ssvc");

  private final Preset preset;
  private final Matrix matrix;
  private final String model;
  private final Likelihood likelihood;
  private final Impact impact;
  private final Exposure exposure;
  private final Map<String, String> ssvcOutcomes;

  private RiskPolicy(Preset preset, Matrix matrix, String model, Likelihood likelihood, Impact impact,
      Exposure exposure, Map<String, String> ssvcOutcomes) {
    this.preset = preset;
    this.matrix = matrix;
    this.model = model;
    this.likelihood = likelihood;
    this.impact = impact;
    this.exposure = exposure;
    this.ssvcOutcomes = Map.copyOf(ssvcOutcomes);
  }

  /** The default policy. */
  public static RiskPolicy defaults() {
    return preset("default");
  }

  /** A preset's policy with nothing changed: {@code default}, {@code nist-800-30} or {@code owasp}. */
  public static RiskPolicy preset(String name) {
    Preset p = Preset.named(name);
    return new RiskPolicy(p, p.matrix(), "matrix", Likelihood.defaults(p), Impact.defaults(p), Exposure.defaults(),
        p.ssvcOutcomes());
  }

  /** The preset names. */
  public static List<String> presets() {
    return Preset.NAMES;
  }

  /**
   * Reads the {@code risk} section; problems go to the settings' list, and the defaults stand in for what
   * is wrong so every problem is found in one pass. {@code intel} (the files to load) is read by the caller.
   */
  public static RiskPolicy read(Settings s) {
    s.allow("preset", "model", "matrix", "likelihood", "impact", "exposure", "ssvc", "intel");
    String presetName = s.oneOf("preset", Preset.NAMES, "default");
    Preset p = Preset.named(presetName);
    Matrix m = p.matrix();
    if (s.has("matrix")) {
      Matrix own = Matrix.read(s.section("matrix"), "custom");
      if (own != null) m = own;
    }
    String model = s.oneOf("model", MODELS, "matrix");
    Likelihood l = Likelihood.read(s.section("likelihood"), p, m);
    Impact i = Impact.read(s.section("impact"), p, m);
    Exposure e = Exposure.read(s.section("exposure"));
    Settings ssvc = s.section("ssvc").allow("outcomes");
    Settings outcomes = ssvc.section("outcomes").allow("TRACK", "TRACK_STAR", "ATTEND", "ACT");
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String o : List.of("TRACK", "TRACK_STAR", "ATTEND", "ACT")) {
      String dflt = p.ssvcOutcomes().get(o);
      if (!m.ratings().contains(dflt) && !outcomes.has(o)) {
        if (model.equals("ssvc")) {
          outcomes.problem(outcomes.at(o), "missing; the preset's " + dflt + " is not a rating of this matrix " + m.ratings());
        }
        out.put(o, m.ratings().get(0));
      } else {
        out.put(o, outcomes.oneOf(o, m.ratings(), dflt));
      }
    }
    return new RiskPolicy(p, m, model, l, i, e, out);
  }

  public Matrix matrix() {
    return matrix;
  }

  public String model() {
    return model;
  }

  /** The preset this policy starts from; its days to fix are the schedule's defaults. */
  public String presetName() {
    return preset.name();
  }

  /** The preset's days to fix each rating (a rating not listed has no due date). */
  public Map<String, Integer> defaultSlaDays() {
    return preset.slaDays();
  }

  /**
   * What can be rated from the provider's record alone (its CVEs' KEV, EPSS and exploit evidence), found
   * once, on any thread, and handed to {@link #assess(Finding, Intel, Prepared)} for the imported finding.
   */
  public Prepared prepare(Finding provider, Intel intel) {
    return new Prepared(Likelihood.VulnEvidence.of(provider, intel));
  }

  /** Evidence found from a provider's record by {@link #prepare}. Immutable. */
  public static final class Prepared {
    private final Likelihood.VulnEvidence vulns;

    private Prepared(Likelihood.VulnEvidence vulns) {
      this.vulns = vulns;
    }
  }

  /** Rates one finding (after its automation rules) with the intelligence given. */
  public Assessment assess(Finding f, Intel intel) {
    return assess(f, intel, null);
  }

  /**
   * As {@link #assess(Finding, Intel)}, with the evidence {@link #prepare} found from the provider's record
   * of this finding (or null to find it now).
   */
  public Assessment assess(Finding f, Intel intel, Prepared prepared) {
    Likelihood.VulnEvidence found = prepared == null ? null : prepared.vulns;
    List<Reason> reasons = new ArrayList<>(6);
    String imp = impact.decide(f, matrix, reasons);
    if (imp == null) return new Assessment(Assessment.NONE, null, null, model, reasons, null);
    Likelihood.Evidence ev = new Likelihood.Evidence();
    if (model.equals("ssvc") && !f.vulnerabilities().isEmpty()) {
      String lik = likelihood.decide(f, intel, exposure, ev, new ArrayList<>(), found);
      return ssvc(f, imp, lik, ev, reasons);
    }
    String lik = likelihood.decide(f, intel, exposure, ev, reasons, found);
    if (model.equals("ssvc")) {
      reasons.add(new Reason("ssvc", "SSVC rates vulnerabilities; a finding without them is rated on the matrix"));
    }
    String rating = matrix.rate(lik, imp);
    reasons.add(new Reason("matrix", "likelihood " + lik + " × impact " + imp + " → " + rating + " ("
        + matrix.name() + " matrix)"));
    return new Assessment(rating, lik, imp, model, reasons, ev.kev);
  }

  /**
   * The CISA Coordinator decision: Exploitation from KEV (active) or an available exploit (public PoC);
   * Automatable and Technical Impact from the most severe readable CVSS vector; Mission and Well-being from
   * the impact (the top impact HIGH, the next MEDIUM, the rest LOW). The path is the reason list.
   */
  private Assessment ssvc(Finding f, String imp, String lik, Likelihood.Evidence ev, List<Reason> reasons) {
    Exploitation e;
    if (ev.kev != null) {
      e = Exploitation.ACTIVE;
      reasons.add(new Reason("ssvc", "Exploitation active: " + ev.kev.cveId() + " is in CISA KEV (added "
          + ev.kev.dateAdded() + ")"));
    } else if (ev.exploitCve != null) {
      e = Exploitation.PUBLIC_POC;
      reasons.add(new Reason("ssvc", "Exploitation public PoC: an exploit is available for " + ev.exploitCve));
    } else {
      e = Exploitation.NONE;
      reasons.add(new Reason("ssvc", "Exploitation none: not in CISA KEV and no known exploit"));
    }
    CvssVector best = null;
    String bestCve = null;
    List<String> unreadable = new ArrayList<>();
    for (Finding.Vulnerability v : f.vulnerabilities()) {
      for (Finding.Cvss c : v.cvss()) {
        if (c.baseVector() == null) continue;
        CvssVector read = CvssVector.parse(c.baseVector()).orElse(null);
        if (read == null) {
          CvssVector.problem(c.baseVector()).ifPresent(p -> unreadable.add(v.id() + ": " + p));
        } else if (best == null || read.baseScore() > best.baseScore()) {
          best = read;
          bestCve = v.id();
        }
      }
    }
    for (String u : unreadable) reasons.add(new Reason("cvss", u));
    boolean automatable = best != null && best.automatable();
    boolean total = best != null && best.totalTechnicalImpact();
    if (best == null) {
      reasons.add(new Reason("ssvc", "Automatable no, Technical Impact partial: no readable CVSS vector"));
    } else {
      reasons.add(new Reason("ssvc", "Automatable " + (automatable ? "yes" : "no") + ", Technical Impact "
          + (total ? "total" : "partial") + ": CVSS " + best.version() + " " + best.vector() + " of " + bestCve));
    }
    List<String> impacts = matrix.impacts();
    int rank = impacts.indexOf(imp);
    MissionWellbeing mwi = rank == impacts.size() - 1 ? MissionWellbeing.HIGH
        : rank == impacts.size() - 2 ? MissionWellbeing.MEDIUM : MissionWellbeing.LOW;
    reasons.add(new Reason("ssvc", "Mission & Well-being " + mwi + ": impact " + imp));
    Ssvc table = Ssvc.cisaCoordinator();
    SsvcOutcome outcome = table.decide(e, automatable, total, mwi);
    String rating = ssvcOutcomes.get(outcome.name());
    reasons.add(new Reason("ssvc", table.version() + ": " + outcome.displayName() + " → " + rating));
    return new Assessment(rating, lik, imp, model, reasons, ev.kev);
  }
}
