package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HEC event endpoint as Splunk documents it, played by a real HTTP server. */
class SplunkHecTargetTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "11111111-2222-3333-4444-555555555555";
  static final Instant CREATED = Instant.parse("2026-12-01T08:30:00.250Z");

  private HttpServer server;
  private final List<String> paths = new ArrayList<>();
  private final List<String> authorizations = new ArrayList<>();
  private final List<String> bodies = new ArrayList<>();
  private volatile int status = 200;
  private volatile String answer = "{\"text\":\"Success\",\"code\":0}";
  private volatile String retryAfter;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      paths.add(exchange.getRequestURI().getPath());
      authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      if (retryAfter != null) exchange.getResponseHeaders().add("Retry-After", retryAfter);
      exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
      byte[] body = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private SplunkHecTarget target(Map<String, Object> extra) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("type", "splunk");
    settings.put("url", "http://127.0.0.1:" + server.getAddress().getPort());
    settings.put("token", "${HEC_TOKEN}");
    settings.put("allowInsecureHttp", true);
    settings.putAll(extra);
    List<Problem> problems = new ArrayList<>();
    SplunkHecTarget t = SplunkHecTarget.read("splunk", section(settings, problems),
        n -> n.equals("HEC_TOKEN") ? TOKEN : null);
    assertThat(problems).isEmpty();
    return t;
  }

  static Settings section(Map<String, Object> settings, List<Problem> problems) {
    return Settings.root(Map.of("targets", Map.of("siem", settings)), problems).section("targets").section("siem");
  }

  static Delivery delivery(String title) {
    Map<String, Object> finding = new LinkedHashMap<>();
    finding.put("Id", "arn:aws:inspector2:us-east-1:111122223333:finding/abc");
    finding.put("AwsAccountId", "111122223333");
    finding.put("Title", title);
    finding.put("Resources", List.of(Map.of("Type", "AwsEc2Instance", "Id", "i-0abc")));
    Map<String, Object> risk = new LinkedHashMap<>();
    risk.put("Rating", "CRITICAL");
    risk.put("Reasons", List.of(Map.of("Factor", "kev", "Detail", "CVE-2021-44228 is in CISA KEV"),
        Map.of("Factor", "exposure", "Detail", "reachable from the internet")));
    Map<String, Object> riskline = new LinkedHashMap<>();
    riskline.put("Risk", risk);
    riskline.put("Due", "2026-12-07T00:00:00Z");
    riskline.put("State", "OPEN");
    String event = TriageEvent.json(Change.NEW, finding, riskline);
    return Delivery.pending("critical", "siem", Change.NEW, "k", event, CREATED);
  }

  @Test
  void posts_the_triage_event_to_the_event_endpoint_with_the_splunk_token() throws Exception {
    Target.Outcome outcome = target(Map.of("index", "security")).send(delivery("Log4Shell"));

    assertThat(outcome.sent()).isTrue();
    assertThat(outcome.detail()).endsWith("HTTP 200: {\"text\":\"Success\",\"code\":0}");
    assertThat(paths).containsExactly("/services/collector/event");
    assertThat(authorizations).containsExactly("Splunk " + TOKEN);
    JsonNode body = JSON.readTree(bodies.get(0));
    assertThat(body.fieldNames()).toIterable()
        .containsExactly("time", "host", "source", "sourcetype", "index", "event");
    assertThat(body.get("time").decimalValue()).isEqualByComparingTo("1796113800.250");
    assertThat(body.get("host").asText()).isEqualTo("riskline");
    assertThat(body.get("source").asText()).isEqualTo("riskline");
    assertThat(body.get("sourcetype").asText()).isEqualTo("riskline:finding");
    assertThat(body.get("index").asText()).isEqualTo("security");
    assertThat(body.get("event")).isEqualTo(JSON.readTree(delivery("Log4Shell").event()));
  }

  @Test
  void index_is_left_out_when_not_set_and_sourcetype_is_a_setting() throws Exception {
    target(Map.of("sourcetype", "aws:riskline")).send(delivery("t"));

    JsonNode body = JSON.readTree(bodies.get(0));
    assertThat(body.has("index")).isFalse();
    assertThat(body.get("sourcetype").asText()).isEqualTo("aws:riskline");
  }

  @Test
  void a_url_with_a_path_is_used_as_it_is() {
    URI url = target(Map.of("url", "http://127.0.0.1:1/splunk/services/collector/event")).url();

    assertThat(url).isEqualTo(URI.create("http://127.0.0.1:1/splunk/services/collector/event"));
  }

  @Test
  void invalid_data_and_invalid_tokens_fail_for_good_and_a_busy_server_is_retried_after_its_delay() {
    SplunkHecTarget splunk = target(Map.of());

    status = 400;
    answer = "{\"text\":\"Invalid data format\",\"code\":6,\"invalid-event-number\":0}";
    Target.Outcome invalid = splunk.send(delivery("t"));
    status = 403;
    answer = "{\"text\":\"Invalid token\",\"code\":4}";
    Target.Outcome forbidden = splunk.send(delivery("t"));
    status = 503;
    answer = "{\"text\":\"Server is busy\",\"code\":9}";
    retryAfter = "30";
    Target.Outcome busy = splunk.send(delivery("t"));

    assertThat(invalid.sent()).isFalse();
    assertThat(invalid.permanent()).isTrue();
    assertThat(invalid.detail()).contains("HTTP 400: {\"text\":\"Invalid data format\",\"code\":6");
    assertThat(forbidden.permanent()).isTrue();
    assertThat(forbidden.detail()).contains("HTTP 403: {\"text\":\"Invalid token\",\"code\":4}");
    assertThat(busy.sent()).isFalse();
    assertThat(busy.permanent()).isFalse();
    assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    for (Target.Outcome o : List.of(invalid, forbidden, busy)) assertThat(o.detail()).doesNotContain(TOKEN);
  }

  @Test
  void a_refused_connection_is_retried() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    SplunkHecTarget splunk = new SplunkHecTarget("splunk", URI.create("http://127.0.0.1:" + port
        + SplunkHecTarget.EVENT_PATH), TOKEN, null, "riskline:finding", Http.create(Duration.ofSeconds(2)),
        Clock.systemUTC());

    Target.Outcome outcome = splunk.send(delivery("t"));

    assertThat(outcome.sent()).isFalse();
    assertThat(outcome.permanent()).isFalse();
    assertThat(outcome.detail()).isEqualTo("splunk splunk (http://127.0.0.1:" + port + "): connection refused or"
        + " unreachable");
  }
}
