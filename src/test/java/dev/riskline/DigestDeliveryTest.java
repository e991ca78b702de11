package dev.riskline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.riskline.DeliveryTest.Manual;
import dev.riskline.finding.Finding;
import dev.riskline.route.Change;
import dev.riskline.route.Delivery;
import dev.riskline.route.Dispatcher;
import dev.riskline.store.Store;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Digests and rate limits end to end: findings imported through the engine into the H2 outbox, the
 * dispatcher on a clock the test moves, and a webhook on a local HTTP server.
 */
class DigestDeliveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = DeliveryTest.T0;
  private static final String IMAGE_A = "arn:aws:ecr:eu-west-1:111122223333:repository/shop/sha256:aaaa";
  private static final String IMAGE_B = "arn:aws:ecr:eu-west-1:111122223333:repository/shop/sha256:bbbb";
  private static final List<String> LABELS = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

  private HttpServer server;
  private final AtomicBoolean up = new AtomicBoolean(true);
  /** Every request: its idempotency key, its status and its body. */
  private final List<String[]> requests = new CopyOnWriteArrayList<>();
  private final Manual clock = new Manual();
  private Store store;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int status = up.get() ? 200 : 503;
      requests.add(new String[] {exchange.getRequestHeaders().getFirst("Idempotency-Key"), Integer.toString(status), body});
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
    store = Store.open("jdbc:h2:mem:");
  }

  @AfterEach
  void stop() {
    server.stop(0);
    store.close();
  }

  private Riskline engine(String route) {
    Config config = ConfigFile.parse("riskline.yaml", """
        targets:
          hook: {type: webhook, url: "http://127.0.0.1:%d/hook", allowInsecureHttp: true}
        routes:
        %s""".formatted(server.getAddress().getPort(), route.indent(2)), null, Config.defaults());
    return Riskline.create(config.withClock(clock));
  }

  private static final String PER_IMAGE = """
      - name: inspector-per-image
        pattern: {"detail": {"finding": {"ProductName": ["Inspector"]}}}
        targets: [hook]
        digest: {minutes: 15, by: [/detail/finding/Resources/0/Id]}
      """;

  /** Inspector findings on one image, their severities going round LOW, MEDIUM, HIGH, CRITICAL. */
  private static List<Finding> findings(String image, String prefix, int n) {
    List<Finding> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("SchemaVersion", "2018-10-08");
      f.put("Id", "arn:aws:inspector2:eu-west-1:111122223333:finding/" + prefix + i);
      f.put("ProductArn", "arn:aws:securityhub:eu-west-1::product/aws/inspector");
      f.put("ProductName", "Inspector");
      f.put("CompanyName", "Amazon");
      f.put("Region", "eu-west-1");
      f.put("GeneratorId", "AWSInspector");
      f.put("AwsAccountId", "111122223333");
      f.put("Types", List.of("Software and Configuration Checks/Vulnerabilities/CVE"));
      f.put("CreatedAt", "2026-01-31T10:00:00.000Z");
      f.put("UpdatedAt", "2026-01-31T10:00:00.000Z");
      f.put("Severity", Map.of("Label", LABELS.get(i % 4)));
      f.put("Title", "CVE-2026-" + (1000 + i) + " - openssl");
      f.put("Description", "A vulnerability in a package of the image.");
      f.put("Resources", List.of(Map.of("Type", "AwsEcrContainerImage", "Id", image, "Region", "eu-west-1")));
      out.add(Finding.of(f));
    }
    return out;
  }

  private void ingest(Riskline engine, List<Finding> findings) {
    store.importBatch(findings, clock.instant(), engine.storeTriager());
  }

  /** The dispatcher every command sends with (deliveries dispatch, the worker, the demo). */
  private Dispatcher dispatcher(Riskline engine) {
    return engine.dispatcher(store);
  }

  private List<JsonNode> received() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String[] r : requests) {
      if (r[1].equals("200")) out.add(JSON.readTree(r[2]));
    }
    return out;
  }

  @Test
  @SuppressWarnings("unchecked")
  void the_readme_digest_example_loads_as_written() throws IOException {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
    int at = readme.indexOf("<!-- digest example -->");
    int start = readme.indexOf("```yaml\n", at) + "```yaml\n".length();
    Object tree = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readValue(
        readme.substring(start, readme.indexOf("```", start)), Object.class);
    List<dev.riskline.finding.Problem> problems = new ArrayList<>();
    dev.riskline.risk.Settings root = dev.riskline.risk.Settings.root(tree, problems);

    dev.riskline.route.Routes routes = dev.riskline.route.Routes.read(root, Set.copyOf(root.section("targets").keys()));

    assertThat(at).isPositive();
    assertThat(problems).isEmpty();
    assertThat(routes.route("inspector-per-image").digest())
        .isEqualTo(new dev.riskline.route.Digest(15, List.of("/detail/finding/Resources/0/Id"), 10));
    assertThat(routes.route("inspector-per-image").rateLimit()).isEqualTo(new dev.riskline.route.RateLimit(20, 60));
  }

  @Test
  void four_hundred_findings_on_one_image_in_a_window_are_one_message() throws IOException {
    Riskline engine = engine(PER_IMAGE);
    Dispatcher dispatcher = dispatcher(engine);
    ingest(engine, findings(IMAGE_A, "a-", 200));
    clock.now = T0.plus(Duration.ofMinutes(10));
    ingest(engine, findings(IMAGE_A, "b-", 200));

    Dispatcher.Counts during = dispatcher.dispatch();
    clock.now = T0.plus(Duration.ofMinutes(15));
    Dispatcher.Counts after = dispatcher.dispatch();

    assertThat(during).as("the window is still open").isEqualTo(new Dispatcher.Counts(0, 0, 0));
    assertThat(after).isEqualTo(new Dispatcher.Counts(1, 0, 0));
    assertThat(requests).hasSize(1);
    JsonNode digest = received().get(0);
    assertThat(digest.get("detail-type").asText()).isEqualTo("Riskline Digest");
    JsonNode d = digest.get("detail");
    assertThat(d.get("route").asText()).isEqualTo("inspector-per-image");
    assertThat(d.get("key").toString()).isEqualTo("{\"/detail/finding/Resources/0/Id\":\"" + IMAGE_A + "\"}");
    assertThat(d.get("count").asInt()).isEqualTo(400);
    assertThat(d.get("window").toString())
        .isEqualTo("{\"start\":\"2026-02-01T08:00:00Z\",\"end\":\"2026-02-01T08:15:00Z\"}");
    assertThat(d.get("ratings").toString()).as("highest first (a CRITICAL label without evidence rates HIGH)")
        .isEqualTo("{\"HIGH\":200,\"MEDIUM\":100,\"LOW\":100}");
    assertThat(d.get("changes").toString()).isEqualTo("{\"NEW\":400}");
    assertThat(d.get("findings")).hasSize(10)
        .allSatisfy(f -> assertThat(f.at("/detail/riskline/Risk/Rating").asText()).isEqualTo("HIGH"));
    assertThat(d.get("omitted").asInt()).isEqualTo(390);
    assertThat(requests.get(0)[0]).startsWith("digest/inspector-per-image/hook/").endsWith("/2026-02-01T08:00:00Z");
    assertThat(store.outbox().deliveries(Set.of(Delivery.Status.SENT), 1000)).hasSize(400)
        .allSatisfy(m -> assertThat(m.sentAt()).isEqualTo(T0.plus(Duration.ofMinutes(15))));
  }

  @Test
  void two_images_are_two_messages_and_a_match_after_the_window_opens_another() throws IOException {
    Riskline engine = engine(PER_IMAGE);
    List<Finding> both = new ArrayList<>(findings(IMAGE_A, "a-", 300));
    both.addAll(findings(IMAGE_B, "b-", 100));
    ingest(engine, both);
    clock.now = T0.plus(Duration.ofMinutes(15));
    ingest(engine, findings(IMAGE_A, "late-", 3));

    Dispatcher.Counts first = dispatcher(engine).dispatch();
    clock.now = T0.plus(Duration.ofMinutes(30));
    Dispatcher.Counts second = dispatcher(engine).dispatch();

    assertThat(first.sent()).isEqualTo(2);
    assertThat(second.sent()).isEqualTo(1);
    assertThat(received()).extracting(e -> e.at("/detail/key").elements().next().asText() + " " + e.at("/detail/count"))
        .containsExactly(IMAGE_A + " 300", IMAGE_B + " 100", IMAGE_A + " 3");
  }

  @Test
  void a_digest_that_fails_is_retried_whole_and_sent_once_with_the_same_key() throws IOException {
    Riskline engine = engine(PER_IMAGE);
    Dispatcher dispatcher = dispatcher(engine);
    ingest(engine, findings(IMAGE_A, "a-", 40));
    clock.now = T0.plus(Duration.ofMinutes(15));
    up.set(false);

    Dispatcher.Counts failed = dispatcher.dispatch();
    List<Delivery> waiting = store.outbox().deliveries(Set.of(Delivery.Status.PENDING), 100);
    up.set(true);
    clock.now = clock.now.plus(Duration.ofMinutes(15));
    Dispatcher.Counts sent = dispatcher.dispatch();

    assertThat(failed).isEqualTo(new Dispatcher.Counts(0, 1, 0));
    assertThat(waiting).hasSize(40).allSatisfy(m -> {
      assertThat(m.attempts()).isEqualTo(1);
      assertThat(m.lastError()).endsWith("HTTP 503");
      assertThat(m.nextAttemptAt()).isEqualTo(waiting.get(0).nextAttemptAt());
    });
    assertThat(sent).isEqualTo(new Dispatcher.Counts(1, 0, 0));
    assertThat(requests).extracting(r -> r[1]).containsExactly("503", "200");
    assertThat(requests.get(1)[0]).isEqualTo(requests.get(0)[0]);
    assertThat(received().get(0).at("/detail/count").asInt()).isEqualTo(40);
    assertThat(store.outbox().deliveries(Set.of(Delivery.Status.SENT), 100)).hasSize(40)
        .allSatisfy(m -> assertThat(m.attempts()).isEqualTo(2));
  }

  @Test
  void a_rate_limit_of_five_an_hour_sends_five_and_holds_the_rest_until_the_window_frees_up() throws IOException {
    Riskline engine = engine("""
        - name: pager
          pattern: {"detail": {"riskline": {"Risk": {"Rating": ["CRITICAL"]}}}}
          targets: [hook]
          rateLimit: {max: 5, minutes: 60}
        """);
    List<Delivery> twelve = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      twelve.add(Delivery.pending("pager", "hook", Change.NEW, "f-" + i, "{\"n\":" + i + "}", T0));
    }
    store.outbox().enqueue(twelve);

    Dispatcher.Counts now = dispatcher(engine).dispatch();
    List<Delivery> held = store.outbox().deliveries(Set.of(Delivery.Status.PENDING), 100);
    clock.now = T0.plus(Duration.ofMinutes(59));
    Dispatcher.Counts before = dispatcher(engine).dispatch();
    clock.now = T0.plus(Duration.ofMinutes(60));
    Dispatcher.Counts hourLater = dispatcher(engine).dispatch();
    clock.now = T0.plus(Duration.ofMinutes(120));
    Dispatcher.Counts twoHoursLater = dispatcher(engine).dispatch();

    assertThat(now).isEqualTo(new Dispatcher.Counts(5, 0, 0, 7));
    assertThat(held).hasSize(7).allSatisfy(d -> {
      assertThat(d.attempts()).as("held back, not attempted").isZero();
      assertThat(d.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(60)));
    });
    assertThat(before).as("a new dispatcher knows what was sent from the store").isEqualTo(new Dispatcher.Counts(0, 0, 0));
    assertThat(hourLater).isEqualTo(new Dispatcher.Counts(5, 0, 0, 2));
    assertThat(twoHoursLater).isEqualTo(new Dispatcher.Counts(2, 0, 0));
    assertThat(requests).extracting(r -> r[0]).hasSize(12).doesNotHaveDuplicates();
    assertThat(requests).extracting(r -> JSON.readTree(r[2]).get("n").asInt())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
  }

  @Test
  void a_digest_counts_once_against_the_rate_limit() throws IOException {
    Riskline engine = engine("""
        - name: inspector-per-image
          pattern: {"detail": {"finding": {"ProductName": ["Inspector"]}}}
          targets: [hook]
          digest: {minutes: 15, by: [/detail/finding/Resources/0/Id]}
          rateLimit: {max: 2, minutes: 60}
        """);
    List<Finding> three = new ArrayList<>(findings(IMAGE_A, "a-", 50));
    three.addAll(findings(IMAGE_B, "b-", 50));
    three.addAll(findings("arn:aws:ecr:eu-west-1:111122223333:repository/shop/sha256:cccc", "c-", 50));
    ingest(engine, three);
    clock.now = T0.plus(Duration.ofMinutes(15));

    Dispatcher.Counts first = dispatcher(engine).dispatch();
    clock.now = T0.plus(Duration.ofMinutes(75));
    Dispatcher.Counts later = dispatcher(engine).dispatch();

    assertThat(first).isEqualTo(new Dispatcher.Counts(2, 0, 0, 1));
    assertThat(later).isEqualTo(new Dispatcher.Counts(1, 0, 0));
    assertThat(received()).extracting(e -> e.at("/detail/count").asInt()).containsExactly(50, 50, 50);
  }
}
