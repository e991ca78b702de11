package dev.riskline;

import dev.riskline.risk.Intel;
import dev.riskline.risk.RiskPolicy;
import dev.riskline.route.Dispatcher;
import dev.riskline.route.Playbooks;
import dev.riskline.route.Routes;
import dev.riskline.route.Target;
import dev.riskline.rules.RuleSet;
import dev.riskline.schedule.Acceptances;
import dev.riskline.schedule.Sla;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine is built from. Defaults: the home folder {@code ./.riskline}, the embedded H2 store in
 * it, the system clock (UTC), no automation rules, the default risk policy and schedule, no threat
 * intelligence, no risk acceptances, no routes, playbooks or targets, the default delivery retries.
 * {@link ConfigFile} reads {@code riskline.yaml} into one. Immutable.
 *
 * @param home the folder for the embedded store, threat intelligence and temporary files
 * @param storeUrl a JDBC URL, or null for the embedded H2 store in {@code home}
 * @param clock the evaluation clock ({@code --now} fixes it)
 * @param rules the Security Hub automation rules applied on import (none by default)
 * @param risk how findings are rated
 * @param sla the remediation schedule's settings
 * @param intel CISA KEV and FIRST EPSS, as loaded
 * @param acceptances the risk acceptances in force (read from the store by the edge)
 * @param routes where changed findings go (none by default)
 * @param playbooks the playbooks that name what to do about each finding (none by default)
 * @param targets where deliveries go, by name (none by default)
 * @param delivery how deliveries are retried ({@link Dispatcher.Policy#DEFAULT} by default)
 */
public record Config(Path home, String storeUrl, Clock clock, RuleSet rules, RiskPolicy risk, Sla sla,
    Intel intel, Acceptances acceptances, Routes routes, Playbooks playbooks, Map<String, Target> targets,
    Dispatcher.Policy delivery) {
  public Config {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(sla, "sla");
    Objects.requireNonNull(intel, "intel");
    Objects.requireNonNull(acceptances, "acceptances");
    Objects.requireNonNull(routes, "routes");
    Objects.requireNonNull(playbooks, "playbooks");
    targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    Objects.requireNonNull(delivery, "delivery");
  }

  public static Config defaults() {
    RiskPolicy risk = RiskPolicy.defaults();
    return new Config(Path.of(".riskline"), null, Clock.systemUTC(), RuleSet.empty(), risk, Sla.defaults(risk),
        Intel.none(), Acceptances.none(), Routes.none(), Playbooks.none(), Map.of(), Dispatcher.Policy.DEFAULT);
  }

  public Config withHome(Path dir) {
    return new Config(dir, storeUrl, clock, rules, risk, sla, intel, acceptances, routes, playbooks, targets, delivery);
  }

  public Config withStoreUrl(String url) {
    return new Config(home, url, clock, rules, risk, sla, intel, acceptances, routes, playbooks, targets, delivery);
  }

  public Config withClock(Clock c) {
    return new Config(home, storeUrl, c, rules, risk, sla, intel, acceptances, routes, playbooks, targets, delivery);
  }

  public Config withRules(RuleSet r) {
    return new Config(home, storeUrl, clock, r, risk, sla, intel, acceptances, routes, playbooks, targets, delivery);
  }

  /** The risk policy and its schedule together: a schedule's ratings are the policy's. */
  public Config withRisk(RiskPolicy r, Sla s) {
    return new Config(home, storeUrl, clock, rules, r, s, intel, acceptances, routes, playbooks, targets, delivery);
  }

  public Config withIntel(Intel i) {
    return new Config(home, storeUrl, clock, rules, risk, sla, i, acceptances, routes, playbooks, targets, delivery);
  }

  public Config withAcceptances(Acceptances a) {
    return new Config(home, storeUrl, clock, rules, risk, sla, intel, a, routes, playbooks, targets, delivery);
  }

  public Config withRoutes(Routes r) {
    return new Config(home, storeUrl, clock, rules, risk, sla, intel, acceptances, r, playbooks, targets, delivery);
  }

  public Config withPlaybooks(Playbooks p) {
    return new Config(home, storeUrl, clock, rules, risk, sla, intel, acceptances, routes, p, targets, delivery);
  }

  public Config withTargets(Map<String, Target> t) {
    return new Config(home, storeUrl, clock, rules, risk, sla, intel, acceptances, routes, playbooks, t, delivery);
  }

  public Config withDelivery(Dispatcher.Policy d) {
    return new Config(home, storeUrl, clock, rules, risk, sla, intel, acceptances, routes, playbooks, targets, d);
  }
}
