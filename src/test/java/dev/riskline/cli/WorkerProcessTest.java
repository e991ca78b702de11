package dev.riskline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.riskline.route.Change;
import dev.riskline.route.Delivery;
import dev.riskline.store.Store;
import dev.riskline.store.TestPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code riskline worker} as its own JVM against a PostgreSQL store and a webhook on a local HTTP server: killed
 * in the middle of a send, stopped with SIGTERM, its database connection cut. The webhook counts what it gets by
 * {@code Idempotency-Key} and can hold its answer to one request while the test acts.
 */
class WorkerProcessTest {
  /** Long enough for a JVM to start on a busy machine; the waits end as soon as their condition holds. */
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir
  Path dir;
  private final TestPostgres postgres = new TestPostgres();
  private final Hook hook = new Hook();
  private final List<Worker> workers = new ArrayList<>();

  /** A webhook that counts requests by key and holds its answer to request number {@code holdAt}. */
  static final class Hook {
    final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final CountDownLatch holding = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile int holdAt = Integer.MAX_VALUE;
    volatile String heldKey;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private HttpServer server;

    void start() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(threads);
      server.createContext("/", exchange -> {
        exchange.getRequestBody().readAllBytes();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        received.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (requests.incrementAndGet() == holdAt) {
          heldKey = key;
          holding.countDown();
          awaitQuietly(release);
        }
        exchange.sendResponseHeaders(200, -1);
        try (OutputStream o = exchange.getResponseBody()) {
          o.flush();
        }
      });
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    void stop() {
      release.countDown();
      server.stop(0);
      threads.shutdownNow();
    }

    private static void awaitQuietly(CountDownLatch latch) {
      try {
        latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One {@code riskline worker} process and its stderr, in a file: {@link Process#destroy} closes its pipes. */
  record Worker(Process process, Path stderr) {
    List<String> err() {
      try {
        return Files.readAllLines(stderr, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    boolean said(String text) {
      return err().stream().anyMatch(l -> l.contains(text));
    }

    String log() {
      return String.join("\n", err());
    }
  }

  @BeforeEach
  void start() throws IOException {
    hook.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (Worker w : workers) {
      w.process.destroyForcibly();
      w.process.waitFor(30, TimeUnit.SECONDS);
    }
    hook.stop();
    postgres.close();
  }

  private Path config(int batch) throws IOException {
    return Files.writeString(dir.resolve("riskline.yaml"), """
        targets:
          hook: {type: webhook, url: "http://127.0.0.1:%d/hook", allowInsecureHttp: true, timeoutSeconds: 120}
        deliveries: {batch: %d, leaseSeconds: 10, pollSeconds: 1}
        """.formatted(hook.port(), batch));
  }

  private Worker worker(Path config, String store) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "dev.riskline.cli.Main", "worker", "--config", config.toString(), "--store", store)
        .directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Path stderr = dir.resolve("worker-" + (workers.size() + 1) + ".err");
    Worker w = new Worker(pb.redirectError(stderr.toFile()).start(), stderr);
    workers.add(w);
    return w;
  }

  private static List<Delivery> deliveries(int n) {
    Instant now = Instant.now();
    List<Delivery> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Delivery.pending("critical", "hook", Change.NEW, "f-" + UUID.randomUUID(), "{\"n\":" + i + "}", now));
    }
    return out;
  }

  /** Waits, looking every 100 ms, until the condition holds; false at the deadline. */
  private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) return false;
      Thread.sleep(100);
    }
    return true;
  }

  private static int count(Store db, Delivery.Status status) {
    return db.outbox().deliveries(List.of(status), 1_000).size();
  }

  @Test
  void a_worker_killed_mid_send_loses_nothing_and_the_next_sends_again_only_what_was_in_flight() throws Exception {
    String url = postgres.newSchemaUrl();
    Path config = config(8);
    List<Delivery> enqueued = deliveries(50);
    try (Store db = Store.open(url)) {
      db.outbox().enqueue(enqueued);
      hook.holdAt = 20; // the 4th of the third batch: 4 more of that batch are claimed and not yet sent

      Worker first = worker(config, url);
      assertThat(hook.holding.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as(first.log()).isTrue();
      first.process.destroyForcibly(); // SIGKILL while the 20th send waits for its answer
      assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      hook.release.countDown();

      Worker second = worker(config, url);
      assertThat(eventually(() -> count(db, Delivery.Status.PENDING) == 0))
          .as("every delivery sent within the deadline; the second worker said:%n%s", second.log()).isTrue();

      assertThat(hook.received.keySet()).as("every key received")
          .containsExactlyInAnyOrderElementsOf(enqueued.stream().map(Delivery::key).toList());
      Map<String, Integer> twice = hook.received.entrySet().stream().filter(e -> e.getValue().get() > 1)
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
      assertThat(twice).as("only the delivery in flight at the kill was sent again, and once")
          .isEqualTo(Map.of(hook.heldKey, 2));
      assertThat(count(db, Delivery.Status.SENT)).isEqualTo(50);
      assertThat(db.outbox().deliveries(List.of(Delivery.Status.SENT), 100))
          .filteredOn(d -> d.key().equals(hook.heldKey)).singleElement()
          .satisfies(d -> assertThat(d.attempts()).as("its first attempt was never recorded").isEqualTo(1));
    }
  }

  @Test
  void sigterm_stops_a_worker_after_the_attempt_in_flight_with_exit_0_and_nothing_left_claimed() throws Exception {
    String url = postgres.newSchemaUrl();
    Path config = config(10);
    try (Store db = Store.open(url)) {
      Worker worker = worker(config, url);
      assertThat(eventually(() -> worker.said("worker started"))).as(worker.log()).isTrue();
      hook.holdAt = 3;
      db.outbox().enqueue(deliveries(20)); // by another process while the worker waits: it looks again within a second

      assertThat(hook.holding.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as(worker.log()).isTrue();
      worker.process.destroy(); // SIGTERM while the third send waits for its answer
      assertThat(eventually(() -> worker.said("SIGTERM: stopping after the attempt in flight")))
          .as(worker.log()).isTrue();
      hook.release.countDown();

      assertThat(worker.process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as(worker.log()).isTrue();
      assertThat(worker.process.exitValue()).as(worker.log()).isZero();
      assertThat(eventually(() -> worker.said(" stopped"))).as(worker.log()).isTrue();
      assertThat(db.outbox().deliveries(List.of(Delivery.Status.SENT), 100)).extracting(Delivery::key)
          .as("the send in flight was recorded").hasSize(3).contains(hook.heldKey);
      assertThat(db.outbox().claimDue(Instant.now(), 100, Duration.ofMinutes(1)))
          .as("the other 17, 7 of them claimed in the stopped batch, may be claimed at once").hasSize(17);
      assertThat(hook.received.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }
  }

  @Test
  void a_worker_whose_database_connection_is_cut_says_so_and_goes_on_sending() throws Exception {
    String application = "riskline-worker-" + UUID.randomUUID();
    String url = postgres.newSchemaUrl();
    Path config = config(10);
    try (Store db = Store.open(url)) {
      Worker worker = worker(config, url + "&ApplicationName=" + application);
      assertThat(eventually(() -> worker.said("worker started"))).as(worker.log()).isTrue();

      TestPostgres.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
          + application + "'");
      assertThat(eventually(() -> worker.said("; trying again in 1 s"))).as(worker.log()).isTrue();
      db.outbox().enqueue(deliveries(5));

      assertThat(eventually(() -> count(db, Delivery.Status.SENT) == 5)).as(worker.log()).isTrue();
      assertThat(hook.received).hasSize(5);
      assertThat(worker.process.isAlive()).isTrue();
      worker.process.destroy();
      assertThat(worker.process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(worker.process.exitValue()).as(worker.log()).isZero();
      assertThat(worker.err()).anySatisfy(l -> assertThat(l).contains("Cannot ", "store jdbc:postgresql:"));
    }
  }
}
