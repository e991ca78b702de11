package dev.riskline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.riskline.route.Change;
import dev.riskline.route.Delivery;
import dev.riskline.store.Store;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveriesCommandTest {
  static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
  @TempDir
  Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final AtomicInteger status = new AtomicInteger(200);
  private HttpServer server;
  private String store;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(status.get(), -1);
      try (OutputStream o = exchange.getResponseBody()) {
        o.flush();
      }
    });
    server.start();
    store = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/riskline";
    try (Store db = Store.open(store)) {
      db.outbox().enqueue(List.of(Delivery.pending("critical", "hook", Change.NEW, "f-1", "{}", T0),
          Delivery.pending("critical", "gone", Change.NEW, "f-2", "{}", T0)));
    }
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void retrying_an_id_that_is_not_a_dead_delivery_is_bad_input_and_retries_nothing() {
    assertThat(run("deliveries", "retry", "999", "--store", store, "--now", T0.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("riskline: no DEAD delivery with the id [999]; nothing was retried");
  }

  @Test
  void dispatch_sends_what_is_due_and_list_retry_and_purge_manage_the_rest() throws Exception {
    Path config = Files.writeString(dir.resolve("riskline.yaml"), """
        targets:
          hook: {type: webhook, url: "http://127.0.0.1:%d/hook", allowInsecureHttp: true}
        """.formatted(server.getAddress().getPort()));

    assertThat(run("deliveries", "dispatch", "--config", config.toString(), "--store", store, "--now", T0.toString()))
        .as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo("sent 1, to retry 0, dead 1\n");

    assertThat(run("deliveries", "list", "--status", "DEAD", "--store", store)).isZero();
    assertThat(out.toString()).contains("DEAD", "no target gone in the configuration; expected one of [hook]")
        .endsWith("1 delivery\n");

    assertThat(run("deliveries", "retry", "--dead", "--store", store, "--now", T0.toString())).isZero();
    assertThat(out.toString()).isEqualTo("1 DEAD delivery made PENDING again\n");

    assertThat(run("deliveries", "purge", "--older-than", "1", "--store", store, "--now", "2026-02-03T08:00:00Z"))
        .isZero();
    assertThat(out.toString()).isEqualTo("purged 1 delivery\n");
    assertThat(run("deliveries", "list", "--format", "json", "--store", store)).isZero();
    assertThat(out.toString()).contains("\"Status\" : \"PENDING\"", "\"Target\" : \"gone\"");
  }

  @Test
  void list_shows_which_digest_each_member_belongs_to_and_when_its_window_ends() throws Exception {
    Delivery.Group group = new Delivery.Group("per-image/hook/3f9a01bc5e7d2c4b8a6f0e1d2c3b4a59",
        "{\"/detail/image\":\"shop\"}", Duration.ofMinutes(15), null, 2);
    try (Store db = Store.open(store)) {
      db.outbox().enqueue(List.of(Delivery.pending("per-image", "hook", Change.NEW, "f-3", "{}", T0).inGroup(group),
          Delivery.pending("per-image", "hook", Change.NEW, "f-4", "{}", T0).inGroup(group)));
    }

    assertThat(run("deliveries", "list", "--store", store)).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).contains("CHANGE  DIGEST");
    assertThat(lines).filteredOn(l -> l.contains("per-image")).hasSize(2)
        .allMatch(l -> l.contains(" 3f9a01bc until 2026-02-01T08:15:00Z "), "names the group and its window's end");
    assertThat(lines).filteredOn(l -> l.contains("critical")).hasSize(2).allMatch(l -> l.contains(" NEW     - "));

    assertThat(run("deliveries", "list", "--format", "json", "--store", store)).isZero();
    JsonNode listed = new ObjectMapper().readTree(out.toString());
    assertThat(listed).hasSize(4);
    for (JsonNode d : listed) {
      if (d.path("Route").asText().equals("per-image")) {
        assertThat(d.path("Digest").path("Key").asText()).isEqualTo(group.key());
        assertThat(d.path("Digest").path("Values").path("/detail/image").asText()).isEqualTo("shop");
        assertThat(d.path("Digest").path("WindowStart").asText()).isEqualTo("2026-02-01T08:00:00Z");
        assertThat(d.path("Digest").path("WindowEnd").asText()).isEqualTo("2026-02-01T08:15:00Z");
      } else {
        assertThat(d.has("Digest")).as("a message of its own").isFalse();
      }
    }
  }

  @Test
  void a_target_with_an_http_url_is_refused_at_load_naming_the_setting() throws Exception {
    Path config = Files.writeString(dir.resolve("riskline.yaml"), """
        targets:
          hook: {type: webhook, url: "http://127.0.0.1:1/hook?token=abc"}
        """);

    assertThat(run("deliveries", "dispatch", "--config", config.toString(), "--store", store)).isEqualTo(2);
    assertThat(err.toString()).contains(config + ": targets.hook.url: expected an https URL but was http;"
        + " set allowInsecureHttp: true to send in clear text").doesNotContain("token=abc");
  }
}
