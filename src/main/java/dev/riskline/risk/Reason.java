package dev.riskline.risk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a rating's explanation: the factor ({@code severity}, {@code kev}, {@code epss},
 * {@code exploit}, {@code exposure}, {@code condition}, {@code control}, {@code adjustment}, {@code ssvc},
 * {@code matrix}, ...) and a sentence a person reads.
 */
public record Reason(String factor, String detail) {
  public Reason {
    Objects.requireNonNull(factor, "factor");
    Objects.requireNonNull(detail, "detail");
  }

  /** As the triage result prints it: {@code {"Factor": ..., "Detail": ...}}. */
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Factor", factor);
    m.put("Detail", detail);
    return m;
  }
}
