package dev.riskline;

import dev.riskline.risk.Intel;
import dev.riskline.rules.RuleSet;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What the engine is built from. Defaults: the home folder {@code ./.riskline}, the embedded H2 store in
 * it, the system clock (UTC), no automation rules, no threat intelligence.
 *
 * @param home the folder for the embedded store and temporary files
 * @param storeUrl a JDBC URL, or null for the embedded H2 store in {@code home}
 * @param clock the evaluation clock ({@code --now} fixes it)
 * @param rules the Security Hub automation rules applied on import (none by default)
 * @param intel the CISA KEV catalog and FIRST EPSS scores ({@link Intel#none()} by default)
 */
public record Config(Path home, String storeUrl, Clock clock, RuleSet rules, Intel intel) {
  public Config {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(intel, "intel");
  }

  public static Config defaults() {
    return new Config(Path.of(".riskline"), null, Clock.systemUTC(), RuleSet.empty(), Intel.none());
  }

  public Config withHome(Path dir) {
    return new Config(dir, storeUrl, clock, rules, intel);
  }

  public Config withStoreUrl(String url) {
    return new Config(home, url, clock, rules, intel);
  }

  public Config withClock(Clock c) {
    return new Config(home, storeUrl, c, rules, intel);
  }

  public Config withRules(RuleSet r) {
    return new Config(home, storeUrl, clock, r, intel);
  }

  public Config withIntel(Intel i) {
    return new Config(home, storeUrl, clock, rules, i);
  }
}
