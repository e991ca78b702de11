package dev.riskline.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.risk.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.event.ruler.Machine;

/**
 * The {@code routes} of {@code riskline.yaml}: each a name, an EventBridge pattern over the triage event
 * ({@code {"source": "riskline", "detail-type": "Riskline Finding <Change>", "detail": {"finding": ...,
 * "riskline": ...}}}) and the targets it goes to. Checked completely at load (names unique, patterns valid
 * for aws event-ruler, targets defined, {@link Digest} and {@link RateLimit} in range); matched with one
 * event-ruler machine for all routes. Immutable and thread-safe.
 */
public final class Routes {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One route.
   *
   * @param digest how its matches are grouped into digests, or null: each match is a message
   * @param rateLimit how many messages it may send each target in a window, or null: no limit
   */
  public record Route(String name, String pattern, List<String> targets, Digest digest, RateLimit rateLimit) {
    public Route {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(pattern, "pattern");
      targets = List.copyOf(targets);
    }

    /** A route without digest or rate limit. */
    public Route(String name, String pattern, List<String> targets) {
      this(name, pattern, targets, null, null);
    }
  }

  private final List<Route> routes;
  private final Map<String, Route> byName;
  private final Machine machine;
  /** The finding's top-level fields the patterns name; null when a pattern may look at any of them. */
  private final Set<String> findingFields;

  private Routes(List<Route> routes, Machine machine) {
    this.routes = List.copyOf(routes);
    this.machine = machine;
    Set<String> fields = new LinkedHashSet<>();
    boolean all = false;
    for (Route r : routes) {
      try {
        all |= !findingFields(JSON.readTree(r.pattern()), fields);
      } catch (JsonProcessingException e) {
        all = true;
      }
    }
    this.findingFields = all ? null : Set.copyOf(fields);
    Map<String, Route> m = new LinkedHashMap<>();
    for (Route r : routes) m.put(r.name(), r);
    this.byName = m;
  }

  public static Routes none() {
    return new Routes(List.of(), new Machine());
  }

  /**
   * Reads {@code routes} (a list) against the target names defined; problems go to the settings' list.
   *
   * @param root the configuration file's root
   * @param targets the names under {@code targets}
   */
  public static Routes read(Settings root, Set<String> targets) {
    List<Object> list = root.list("routes");
    if (list == null) return none();
    List<Route> routes = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    Machine machine = new Machine();
    for (int i = 0; i < list.size(); i++) {
      Settings r = root.item("routes", i);
      r.allow("name", "pattern", "targets", "description", "digest", "rateLimit");
      String name = r.string("name", null);
      boolean unique = false;
      if (name == null) {
        r.problem(r.at("name"), "missing; every route needs a unique name");
      } else if (!names.add(name)) {
        r.problem(r.at("name"), "duplicate route name \"" + name + "\"; names must be unique");
      } else {
        unique = true;
      }
      String pattern = pattern(r);
      Digest digest = Digest.read(r);
      RateLimit rateLimit = RateLimit.read(r);
      List<String> to = r.strings("targets", null);
      if (to == null || to.isEmpty()) {
        r.problem(r.at("targets"), "missing; expected the names of one or more targets " + sorted(targets));
        to = List.of();
      }
      for (int t = 0; t < to.size(); t++) {
        if (!targets.contains(to.get(t))) {
          r.problem(r.at("targets") + "[" + t + "]", "no target named \"" + to.get(t) + "\"; expected one of "
              + sorted(targets));
        }
      }
      if (pattern != null) {
        try {
          new Machine().addRule("check", pattern);
          if (unique) {
            machine.addRule(name, pattern);
            routes.add(new Route(name, pattern, to, digest, rateLimit));
          }
        } catch (Exception e) {
          String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
          r.problem(r.at("pattern"), "not a valid EventBridge pattern: " + why);
        }
      }
    }
    return new Routes(routes, machine);
  }

  private static String pattern(Settings r) {
    Object v = r.raw("pattern");
    if (v == null) {
      r.problem(r.at("pattern"), "missing; expected an EventBridge pattern over the triage event, e.g. "
          + "{\"detail\": {\"riskline\": {\"Risk\": {\"Rating\": [\"CRITICAL\"]}}}}");
      return null;
    }
    if (!(v instanceof Map<?, ?>) && !(v instanceof String)) {
      r.problem(r.at("pattern"), "expected an object (the pattern) but was " + dev.riskline.finding.Problem.describe(v));
      return null;
    }
    try {
      return v instanceof String s ? s : JSON.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      r.problem(r.at("pattern"), "cannot be written as JSON: " + e.getOriginalMessage());
      return null;
    }
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  public List<Route> all() {
    return routes;
  }

  public boolean isEmpty() {
    return routes.isEmpty();
  }

  public Route route(String name) {
    return byName.get(name);
  }

  /**
   * Adds to {@code out} the keys of every object a pattern gives under {@code finding}; false when a
   * pattern constrains {@code finding} in a way that may read any of its fields.
   */
  private static boolean findingFields(com.fasterxml.jackson.databind.JsonNode node, Set<String> out) {
    boolean ok = true;
    for (var it = node.fields(); it.hasNext(); ) {
      var e = it.next();
      if (e.getKey().equals("finding")) {
        if (!e.getValue().isObject()) return false;
        for (var f = e.getValue().fields(); f.hasNext(); ) {
          var field = f.next();
          if (field.getKey().equals("$or")) return false;
          out.add(field.getKey());
        }
      } else if (e.getValue().isObject()) {
        ok &= findingFields(e.getValue(), out);
      } else if (e.getValue().isArray()) {
        for (var item : e.getValue()) {
          if (item.isObject()) ok &= findingFields(item, out);
        }
      }
    }
    return ok;
  }

  /**
   * The routes whose patterns match the triage event of this change, in the order they are configured.
   * Only the finding's fields the patterns name are put in the event that is matched.
   */
  public List<Route> match(Change change, Map<String, Object> finding, Map<String, Object> riskline) {
    if (routes.isEmpty()) return List.of();
    Map<String, Object> some = finding;
    if (findingFields != null) {
      some = new LinkedHashMap<>();
      for (String f : findingFields) {
        Object v = finding.get(f);
        if (v != null) some.put(f, v);
      }
    }
    List<String> hit;
    try {
      hit = machine.rulesForJSONEvent(JSON.valueToTree(TriageEvent.of(change, some, riskline)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot match the triage event: " + e.getMessage(), e);
    }
    return routes(hit);
  }

  /** The routes whose patterns match the event (JSON text), in the order they are configured. */
  public List<Route> match(String eventJson) {
    if (routes.isEmpty()) return List.of();
    List<String> hit;
    try {
      hit = machine.rulesForJSONEvent(eventJson);
    } catch (Exception e) {
      throw new IllegalStateException("cannot match the triage event: " + e.getMessage(), e);
    }
    return routes(hit);
  }

  private List<Route> routes(List<String> hit) {
    if (hit.isEmpty()) return List.of();
    List<Route> out = new ArrayList<>(hit.size());
    for (Route r : routes) {
      if (hit.contains(r.name())) out.add(r);
    }
    return out;
  }
}
