package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every HTTP target against a real HTTP server on a random port, one row per case of
 * route/http-answer-cases.yaml and target: the same outcome from every target, and no secret in any detail
 * although the server echoes each one it was sent.
 */
class HttpAnswersTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  static final String FINDING_KEY = TicketTargetContract.FINDING_KEY;
  static final String HOOK_SECRET = "hook-signing-s3cret";
  static final String HOOK_TOKEN = "hook-bearer-t0ken";
  static final String HOOK_PATH = "hook-path-s3cret";
  static final String HOOK_QUERY = "hook-query-t0ken";
  static final String CHAT_PATH = "T0AAA/B0BBB/chat-path-s3cret";
  static final String HEC_TOKEN = "11111111-2222-3333-4444-555555555555";
  static final String JIRA_TOKEN = "jira-api-t0ken-value";
  static final String SNOW_PASSWORD = "snow-passw0rd-value";
  static final Map<String, String> ENV = Map.of("HOOK_SECRET", HOOK_SECRET, "HOOK_TOKEN", HOOK_TOKEN,
      "HEC_TOKEN", HEC_TOKEN, "JIRA_TOKEN", JIRA_TOKEN, "SNOW_PASSWORD", SNOW_PASSWORD);
  /** Every secret of every target, and the Authorization headers made of them. */
  static final List<String> SECRETS = List.of(HOOK_SECRET, HOOK_TOKEN, HOOK_PATH, HOOK_QUERY, CHAT_PATH,
      "chat-path-s3cret", HEC_TOKEN, JIRA_TOKEN, SNOW_PASSWORD, JiraTarget.basic("soc@example.com", JIRA_TOKEN),
      JiraTarget.basic("riskline", SNOW_PASSWORD));

  /** The HTTP targets, and a secret each one's requests carry (which the server echoes). */
  enum Kind {
    WEBHOOK(HOOK_TOKEN), SLACK(CHAT_PATH), TEAMS(CHAT_PATH), SPLUNK(HEC_TOKEN),
    JIRA(JiraTarget.basic("soc@example.com", JIRA_TOKEN)), SERVICENOW(JiraTarget.basic("riskline", SNOW_PASSWORD));

    final String carried;

    Kind(String carried) {
      this.carried = carried;
    }

    String type() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What the server answers next: status, Retry-After, Location (each may be null). */
  record Answer(int status, String retryAfter, String location) {}

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  private final TicketTargetContract.MemoryTickets tickets = new TicketTargetContract.MemoryTickets();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> echoes = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile Answer answer = new Answer(200, null, null);
  private HttpServer server;
  private final List<ServerSocket> sockets = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::reply);
    server.start();
    tickets.saveTicket(new Tickets.Ticket("jira", FINDING_KEY, "SEC-1", "SEC-1", null, Tickets.Status.OPEN, T0, T0));
    tickets.saveTicket(new Tickets.Ticket("servicenow", FINDING_KEY, "6816f79cc0a8016401c5a33be04be441",
        "INC0010001", null, Tickets.Status.OPEN, T0, T0));
  }

  @AfterEach
  void stop() throws IOException {
    server.stop(0);
    for (ServerSocket s : sockets) s.close();
  }

  /** Answers with the status asked for and a JSON body echoing the request line and every header value. */
  private void reply(HttpExchange x) throws IOException {
    try (x) {
      x.getRequestBody().readAllBytes();
      requests.incrementAndGet();
      StringBuilder echo = new StringBuilder(x.getRequestMethod() + " " + x.getRequestURI());
      String auth = x.getRequestHeaders().getFirst("Authorization");
      if (auth != null) echo.append(" Authorization: ").append(auth);
      x.getRequestHeaders().forEach((k, v) -> echo.append(' ').append(k).append(": ").append(String.join(",", v)));
      echoes.add(echo.toString());
      Answer a = answer;
      if (a.retryAfter() != null) x.getResponseHeaders().add("Retry-After", a.retryAfter());
      if (a.location() != null) x.getResponseHeaders().add("Location", a.location());
      if (a.status() == 204) {
        x.sendResponseHeaders(204, -1);
        return;
      }
      byte[] body = JSON.createObjectNode().put("echo", echo.toString()).toString().getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().add("Content-Type", "application/json");
      x.sendResponseHeaders(a.status(), body.length);
      try (OutputStream o = x.getResponseBody()) {
        o.write(body);
      }
    }
  }

  static Stream<Arguments> rows() throws IOException {
    JsonNode cases;
    try (InputStream in = HttpAnswersTest.class.getResourceAsStream("/route/http-answer-cases.yaml")) {
      cases = YAML.readTree(in);
    }
    List<Arguments> rows = new ArrayList<>();
    for (JsonNode c : cases) {
      for (Kind k : Kind.values()) rows.add(Arguments.of(k, c.get("name").asText(), c));
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("rows")
  void every_http_target_reads_an_answer_the_same_way_and_never_shows_a_secret(Kind kind, String name, JsonNode c)
      throws IOException {
    String base = base(c);
    Target target = target(kind, base, client, clock);

    Target.Outcome o = target.send(delivery(), tickets);

    JsonNode expected = c.get("expected");
    assertThat(o.detail()).as("detail").startsWith(kind.type() + " " + kind.type() + " (" + base + ")");
    switch (expected.get("outcome").asText()) {
      case "SENT" -> assertThat(o.sent()).as(o.detail()).isTrue();
      case "RETRY" -> assertThat(o).as(o.detail()).extracting(Target.Outcome::sent, Target.Outcome::permanent)
          .containsExactly(false, false);
      case "DEAD" -> assertThat(o).as(o.detail()).extracting(Target.Outcome::sent, Target.Outcome::permanent)
          .containsExactly(false, true);
      default -> throw new IllegalArgumentException(expected.toString());
    }
    if (expected.get("outcome").asText().equals("RETRY")) {
      assertThat(o.retryAfter()).isEqualTo(expected.has("retryAfterSeconds")
          ? Duration.ofSeconds(expected.get("retryAfterSeconds").asLong()) : null);
    }
    if (expected.has("detail")) assertThat(o.detail()).contains(expected.get("detail").asText());
    assertThat(o.detail()).doesNotContain(SECRETS);
    if (c.has("answer")) {
      // An escalation of a ticket updates its fields first: Jira then comments (2 requests when the update is
      // answered 2xx); a 400 or 403 refusing the fields is followed by the comment alone (Jira and ServiceNow).
      int status = c.get("answer").path("status").asInt();
      boolean ticket = kind == Kind.JIRA || kind == Kind.SERVICENOW;
      int expectedRequests = (kind == Kind.JIRA && o.sent()) || (ticket && (status == 400 || status == 403)) ? 2 : 1;
      assertThat(requests.get()).as("no redirect followed, nothing sent after a failure").isEqualTo(expectedRequests);
      assertThat(echoes.get(0)).as("the server echoed the request's secret").contains(kind.carried);
    }
  }

  /** The base URL of the server the case needs, with its answer set. */
  private String base(JsonNode c) throws IOException {
    if (c.has("answer")) {
      JsonNode a = c.get("answer");
      answer = new Answer(a.get("status").asInt(), a.path("retryAfter").asText(null), a.path("location").asText(null));
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    int port;
    switch (c.get("failure").asText()) {
      case "timeout" -> { // the kernel accepts the connection; nobody ever reads or answers
        ServerSocket silent = new ServerSocket(0, 50, loopback);
        sockets.add(silent);
        port = silent.getLocalPort();
      }
      case "refused" -> {
        try (ServerSocket free = new ServerSocket(0, 1, loopback)) {
          port = free.getLocalPort();
        }
      }
      case "closed" -> {
        ServerSocket closing = new ServerSocket(0, 50, loopback);
        sockets.add(closing);
        port = closing.getLocalPort();
        Thread t = new Thread(() -> {
          try {
            while (true) {
              Socket s = closing.accept();
              s.close();
            }
          } catch (IOException e) {
            // the test is over: the socket was closed
          }
        }, "closing-server");
        t.setDaemon(true);
        t.start();
      }
      default -> throw new IllegalArgumentException(c.toString());
    }
    return "http://127.0.0.1:" + port;
  }

  /**
   * The target of a kind, sending to the server at {@code base} with a timeout of 1 s, read from its settings
   * (Slack and Teams, which take only https, are built directly).
   */
  static Target target(Kind kind, String base, HttpClient client, Clock clock) {
    String name = kind.type();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", name);
    s.put("allowInsecureHttp", true);
    s.put("timeoutSeconds", 1);
    switch (kind) {
      case SLACK -> {
        return new SlackTarget(name, URI.create(base + "/services/" + CHAT_PATH),
            Templates.bundled("slack", Templates::slack), new Http(client, Duration.ofSeconds(1), clock));
      }
      case TEAMS -> {
        return new TeamsTarget(name, URI.create(base + "/services/" + CHAT_PATH),
            Templates.bundled("teams", Templates::plain), new Http(client, Duration.ofSeconds(1), clock));
      }
      case WEBHOOK -> {
        s.put("url", base + "/hooks/" + HOOK_PATH + "?token=" + HOOK_QUERY);
        s.put("secret", "${HOOK_SECRET}");
        s.put("headers", Map.of("Authorization", "Bearer ${HOOK_TOKEN}"));
      }
      case SPLUNK -> {
        s.put("url", base);
        s.put("token", "${HEC_TOKEN}");
      }
      case JIRA -> {
        s.put("url", base);
        s.put("flavor", "cloud");
        s.put("project", "SEC");
        s.put("email", "soc@example.com");
        s.put("token", "${JIRA_TOKEN}");
      }
      case SERVICENOW -> {
        s.put("url", base);
        s.put("username", "riskline");
        s.put("password", "${SNOW_PASSWORD}");
      }
      default -> throw new IllegalArgumentException(kind.toString());
    }
    List<Problem> problems = new ArrayList<>();
    Map<String, Target> targets = Targets.read(Settings.root(Map.of("targets", Map.of(name, s)), problems)
        .section("targets"), ENV, client, clock);
    assertThat(problems).isEmpty();
    return targets.get(name);
  }

  static Delivery delivery() {
    return TicketTargetContract.delivery(Change.ESCALATED, "CRITICAL", "2026-12-08", "OPEN");
  }

  @Test
  void an_http_client_that_follows_redirects_is_refused() {
    HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    assertThatThrownBy(() -> new Http(following, Duration.ofSeconds(1), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected an HTTP client that never follows redirects but it follows NORMAL");
  }
}
