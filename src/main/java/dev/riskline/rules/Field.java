package dev.riskline.rules;

/**
 * One of the 41 criteria fields of {@code AutomationRulesFindingFilters}: its filter type, the most
 * filters it takes (reference §2.2), and how it reads the finding. Each variant compiles the field's JSON
 * into its {@link Criterion}. Immutable and thread-safe.
 */
sealed interface Field {
  /** The most filters one rule may give this field. */
  int limit();

  /** The criterion for this field's JSON, or null after recording its problems. */
  Criterion compile(String name, Object json, String path, Check check);

  /** A field of {@code StringFilter}s. */
  record OfStrings(int limit, Access.Strings read) implements Field {
    @Override
    public Criterion compile(String name, Object json, String path, Check check) {
      return StringCriterion.compile(name, limit, read, json, path, check);
    }
  }

  /** A field of {@code NumberFilter}s. */
  record OfNumbers(int limit, Access.Numeric read) implements Field {
    @Override
    public Criterion compile(String name, Object json, String path, Check check) {
      return NumberCriterion.compile(name, limit, read, json, path, check);
    }
  }

  /** A field of {@code DateFilter}s. */
  record OfDates(int limit, Access.Timestamp read) implements Field {
    @Override
    public Criterion compile(String name, Object json, String path, Check check) {
      return DateCriterion.compile(name, limit, read, json, path, check);
    }
  }

  /** A field of {@code MapFilter}s. */
  record OfMaps(int limit, Access.Entries read) implements Field {
    @Override
    public Criterion compile(String name, Object json, String path, Check check) {
      return MapCriterion.compile(name, limit, read, json, path, check);
    }
  }
}
