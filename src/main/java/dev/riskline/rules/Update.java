package dev.riskline.rules;

import dev.riskline.finding.Asff.SeverityLabel;
import dev.riskline.finding.Timestamps;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One field of {@code AutomationRulesFindingFieldsUpdate} (reference §2.4) and how it changes a finding.
 * Parsed and checked by {@link Updates}; immutable and thread-safe.
 */
sealed interface Update {
  /** Writes this update into the finding being changed; {@code now} stamps {@code Note.UpdatedAt}. */
  void apply(Edit edit, Instant now);

  /** {@code Note}: replaced as a whole, stamped with the evaluation time. */
  record Note(String text, String updatedBy) implements Update {
    @Override
    public void apply(Edit edit, Instant now) {
      Map<String, Object> note = new LinkedHashMap<>();
      note.put("Text", text);
      note.put("UpdatedBy", updatedBy);
      note.put("UpdatedAt", Timestamps.format(now));
      edit.putIn("Note", note);
    }
  }

  /**
   * {@code Severity}: a label sets {@code Normalized} to the label's value unless {@code Normalized} is
   * given too; {@code Normalized} alone sets the label from the table of reference §1.3; {@code Product} is
   * set only when given; {@code Original} is never touched.
   */
  record Severity(SeverityLabel label, Integer normalized, Double product) implements Update {
    @Override
    public void apply(Edit edit, Instant now) {
      Map<String, Object> severity = new LinkedHashMap<>();
      if (label != null) {
        severity.put("Label", label.name());
        severity.put("Normalized", normalized != null ? normalized : label.normalized());
      } else if (normalized != null) {
        severity.put("Label", SeverityLabel.fromNormalized(normalized).name());
        severity.put("Normalized", normalized);
      }
      if (product != null) severity.put("Product", product);
      edit.putIn("Severity", severity);
    }
  }

  /**
   * A top-level attribute replaced by a value: {@code VerificationState}, {@code Confidence},
   * {@code Criticality}, {@code Types}, {@code RelatedFindings}.
   */
  record Replace(String field, Object value) implements Update {
    @Override
    public void apply(Edit edit, Instant now) {
      edit.put(field, value);
    }
  }

  /** {@code UserDefinedFields}: the given keys are merged into the existing map (our choice; see the package). */
  record MergeFields(Map<String, String> fields) implements Update {
    public MergeFields {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    public void apply(Edit edit, Instant now) {
      edit.putIn("UserDefinedFields", new LinkedHashMap<>(fields));
    }
  }

  /** {@code Workflow.Status}. */
  record Workflow(String status) implements Update {
    @Override
    public void apply(Edit edit, Instant now) {
      edit.putIn("Workflow", Map.of("Status", status));
    }
  }

  /** The values an update writes are shared between findings, so they are immutable. */
  static Object frozen(Object json) {
    if (json instanceof List<?> l) return l.stream().map(Update::frozen).toList();
    if (json instanceof Map<?, ?> m) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(k, frozen(v)));
      return Collections.unmodifiableMap(copy);
    }
    return json;
  }
}
