package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slack and Teams payloads as their public APIs document them, sent to a real HTTP server. */
class ChatTargetsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET_PATH = "/services/T000/B000/XXXXsecretXXXX";

  private HttpServer server;
  private final List<String> bodies = new ArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private volatile String retryAfter;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      if (retryAfter != null) exchange.getResponseHeaders().add("Retry-After", retryAfter);
      byte[] body = ("answer for " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status.get(), body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + SECRET_PATH);
  }

  private static Delivery delivery(String title) {
    Map<String, Object> finding = new LinkedHashMap<>();
    finding.put("Id", "arn:aws:inspector2:us-east-1:111122223333:finding/abc");
    finding.put("AwsAccountId", "111122223333");
    finding.put("ProductName", "Inspector");
    finding.put("Title", title);
    finding.put("Severity", Map.of("Label", "HIGH"));
    finding.put("Resources", List.of(Map.of("Type", "AwsEc2Instance", "Id", "i-0abc")));
    Map<String, Object> risk = new LinkedHashMap<>();
    risk.put("Rating", "CRITICAL");
    risk.put("Likelihood", "CRITICAL");
    risk.put("Impact", "HIGH");
    risk.put("Model", "matrix");
    risk.put("Reasons", List.of(Map.of("Factor", "kev", "Detail", "CVE-2021-44228 is in CISA KEV (added 2021-12-10) → likelihood CRITICAL")));
    Map<String, Object> riskline = new LinkedHashMap<>();
    riskline.put("Risk", risk);
    riskline.put("Due", "2026-12-07T00:00:00Z");
    riskline.put("State", "OPEN");
    String event = TriageEvent.json(Change.NEW, finding, riskline);
    return Delivery.pending("critical-to-chat", "chat", Change.NEW, "k", event, Instant.parse("2026-12-01T00:00:00Z"));
  }

  private static Templates template(String kind) {
    return Templates.bundled(kind, kind.equals("slack") ? Templates::slack : Templates::plain);
  }

  @Test
  void slack_gets_block_kit_with_the_rating_reasons_and_due_date_escaped_for_mrkdwn() throws Exception {
    SlackTarget slack = new SlackTarget("chat", url(), template("slack"), Http.create(Duration.ofSeconds(5)));

    Target.Outcome outcome = slack.send(delivery("Log4Shell <script>alert(1)</script> & more"));

    assertThat(outcome.sent()).isTrue();
    JsonNode body = JSON.readTree(bodies.get(0));
    assertThat(body.get("text").asText()).isEqualTo("CRITICAL risk: Log4Shell <script>alert(1)</script> & more");
    JsonNode blocks = body.get("blocks");
    assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
    assertThat(blocks.get(0).get("text").get("type").asText()).isEqualTo("plain_text");
    String section = blocks.get(1).get("text").get("text").asText();
    assertThat(blocks.get(1).get("text").get("type").asText()).isEqualTo("mrkdwn");
    assertThat(section).startsWith("*CRITICAL* risk (NEW): Log4Shell &lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
        .contains("Due 2026-12-07 · OPEN · likelihood CRITICAL × impact HIGH")
        .contains("• _kev_: CVE-2021-44228 is in CISA KEV (added 2021-12-10) → likelihood CRITICAL");
    assertThat(blocks.get(2).get("type").asText()).isEqualTo("context");
  }

  @Test
  void teams_gets_an_adaptive_card_with_facts() throws Exception {
    TeamsTarget teams = new TeamsTarget("teams", url(), template("teams"), Http.create(Duration.ofSeconds(5)));

    assertThat(teams.send(delivery("Log4Shell")).sent()).isTrue();

    JsonNode body = JSON.readTree(bodies.get(0));
    assertThat(body.get("type").asText()).isEqualTo("message");
    JsonNode attachment = body.get("attachments").get(0);
    assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
    JsonNode card = attachment.get("content");
    assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
    assertThat(card.get("version").asText()).isEqualTo("1.4");
    assertThat(card.get("body").get(0).get("text").asText()).isEqualTo("CRITICAL risk: Log4Shell");
    assertThat(card.get("body").get(1).get("text").asText()).contains("- *kev*: CVE-2021-44228 is in CISA KEV");
    assertThat(card.get("body").get(2).get("facts").findValuesAsText("title"))
        .containsExactly("Change", "Due", "State", "Account", "Resource", "Finding");
  }

  @Test
  void answers_decide_sent_retry_or_failed_and_messages_never_show_the_secret_path() throws Exception {
    SlackTarget slack = new SlackTarget("chat", url(), template("slack"), Http.create(Duration.ofSeconds(5)));

    status.set(429);
    retryAfter = "7";
    Target.Outcome limited = slack.send(delivery("t"));
    retryAfter = null;
    status.set(500);
    Target.Outcome down = slack.send(delivery("t"));
    status.set(404);
    Target.Outcome gone = slack.send(delivery("t"));

    assertThat(limited.sent()).isFalse();
    assertThat(limited.permanent()).isFalse();
    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(down.permanent()).isFalse();
    assertThat(down.retryAfter()).isNull();
    assertThat(gone.permanent()).isTrue();
    for (Target.Outcome o : List.of(limited, down, gone)) {
      assertThat(o.detail()).startsWith("slack chat (http://127.0.0.1:").doesNotContain("secret");
    }
    assertThat(gone.detail()).endsWith("HTTP 404: answer for ***");
  }

  @Test
  void a_refused_connection_is_retried() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    SlackTarget slack = new SlackTarget("chat", URI.create("http://127.0.0.1:" + port + SECRET_PATH),
        template("slack"), Http.create(Duration.ofSeconds(2)));

    Target.Outcome outcome = slack.send(delivery("t"));

    assertThat(outcome.sent()).isFalse();
    assertThat(outcome.permanent()).isFalse();
    assertThat(outcome.detail()).isEqualTo("slack chat (http://127.0.0.1:" + port + "): connection refused or unreachable");
  }
  @Test
  void chat_targets_are_read_from_the_configuration_with_their_url_from_the_environment() throws Exception {
    java.util.List<dev.riskline.finding.Problem> problems = new ArrayList<>();
    Object tree = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readValue("""
        targets:
          chat: {type: slack, url: "${SLACK_URL}"}
          room: {type: teams, url: "https://example.webhook.office.com/webhookb2/abc"}
        """, Object.class);
    dev.riskline.risk.Settings root = dev.riskline.risk.Settings.root(tree, problems);

    Map<String, Target> targets = Targets.read(root.section("targets"),
        Map.of("SLACK_URL", "https://hooks.slack.com/services/T0/B0/secret"));

    assertThat(targets).containsOnlyKeys("chat");
    assertThat(targets.get("chat")).isInstanceOf(SlackTarget.class);
    assertThat(problems).extracting(Object::toString).containsExactly(
        "targets.room.url: expected ${ENV_VAR} or file:/path: the Teams incoming webhook or Workflows URL is a secret,"
            + " never written in the file");
  }
}
