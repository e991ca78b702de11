package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook target against a real HTTP server on a random port. */
class WebhookTargetTest {
  static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
  static final String SECRET = "s3cr3t-signing-key";
  static final String TOKEN = "tok-9f8e7d6c5b4a";
  static final Map<String, String> ENV = Map.of("HOOK_SECRET", SECRET, "HOOK_TOKEN", TOKEN);

  /** What the server answers: status, Retry-After (or null), body, delay. */
  record Answer(int status, String retryAfter, String body, long delayMillis) {}

  record Received(Map<String, List<String>> headers, String body, String query) {}

  private HttpServer server;
  private final AtomicReference<Answer> answer = new AtomicReference<>(new Answer(200, null, "ok", 0));
  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  @TempDir
  Path dir;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8),
          exchange.getRequestURI().getRawQuery()));
      Answer a = answer.get();
      try {
        Thread.sleep(a.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (a.retryAfter() != null) exchange.getResponseHeaders().add("Retry-After", a.retryAfter());
      byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(out);
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/abc123?token=" + TOKEN;
  }

  private Map<String, Target> read(String yaml, List<Problem> problems) throws IOException {
    Object tree = new YAMLMapper().readValue(yaml, Object.class);
    return Targets.read(Settings.root(tree, problems).section("targets"), ENV, client, Clock.fixed(T0, ZoneOffset.UTC));
  }

  private Target hook(String extra) throws IOException {
    List<Problem> problems = new ArrayList<>();
    Map<String, Target> targets = read("""
        targets:
          hook:
            type: webhook
            url: "%s"
            allowInsecureHttp: true
            secret: ${HOOK_SECRET}
            timeoutSeconds: 1
            headers:
              Authorization: Bearer ${HOOK_TOKEN}
              X-Team: security
        %s""".formatted(url(), extra), problems);
    assertThat(problems).isEmpty();
    return targets.get("hook");
  }

  private static Delivery delivery() {
    return Delivery.pending("critical-to-chat", "hook", Change.NEW, "abc",
        "{\"source\":\"riskline\",\"detail-type\":\"Riskline Finding NEW\",\"detail\":{}}", T0);
  }

  @Test
  void posts_the_event_as_json_with_its_idempotency_key_a_verifiable_signature_and_the_configured_headers()
      throws Exception {
    Target.Outcome outcome = hook("").send(delivery());

    assertThat(outcome.sent()).isTrue();
    assertThat(outcome.detail()).isEqualTo("webhook hook (http://127.0.0.1:" + server.getAddress().getPort()
        + "): HTTP 200: ok");
    Received r = received.poll();
    assertThat(r.body()).isEqualTo(delivery().event());
    assertThat(r.headers().get("Content-type")).containsExactly("application/json");
    assertThat(r.headers().get("Idempotency-key")).containsExactly("abc/critical-to-chat/hook/NEW/2026-02-01T08:00:00Z");
    assertThat(r.headers().get("Authorization")).containsExactly("Bearer " + TOKEN);
    assertThat(r.headers().get("X-team")).containsExactly("security");
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = java.util.HexFormat.of().formatHex(mac.doFinal(r.body().getBytes(StandardCharsets.UTF_8)));
    assertThat(r.headers().get("X-riskline-signature")).containsExactly("sha256=" + expected);
    assertThat(r.query()).isEqualTo("token=" + TOKEN);
  }

  @Test
  void statuses_become_outcomes() throws Exception {
    Target hook = hook("");

    answer.set(new Answer(500, null, "boom", 0));
    assertThat(hook.send(delivery())).extracting(Target.Outcome::sent, Target.Outcome::permanent,
        Target.Outcome::retryAfter).containsExactly(false, false, null);
    answer.set(new Answer(429, "7", "slow down", 0));
    assertThat(hook.send(delivery()).retryAfter()).isEqualTo(Duration.ofSeconds(7));
    answer.set(new Answer(503, "Sun, 01 Feb 2026 08:02:00 GMT", "", 0));
    assertThat(hook.send(delivery()).retryAfter()).isEqualTo(Duration.ofMinutes(2));
    answer.set(new Answer(404, null, "no such hook", 0));
    assertThat(hook.send(delivery())).extracting(Target.Outcome::sent, Target.Outcome::permanent)
        .containsExactly(false, true);
  }

  @Test
  void a_slow_answer_times_out_and_a_closed_port_is_refused_and_both_are_retried() throws Exception {
    answer.set(new Answer(200, null, "late", 3000));
    Target.Outcome slow = hook("").send(delivery());

    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    List<Problem> problems = new ArrayList<>();
    Target refused = read("""
        targets:
          down: {type: webhook, url: "http://127.0.0.1:%d/x", allowInsecureHttp: true}
        """.formatted(closed), problems).get("down");
    Target.Outcome down = refused.send(delivery());

    assertThat(slow).extracting(Target.Outcome::sent, Target.Outcome::permanent).containsExactly(false, false);
    assertThat(slow.detail()).endsWith(": no answer within 1 s");
    assertThat(down).extracting(Target.Outcome::sent, Target.Outcome::permanent).containsExactly(false, false);
    assertThat(down.detail()).isEqualTo("webhook down (http://127.0.0.1:" + closed
        + "): connection refused or unreachable");
  }

  @Test
  void secrets_are_never_in_details_even_when_the_far_side_echoes_them() throws Exception {
    answer.set(new Answer(400, null, "bad request to " + url() + " with Bearer " + TOKEN + " signed " + SECRET, 0));

    Target.Outcome outcome = hook("").send(delivery());

    assertThat(outcome.permanent()).isTrue();
    assertThat(outcome.detail()).doesNotContain(TOKEN, SECRET, "abc123")
        .endsWith("HTTP 400: bad request to *** with *** signed ***");
  }

  @Test
  void secrets_come_from_files_too() throws Exception {
    Path file = Files.writeString(dir.resolve("secret"), SECRET + "\n");
    List<Problem> problems = new ArrayList<>();
    Target hook = read("""
        targets:
          hook: {type: webhook, url: "%s", allowInsecureHttp: true, secret: "file:%s"}
        """.formatted(url(), file), problems).get("hook");

    hook.send(delivery());

    assertThat(problems).isEmpty();
    assertThat(received.poll().headers().get("X-riskline-signature").get(0))
        .isEqualTo("sha256=" + WebhookTarget.sign(SECRET.getBytes(StandardCharsets.UTF_8),
            delivery().event().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void every_configuration_problem_is_named_by_its_path_without_showing_a_secret() throws IOException {
    List<Problem> problems = new ArrayList<>();
    Map<String, Target> targets = read("""
        targets:
          plain: {type: webhook, url: "http://hooks.example.com/T0/B0/%s"}
          metadata: {type: webhook, url: "http://169.254.169.254/latest/meta-data/", allowInsecureHttp: true}
          google: {type: webhook, url: "https://metadata.google.internal/computeMetadata/v1/"}
          unset: {type: webhook, url: "${NO_SUCH_URL}"}
          literal: {type: webhook, url: "https://hooks.example.com/x", secret: "%s"}
          reserved: {type: webhook, url: "https://hooks.example.com/x", headers: {Host: evil.example.com}}
          chat: {type: pagerduty, url: "https://hooks.slack.com/services/%s"}
          bare: "https://hooks.example.com/%s"
        """.formatted(TOKEN, SECRET, TOKEN, TOKEN), problems);

    assertThat(targets).isEmpty();
    assertThat(problems).extracting(Problem::toString).containsExactly(
        "targets.plain.url: expected an https URL but was http; set allowInsecureHttp: true to send in clear text",
        "targets.metadata.url: the host 169.254.169.254 is a link-local address (cloud metadata lives there);"
            + " sending there is refused",
        "targets.google.url: the host metadata.google.internal is a cloud metadata service; sending there is refused",
        "targets.unset.url: the environment variable NO_SUCH_URL is not set",
        "targets.literal.secret: expected ${ENV_VAR} or file:/path (a secret is never written in the file itself)",
        "targets.reserved.headers.Host: the header is set by Riskline or the HTTP client; expected another name",
        "targets.chat.type: expected one of [email, eventbridge, jira, servicenow, slack, sns, splunk, sqs, syslog, teams, webhook] but was \"pagerduty\"",
        "targets.bare: expected an object with the target's type and settings");
    assertThat(problems.toString()).doesNotContain(TOKEN, SECRET);
  }

  @Test
  void a_link_local_ipv6_host_is_refused() throws IOException {
    List<Problem> problems = new ArrayList<>();
    read("""
        targets:
          v6: {type: webhook, url: "https://[fe80::1]/hook"}
        """, problems);

    assertThat(problems).extracting(Problem::toString).singleElement().asString()
        .isEqualTo("targets.v6.url: the host [fe80::1] is a link-local address (cloud metadata lives there); sending"
            + " there is refused");
  }
}
