package dev.riskline.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.finding.Finding;
import dev.riskline.finding.RisklineException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Patterns over findings as a case table ({@code risk/pattern-cases.json}: each case lays its
 * {@code finding} over the file's {@code base} and lists patterns that match it and patterns that do not),
 * then what {@link FindingPattern#parse} refuses, with the exact messages.
 */
class FindingPatternTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Case(String name, Map<String, Object> finding, List<String> matches, List<String> misses) {
    @Override
    public String toString() {
      return name;
    }
  }

  record CaseFile(String about, Map<String, Object> base, List<Case> cases) {}

  static CaseFile file() throws IOException {
    try (InputStream in = FindingPatternTest.class.getResourceAsStream("/risk/pattern-cases.json")) {
      return JSON.readValue(in, CaseFile.class);
    }
  }

  static Stream<Case> cases() throws IOException {
    return file().cases().stream();
  }

  static Finding finding(Map<String, Object> changes) throws IOException {
    Map<String, Object> tree = new LinkedHashMap<>(file().base());
    if (changes != null) {
      changes.forEach((k, v) -> {
        if (v == null) tree.remove(k);
        else tree.put(k, v);
      });
    }
    return Finding.of(tree);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void patterns_match_as_eventbridge_matches_events(Case c) throws IOException {
    Finding f = finding(c.finding());
    Map<String, FindingPattern> all = new LinkedHashMap<>();
    for (String p : c.matches()) {
      assertThat(FindingPattern.parse(p, "case").matches(f)).as("matches %s", p).isTrue();
      all.put("match " + p, FindingPattern.parse(p, "case"));
    }
    for (String p : c.misses()) {
      assertThat(FindingPattern.parse(p, "case").matches(f)).as("misses %s", p).isFalse();
      all.put("miss " + p, FindingPattern.parse(p, "case"));
    }

    assertThat(FindingPatterns.of(all).matching(f)).as("all patterns in one machine")
        .containsExactlyInAnyOrderElementsOf(c.matches().stream().map(p -> "match " + p).toList());
  }

  @Test
  void json_is_the_pattern_compact_with_its_fields_in_order() {
    FindingPattern p = FindingPattern.parse("""
        {
          "Resources": {"Tags": {"env": ["sandbox"]}},
          "Compliance": {"SecurityControlId": ["S3.1"]}
        }
        """, "test");

    assertThat(p.json()).isEqualTo("{\"Resources\":{\"Tags\":{\"env\":[\"sandbox\"]}},\"Compliance\":{\"SecurityControlId\":[\"S3.1\"]}}");
    assertThat(p).isEqualTo(FindingPattern.parse(p.json(), "again")).hasSameHashCodeAs(FindingPattern.parse(p.json(), "x"));
  }

  @Test
  void a_pattern_is_matched_by_many_threads_at_once() throws Exception {
    FindingPattern sandbox = FindingPattern.parse("""
        {"Resources": {"Type": ["AwsEc2Instance"], "Tags": {"env": ["sandbox"]}}}
        """, "test");
    Finding yes = finding(null);
    Finding no = finding(Map.of("Resources", List.of(Map.of("Type", "AwsEc2Instance", "Id", "i", "Tags", Map.of("env", "prod")))));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        Finding f = i % 2 == 0 ? yes : no;
        boolean expected = i % 2 == 0;
        results.add(pool.submit(() -> sandbox.matches(f) == expected));
      }
      for (Future<Boolean> r : results) assertThat(r.get()).isTrue();
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void malformed_json_is_bad_input_naming_where_the_value_and_what_was_expected() {
    assertRejected("{\"Severity\": {\"Label\": [\"HIGH\"]}", "--pattern: expected an EventBridge pattern over a"
        + " finding's fields, such as {\"Compliance\": {\"SecurityControlId\": [\"S3.1\"]}}, but was"
        + " {\"Severity\": {\"Label\": [\"HIGH\"]}: malformed JSON: Unexpected end-of-input: expected close marker"
        + " for Object at line 1, column 33");
  }

  @Test
  void a_pattern_event_ruler_rejects_is_bad_input_with_its_reason() {
    assertRejected("{\"Severity\": {\"Label\": \"HIGH\"}}", "--pattern: expected an EventBridge pattern over a"
        + " finding's fields, such as {\"Compliance\": {\"SecurityControlId\": [\"S3.1\"]}}, but was"
        + " {\"Severity\": {\"Label\": \"HIGH\"}}: \"Label\" must be an object or an array at line 1, column 25");
    assertRejected("{}", "--pattern: expected an EventBridge pattern over a finding's fields, such as"
        + " {\"Compliance\": {\"SecurityControlId\": [\"S3.1\"]}}, but was {}: Empty objects are not allowed at line 1,"
        + " column 3");
    assertRejected("[\"S3.1\"]", "--pattern: expected an EventBridge pattern over a finding's fields, such as"
        + " {\"Compliance\": {\"SecurityControlId\": [\"S3.1\"]}}, but was [\"S3.1\"]: Filter is not an object at"
        + " line 1, column 2");
    assertRejected("{\"Severity\": {\"Normalized\": [{\"numeric\": [\">\", \"x\"]}]}}", "--pattern: expected an"
        + " EventBridge pattern over a finding's fields, such as {\"Compliance\": {\"SecurityControlId\": [\"S3.1\"]}},"
        + " but was {\"Severity\": {\"Normalized\": [{\"numeric\": [\">\", \"x\"]}]}}: Value of > must be numeric at"
        + " line 1, column 49");
    assertRejected("{\"Title\": [\"a\"]} {}", "--pattern: expected an EventBridge pattern over a finding's fields,"
        + " such as {\"Compliance\": {\"SecurityControlId\": [\"S3.1\"]}}, but was {\"Title\": [\"a\"]} {}: malformed"
        + " JSON: Trailing token (of type START_OBJECT) found after value at line 1, column 18");
  }

  @Test
  void a_pattern_over_an_eventbridge_envelope_is_refused_with_the_field_it_names() {
    assertRejected("""
        {"source": ["aws.securityhub"], "detail": {"findings": {"Compliance": {"SecurityControlId": ["S3.1"]}}}}
        """, "--pattern: expected a pattern over a finding's own fields, such as {\"Compliance\": "
        + "{\"SecurityControlId\": [\"S3.1\"]}}, but was a pattern over an EventBridge event (it names \"source\"): "
        + "{\"source\": [\"aws.securityhub\"], \"detail\": {\"findings\": {\"Compliance\": {\"SecurityControlId\": [\"S3.1\"]}}}}",
        "Use the part of an event pattern that is under detail.findings, without those two levels.");
  }

  @Test
  void a_blank_or_too_long_pattern_is_refused() {
    assertRejected("  ", "--pattern: expected an EventBridge pattern over a finding's fields, such as"
        + " {\"Compliance\": {\"SecurityControlId\": [\"S3.1\"]}}, but was blank");
    String huge = "{\"Title\": [\"" + "x".repeat(FindingPattern.MAX_LENGTH) + "\"]}";
    assertThatThrownBy(() -> FindingPattern.parse(huge, "--pattern"))
        .hasMessageStartingWith("--pattern: expected a pattern of at most 16,384 characters but was 16,399 characters: "
            + "{\"Title\": [\"xxxx")
        .hasMessageEndingWith("x…");
  }

  private static void assertRejected(String pattern, String message) {
    assertRejected(pattern, message, "Give an EventBridge event pattern over ASFF fields, every value a list, e.g. "
        + "{\"Compliance\": {\"SecurityControlId\": [\"S3.1\"]}}.");
  }

  private static void assertRejected(String pattern, String message, String hint) {
    assertThatThrownBy(() -> FindingPattern.parse(pattern, "--pattern"))
        .isInstanceOfSatisfying(RisklineException.class, e -> {
          assertThat(e.badInput()).isTrue();
          assertThat(e.hint()).isEqualTo(hint);
        })
        .hasMessage(message);
  }
}
