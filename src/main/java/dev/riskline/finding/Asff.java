package dev.riskline.finding;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The closed value sets of the AWS Security Finding Format, with their Security Hub rules
 * ([SH-MODEL] {@code securityhub/2018-10-26/service-2.json}). Thread-safe: constants only.
 */
public final class Asff {
  /** The only {@code SchemaVersion} there is. */
  public static final String SCHEMA_VERSION = "2018-10-08";
  /** Security Hub's limit on one finding's size. */
  public static final int MAX_FINDING_BYTES = 240 * 1024;

  private Asff() {}

  /** {@code Severity.Label}, least to most severe. */
  public enum SeverityLabel {
    INFORMATIONAL(0), LOW(1), MEDIUM(40), HIGH(70), CRITICAL(90);

    private final int normalized;

    SeverityLabel(int normalized) {
      this.normalized = normalized;
    }

    /** The {@code Normalized} value Security Hub fills in when only the label is given. */
    public int normalized() {
      return normalized;
    }

    /** The label Security Hub fills in when only {@code Normalized} is given (0, 1–39, 40–69, 70–89, 90–100). */
    public static SeverityLabel fromNormalized(int n) {
      if (n <= 0) return INFORMATIONAL;
      if (n < 40) return LOW;
      if (n < 70) return MEDIUM;
      if (n < 90) return HIGH;
      return CRITICAL;
    }
  }

  /** {@code Workflow.Status}. */
  public enum WorkflowStatus { NEW, NOTIFIED, RESOLVED, SUPPRESSED }

  /** {@code RecordState}. */
  public enum RecordState { ACTIVE, ARCHIVED }

  /** {@code Compliance.Status}. */
  public enum ComplianceStatus { PASSED, WARNING, FAILED, NOT_AVAILABLE }

  /** {@code VerificationState}. */
  public enum VerificationState { UNKNOWN, TRUE_POSITIVE, FALSE_POSITIVE, BENIGN_POSITIVE }

  /** The names of an enum's constants, in declaration order, as error messages list them. */
  public static List<String> names(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
  }

  private static final ClassValue<Enum<?>[]> CONSTANTS = new ClassValue<>() {
    @Override
    protected Enum<?>[] computeValue(Class<?> type) {
      return (Enum<?>[]) type.getEnumConstants();
    }
  };

  /** The constant with exactly this name (ASFF values are case-sensitive), or empty. */
  @SuppressWarnings("unchecked")
  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, Object value) {
    if (!(value instanceof String s)) return Optional.empty();
    for (Enum<?> e : CONSTANTS.get(type)) {
      if (e.name().equals(s)) return Optional.of((E) e);
    }
    return Optional.empty();
  }

  /**
   * Every problem with an ASFF finding tree, in document order; empty when it is valid. Checks the
   * required attributes (the union of the model and the User Guide: reference §1.1), types, enum values,
   * lengths, counts and ranges. Numbers sent as numeric strings are accepted.
   */
  public static List<Problem> validate(java.util.Map<String, Object> finding) {
    return new AsffValidator().validate(finding);
  }
}
