package dev.riskline;

import dev.riskline.finding.Finding;
import dev.riskline.finding.RisklineException;
import dev.riskline.rules.Applied;
import dev.riskline.risk.RiskPolicy;
import dev.riskline.route.Change;
import dev.riskline.route.Delivery;
import dev.riskline.route.Dispatcher;
import dev.riskline.route.Playbook;
import dev.riskline.route.Routes;
import dev.riskline.route.TriageEvent;
import dev.riskline.rules.RuleSet;
import dev.riskline.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import dev.riskline.read.FindingReader;
import dev.riskline.risk.Assessment;
import dev.riskline.schedule.Previous;
import dev.riskline.schedule.Schedule;
import dev.riskline.schedule.Scheduled;
import java.time.Instant;
import java.util.Objects;

/**
 * The engine. Built once from a {@link Config} by {@link #create}; immutable and thread-safe. The
 * middle of the pipeline ({@link #triage}) is pure: an imported finding in, decisions out.
 */
public final class Riskline {
  private final Config config;
  private final FindingReader reader;
  private final Schedule schedule;

  private Riskline(Config config) {
    this.config = config;
    this.reader = FindingReader.create();
    this.schedule = new Schedule(config.sla());
  }

  public static Riskline create(Config config) {
    return new Riskline(Objects.requireNonNull(config, "config"));
  }

  public Config config() {
    return config;
  }

  /** The reader of every accepted finding format. */
  public FindingReader reader() {
    return reader;
  }

  /**
   * The pipeline after import for one finding seen for the first time: the automation rules (criteria
   * evaluated on the provider's record, actions applied to the imported finding), the risk rating, then the
   * due date and state.
   *
   * @param provider the record as the provider sent it
   * @param imported the finding as imported (merged with what was held)
   */
  public TriageResult triage(Finding provider, Finding imported) {
    Instant now = config.clock().instant();
    Applied applied = config.rules().apply(provider, imported, now);
    return decide(applied.result(), applied.matchedRules(), null, now);
  }

  /**
   * What the pipeline can find from a provider's record alone, before import: the automation rules it
   * matches and the evidence of its CVEs. Pure and thread-safe, so a reading thread can do it while
   * another triages. Immutable.
   */
  public record Prepared(RuleSet.Matches matches, RiskPolicy.Prepared risk) {}

  /** Prepares a provider's record for {@link #triage(Prepared, Finding)}. */
  public Prepared prepare(Finding provider) {
    return new Prepared(config.rules().match(provider, config.clock().instant()),
        config.risk().prepare(provider, config.intel()));
  }

  /** As {@link #triage(Finding, Finding)}, with what {@link #prepare} found from the provider's record. */
  public TriageResult triage(Prepared prepared, Finding imported) {
    Instant now = config.clock().instant();
    Applied applied = config.rules().apply(prepared.matches(), imported, now);
    Finding f = applied.result();
    Assessment risk = config.risk().assess(f, config.intel(), prepared.risk());
    Scheduled scheduled = schedule.decide(f, risk, null, config.acceptances(), now);
    return routed(new TriageResult(f, applied.matchedRules(), risk, scheduled), null);
  }

  /**
   * The pipeline after import with what the store held: the previous rating, clock and due date are kept
   * as the schedule requires (a due date is never pushed out; a reopened finding's clock).
   */
  public TriageResult triage(Finding provider, Finding imported, Previous previous) {
    Instant now = config.clock().instant();
    Applied applied = config.rules().apply(provider, imported, now);
    return decide(applied.result(), applied.matchedRules(), previous, now);
  }

  /** The pipeline for a stored finding, without rules (they ran when it was imported). */
  public TriageResult evaluate(Finding stored) {
    return evaluate(stored, null);
  }

  /** The pipeline for a stored finding with its stored schedule, without rules. */
  public TriageResult evaluate(Finding stored, Previous previous) {
    return decide(stored, List.of(), previous, config.clock().instant());
  }

  private TriageResult decide(Finding f, List<String> rules, Previous previous, Instant now) {
    Assessment risk = config.risk().assess(f, config.intel());
    Scheduled scheduled = schedule.decide(f, risk, previous, config.acceptances(), now);
    return routed(new TriageResult(f, rules, risk, scheduled), previous);
  }

  /** The result with what changed since {@code previous} and, when routes are configured, where it goes. */
  private TriageResult routed(TriageResult r, Previous previous) {
    Change change = Change.detect(previous, r.risk(), r.schedule(), config.risk().matrix());
    Playbook p = config.playbooks().forFinding(r.finding());
    String playbook = p == null ? null : p.id();
    TriageResult changed = new TriageResult(r.finding(), r.rules(), r.risk(), r.schedule(), change, List.of(), playbook);
    if (change == null || config.routes().isEmpty()) return changed;
    List<String> names = new java.util.ArrayList<>();
    for (Routes.Route route : config.routes().match(change, r.finding().json(), changed.riskline())) {
      names.add(route.name());
    }
    return new TriageResult(r.finding(), r.rules(), r.risk(), r.schedule(), change, names, playbook);
  }

  /** The triage event of a changed result: what routes match and targets receive. */
  public String event(TriageResult r) {
    Map<String, Object> riskline = r.riskline();
    String url = config.playbooks().url(r.playbook());
    if (url != null) {
      riskline = new java.util.LinkedHashMap<>(riskline);
      riskline.put("PlaybookUrl", url);
    }
    return TriageEvent.json(r.change(), r.finding().json(), riskline);
  }

  /**
   * The deliveries of a routed result: one per route and target, each with its idempotency key; those of a
   * route with a digest are members of their digest group.
   */
  public List<Delivery> deliveries(TriageResult r, Instant now) {
    if (r.change() == null || r.routes().isEmpty()) return List.of();
    String event = event(r);
    com.fasterxml.jackson.databind.JsonNode tree = null; // the event as a tree, for digest keys: read once
    List<Delivery> out = new java.util.ArrayList<>();
    for (String name : r.routes()) {
      Routes.Route route = config.routes().route(name);
      for (String target : route.targets()) {
        Delivery d = Delivery.pending(name, target, r.change(), r.finding().identity().key(), event, now);
        if (route.digest() != null) {
          if (tree == null) tree = TriageEvent.tree(event);
          d = d.inGroup(route.digest().group(name, target, tree, config.risk().matrix().rank(r.risk().rating())));
        }
        out.add(d);
      }
    }
    return out;
  }

  /**
   * The pipeline as the store runs it on import: risk and schedule are stored with the finding, and the
   * deliveries of a routed change go into the outbox in the same transaction.
   */
  public Store.Triager storeTriager() {
    return (provider, imported, previous) -> {
      TriageResult r = triage(provider, imported, previous);
      return new Store.Triaged(r.finding(), r.risk(), config.risk().matrix().rank(r.risk().rating()), r.schedule(),
          deliveries(r, config.clock().instant()));
    };
  }

  /** This engine with the risk acceptances in force now in {@code store} (they decide ACCEPTED states). */
  public Riskline withAcceptancesFrom(Store store) {
    return create(config.withAcceptances(store.acceptances().active(config.clock().instant())));
  }

  /**
   * The dispatcher of {@code store}'s outbox with the configured targets, routes (their rate limits and digest
   * sizes), retry policy and clock, and the store's ticket links: what {@code deliveries dispatch}, the worker
   * and the demo send with.
   */
  public Dispatcher dispatcher(Store store) {
    return new Dispatcher(store.outbox(), store.tickets(), config.targets(), config.routes(), config.delivery(),
        config.clock(), new java.security.SecureRandom());
  }

  /** Opens the configured store: the embedded H2 store in the home folder unless a URL is set. */
  public Store openStore() {
    String url = config.storeUrl();
    if (url == null) {
      try {
        Files.createDirectories(config.home());
      } catch (IOException e) {
        throw new RisklineException("Cannot create the store folder " + config.home().toAbsolutePath() + ": "
            + e.getMessage(), "Run Riskline in a folder you can write to, or use --store URL.", false, e);
      }
      url = Store.defaultUrl(config.home());
    }
    return Store.open(url);
  }

  /** A new in-memory triage run, its temporary file in the system's temporary folder; close it when done. */
  public Triage newTriage() {
    return new Triage(this, null);
  }

  /** A new in-memory triage run with its temporary file in {@code dir} (best: the output's folder). */
  public Triage newTriage(java.nio.file.Path dir) {
    return new Triage(this, dir);
  }
}
