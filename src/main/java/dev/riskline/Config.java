package dev.riskline;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What the engine is built from. Defaults: the home folder {@code ./.riskline}, the embedded H2 store in
 * it, the system clock (UTC).
 *
 * @param home the folder for the embedded store and temporary files
 * @param storeUrl a JDBC URL, or null for the embedded H2 store in {@code home}
 * @param clock the evaluation clock ({@code --now} fixes it)
 */
public record Config(Path home, String storeUrl, Clock clock) {
  public Config {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(clock, "clock");
  }

  public static Config defaults() {
    return new Config(Path.of(".riskline"), null, Clock.systemUTC());
  }

  public Config withStoreUrl(String url) {
    return new Config(home, url, clock);
  }

  public Config withClock(Clock c) {
    return new Config(home, storeUrl, c);
  }
}
