package dev.riskline.route;

import dev.riskline.risk.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * Sends what the outbox holds: {@link #dispatch} claims the due deliveries, makes one attempt of each with
 * its target and records the outcome, again and again until nothing more is due now, then returns.
 *
 * <p>A failed attempt worth retrying is tried again after a backoff of {@code base × 2^(attempts−1)},
 * capped at {@code maxDelay}, with jitter: the delay is drawn uniformly between half and all of that, so
 * dispatchers retrying together spread out while the total wait stays bounded below. A {@code Retry-After}
 * from the target lengthens the delay to it (at most {@code maxDelay}). A permanent failure (HTTP 4xx) is
 * DEAD at once; so is the attempt that reaches {@code maxAttempts}, with its error as the last error. A
 * delivery for a target that is not configured is DEAD ({@code riskline deliveries retry} revives it). Ticket
 * targets (Jira, ServiceNow) get the {@link Tickets} the dispatcher holds, to keep one ticket per finding.
 *
 * <p>Defaults: base 1 s, maxDelay 15 min, maxAttempts 20, lease 5 min, batch 100, poll 5 s. "A target down for an
 * hour loses nothing": the 19 waits between 20 attempts are at least half their caps, 0.5 + 1 + 2 + … +
 * 256 s = 511.5 s for the first ten and 9 × 450 s = 4050 s for the other nine, 4561.5 s ≈ 76 min in all
 * (at most twice that, ≈ 2 h 32 min), so a delivery is still PENDING when the target comes back after an
 * hour. (With full jitter the least total wait is zero, which could promise nothing.)
 *
 * <p>Thread-safety: one dispatcher is used by one thread at a time; several processes may dispatch from
 * one PostgreSQL outbox (each claim is exclusive for its lease).
 */
public final class Dispatcher {
  private final Outbox outbox;
  private final Tickets tickets;
  private final Map<String, Target> targets;
  private final Policy policy;
  private final Clock clock;
  private final Random random;

  /**
   * How deliveries are retried.
   *
   * @param base the delay after the first failed attempt (before jitter)
   * @param maxDelay the longest delay between two attempts
   * @param maxAttempts attempts before a delivery is DEAD
   * @param lease how long a claimed delivery is held by one dispatcher: longer than the slowest send
   * @param batch deliveries claimed at once
   * @param poll the longest a worker waits before it looks for due deliveries again
   */
  public record Policy(Duration base, Duration maxDelay, int maxAttempts, Duration lease, int batch, Duration poll) {
    public static final Policy DEFAULT = new Policy(Duration.ofSeconds(1), Duration.ofMinutes(15), 20,
        Duration.ofMinutes(5), 100, Duration.ofSeconds(5));

    public Policy {
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(maxDelay, "maxDelay");
      Objects.requireNonNull(lease, "lease");
      if (base.toMillis() < 1) throw new IllegalArgumentException("Expected a base of at least 1 ms but was " + base);
      if (maxDelay.compareTo(base) < 0) {
        throw new IllegalArgumentException("Expected maxDelay of at least base " + base + " but was " + maxDelay);
      }
      if (maxAttempts < 1) throw new IllegalArgumentException("Expected maxAttempts of at least 1 but was " + maxAttempts);
      if (lease.toMillis() < 1) throw new IllegalArgumentException("Expected a positive lease but was " + lease);
      if (batch < 1) throw new IllegalArgumentException("Expected a batch of at least 1 but was " + batch);
      Objects.requireNonNull(poll, "poll");
      if (poll.toMillis() < 1) throw new IllegalArgumentException("Expected a positive poll interval but was " + poll);
    }

    /** With the default poll interval. */
    public Policy(Duration base, Duration maxDelay, int maxAttempts, Duration lease, int batch) {
      this(base, maxDelay, maxAttempts, lease, batch, Duration.ofSeconds(5));
    }

    /**
     * The {@code deliveries} section: {@code backoffSeconds}, {@code maxBackoffSeconds}, {@code maxAttempts},
     * {@code leaseSeconds}, {@code batch}, {@code pollSeconds}; each problem is added to the settings' list
     * with its path.
     */
    public static Policy read(Settings s) {
      s.allow("backoffSeconds", "maxBackoffSeconds", "maxAttempts", "leaseSeconds", "batch", "pollSeconds");
      int base = s.integer("backoffSeconds", (int) DEFAULT.base.toSeconds(), 1, 3600);
      int max = s.integer("maxBackoffSeconds", (int) DEFAULT.maxDelay.toSeconds(), 1, 86_400);
      if (max < base) {
        s.problem(s.at("maxBackoffSeconds"), "expected at least backoffSeconds (" + base + ") but was " + max);
        max = base;
      }
      return new Policy(Duration.ofSeconds(base), Duration.ofSeconds(max),
          s.integer("maxAttempts", DEFAULT.maxAttempts, 1, 1000),
          Duration.ofSeconds(s.integer("leaseSeconds", (int) DEFAULT.lease.toSeconds(), 10, 86_400)),
          s.integer("batch", DEFAULT.batch, 1, 10_000),
          Duration.ofSeconds(s.integer("pollSeconds", (int) DEFAULT.poll.toSeconds(), 1, 3600)));
    }

    /** The delay before the next attempt, after {@code attempts} failed ones (1 or more), jittered. */
    Duration backoff(int attempts, Random random) {
      long cap = base.toMillis();
      for (int i = 1; i < attempts && cap < maxDelay.toMillis(); i++) cap *= 2;
      cap = Math.min(cap, maxDelay.toMillis());
      long half = cap / 2;
      return Duration.ofMillis(cap - half + (long) (random.nextDouble() * (half + 1)));
    }
  }

  /** How many attempts one {@link #dispatch} made, by outcome. */
  public record Counts(int sent, int retried, int dead) {
    /** How many attempts were made. */
    public int attempts() {
      return sent + retried + dead;
    }

    Counts plus(Counts o) {
      return new Counts(sent + o.sent, retried + o.retried, dead + o.dead);
    }
  }

  /** What to do after one attempt: SENT, retry at {@code next}, or DEAD. */
  enum Verdict { SENT, RETRY, DEAD }

  record Decision(Verdict verdict, Instant next, String detail) {}

  /**
   * A dispatcher without ticket links: ticket targets (Jira, ServiceNow) fail each delivery for good.
   *
   * @param targets the configured targets by name
   * @param random the jitter's source ({@code new Random(seed)} in tests)
   */
  public Dispatcher(Outbox outbox, Map<String, Target> targets, Policy policy, Clock clock, Random random) {
    this(outbox, null, targets, policy, clock, random);
  }

  /**
   * @param tickets each finding's ticket in each ticket target (the store), or null for none
   * @param targets the configured targets by name
   * @param random the jitter's source ({@code new Random(seed)} in tests)
   */
  public Dispatcher(Outbox outbox, Tickets tickets, Map<String, Target> targets, Policy policy, Clock clock,
      Random random) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.tickets = tickets;
    this.targets = Map.copyOf(targets);
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Sends what is due, batch by batch, until nothing more is due now; how it went. */
  public Counts dispatch() {
    Counts total = new Counts(0, 0, 0);
    while (true) {
      Counts batch = dispatchBatch(() -> false);
      if (batch.attempts() == 0) return total;
      total = total.plus(batch);
    }
  }

  /**
   * Claims one batch of due deliveries and attempts them one after the other, asking {@code stop} before
   * each: once it says yes, the deliveries of the batch not yet attempted are released, claimable again at
   * once, and the batch ends. The attempt in flight is always finished and recorded. How it went; no
   * attempts when nothing was due.
   */
  public Counts dispatchBatch(BooleanSupplier stop) {
    List<Delivery> due = outbox.claimDue(clock.instant(), policy.batch(), policy.lease());
    Counts total = new Counts(0, 0, 0);
    for (int i = 0; i < due.size(); i++) {
      if (stop.getAsBoolean()) {
        outbox.release(due.subList(i, due.size()).stream().map(Delivery::id).toList());
        break;
      }
      total = total.plus(attempt(due.get(i)));
    }
    return total;
  }

  private Counts attempt(Delivery d) {
    Target target = targets.get(d.target());
    Target.Outcome outcome = target == null
        ? Target.Outcome.failed("no target " + d.target() + " in the configuration; expected one of "
            + new TreeSet<>(targets.keySet()))
        : send(target, d, tickets);
    Decision decision = decide(d.attempts() + 1, outcome, clock.instant());
    switch (decision.verdict()) {
      case SENT -> outbox.markSent(d.id(), decision.next(), decision.detail());
      case RETRY -> outbox.markRetry(d.id(), decision.next(), decision.detail());
      case DEAD -> outbox.markDead(d.id(), decision.detail());
    }
    return switch (decision.verdict()) {
      case SENT -> new Counts(1, 0, 0);
      case RETRY -> new Counts(0, 1, 0);
      case DEAD -> new Counts(0, 0, 1);
    };
  }

  /** A target that throws (it should not) failed this attempt; its message may hold a secret, so only the type is kept. */
  private static Target.Outcome send(Target target, Delivery d, Tickets tickets) {
    try {
      return tickets == null ? target.send(d) : target.send(d, tickets);
    } catch (RuntimeException e) {
      return Target.Outcome.retry(null, "target " + target.name() + " failed: " + e.getClass().getSimpleName());
    }
  }

  /** The decision after attempt number {@code attempt} (1 for the first) ended with {@code outcome} at {@code now}. */
  Decision decide(int attempt, Target.Outcome outcome, Instant now) {
    if (outcome.sent()) return new Decision(Verdict.SENT, now, outcome.detail());
    if (outcome.permanent()) return new Decision(Verdict.DEAD, null, outcome.detail());
    if (attempt >= policy.maxAttempts()) {
      return new Decision(Verdict.DEAD, null, "gave up after " + attempt + " attempts: " + outcome.detail());
    }
    Duration delay = policy.backoff(attempt, random);
    Duration asked = outcome.retryAfter();
    if (asked != null && asked.compareTo(delay) > 0) delay = asked.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : asked;
    return new Decision(Verdict.RETRY, now.plus(delay), outcome.detail());
  }
}
