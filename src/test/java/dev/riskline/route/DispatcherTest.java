package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DispatcherTest {
  static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");

  /** Jitter at its least: every delay is half its cap. */
  static final class Lowest extends Random {
    private static final long serialVersionUID = 1L;

    @Override
    public double nextDouble() {
      return 0;
    }
  }

  /** Jitter at its most. */
  static final class Highest extends Random {
    private static final long serialVersionUID = 1L;

    @Override
    public double nextDouble() {
      return 0.999_999_999;
    }
  }

  private static List<Long> delaysInMillis(Dispatcher.Policy policy, Random random, int attempts) {
    List<Long> out = new ArrayList<>();
    for (int a = 1; a <= attempts; a++) out.add(policy.backoff(a, random).toMillis());
    return out;
  }

  @Test
  void the_backoff_doubles_from_one_second_up_to_fifteen_minutes_with_jitter_between_half_and_all() {
    Dispatcher.Policy p = Dispatcher.Policy.DEFAULT;

    assertThat(delaysInMillis(p, new Lowest(), 12)).containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L,
        32_000L, 64_000L, 128_000L, 256_000L, 450_000L, 450_000L);
    assertThat(delaysInMillis(p, new Highest(), 12)).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L,
        32_000L, 64_000L, 128_000L, 256_000L, 512_000L, 900_000L, 900_000L);
    Random seeded = new Random(7);
    for (int a = 1; a <= 30; a++) {
      long cap = Math.min(1000L << Math.min(a - 1, 20), 900_000L);
      assertThat(p.backoff(a, seeded).toMillis()).isBetween(cap / 2, cap);
    }
  }

  @Test
  void with_the_defaults_a_delivery_is_retried_for_more_than_an_hour_before_it_is_dead() {
    Dispatcher.Policy p = Dispatcher.Policy.DEFAULT;

    long least = delaysInMillis(p, new Lowest(), p.maxAttempts() - 1).stream().mapToLong(Long::longValue).sum();
    long most = delaysInMillis(p, new Highest(), p.maxAttempts() - 1).stream().mapToLong(Long::longValue).sum();

    assertThat(least).isEqualTo(4_561_500L).isGreaterThan(Duration.ofHours(1).toMillis());
    assertThat(most).isEqualTo(9_123_000L);
  }

  @Test
  void a_retry_after_longer_than_the_backoff_is_honoured_up_to_the_longest_delay() {
    Dispatcher d = new Dispatcher(new NoOutbox(), java.util.Map.of(), Dispatcher.Policy.DEFAULT,
        java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC), new Lowest());

    assertThat(d.decide(1, Target.Outcome.retry(Duration.ofSeconds(30), "HTTP 429"), T0).next())
        .isEqualTo(T0.plusSeconds(30));
    assertThat(d.decide(1, Target.Outcome.retry(Duration.ofHours(2), "HTTP 429"), T0).next())
        .isEqualTo(T0.plus(Duration.ofMinutes(15)));
    assertThat(d.decide(5, Target.Outcome.retry(Duration.ofSeconds(1), "HTTP 503"), T0).next())
        .as("the backoff when it is longer").isEqualTo(T0.plusSeconds(8));
  }

  @Test
  void a_permanent_failure_is_dead_at_once_and_the_last_attempt_is_dead_with_its_error() {
    Dispatcher d = new Dispatcher(new NoOutbox(), java.util.Map.of(), Dispatcher.Policy.DEFAULT,
        java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC), new Lowest());

    assertThat(d.decide(1, Target.Outcome.failed("HTTP 404"), T0))
        .isEqualTo(new Dispatcher.Decision(Dispatcher.Verdict.DEAD, null, "HTTP 404"));
    assertThat(d.decide(19, Target.Outcome.retry(null, "HTTP 500"), T0).verdict()).isEqualTo(Dispatcher.Verdict.RETRY);
    assertThat(d.decide(20, Target.Outcome.retry(null, "HTTP 500"), T0))
        .isEqualTo(new Dispatcher.Decision(Dispatcher.Verdict.DEAD, null, "gave up after 20 attempts: HTTP 500"));
    assertThat(d.decide(3, Target.Outcome.sent("HTTP 200"), T0))
        .isEqualTo(new Dispatcher.Decision(Dispatcher.Verdict.SENT, T0, "HTTP 200"));
  }

  /** An outbox with nothing in it. */
  static final class NoOutbox implements Outbox {
    @Override
    public List<Delivery> claimDue(Instant now, int max, Duration lease) {
      return List.of();
    }

    @Override
    public boolean markSent(long id, Instant now, String detail) {
      return false;
    }

    @Override
    public boolean markRetry(long id, Instant nextAttemptAt, String error) {
      return false;
    }

    @Override
    public boolean markDead(long id, String error) {
      return false;
    }
  }
}
