package dev.riskline.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code DateFilter}s of one timestamp field. {@code Start} and {@code End} are inclusive bounds;
 * {@code DateRange} counts whole days back from the evaluation clock: {@code WITHIN n DAYS} (the default
 * comparison) holds for {@code date >= now - n days}, {@code OLDER_THAN n DAYS} for
 * {@code date < now - n days}. Within one filter object every part given must hold; several objects on one
 * field are OR-ed (our choice: the documentation is silent). An absent or unreadable timestamp matches no
 * filter. Immutable and thread-safe.
 */
final class DateCriterion implements Criterion {
  static final List<String> PARTS = List.of("DateRange", "End", "Start");
  static final List<String> RANGE_PARTS = List.of("Comparison", "Unit", "Value");

  private final String field;
  private final Access.Timestamp read;
  private final List<Window> windows;

  /** One filter object; null parts are absent. */
  record Window(Instant start, Instant end, Duration range, boolean olderThan) {
    boolean holds(Instant t, Instant now) {
      if (start != null && t.isBefore(start)) return false;
      if (end != null && t.isAfter(end)) return false;
      if (range == null) return true;
      Instant edge = now.minus(range);
      return olderThan ? t.isBefore(edge) : !t.isBefore(edge);
    }
  }

  private DateCriterion(String field, Access.Timestamp read, List<Window> windows) {
    this.field = field;
    this.read = read;
    this.windows = List.copyOf(windows);
  }

  /** The criterion for {@code json}, a list of {@code {Start, End, DateRange}}; null after recording problems. */
  static DateCriterion compile(String field, int limit, Access.Timestamp read, Object json, String path,
      Check check) {
    int before = check.count();
    List<Object> filters = check.filters(json, path, limit);
    if (filters == null) return null;
    List<Window> windows = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      String at = Check.at(path, i);
      Map<String, Object> filter = check.object(filters.get(i), at);
      if (filter == null) continue;
      check.fields(filter, at, PARTS);
      check.atLeastOne(filter, at, List.of("Start", "End", "DateRange"));
      Instant start = check.timestamp(filter, "Start", at);
      Instant end = check.timestamp(filter, "End", at);
      Range range = filter.containsKey("DateRange") ? range(filter.get("DateRange"), Check.at(at, "DateRange"), check)
          : null;
      windows.add(range == null ? new Window(start, end, null, false)
          : new Window(start, end, range.days(), range.olderThan()));
    }
    return check.count() > before ? null : new DateCriterion(field, read, windows);
  }

  /** A {@code DateRange}: so many days back from now, and which side of that edge. */
  private record Range(Duration days, boolean olderThan) {}

  private static Range range(Object json, String path, Check check) {
    Map<String, Object> range = check.object(json, path);
    if (range == null) return null;
    check.fields(range, path, RANGE_PARTS);
    Integer days = check.integer(range, "Value", path, true, 0, Integer.MAX_VALUE);
    check.oneOf(range, "Unit", path, true, List.of("DAYS"));
    String comparison = check.oneOf(range, "Comparison", path, false, List.of("WITHIN", "OLDER_THAN"));
    return days == null ? null : new Range(Duration.ofDays(days), "OLDER_THAN".equals(comparison));
  }

  @Override
  public String field() {
    return field;
  }

  @Override
  public boolean test(Subject subject) {
    if (windows.isEmpty()) return true;
    Instant t = subject.instant(read);
    if (t == null) return false;
    for (Window w : windows) {
      if (w.holds(t, subject.now())) return true;
    }
    return false;
  }
}
