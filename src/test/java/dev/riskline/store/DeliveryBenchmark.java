package dev.riskline.store;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import dev.riskline.route.Change;
import dev.riskline.route.Delivery;
import dev.riskline.route.Dispatcher;
import dev.riskline.route.Target;
import dev.riskline.route.Targets;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Outbox throughput: deliveries enqueued in the embedded store, then dispatched to a webhook on a local HTTP
 * server. Off by default; run with {@code mvn -B -q test -Dtest=DeliveryBenchmark -Driskline.benchmark=true}.
 * Prints the figures; asserts only that everything arrived.
 */
@EnabledIfSystemProperty(named = "riskline.benchmark", matches = "true")
class DeliveryBenchmark {
  private static final int COUNT = 10_000;

  @Test
  void dispatch_throughput_to_a_local_webhook() throws Exception {
    AtomicInteger received = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      received.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    Path dir = Files.createTempDirectory("riskline-delivery-bench");
    try (Store store = Store.open(Store.defaultUrl(dir))) {
      String event = "{\"source\":\"riskline\",\"detail-type\":\"Riskline Finding NEW\",\"detail\":{\"finding\":"
          + "{\"Id\":\"x\"},\"riskline\":{\"Risk\":{\"Rating\":\"CRITICAL\"}}}}";
      Instant now = Instant.parse("2026-12-01T00:00:00Z");
      List<Delivery> all = new ArrayList<>();
      for (int i = 0; i < COUNT; i++) all.add(Delivery.pending("bench", "hook", Change.NEW, "key-" + i, event, now));
      long t0 = System.nanoTime();
      for (int from = 0; from < COUNT; from += 500) store.outbox().enqueue(all.subList(from, from + 500));
      long t1 = System.nanoTime();
      List<Problem> problems = new ArrayList<>();
      Object tree = new YAMLMapper().readValue("hook: {type: webhook, url: \"http://127.0.0.1:"
          + server.getAddress().getPort() + "/hook\", allowInsecureHttp: true}", Object.class);
      Map<String, Target> targets = Targets.read(Settings.root(tree, problems), Map.of());
      Dispatcher dispatcher = new Dispatcher(store.outbox(), targets, Dispatcher.Policy.DEFAULT,
          Clock.fixed(now, java.time.ZoneOffset.UTC), new Random(1));
      Dispatcher.Counts counts = dispatcher.dispatch();
      long t2 = System.nanoTime();
      System.out.printf("enqueue %,d deliveries: %.2f s (%,.0f/s); dispatch: %.2f s (%,.0f/s), sent %d, received %d%n",
          COUNT, (t1 - t0) / 1e9, COUNT / ((t1 - t0) / 1e9), (t2 - t1) / 1e9, COUNT / ((t2 - t1) / 1e9),
          counts.sent(), received.get());
      if (received.get() != COUNT) throw new AssertionError("received " + received.get() + " of " + COUNT);
    } finally {
      server.stop(0);
    }
  }
}
