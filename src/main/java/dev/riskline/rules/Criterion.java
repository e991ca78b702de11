package dev.riskline.rules;

/**
 * One criteria field of a rule, compiled at load: the field's filters bound to the reader of that field.
 * One variant per filter type of the model ({@code StringFilter}, {@code NumberFilter},
 * {@code DateFilter}, {@code MapFilter}). Immutable and thread-safe.
 */
sealed interface Criterion permits StringCriterion, NumberCriterion, DateCriterion, MapCriterion {
  /** The criteria field, such as {@code SeverityLabel}. */
  String field();

  /** True when the finding passes this field's filters; the subject's clock anchors relative date ranges. */
  boolean test(Subject subject);
}
