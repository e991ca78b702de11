package dev.riskline.cli;

import dev.riskline.route.Dispatcher;
import dev.riskline.store.Store;
import dev.riskline.store.StoreException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The loop of {@code riskline worker}: claims and sends what is due, a batch at a time (one line each on the
 * log), then waits until the next delivery is due or the poll interval has passed, whichever comes first, so
 * deliveries another process enqueues go out within one interval. A store that fails (a database restarting,
 * a connection dropped) is reported and tried again after one interval; the worker goes on. {@link #stop}
 * ends the loop once the attempt in flight is recorded; the rest of its batch is released for other workers.
 *
 * <p>Thread-safety: {@link #run} on one thread; {@link #stop} from any thread (a signal handler).
 */
final class Worker {
  /** The shortest wait: a delivery due now but held by another claimer is not looked for again at once. */
  static final Duration LEAST_WAIT = Duration.ofMillis(100);

  private final Store store;
  private final Dispatcher dispatcher;
  private final Duration poll;
  private final Clock clock;
  private final PrintWriter log;
  private final CountDownLatch stopped = new CountDownLatch(1);

  Worker(Store store, Dispatcher dispatcher, Duration poll, Clock clock, PrintWriter log) {
    this.store = Objects.requireNonNull(store, "store");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.poll = Objects.requireNonNull(poll, "poll");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
  }

  /** Dispatches until {@link #stop} is called; returns once the attempt in flight then is recorded. */
  void run() {
    while (!stopping()) {
      Duration wait;
      try {
        Dispatcher.Counts c = dispatcher.dispatchBatch(this::stopping);
        if (c.attempts() > 0) {
          log("sent %d, to retry %d, dead %d", c.sent(), c.retried(), c.dead());
          continue;
        }
        wait = wait(clock.instant(), store.outbox().nextDue().orElse(null), poll);
      } catch (StoreException e) {
        log("%s; trying again in %d s", e.getMessage(), poll.toSeconds());
        wait = poll;
      }
      pause(wait);
    }
    log("stopped");
  }

  /** Ends {@link #run} after the attempt in flight, saying why. Idempotent. */
  void stop(String why) {
    if (stopping()) return;
    log("%s: stopping after the attempt in flight", why);
    stopped.countDown();
  }

  boolean stopping() {
    return stopped.getCount() == 0;
  }

  /**
   * How long to wait at {@code now} when the next delivery is due at {@code nextDue} (null: none pending): until
   * then, but at most {@code poll} (another process may enqueue one due sooner) and at least {@link #LEAST_WAIT}.
   */
  static Duration wait(Instant now, Instant nextDue, Duration poll) {
    if (nextDue == null) return poll;
    Duration until = Duration.between(now, nextDue);
    if (until.compareTo(LEAST_WAIT) < 0) return LEAST_WAIT;
    return until.compareTo(poll) < 0 ? until : poll;
  }

  void log(String format, Object... args) {
    log.println(clock.instant().truncatedTo(ChronoUnit.SECONDS) + " " + String.format(format, args));
    log.flush();
  }

  private void pause(Duration wait) {
    try {
      stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop("interrupted");
    }
  }
}
