package dev.riskline.risk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The risk of one finding: its rating on the organisation's scale, the likelihood and impact it came from,
 * the model that decided it and every reason. A finding of INFORMATIONAL severity has the rating
 * {@link #NONE} and no likelihood or impact. Immutable.
 *
 * @param rating a rating label of the matrix, or {@code NONE}
 * @param likelihood a likelihood label, or null with rating NONE
 * @param impact an impact label, or null with rating NONE
 * @param model {@code matrix} or {@code ssvc}
 * @param reasons why, in the order the decision was made
 * @param kev the earliest-added CISA KEV entry among the finding's CVEs, or null
 */
public record Assessment(String rating, String likelihood, String impact, String model, List<Reason> reasons,
    KevEntry kev) {
  public static final String NONE = "NONE";

  public Assessment {
    Objects.requireNonNull(rating, "rating");
    Objects.requireNonNull(model, "model");
    reasons = List.copyOf(reasons);
  }

  public boolean rated() {
    return !NONE.equals(rating);
  }

  /** The {@code Risk} object of the triage result. */
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Rating", rating);
    if (likelihood != null) m.put("Likelihood", likelihood);
    if (impact != null) m.put("Impact", impact);
    m.put("Model", model);
    List<Object> r = new ArrayList<>(reasons.size());
    for (Reason reason : reasons) r.add(reason.json());
    m.put("Reasons", r);
    return m;
  }
}
