package dev.riskline.route;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.mustachejava.Mustache;
import dev.riskline.risk.Settings;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of a webhook shaped by a team's Mustache templates instead of the triage event, for a
 * receiver that expects its own (PagerDuty Events v2, Opsgenie, a home-grown API): {@code template: FILE}
 * for one finding's change and {@code digestTemplate: FILE} for a digest (the digest uses {@code template}
 * when it has none of its own; without either, the body is the event as is).
 *
 * <p>The view is the {@link Message} other templates see, plus {@code idempotencyKey} (and {@code
 * idempotencyKeyHash}, its SHA-256 in 64 hex characters, for receivers that limit a key's length), {@code route},
 * {@code target}, {@code values.NAME} (the target's {@code values}, which may be {@code ${ENV}} or {@code
 * file:} secrets), {@code ratingIs.RATING} (true for the message's rating, for choosing a text by rating) and
 * {@code eventJson} (the whole event, to embed with {@code {{{eventJson}}}}). Every {@code {{name}}} is
 * escaped for a JSON string ({@link #escape}); {@code {{{name}}}} is not. The rendered text must be JSON: a
 * comma before {@code ]} or {@code }} is dropped (so a section can end each item with one), duplicate keys
 * and trailing text are errors, and the body sent is the parsed JSON written compactly. Templates are
 * rendered over sample messages at load, so a template that cannot make JSON is a problem of the settings.
 * Immutable and thread-safe.
 */
final class JsonBody {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** A rendered body that is not JSON; the message has the parser's error and where, never the body. */
  static final class Invalid extends RuntimeException {
    Invalid(String message) {
      super(message);
    }
  }

  private final Mustache single;
  private final Mustache digest;
  private final Map<String, String> values;
  private final List<String> secrets;

  private JsonBody(Mustache single, Mustache digest, Map<String, String> values, List<String> secrets) {
    this.single = single;
    this.digest = digest;
    this.values = Map.copyOf(values);
    this.secrets = List.copyOf(secrets);
  }

  /**
   * The body templates of a webhook's settings ({@code template}, {@code digestTemplate}, {@code values}),
   * or null when it has none (the event as is) or after adding problems (check the settings' list).
   */
  static JsonBody read(String name, Settings s, Secrets secrets) {
    int before = s.problems().size();
    Map<String, String> values = new LinkedHashMap<>();
    List<String> hidden = new ArrayList<>();
    Settings v = s.section("values");
    for (String key : v.keys()) {
      String where = v.at(key);
      if (!key.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
        s.problem(where, "expected a name of letters, digits and _ (used as {{values.NAME}})");
      } else if (!(v.raw(key) instanceof String text) || text.isBlank()) {
        s.problem(where, "expected a non-empty string, ${ENV_VAR} or file:/path");
      } else {
        String value = secrets.resolve(v, where, text);
        if (value != null) values.put(key, value);
        if (value != null && Secrets.refers(text)) hidden.add(value);
      }
    }
    Mustache single = s.has("template") ? Templates.file(s, "template", JsonBody::escape) : null;
    Mustache digest = s.has("digestTemplate") ? Templates.file(s, "digestTemplate", JsonBody::escape) : single;
    if (single == null && digest == null) {
      if (s.has("values") && s.problems().size() == before) {
        s.problem(s.at("values"), "values are only used by template and digestTemplate; expected one of them too");
      }
      return null;
    }
    if (s.problems().size() > before) return null;
    JsonBody body = new JsonBody(single, digest, values, hidden);
    body.check(s, "template", single, Samples.finding(name), "");
    if (s.problems().size() == before) {
      body.check(s, s.has("digestTemplate") ? "digestTemplate" : "template", digest, Samples.digest(name),
          s.has("digestTemplate") ? "" : " for a digest (digestTemplate may give digests their own)");
    }
    return s.problems().size() > before ? null : body;
  }

  /** Renders a template over a sample and adds a problem when the text is not JSON. */
  private void check(Settings s, String key, Mustache template, Delivery sample, String what) {
    if (template == null) return;
    try {
      json(template, sample);
    } catch (Invalid e) {
      s.problem(s.at(key), "renders invalid JSON" + what + ": " + e.getMessage());
    } catch (RuntimeException e) {
      s.problem(s.at(key), "cannot be rendered: " + redact(String.valueOf(e.getMessage())));
    }
  }

  /** The values that came from {@code ${ENV}} or {@code file:}: details never show them. */
  List<String> secrets() {
    return secrets;
  }

  /**
   * The body of a delivery: its template rendered and parsed, or the event as is when its kind has no
   * template.
   *
   * @throws Invalid when the rendered text is not JSON
   */
  String body(Delivery d) {
    Mustache template = d.group() == null ? single : digest;
    return template == null ? d.event() : json(template, d);
  }

  private String json(Mustache template, Delivery d) {
    Message m = Message.of(d.event());
    Map<String, Object> more = new LinkedHashMap<>();
    more.put("idempotencyKey", d.key());
    more.put("idempotencyKeyHash", AwsMessages.sha256(d.key()));
    more.put("route", d.route());
    more.put("target", d.target());
    more.put("values", values);
    more.put("eventJson", d.event());
    if (m.rating() != null) more.put("ratingIs", Map.of(m.rating(), true));
    StringWriter w = new StringWriter();
    template.execute(w, new Object[] {more, m});
    try {
      return JSON.readTree(w.toString()).toString();
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new Invalid(redact(e.getOriginalMessage())
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    }
  }

  private String redact(String text) {
    String out = text;
    for (String h : secrets) out = out.replace(h, "***");
    return out;
  }

  /**
   * A value for the inside of a JSON string: {@code "}, {@code \} and control characters escaped as JSON
   * requires, and {@code <}, {@code >}, {@code &}, U+2028 and U+2029 as {@code \}{@code u} escapes, so the
   * body is safe inside an HTML page or a JavaScript source too.
   */
  static String escape(String value) {
    String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(value));
    StringBuilder out = new StringBuilder(quoted.length());
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      switch (c) {
        case '<' -> out.append("\\u003C");
        case '>' -> out.append("\\u003E");
        case '&' -> out.append("\\u0026");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** The messages templates are rendered over at load: every field set, with text JSON must escape. */
  static final class Samples {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private Samples() {}

    static Delivery finding(String target) {
      Map<String, Object> finding = new LinkedHashMap<>();
      finding.put("Id", "arn:aws:securityhub:us-east-1:111122223333:finding/sample");
      finding.put("AwsAccountId", "111122223333");
      finding.put("Title", "Sample \"finding\" with a \\ backslash,\nnew line and </script>");
      finding.put("ProductName", "Security Hub");
      finding.put("Severity", Map.of("Label", "CRITICAL"));
      finding.put("Resources", List.of(Map.of("Type", "AwsEc2Instance", "Id", "i-0sample")));
      Map<String, Object> risk = new LinkedHashMap<>();
      risk.put("Rating", "CRITICAL");
      risk.put("Likelihood", "HIGH");
      risk.put("Impact", "HIGH");
      risk.put("Reasons", List.of(Map.of("Factor", "kev", "Detail", "in \"CISA KEV\""),
          Map.of("Factor", "exposure", "Detail", "reachable from the internet")));
      Map<String, Object> riskline = new LinkedHashMap<>();
      riskline.put("Risk", risk);
      riskline.put("Due", "2026-01-08T00:00:00Z");
      riskline.put("State", "OPEN");
      riskline.put("Playbook", "sample-playbook");
      riskline.put("PlaybookUrl", "https://wiki.example.com/playbooks/sample-playbook");
      String event = TriageEvent.json(Change.NEW, finding, riskline);
      return Delivery.pending("sample-route", target, Change.NEW, "sample-finding", event, AT);
    }

    static Delivery digest(String target) {
      Delivery.Group g = new Delivery.Group("sample-group", "{}", Duration.ofMinutes(15), AT, 3);
      Delivery member = finding(target).inGroup(g);
      return DigestEvent.delivery(List.of(member, member), 10);
    }
  }
}
