package dev.riskline.risk;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.finding.Finding;
import dev.riskline.finding.RisklineException;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.event.ruler.Machine;

/**
 * An EventBridge event pattern over one ASFF finding, matched by aws event-ruler exactly as EventBridge
 * matches events. The pattern names the finding's own top-level fields (not an EventBridge envelope):
 *
 * <pre>{@code
 * {"Compliance": {"SecurityControlId": ["S3.1"]}}                       control S3.1
 * {"Resources": {"Tags": {"env": ["sandbox"]}}}                         any resource tagged env=sandbox
 * {"AwsAccountName": [{"prefix": "acme-sandbox"}]}                      accounts named acme-sandbox...
 * {"Severity": {"Normalized": [{"numeric": [">=", 70]}]}}               HIGH and CRITICAL
 * {"Vulnerabilities": {"Id": ["CVE-2024-3094"]}}                        a CVE
 * {"Note": [{"exists": false}]}                                         no note
 * }</pre>
 *
 * <p>Every value is a list of alternatives (OR); fields are AND-ed. All of event-ruler's matchers work:
 * {@code prefix}, {@code suffix}, {@code equals-ignore-case}, {@code wildcard}, {@code anything-but},
 * {@code numeric}, {@code exists}, {@code cidr}, {@code $or}. Values are case-sensitive.
 *
 * <p>Arrays (such as {@code Resources}, {@code Vulnerabilities}, {@code Types}) are matched
 * array-consistently: a pattern matches an array when one of its elements matches, and several fields of
 * the pattern under one array must all match in <em>the same</em> element. So
 * {@code {"Resources": {"Type": ["AwsS3Bucket"], "Tags": {"env": ["sandbox"]}}}} matches a finding with a
 * sandbox-tagged S3 bucket, but not one with an S3 bucket and a different, sandbox-tagged, instance.
 *
 * <p>{@link #parse} checks the pattern when it is loaded: bad JSON, a pattern event-ruler rejects, or a
 * pattern over an EventBridge envelope ({@code detail}, {@code source}, ...) fail then, never while
 * matching. Immutable and thread-safe: {@link #matches} may run on many threads at once.
 */
public final class FindingPattern {
  /** The longest pattern accepted, in characters. */
  public static final int MAX_LENGTH = 16_384;
  /** A pattern over an EventBridge event rather than a finding names one of these at its top. */
  private static final List<String> ENVELOPE = List.of("version", "id", "detail-type", "source", "account",
      "time", "region", "resources", "detail");
  private static final String EXAMPLE = "{\"Compliance\": {\"SecurityControlId\": [\"S3.1\"]}}";
  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final String RULE = "pattern";

  private final String json;
  private final Machine machine;
  /** The finding's top-level fields the pattern names (also inside {@code $or}): all that matching reads. */
  private final Set<String> fields;

  private FindingPattern(String json, Machine machine, Set<String> fields) {
    this.json = json;
    this.machine = machine;
    this.fields = fields;
  }

  /**
   * The pattern in {@code json}, checked.
   *
   * @param where what the pattern is, for messages (e.g. {@code --pattern} or {@code acceptance acc-1a2b3c4d})
   * @throws RisklineException bad input naming {@code where}, the value and what was expected
   */
  public static FindingPattern parse(String json, String where) {
    Objects.requireNonNull(where, "where");
    if (json == null || json.isBlank()) {
      throw RisklineException.badInput(where + ": expected an EventBridge pattern over a finding's fields, such as "
          + EXAMPLE + ", but was " + (json == null ? "nothing" : "blank"), HINT);
    }
    if (json.length() > MAX_LENGTH) {
      throw RisklineException.badInput(where + ": expected a pattern of at most " + String.format("%,d", MAX_LENGTH)
          + " characters but was " + String.format("%,d", json.length()) + " characters: " + shown(json), HINT);
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw rejected(where, json, "malformed JSON: " + reason(e));
    }
    Machine machine = compile(where, json);
    for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (ENVELOPE.contains(name)) {
        throw RisklineException.badInput(where + ": expected a pattern over a finding's own fields, such as "
            + EXAMPLE + ", but was a pattern over an EventBridge event (it names \"" + name + "\"): " + shown(json),
            "Use the part of an event pattern that is under detail.findings, without those two levels.");
      }
    }
    Set<String> fields = new LinkedHashSet<>();
    topFields(tree, fields);
    return new FindingPattern(compact(tree), machine, Set.copyOf(fields));
  }

  /** A machine with the one pattern, or bad input with event-ruler's reason. */
  private static Machine compile(String where, String json) {
    Machine machine = new Machine();
    try {
      machine.addRule(RULE, json);
    } catch (JsonProcessingException e) {
      throw rejected(where, json, reason(e));
    } catch (IOException | RuntimeException e) {
      throw rejected(where, json, String.valueOf(e.getMessage()));
    }
    return machine;
  }

  /**
   * True when the finding matches. Serialises, once per call, the finding's top-level fields that the
   * pattern names (matching reads nothing else).
   */
  /**
   * Reads a pattern from the configuration: the value at {@code key}, either an object (YAML or JSON) or a
   * JSON string. A bad pattern is added to the settings' problems and null returned.
   */
  static FindingPattern read(Settings s, String key) {
    Object v = s.raw(key);
    if (v == null) {
      s.problem(s.at(key), "missing; expected an EventBridge pattern over the finding, e.g. "
          + "{\"Resources\": {\"Tags\": {\"env\": [\"prod\"]}}}");
      return null;
    }
    String json;
    try {
      json = v instanceof String text ? text : MAPPER.writeValueAsString(v);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      s.problem(s.at(key), "cannot be written as JSON: " + e.getOriginalMessage());
      return null;
    }
    try {
      return parse(json, s.at(key));
    } catch (dev.riskline.finding.RisklineException e) {
      String prefix = s.at(key) + ": ";
      String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
      s.problem(s.at(key), message);
      return null;
    }
  }

  public boolean matches(Finding finding) {
    return !machine.rulesForJSONEvent(tree(finding, fields)).isEmpty();
  }

  /** The pattern as compact JSON (no spaces, fields in the order given). */
  public String json() {
    return json;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FindingPattern p && json.equals(p.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return json;
  }

  /** The finding's top-level fields the pattern names. */
  Set<String> fields() {
    return fields;
  }

  /** These top-level fields of the finding, as event-ruler reads events. */
  static JsonNode tree(Finding finding, Set<String> fields) {
    Map<String, Object> all = finding.json();
    Map<String, Object> some = new LinkedHashMap<>();
    for (String name : fields) {
      if (all.containsKey(name)) some.put(name, all.get(name));
    }
    return MAPPER.valueToTree(some);
  }

  /** The top-level field names of a pattern, those inside its top-level {@code $or} branches included. */
  private static void topFields(JsonNode pattern, Set<String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("$or") && e.getValue().isArray()) {
        e.getValue().forEach(branch -> topFields(branch, out));
      } else {
        out.add(e.getKey());
      }
    }
  }

  private static final String HINT = "Give an EventBridge event pattern over ASFF fields, every value a list, e.g. "
      + EXAMPLE + ".";

  private static RisklineException rejected(String where, String json, String reason) {
    return RisklineException.badInput(where + ": expected an EventBridge pattern over a finding's fields, such as "
        + EXAMPLE + ", but was " + shown(json) + ": " + reason, HINT);
  }

  /** Jackson's or event-ruler's reason on one line, without the source text, and where it is. */
  private static String reason(JsonProcessingException e) {
    String reason = e.getOriginalMessage().lines().findFirst().orElse("")
        .replaceAll(" \\(start marker at \\[Source: .*\\]\\)", "")
        .replaceAll("\\[Source: [^;]*; ", "[")
        .replaceFirst(" \\(bound as .*", "");
    JsonLocation location = e.getLocation();
    if (location == null || location.getLineNr() < 1) return reason;
    return reason + " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String compact(JsonNode tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree read from JSON writes as JSON", e);
    }
  }

  /** The value for a message: on one line, at most 200 characters. */
  static String shown(String value) {
    String line = value.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    return line.length() <= 200 ? line : line.substring(0, 199) + "…";
  }
}
