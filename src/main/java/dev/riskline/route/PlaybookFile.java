package dev.riskline.route;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.riskline.finding.Problem;
import dev.riskline.finding.RisklineException;
import dev.riskline.risk.FindingPattern;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One playbook file → a {@link Playbook}, or every problem with it, one line each:
 * {@code <file>: <key>: <what was expected> but was <what was found>}. The file starts with a {@code ---} line,
 * then YAML front matter, then another {@code ---} line, then the Markdown body. Thread-safe.
 */
final class PlaybookFile {
  static final Set<String> KEYS = Set.of("id", "title", "appliesTo", "owner", "rationale", "lastReviewed", "rules",
      "routes");
  private static final Set<String> APPLIES_TO = Set.of("controls", "types", "pattern");
  /** The ASFF type namespaces, the first segment of every finding type. */
  static final List<String> NAMESPACES = List.of("Effects", "Sensitive Data Identifications",
      "Software and Configuration Checks", "TTPs", "Unusual Behaviors");
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern CONTROL = Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)+");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final String FENCE = "---";
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String source;
  private final List<String> problems;

  private PlaybookFile(String source, List<String> problems) {
    this.source = source;
    this.problems = problems;
  }

  /** The playbook in {@code text}, or null with its problems added to {@code problems}. */
  static Playbook parse(String source, String text, List<String> problems) {
    return new PlaybookFile(source, problems).parse(text);
  }

  private Playbook parse(String text) {
    int before = problems.size();
    if (text.startsWith("\uFEFF")) text = text.substring(1);
    List<String> lines = text.lines().toList();
    if (lines.isEmpty() || !lines.get(0).strip().equals(FENCE)) {
      problem("expected front matter between --- lines at the top of the file but "
          + (lines.isEmpty() ? "the file is empty" : "the first line is " + Problem.describe(lines.get(0))));
      return null;
    }
    int close = 1;
    while (close < lines.size() && !lines.get(close).strip().equals(FENCE)) close++;
    if (close == lines.size()) {
      problem("expected a --- line closing the front matter that starts at line 1 but the file ended at line "
          + lines.size());
      return null;
    }
    Object tree = yaml(String.join("\n", lines.subList(1, close)));
    if (problems.size() > before) return null;
    if (!(tree instanceof Map<?, ?> map)) {
      problem(Problem.expected("", "expected front matter of keys and values (id: ..., title: ...)", tree).message());
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> front = (Map<String, Object>) map;
    for (String key : front.keySet()) {
      if (!KEYS.contains(key)) problem(key, "unknown key; expected one of " + new TreeSet<>(KEYS));
    }
    String id = required(front, "id");
    if (id != null && !ID.matcher(id).matches()) {
      problem("id", Problem.expected("", "expected lower-case letters, digits and hyphens such as cis-iam-root", id)
          .message());
      id = null;
    }
    String title = required(front, "title");
    Playbook.AppliesTo appliesTo = appliesTo(front.get("appliesTo"));
    String owner = required(front, "owner");
    String rationale = required(front, "rationale");
    LocalDate reviewed = date(front);
    List<String> rules = strings("rules", front.get("rules"));
    List<String> routes = strings("routes", front.get("routes"));
    if (problems.size() > before) return null;
    String body = String.join("\n", lines.subList(close + 1, lines.size())).strip();
    return new Playbook(id, title, appliesTo, owner, rationale, reviewed, rules, routes,
        body.isEmpty() ? "" : body + "\n", source);
  }

  private Object yaml(String frontMatter) {
    if (frontMatter.isBlank()) {
      problem("expected front matter of keys and values (id: ..., title: ...) between the --- lines but it is empty");
      return null;
    }
    try {
      return YAML.readValue(frontMatter, Object.class);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null || at.getLineNr() < 1 ? ""
          : "line " + (at.getLineNr() + 1) + ", column " + at.getColumnNr() + ": ";
      problem(where + "not valid YAML: " + message(e.getOriginalMessage()));
      return null;
    }
  }

  private String required(Map<String, Object> front, String key) {
    Object v = front.get(key);
    if (v == null) {
      problem(key, "missing; expected " + (key.equals("id") ? "a playbook id such as cis-iam-root" : "a non-empty string"));
      return null;
    }
    if (v instanceof String s && !s.isBlank()) return s.strip();
    problem(key, Problem.expected("", "expected a non-empty string", v).message());
    return null;
  }

  private LocalDate date(Map<String, Object> front) {
    Object v = front.get("lastReviewed");
    if (v == null) {
      problem("lastReviewed", "missing; expected the date of the last review such as 2026-10-01");
      return null;
    }
    if (v instanceof String s && DATE.matcher(s).matches()) {
      try {
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    problem("lastReviewed", Problem.expected("", "expected a date such as 2026-10-01", v).message());
    return null;
  }

  private Playbook.AppliesTo appliesTo(Object v) {
    String key = "appliesTo";
    if (v == null) {
      problem(key, "missing; expected controls, types or a pattern, e.g. {controls: [IAM.4]}");
      return null;
    }
    if (!(v instanceof Map<?, ?> m)) {
      problem(key, Problem.expected("", "expected an object with controls, types or a pattern", v).message());
      return null;
    }
    for (Object k : m.keySet()) {
      if (!APPLIES_TO.contains(k)) problem(key + "." + k, "unknown key; expected one of " + new TreeSet<>(APPLIES_TO));
    }
    List<String> controls = strings(key + ".controls", m.get("controls"));
    for (int i = 0; i < controls.size(); i++) {
      if (!CONTROL.matcher(controls.get(i)).matches()) {
        problem(key + ".controls[" + i + "]",
            Problem.expected("", "expected a Security Hub control id such as IAM.4", controls.get(i)).message());
      }
    }
    List<String> types = strings(key + ".types", m.get("types"));
    for (int i = 0; i < types.size(); i++) {
      if (!isType(types.get(i))) {
        problem(key + ".types[" + i + "]", Problem.expected("", "expected a finding type or type prefix starting "
            + "with one of " + NAMESPACES, types.get(i)).message());
      }
    }
    FindingPattern pattern = pattern(m.get("pattern"));
    if (controls.isEmpty() && types.isEmpty() && pattern == null && m.get("pattern") == null) {
      problem(key, "expected at least one of controls, types and pattern but there is none");
      return null;
    }
    try {
      return new Playbook.AppliesTo(controls, types, pattern);
    } catch (IllegalArgumentException e) {
      return null; // a bad pattern, already reported
    }
  }

  private FindingPattern pattern(Object v) {
    if (v == null) return null;
    String where = source + ": appliesTo.pattern";
    try {
      String json = v instanceof String s ? s : JSON.writeValueAsString(v);
      return FindingPattern.parse(json, where);
    } catch (JsonProcessingException e) {
      problems.add(where + ": cannot be written as JSON: " + e.getOriginalMessage());
    } catch (RisklineException e) {
      problems.add(e.getMessage());
    }
    return null;
  }

  private static boolean isType(String type) {
    if (type.startsWith("/") || type.endsWith("/") || type.contains("//")) return false;
    String namespace = type.contains("/") ? type.substring(0, type.indexOf('/')) : type;
    return NAMESPACES.contains(namespace) && type.split("/").length <= 3;
  }

  /** A list of non-empty strings (one string counts as a list of one); empty when absent. */
  private List<String> strings(String key, Object v) {
    if (v == null) return List.of();
    List<?> list = v instanceof List<?> l ? l : List.of(v);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object e = list.get(i);
      if (e instanceof String s && !s.isBlank()) {
        out.add(s.strip());
      } else {
        problem(key + (v instanceof List<?> ? "[" + i + "]" : ""),
            Problem.expected("", "expected a non-empty string", e).message());
      }
    }
    return out;
  }

  private void problem(String key, String message) {
    problems.add(source + ": " + key + ": " + message);
  }

  private void problem(String message) {
    problems.add(source + ": " + message);
  }

  /** The parser's message without the source excerpts YAML adds. */
  private static String message(String message) {
    if (message == null) return "unreadable";
    List<String> kept = new ArrayList<>();
    for (String line : message.split("\n")) {
      if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) kept.add(line.strip());
    }
    return String.join("; ", kept);
  }
}
