package dev.riskline;

import dev.riskline.rules.RuleSet;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What the engine is built from. Defaults: the home folder {@code ./.riskline}, the embedded H2 store in
 * it, the system clock (UTC), no automation rules.
 *
 * @param home the folder for the embedded store and temporary files
 * @param storeUrl a JDBC URL, or null for the embedded H2 store in {@code home}
 * @param clock the evaluation clock ({@code --now} fixes it)
 * @param rules the Security Hub automation rules applied on import (none by default)
 */
public record Config(Path home, String storeUrl, Clock clock, RuleSet rules) {
  public Config {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(rules, "rules");
  }

  public static Config defaults() {
    return new Config(Path.of(".riskline"), null, Clock.systemUTC(), RuleSet.empty());
  }

  public Config withHome(Path dir) {
    return new Config(dir, storeUrl, clock, rules);
  }

  public Config withStoreUrl(String url) {
    return new Config(home, url, clock, rules);
  }

  public Config withClock(Clock c) {
    return new Config(home, storeUrl, c, rules);
  }

  public Config withRules(RuleSet r) {
    return new Config(home, storeUrl, clock, r);
  }
}
