package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Webhook bodies from a team's Mustache templates, against a real HTTP server on a random port. */
class WebhookTemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
  private static final String ROUTING_KEY = "R0UTINGKEY0123456789abcdef012345";
  private static final Map<String, String> ENV = Map.of("PD_ROUTING_KEY", ROUTING_KEY);
  private static final Path PAGERDUTY = Path.of("examples/templates/pagerduty-events-v2.json.mustache");

  private HttpServer server;
  private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  @TempDir
  Path dir;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] out = "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(202, out.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(out);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Map<String, Target> read(String settings, List<Problem> problems) throws IOException {
    String yaml = """
        targets:
          pd:
            type: webhook
            url: "http://127.0.0.1:%d/v2/enqueue"
            allowInsecureHttp: true
        %s""".formatted(server.getAddress().getPort(), settings.indent(4));
    Object tree = new YAMLMapper().readValue(yaml, Object.class);
    return Targets.read(Settings.root(tree, problems).section("targets"), ENV, client, Clock.fixed(T0, ZoneOffset.UTC));
  }

  private Target target(String settings) throws IOException {
    List<Problem> problems = new ArrayList<>();
    Target t = read(settings, problems).get("pd");
    assertThat(problems).isEmpty();
    return t;
  }

  private List<String> problems(String settings) throws IOException {
    List<Problem> problems = new ArrayList<>();
    assertThat(read(settings, problems)).isEmpty();
    return problems.stream().map(Problem::toString).toList();
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  /** A finding with every field the PagerDuty template uses, and {@code title} as its title. */
  private static Delivery delivery(String title) {
    Map<String, Object> finding = new LinkedHashMap<>();
    finding.put("Id", "arn:aws:inspector2:us-east-1:111122223333:finding/abc");
    finding.put("AwsAccountId", "111122223333");
    finding.put("Title", title);
    finding.put("ProductName", "Inspector");
    finding.put("Resources", List.of(Map.of("Type", "AwsEc2Instance", "Id", "i-0abc")));
    Map<String, Object> risk = new LinkedHashMap<>();
    risk.put("Rating", "HIGH");
    risk.put("Likelihood", "HIGH");
    risk.put("Impact", "MEDIUM");
    risk.put("Reasons", List.of(Map.of("Factor", "kev", "Detail", "CVE-2021-44228 is in CISA KEV"),
        Map.of("Factor", "exposure", "Detail", "reachable from the internet")));
    Map<String, Object> riskline = new LinkedHashMap<>();
    riskline.put("Risk", risk);
    riskline.put("Due", "2026-02-08T00:00:00Z");
    riskline.put("State", "OPEN");
    riskline.put("Playbook", "cve-patching");
    riskline.put("PlaybookUrl", "https://wiki.example.com/playbooks/cve-patching");
    return Delivery.pending("high-to-pager", "pd", Change.NEW, "abc",
        TriageEvent.json(Change.NEW, finding, riskline), T0);
  }

  static Stream<Arguments> escapingCases() throws IOException {
    JsonNode cases;
    try (InputStream in = WebhookTemplateTest.class.getResourceAsStream("/route/json-escaping-cases.yaml")) {
      cases = new YAMLMapper().readTree(in);
    }
    List<Arguments> out = new ArrayList<>();
    cases.forEach(c -> out.add(Arguments.of(c.get("name").asText(), c.get("value").asText(),
        c.get("escaped").asText())));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("escapingCases")
  void every_value_is_escaped_for_a_json_string(String name, String value, String escaped) throws Exception {
    assertThat(JsonBody.escape(value)).isEqualTo(escaped);

    Path template = file("t.json.mustache", "{\"summary\": \"{{title}}\", \"n\": 1}");
    Target.Outcome outcome = target("template: " + template).send(delivery(value));

    assertThat(outcome.sent()).as(outcome.detail()).isTrue();
    JsonNode body = JSON.readTree(received.poll());
    assertThat(body.get("summary").asText()).isEqualTo(value);
    assertThat(body.size()).as("nothing was injected beside the string").isEqualTo(2);
  }

  @Test
  void the_pagerduty_example_renders_the_body_pagerduty_documents() throws Exception {
    Delivery d = delivery("Log4Shell \"critical\" in i-0abc");
    Target.Outcome outcome = target("""
        template: %s
        values:
          routingKey: ${PD_ROUTING_KEY}
        """.formatted(PAGERDUTY.toAbsolutePath())).send(d);

    assertThat(outcome.sent()).as(outcome.detail()).isTrue();
    JsonNode expected = JSON.readTree("""
        {
          "routing_key": "%s",
          "event_action": "trigger",
          "dedup_key": "%s",
          "client": "Riskline",
          "payload": {
            "summary": "HIGH risk (NEW): Log4Shell \\"critical\\" in i-0abc",
            "source": "i-0abc",
            "severity": "error",
            "group": "111122223333",
            "class": "Inspector",
            "component": "i-0abc",
            "custom_details": {
              "rating": "HIGH",
              "likelihood": "HIGH",
              "impact": "MEDIUM",
              "due": "2026-02-08",
              "state": "OPEN",
              "finding": "arn:aws:inspector2:us-east-1:111122223333:finding/abc",
              "route": "high-to-pager",
              "reasons": ["kev: CVE-2021-44228 is in CISA KEV", "exposure: reachable from the internet"],
              "playbook": "cve-patching"
            }
          },
          "links": [{"href": "https://wiki.example.com/playbooks/cve-patching", "text": "Playbook: cve-patching"}]
        }
        """.formatted(ROUTING_KEY, AwsMessages.sha256(d.key())));
    assertThat(JSON.readTree(received.poll())).isEqualTo(expected);
  }

  @Test
  void the_pagerduty_example_maps_every_rating_to_a_pagerduty_severity() throws Exception {
    Target pd = target("template: %s\nvalues: {routingKey: \"${PD_ROUTING_KEY}\"}".formatted(PAGERDUTY.toAbsolutePath()));
    Map<String, String> severities = new LinkedHashMap<>();
    for (String rating : List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE")) {
      Delivery d = delivery("x");
      assertThat(pd.send(new Delivery(0, d.key(), d.route(), d.target(), d.change(), d.findingKey(),
          d.event().replace("\"Rating\":\"HIGH\"", "\"Rating\":\"" + rating + "\""), d.status(), 0, T0, null, T0,
          null)).sent()).isTrue();
      severities.put(rating, JSON.readTree(received.poll()).path("payload").path("severity").asText());
    }
    assertThat(severities).containsExactly(Map.entry("CRITICAL", "critical"), Map.entry("HIGH", "error"),
        Map.entry("MEDIUM", "warning"), Map.entry("LOW", "info"), Map.entry("NONE", "info"));
  }

  @Test
  void a_digest_uses_the_template_when_it_has_none_of_its_own() throws Exception {
    Delivery.Group g = new Delivery.Group("g", "{}", Duration.ofMinutes(15), T0, 3);
    Delivery digest = DigestEvent.delivery(List.of(delivery("a").inGroup(g), delivery("b").inGroup(g)), 10);
    Target pd = target("template: %s\nvalues: {routingKey: \"${PD_ROUTING_KEY}\"}".formatted(PAGERDUTY.toAbsolutePath()));

    assertThat(pd.send(digest).sent()).isTrue();

    JsonNode body = JSON.readTree(received.poll());
    assertThat(body.path("payload").path("summary").asText()).isEqualTo("HIGH risk (DIGEST): 2 findings on route high-to-pager");
    assertThat(body.path("payload").path("source").asText()).isEqualTo("riskline");
    assertThat(body.path("payload").path("custom_details").path("findings").asInt()).isEqualTo(2);
    assertThat(body.path("dedup_key").asText()).isEqualTo(AwsMessages.sha256(digest.key()));
  }

  @Test
  void a_digest_template_alone_shapes_digests_and_leaves_single_findings_as_the_event() throws Exception {
    Path digestOnly = file("digest.json.mustache", """
        {"text": "{{title}}", "count": {{summary.count}}, "event": {{{eventJson}}}}""");
    Target t = target("digestTemplate: " + digestOnly);
    Delivery.Group g = new Delivery.Group("g", "{}", Duration.ofMinutes(15), T0, 3);
    Delivery digest = DigestEvent.delivery(List.of(delivery("a").inGroup(g)), 10);
    Delivery single = delivery("a");

    assertThat(t.send(digest).sent()).isTrue();
    assertThat(t.send(single).sent()).isTrue();

    JsonNode first = JSON.readTree(received.poll());
    assertThat(first.get("text").asText()).isEqualTo("1 finding on route high-to-pager");
    assertThat(first.get("count").asInt()).isEqualTo(1);
    assertThat(first.get("event")).isEqualTo(JSON.readTree(digest.event()));
    assertThat(received.poll()).isEqualTo(single.event());
  }

  @Test
  void a_template_that_renders_invalid_json_is_a_problem_at_load() throws IOException {
    Path unescaped = file("raw.json.mustache", "{\"summary\": \"{{{title}}}\"}");
    Path missingComma = file("comma.json.mustache", "{\"a\": \"{{rating}}\" \"b\": 1}");
    Path twice = file("twice.json.mustache", "{\"a\": 1, \"a\": 2}");
    Path digest = file("digest.json.mustache", "{\"count\": {{summary.count}}} trailing");
    Path findingsOnly = file("finding.json.mustache", "{\"x\": {{#findingId}}1{{/findingId}}}");

    assertThat(problems("template: " + unescaped)).singleElement().asString().startsWith(
        "targets.pd.template: renders invalid JSON: Unexpected character ('f' (code 102)): was expecting comma to "
            + "separate Object entries at line 1, column ");
    assertThat(problems("template: " + missingComma)).containsExactly("targets.pd.template: renders invalid JSON: "
        + "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries at line 1, column 18");
    assertThat(problems("template: " + twice)).containsExactly(
        "targets.pd.template: renders invalid JSON: Duplicate field 'a' at line 1, column 13");
    assertThat(problems("digestTemplate: " + digest)).singleElement().asString().startsWith(
        "targets.pd.digestTemplate: renders invalid JSON: Unrecognized token 'trailing'");
    assertThat(problems("template: " + findingsOnly)).containsExactly("targets.pd.template: renders invalid JSON for "
        + "a digest (digestTemplate may give digests their own): Unexpected character ('}' (code 125)): expected a "
        + "valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at line 1, column 7");
    assertThat(target("template: %s\ndigestTemplate: %s".formatted(findingsOnly, file("d.json", "{}"))))
        .as("with a digest template of its own, the template need not suit digests").isNotNull();
  }

  @Test
  void template_settings_problems_name_their_path() throws IOException {
    assertThat(problems("template: " + dir.resolve("missing.mustache"))).singleElement().asString()
        .startsWith("targets.pd.template: cannot read " + dir.resolve("missing.mustache"));
    assertThat(problems("template: " + file("bad.mustache", "{{#a}}") + "\n")).singleElement().asString()
        .startsWith("targets.pd.template: not a valid Mustache template: ");
    assertThat(problems("values: {routingKey: \"${PD_ROUTING_KEY}\"}")).containsExactly(
        "targets.pd.values: values are only used by template and digestTemplate; expected one of them too");
    Path ok = file("ok.json.mustache", "{\"k\": \"{{values.key}}\"}");
    assertThat(problems("template: %s\nvalues: {key: \"${NOT_SET}\", \"bad-name\": x, list: [1]}".formatted(ok)))
        .containsExactly("targets.pd.values.key: the environment variable NOT_SET is not set",
            "targets.pd.values.bad-name: expected a name of letters, digits and _ (used as {{values.NAME}})",
            "targets.pd.values.list: expected a non-empty string, ${ENV_VAR} or file:/path");
  }

  @Test
  void a_body_that_is_not_json_at_send_time_fails_for_good_without_showing_a_secret() throws Exception {
    // Valid over the sample (whose account is digits), but not JSON for an account id that is text.
    Path template = file("t.json.mustache", "{\"key\": \"{{values.routingKey}}\", \"account\": {{{account}}}}");
    Target t = target("template: %s\ndigestTemplate: %s\nvalues: {routingKey: \"${PD_ROUTING_KEY}\"}"
        .formatted(template, file("d.json", "{}")));
    Delivery d = delivery("x");
    Delivery bad = new Delivery(0, d.key(), d.route(), d.target(), d.change(), d.findingKey(),
        d.event().replace("\"111122223333\"", "\"" + ROUTING_KEY + "\""), d.status(), 0, T0, null, T0, null);

    Target.Outcome outcome = t.send(bad);

    assertThat(outcome.sent()).isFalse();
    assertThat(outcome.permanent()).isTrue();
    assertThat(outcome.detail()).isEqualTo("webhook pd (http://127.0.0.1:" + server.getAddress().getPort()
        + "): the template renders invalid JSON: Unrecognized token '***': was expecting (JSON String, Number, "
        + "Array, Object or token 'null', 'true' or 'false') at line 1, column 56");
    assertThat(received).as("nothing was sent").isEmpty();
  }

  @Test
  void the_readme_example_loads_and_its_pagerduty_webhook_sends_the_routing_key() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int at = readme.indexOf("A PagerDuty webhook:");
    assertThat(at).as("the README shows a PagerDuty webhook").isPositive();
    int start = readme.indexOf("```yaml\n", at) + "```yaml\n".length();
    file("sns-email.mustache", "{{rating}} risk: {{title}}");
    file("sns-sms.mustache", "{{rating}} {{title}}");
    String yaml = readme.substring(start, readme.indexOf("```", start))
        .replace("https://events.pagerduty.com", "http://127.0.0.1:" + server.getAddress().getPort())
        .replace("type: webhook", "type: webhook\n    allowInsecureHttp: true")
        .replace("examples/templates/", PAGERDUTY.toAbsolutePath().getParent() + "/")
        .replace("/etc/riskline/", dir + "/");
    List<Problem> problems = new ArrayList<>();
    Map<String, Target> targets = Targets.read(Settings.root(new YAMLMapper().readValue(yaml, Object.class), problems)
        .section("targets"), Map.of("PAGERDUTY_ROUTING_KEY", ROUTING_KEY), client, Clock.fixed(T0, ZoneOffset.UTC));

    assertThat(problems).isEmpty();
    assertThat(targets).containsOnlyKeys("pagerduty", "alerts");
    ((AwsTarget) targets.get("alerts")).close();
    assertThat(targets.get("pagerduty").send(delivery("x")).sent()).isTrue();
    assertThat(JSON.readTree(received.poll()).get("routing_key").asText()).isEqualTo(ROUTING_KEY);
  }
}
