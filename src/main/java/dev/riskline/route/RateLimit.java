package dev.riskline.route;

import dev.riskline.risk.Settings;
import java.time.Duration;

/**
 * The {@code rateLimit} of a route: at most {@code max} messages to each of its targets within any
 * {@code minutes}. A digest is one message. The {@link Dispatcher} counts what the outbox records as sent,
 * so the limit holds across restarts and for several dispatchers sharing one store; a delivery over the
 * limit waits, without counting an attempt, until the oldest counted message leaves the window. Immutable.
 *
 * @param max the most messages in a window, 1 to 10000
 * @param minutes the window's length, 1 to 1440
 */
public record RateLimit(int max, int minutes) {
  public RateLimit {
    if (max < 1 || max > 10_000) throw new IllegalArgumentException("Expected a max of 1 to 10000 but was " + max);
    if (minutes < 1 || minutes > 1440) throw new IllegalArgumentException("Expected 1 to 1440 minutes but was " + minutes);
  }

  /** The {@code rateLimit} of a route ({@code r}), or null when it has none or has problems (added to the list). */
  static RateLimit read(Settings r) {
    if (!r.has("rateLimit")) return null;
    int before = r.problems().size();
    Settings s = r.section("rateLimit");
    if (r.problems().size() > before) return null; // not an object
    s.allow("max", "minutes");
    if (!s.has("max")) {
      s.problem(s.at("max"), "missing; expected a whole number from 1 to 10000, the most messages to a target in the window");
    }
    if (!s.has("minutes")) {
      s.problem(s.at("minutes"), "missing; expected a whole number from 1 to 1440, the window's length");
    }
    int max = s.integer("max", 1, 1, 10_000);
    int minutes = s.integer("minutes", 1, 1, 1440);
    return r.problems().size() > before ? null : new RateLimit(max, minutes);
  }

  /** The window as a duration. */
  public Duration window() {
    return Duration.ofMinutes(minutes);
  }
}
