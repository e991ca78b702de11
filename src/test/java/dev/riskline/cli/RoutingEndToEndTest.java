package dev.riskline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The minimal routing configuration of the routing issue, as written, end to end: ingest enqueues the
 * changed findings a route matches, dispatch sends them to a real HTTP server, and ingesting the same
 * files again tells nobody anything.
 */
class RoutingEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private HttpServer server;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<String> keys = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private int run(StringWriter out, String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), args);
  }

  @Test
  void high_and_critical_findings_reach_the_webhook_once() throws Exception {
    Path config = dir.resolve("riskline.yaml");
    Files.writeString(config, """
        targets:
          hook:
            type: webhook
            url: http://127.0.0.1:%d/hook
            allowInsecureHttp: true
        routes:
          - name: high-and-up
            pattern: {"detail": {"riskline": {"Risk": {"Rating": ["HIGH", "CRITICAL"]}}}}
            targets: [hook]
        """.formatted(server.getAddress().getPort()));
    String store = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/riskline";
    String examples = Path.of("examples/securityhub-findings.json").toString();
    String[] common = {"--config", config.toString(), "--store", store, "--now", "2026-11-01T00:00:00Z"};

    StringWriter out = new StringWriter();
    assertThat(run(out, concat(new String[] {"ingest"}, common, examples))).isZero();
    assertThat(run(out, concat(new String[] {"deliveries", "dispatch"}, common))).isZero();
    int first = received.size();
    assertThat(run(out, concat(new String[] {"ingest"}, common, examples))).isZero();
    assertThat(run(out, concat(new String[] {"deliveries", "dispatch"}, common))).isZero();

    assertThat(first).as("deliveries of the first ingest").isPositive();
    assertThat(received).hasSize(first);
    assertThat(keys).doesNotHaveDuplicates().allMatch(k -> k.endsWith("/high-and-up/hook/NEW/2026-11-01T00:00:00Z"));
    for (String body : received) {
      JsonNode event = JSON.readTree(body);
      assertThat(event.get("source").asText()).isEqualTo("riskline");
      assertThat(event.get("detail-type").asText()).isEqualTo("Riskline Finding NEW");
      assertThat(event.at("/detail/riskline/Risk/Rating").asText()).isIn("HIGH", "CRITICAL");
      assertThat(event.at("/detail/finding/Id").asText()).isNotEmpty();
    }
  }

  private static String[] concat(String[] a, String[] b, String... c) {
    String[] out = new String[a.length + b.length + c.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    System.arraycopy(c, 0, out, a.length + b.length, c.length);
    return out;
  }
}
