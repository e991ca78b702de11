package dev.riskline.route;

import dev.riskline.risk.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
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
 * <p>A digest group (the members of a route's {@link Digest} in one window) is claimed whole and sent as one
 * message ({@link DigestEvent}); its outcome is recorded on every member, so they are SENT, retried or DEAD
 * together, and a send again after a crash carries the same idempotency key. A route's {@link RateLimit} is
 * checked before each attempt against the messages the outbox recorded as sent: over the limit, the message
 * waits until the window frees up, without counting an attempt (a backlog drains at the limit).
 *
 * <p>Thread-safety: one dispatcher is used by one thread at a time; several processes may dispatch from
 * one PostgreSQL outbox (each claim is exclusive for its lease).
 */
public final class Dispatcher {
  private final Outbox outbox;
  private final Tickets tickets;
  private final Map<String, Target> targets;
  private final Routes routes;
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

  /**
   * How many messages one {@link #dispatch} sent, will retry, gave up on, and held back for a rate limit. A
   * digest is one message, whatever its members.
   */
  public record Counts(int sent, int retried, int dead, int postponed) {
    static final Counts NONE = new Counts(0, 0, 0, 0);

    /** Counts without postponed messages. */
    public Counts(int sent, int retried, int dead) {
      this(sent, retried, dead, 0);
    }

    /** How many attempts were made. */
    public int attempts() {
      return sent + retried + dead;
    }

    /** How many messages were attempted or held back. */
    public int handled() {
      return attempts() + postponed;
    }

    Counts plus(Counts o) {
      return new Counts(sent + o.sent, retried + o.retried, dead + o.dead, postponed + o.postponed);
    }
  }

  /** What to do after one attempt: SENT, retry at {@code next}, or DEAD. */
  enum Verdict { SENT, RETRY, DEAD }

  record Decision(Verdict verdict, Instant next, String detail) {}

  /**
   * A dispatcher without ticket links, digests or rate limits: ticket targets (Jira, ServiceNow) fail each
   * delivery for good.
   *
   * @param targets the configured targets by name
   * @param random the jitter's source ({@code new Random(seed)} in tests)
   */
  public Dispatcher(Outbox outbox, Map<String, Target> targets, Policy policy, Clock clock, Random random) {
    this(outbox, null, targets, Routes.none(), policy, clock, random);
  }

  /** A dispatcher with ticket links, for routes without digests or rate limits. */
  public Dispatcher(Outbox outbox, Tickets tickets, Map<String, Target> targets, Policy policy, Clock clock,
      Random random) {
    this(outbox, tickets, targets, Routes.none(), policy, clock, random);
  }

  /** A dispatcher without ticket links. */
  public Dispatcher(Outbox outbox, Map<String, Target> targets, Routes routes, Policy policy, Clock clock,
      Random random) {
    this(outbox, null, targets, routes, policy, clock, random);
  }

  /**
   * @param tickets each finding's ticket in each ticket target (the store), or null for none
   * @param targets the configured targets by name
   * @param routes the configured routes: their rate limits, and how many findings their digests show
   * @param random the jitter's source ({@code new Random(seed)} in tests)
   */
  public Dispatcher(Outbox outbox, Tickets tickets, Map<String, Target> targets, Routes routes, Policy policy,
      Clock clock,
      Random random) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.tickets = tickets;
    this.targets = Map.copyOf(targets);
    this.routes = Objects.requireNonNull(routes, "routes");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Sends what is due, batch by batch, until nothing more is due now; how it went. */
  public Counts dispatch() {
    Counts total = Counts.NONE;
    Limits limits = new Limits(outbox, clock);
    while (true) {
      Counts batch = batch(() -> false, limits);
      if (batch.handled() == 0) return total;
      total = total.plus(batch);
    }
  }

  /**
   * Claims one batch of due deliveries and attempts its messages one after the other, asking {@code stop}
   * before each: once it says yes, the deliveries of the batch not yet attempted are released, claimable
   * again at once, and the batch ends. The attempt in flight is always finished and recorded. How it went;
   * nothing handled when nothing was due.
   */
  public Counts dispatchBatch(BooleanSupplier stop) {
    return batch(stop, new Limits(outbox, clock));
  }

  private Counts batch(BooleanSupplier stop, Limits limits) {
    List<Delivery> due = outbox.claimDue(clock.instant(), policy.batch(), policy.lease());
    List<List<Delivery>> messages = new ArrayList<>(messages(due));
    Counts total = Counts.NONE;
    for (int i = 0; i < messages.size(); i++) {
      if (stop.getAsBoolean()) {
        outbox.release(messages.subList(i, messages.size()).stream().flatMap(List::stream).map(Delivery::id)
            .toList());
        break;
      }
      total = total.plus(attempt(messages.get(i), limits));
    }
    return total;
  }
  /** The claimed deliveries as messages: each alone, or the members of a digest group together. */
  static Collection<List<Delivery>> messages(List<Delivery> claimed) {
    Map<String, List<Delivery>> out = new LinkedHashMap<>();
    for (Delivery d : claimed) {
      String key = d.group() == null ? "#" + d.id() : d.group().messageKey();
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
    }
    return out.values();
  }

  private Counts attempt(List<Delivery> members, Limits limits) {
    Delivery first = members.get(0);
    List<Long> ids = members.stream().map(Delivery::id).toList();
    Routes.Route route = routes.route(first.route());
    Instant free = limits.freeAt(first.route(), first.target(), route == null ? null : route.rateLimit());
    if (free != null) {
      outbox.postpone(ids, free);
      return new Counts(0, 0, 0, 1);
    }
    Delivery message = first.group() == null ? first
        : DigestEvent.delivery(members, route == null || route.digest() == null ? Digest.DEFAULT_FINDINGS
            : route.digest().findings());
    Target target = targets.get(first.target());
    Target.Outcome outcome = target == null
        ? Target.Outcome.failed("no target " + first.target() + " in the configuration; expected one of "
            + new TreeSet<>(targets.keySet()))
        : send(target, message, tickets);
    Decision decision = decide(first.attempts() + 1, outcome, clock.instant());
    switch (decision.verdict()) {
      case SENT -> outbox.markSent(ids, decision.next(), decision.detail());
      case RETRY -> outbox.markRetry(ids, decision.next(), decision.detail());
      case DEAD -> outbox.markDead(ids, decision.detail());
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
