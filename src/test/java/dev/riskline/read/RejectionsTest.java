package dev.riskline.read;

import static dev.riskline.read.MappingCasesTest.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.riskline.finding.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rejection message, pinned: each case of {@code formats/rejections.json} changes a valid base record
 * ({@code set} values at JSON paths, {@code remove} paths) and lists the exact problems, in order.
 */
class RejectionsTest {
  private static final Map<String, Function<Map<String, Object>, Map<String, Object>>> MAPPINGS =
      Map.of("inspector", InspectorMapping::toAsff, "ocsf", OcsfMapping::toAsff);
  private static final Pattern STEP = Pattern.compile("([^.\\[]+)|\\[(\\d+)]");

  record Table(Map<String, Map<String, Object>> bases, List<Case> cases) {}

  record Case(String mapping, Map<String, Object> set, List<String> remove, List<String> problems) {
    @Override
    public String toString() {
      List<String> changes = new ArrayList<>();
      if (set != null) set.forEach((path, value) -> changes.add(path + " = " + value));
      if (remove != null) remove.forEach(path -> changes.add("no " + path));
      return mapping + ": " + String.join(", ", changes);
    }
  }

  static Stream<Case> cases() throws IOException {
    return table().cases().stream();
  }

  private static Table table() throws IOException {
    return JSON.readValue(MappingCasesTest.resource("rejections.json"), new TypeReference<Table>() {});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void bad_record_is_rejected_with_every_problem(Case c) throws IOException {
    Map<String, Object> record = JSON.convertValue(table().bases().get(c.mapping()), MappingCasesTest.tree());
    if (c.set() != null) c.set().forEach((path, value) -> change(record, path, value, false));
    if (c.remove() != null) c.remove().forEach(path -> change(record, path, null, true));

    BadRecord bad = catchThrowableOfType(BadRecord.class, () -> MAPPINGS.get(c.mapping()).apply(record));

    assertThat(bad).as("rejected").isNotNull();
    assertThat(bad.problems()).extracting(Problem::toString).containsExactlyElementsOf(c.problems());
  }

  @Test
  void base_records_are_valid() throws IOException {
    for (Map.Entry<String, Map<String, Object>> base : table().bases().entrySet()) {
      Map<String, Object> asff = MAPPINGS.get(base.getKey()).apply(base.getValue());
      assertThat(dev.riskline.finding.Asff.validate(asff)).as(base.getKey()).isEmpty();
    }
  }

  @Test
  void empty_record_is_rejected_with_every_required_field_at_once() {
    BadRecord inspector = catchThrowableOfType(BadRecord.class, () -> InspectorMapping.toAsff(new LinkedHashMap<>()));
    BadRecord ocsf = catchThrowableOfType(BadRecord.class, () -> OcsfMapping.toAsff(new LinkedHashMap<>()));

    assertThat(inspector.problems()).extracting(Problem::toString).containsExactly(
        "findingArn: required but missing",
        "awsAccountId: required but missing",
        "type: required but missing",
        "severity: required but missing",
        "status: required but missing",
        "firstObservedAt: required but missing",
        "lastObservedAt: required but missing",
        "description: required but missing",
        "resources: required but missing",
        "title: required but missing");
    assertThat(ocsf.problems()).extracting(Problem::toString).containsExactly(
        "finding_info.uid: required but missing",
        "metadata.product.name: required but missing",
        "cloud.account.uid: required but missing",
        "cloud.region: required but missing",
        "finding_info.title: required but missing",
        "severity: required but missing",
        "time: required but missing");
  }

  /** Sets or removes the value at a path such as {@code resources[0].details.awsEc2Instance}. */
  @SuppressWarnings("unchecked")
  private static void change(Map<String, Object> record, String path, Object value, boolean remove) {
    List<Object> steps = new ArrayList<>();
    Matcher m = STEP.matcher(path);
    while (m.find()) steps.add(m.group(1) != null ? m.group(1) : (Object) Integer.valueOf(m.group(2)));
    Object node = record;
    for (Object step : steps.subList(0, steps.size() - 1)) {
      node = step instanceof Integer i ? ((List<Object>) node).get(i) : ((Map<String, Object>) node).get(step);
    }
    Object last = steps.get(steps.size() - 1);
    if (last instanceof Integer i) {
      if (remove) ((List<Object>) node).remove((int) i);
      else ((List<Object>) node).set(i, value);
    } else if (remove) {
      ((Map<String, Object>) node).remove(last);
    } else {
      ((Map<String, Object>) node).put((String) last, value);
    }
  }
}
