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
 * for aws event-ruler, targets defined); matched with one event-ruler machine for all routes. Immutable
 * and thread-safe.
 */
public final class Routes {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One route. */
  public record Route(String name, String pattern, List<String> targets) {
    public Route {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(pattern, "pattern");
      targets = List.copyOf(targets);
    }
  }

  private final List<Route> routes;
  private final Map<String, Route> byName;
  private final Machine machine;

  private Routes(List<Route> routes, Machine machine) {
    this.routes = List.copyOf(routes);
    this.machine = machine;
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
      r.allow("name", "pattern", "targets", "description");
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
            routes.add(new Route(name, pattern, to));
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

  /** The routes whose patterns match the event (JSON text), in the order they are configured. */
  public List<Route> match(String eventJson) {
    if (routes.isEmpty()) return List.of();
    List<String> hit;
    try {
      hit = machine.rulesForJSONEvent(eventJson);
    } catch (Exception e) {
      throw new IllegalStateException("cannot match the triage event: " + e.getMessage(), e);
    }
    if (hit.isEmpty()) return List.of();
    List<Route> out = new ArrayList<>(hit.size());
    for (Route r : routes) {
      if (hit.contains(r.name())) out.add(r);
    }
    return out;
  }
}
