package dev.riskline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import dev.riskline.route.Change;
import dev.riskline.route.Delivery;
import dev.riskline.route.Dispatcher;
import dev.riskline.route.Target;
import dev.riskline.route.Targets;
import dev.riskline.store.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reliable delivery end to end: the H2 outbox, the dispatcher and a webhook on a local HTTP server. */
class DeliveryTest {
  static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");

  /** A clock the test moves. */
  static final class Manual extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private HttpServer server;
  private final AtomicBoolean up = new AtomicBoolean(true);
  private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private Store store;
  private final Manual clock = new Manual();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      requests.incrementAndGet();
      int status = up.get() ? 200 : 503;
      if (status == 200) {
        received.computeIfAbsent(exchange.getRequestHeaders().getFirst("Idempotency-Key"), k -> new AtomicInteger())
            .incrementAndGet();
      }
      exchange.sendResponseHeaders(status, -1);
      try (OutputStream o = exchange.getResponseBody()) {
        o.flush();
      }
    });
    server.start();
    store = Store.open("jdbc:h2:mem:");
  }

  @AfterEach
  void stop() {
    server.stop(0);
    store.close();
  }

  private Map<String, Target> targets() throws IOException {
    List<Problem> problems = new ArrayList<>();
    Object tree = new YAMLMapper().readValue("""
        hook: {type: webhook, url: "http://127.0.0.1:%d/hook", allowInsecureHttp: true, timeoutSeconds: 5}
        """.formatted(server.getAddress().getPort()), Object.class);
    Map<String, Target> targets = Targets.read(Settings.root(tree, problems), Map.of());
    assertThat(problems).isEmpty();
    return targets;
  }

  private void enqueue(int n) {
    List<Delivery> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(Delivery.pending("critical", "hook", Change.NEW, "f-" + i, "{\"n\":" + i + "}", clock.instant()));
    }
    store.outbox().enqueue(all);
  }

  @Test
  void each_target_of_a_route_and_each_later_occurrence_of_a_change_gets_its_own_delivery() {
    Instant later = T0.plus(Duration.ofDays(3));
    int added = store.outbox().enqueue(List.of(
        Delivery.pending("critical", "hook", Change.RESOLVED, "f-1", "{}", T0),
        Delivery.pending("critical", "chat", Change.RESOLVED, "f-1", "{}", T0),
        Delivery.pending("critical", "hook", Change.RESOLVED, "f-1", "{}", later)));
    int again = store.outbox().enqueue(List.of(Delivery.pending("critical", "hook", Change.RESOLVED, "f-1", "{}", T0)));

    assertThat(added).as("two targets, and the same change found again three days later").isEqualTo(3);
    assertThat(again).as("the very same delivery enqueued twice").isZero();
    assertThat(store.outbox().deliveries(Set.of(Delivery.Status.PENDING), 10)).extracting(Delivery::key)
        .containsExactlyInAnyOrder("f-1/critical/hook/RESOLVED/2026-02-01T08:00:00Z",
            "f-1/critical/chat/RESOLVED/2026-02-01T08:00:00Z", "f-1/critical/hook/RESOLVED/2026-02-04T08:00:00Z");
  }

  @Test
  void a_target_down_for_an_hour_loses_nothing_and_gets_each_delivery_once() throws IOException {
    enqueue(20);
    Dispatcher dispatcher = new Dispatcher(store.outbox(), targets(), Dispatcher.Policy.DEFAULT, clock, new Random(1));
    up.set(false);
    int retried = 0;
    for (int step = 0; step < 360; step++) { // one hour in steps of 10 s
      retried += dispatcher.dispatch().retried();
      clock.now = clock.now.plusSeconds(10);
    }
    assertThat(received).isEmpty();
    assertThat(retried).isGreaterThan(20 * 10);
    assertThat(store.outbox().deliveries(Set.of(Delivery.Status.DEAD), 100)).isEmpty();

    up.set(true);
    int sent = 0;
    for (int step = 0; step < 120 && sent < 20; step++) { // the longest wait is 15 min
      sent += dispatcher.dispatch().sent();
      clock.now = clock.now.plusSeconds(10);
    }

    assertThat(sent).isEqualTo(20);
    assertThat(received).hasSize(20).allSatisfy((key, count) -> assertThat(count.get()).isEqualTo(1));
    assertThat(store.outbox().deliveries(Set.of(Delivery.Status.SENT), 100)).hasSize(20);
  }

  @Test
  void after_the_last_attempt_a_delivery_is_dead_with_its_last_error() throws IOException {
    enqueue(1);
    Dispatcher.Policy three = new Dispatcher.Policy(Duration.ofSeconds(1), Duration.ofSeconds(4), 3,
        Duration.ofMinutes(1), 10);
    Dispatcher dispatcher = new Dispatcher(store.outbox(), targets(), three, clock, new Random(1));
    up.set(false);

    List<Dispatcher.Counts> counts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      counts.add(dispatcher.dispatch());
      clock.now = clock.now.plusSeconds(5);
    }

    assertThat(counts).containsExactly(new Dispatcher.Counts(0, 1, 0), new Dispatcher.Counts(0, 1, 0),
        new Dispatcher.Counts(0, 0, 1));
    assertThat(store.outbox().deliveries(Set.of(Delivery.Status.DEAD), 10)).singleElement().satisfies(d -> {
      assertThat(d.attempts()).isEqualTo(3);
      assertThat(d.lastError()).isEqualTo("gave up after 3 attempts: webhook hook (http://127.0.0.1:"
          + server.getAddress().getPort() + "): HTTP 503");
    });
  }

  @Test
  void a_crash_between_sending_and_recording_sends_again_once_when_the_lease_is_over() throws IOException {
    enqueue(1);
    Delivery claimed = store.outbox().claimDue(clock.instant(), 10, Dispatcher.Policy.DEFAULT.lease()).get(0);
    targets().get("hook").send(claimed); // sent, then the process died before recording it
    Dispatcher dispatcher = new Dispatcher(store.outbox(), targets(), Dispatcher.Policy.DEFAULT, clock, new Random(1));

    Dispatcher.Counts during = dispatcher.dispatch();
    clock.now = clock.now.plus(Dispatcher.Policy.DEFAULT.lease());
    Dispatcher.Counts after = dispatcher.dispatch();
    Dispatcher.Counts later = dispatcher.dispatch();

    assertThat(during).isEqualTo(new Dispatcher.Counts(0, 0, 0));
    assertThat(after).isEqualTo(new Dispatcher.Counts(1, 0, 0));
    assertThat(later).isEqualTo(new Dispatcher.Counts(0, 0, 0));
    assertThat(received.get("f-0/critical/hook/NEW/2026-02-01T08:00:00Z").get()).isEqualTo(2);
  }

  @Test
  void a_batch_told_to_stop_finishes_the_attempt_in_flight_and_releases_the_rest() throws IOException {
    enqueue(5);
    Dispatcher dispatcher = new Dispatcher(store.outbox(), targets(), Dispatcher.Policy.DEFAULT, clock, new Random(1));

    Dispatcher.Counts counts = dispatcher.dispatchBatch(() -> requests.get() >= 2);

    assertThat(counts).isEqualTo(new Dispatcher.Counts(2, 0, 0));
    assertThat(store.outbox().deliveries(Set.of(Delivery.Status.SENT), 10)).hasSize(2);
    assertThat(store.outbox().claimDue(clock.instant(), 10, Dispatcher.Policy.DEFAULT.lease()))
        .as("the three not attempted are claimable again at once").hasSize(3);
  }

  @Test
  void a_delivery_for_a_target_no_longer_configured_is_dead_naming_the_valid_ones() throws IOException {
    store.outbox().enqueue(List.of(Delivery.pending("critical", "gone", Change.NEW, "f-1", "{}", T0)));

    new Dispatcher(store.outbox(), targets(), Dispatcher.Policy.DEFAULT, clock, new Random(1)).dispatch();

    assertThat(store.outbox().deliveries(List.of(), 1).get(0).lastError())
        .isEqualTo("no target gone in the configuration; expected one of [hook]");
  }
}
