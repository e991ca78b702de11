package dev.riskline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's wait between looks at the outbox, and what it refuses before it starts. */
class WorkerTest {
  static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
  static final Duration POLL = Duration.ofSeconds(5);
  @TempDir
  Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void a_worker_waits_until_the_next_delivery_is_due_but_never_longer_than_the_poll_interval() {
    assertThat(Worker.wait(T0, T0.plusSeconds(2), POLL)).isEqualTo(Duration.ofSeconds(2));
    assertThat(Worker.wait(T0, T0.plusSeconds(60), POLL)).as("another process may enqueue one due sooner")
        .isEqualTo(POLL);
    assertThat(Worker.wait(T0, null, POLL)).as("nothing pending").isEqualTo(POLL);
  }

  @Test
  void a_delivery_due_now_or_before_is_looked_for_again_after_the_least_wait() {
    assertThat(Worker.wait(T0, T0, POLL)).isEqualTo(Worker.LEAST_WAIT);
    assertThat(Worker.wait(T0, T0.minusSeconds(30), POLL)).isEqualTo(Worker.LEAST_WAIT);
    assertThat(Worker.wait(T0, T0.plusMillis(20), POLL)).isEqualTo(Worker.LEAST_WAIT);
  }

  @Test
  void a_worker_without_targets_is_bad_input_and_never_starts() {
    String store = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/riskline";

    assertThat(run("worker", "--store", store)).isEqualTo(2);

    assertThat(err.toString()).isEqualTo("riskline: no targets in the configuration; the worker would make every "
        + "delivery DEAD\nGive the riskline.yaml that names them under targets: with --config FILE or "
        + "RISKLINE_CONFIG.\n");
    assertThat(Files.exists(dir.resolve("db"))).as("the store is not even opened").isFalse();
  }

  @Test
  void a_bad_poll_interval_is_bad_input_naming_the_setting() throws Exception {
    Path config = Files.writeString(dir.resolve("riskline.yaml"), """
        targets:
          hook: {type: webhook, url: "https://hooks.example.com/riskline"}
        deliveries: {pollSeconds: 0}
        """);

    assertThat(run("worker", "--config", config.toString())).isEqualTo(2);

    assertThat(err.toString()).contains(config + ": deliveries.pollSeconds: expected a whole number from 1 to 3600"
        + " but was 0");
  }

  @Test
  void the_help_says_the_worker_dispatches_only_for_now() {
    assertThat(run("worker", "--help")).isZero();

    assertThat(out.toString().replaceAll("\\s+", " ")).contains("Usage: riskline worker", "Examples:",
        "Today the worker dispatches deliveries only; consuming findings from an SQS queue comes later.");
  }
}
