package dev.riskline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.riskline.finding.Problem;
import dev.riskline.finding.RisklineException;
import dev.riskline.risk.Intel;
import dev.riskline.risk.RiskPolicy;
import dev.riskline.risk.Settings;
import dev.riskline.route.Playbooks;
import dev.riskline.route.Routes;
import dev.riskline.route.Dispatcher;
import dev.riskline.route.Target;
import dev.riskline.route.Targets;
import dev.riskline.rules.RuleSet;
import dev.riskline.schedule.Sla;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code riskline.yaml}: one file, validated completely before any finding is processed, every problem
 * reported with its path. Sections: {@code store} (a JDBC URL), {@code rules} (rule files or folders,
 * relative to the file), {@code risk} (preset, matrix, likelihood, impact, exposure, model, intel files),
 * {@code schedule} (days per rating, KEV cap, due-soon window, reopen policy, acceptance days),
 * {@code targets} (where deliveries go; secrets from {@code ${ENV}} or {@code file:}), {@code routes}
 * (EventBridge patterns over the triage event, and their targets), {@code deliveries} (retries) and
 * {@code playbooks} (a folder of playbooks). Paths in the file are
 * relative to its folder. Stateless.
 */
public final class ConfigFile {
  static final String NAME = "riskline.yaml";
  private static final ObjectMapper YAML = new YAMLMapper();

  private ConfigFile() {}

  /** The file to read: {@code explicit} if given, else {@code ./riskline.yaml} when it exists, else none. */
  public static Path locate(Path explicit) {
    if (explicit != null) return explicit;
    Path here = Path.of(NAME);
    return Files.isRegularFile(here) ? here : null;
  }

  /** Reads the file onto {@code base}; throws bad input listing every problem. */
  public static Config load(Path file, Config base) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw RisklineException.badInput("cannot read the configuration " + file + ": no such file",
          "Check the path given to --config, or create " + NAME + " (see the README's configuration section).");
    } catch (IOException e) {
      throw RisklineException.badInput("cannot read the configuration " + file + ": " + e.getMessage(), null);
    }
    return parse(file.toString(), text, file.toAbsolutePath().getParent(), base);
  }

  /** Reads configuration text; {@code dir} resolves relative paths. */
  public static Config parse(String name, String text, Path dir, Config base) {
    Object tree;
    try {
      tree = YAML.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      throw RisklineException.badInput(name + ": not valid YAML" + where + ": " + e.getOriginalMessage(),
          "Fix the YAML syntax; the README shows a complete example.");
    }
    List<Problem> problems = new ArrayList<>();
    Settings root = Settings.root(tree, problems);
    root.allow("store", "rules", "risk", "schedule", "targets", "routes", "deliveries", "playbooks", "playbookUrl");
    Config config = base;
    String store = root.string("store", null);
    if (store != null) config = config.withStoreUrl(store);
    Settings riskSection = root.section("risk");
    Settings intel = riskSection.section("intel").allow("kev", "epss");
    Path kev = path(intel, "kev", dir);
    Path epss = path(intel, "epss", dir);
    RiskPolicy risk = RiskPolicy.read(riskSection);
    Sla sla = Sla.read(root.section("schedule"), risk);
    List<String> rules = root.strings("rules", List.of());
    Routes routes = Routes.read(root, new java.util.LinkedHashSet<>(root.section("targets").keys()));
    String playbooks = root.string("playbooks", null);
    Path playbookDir = playbooks == null ? null : resolve(dir, playbooks);
    if (playbookDir != null && !Files.isDirectory(playbookDir)) {
      root.problem(root.at("playbooks"), "no such folder " + playbookDir + "; expected a folder of playbooks (*.md)");
    }
    String playbookUrl = root.string("playbookUrl", null);
    if (playbookUrl != null && !playbookUrl.matches("https?://[^\\s\"<>|]+")) {
      root.problem(root.at("playbookUrl"), "expected an http(s) link to a playbook, with {id} where its id goes"
          + " (https://wiki.example.com/playbooks/{id}) or ending where the id is appended, but was \"" + playbookUrl
          + "\"");
    }
    Map<String, Target> targets = Targets.read(root.section("targets"), System.getenv());
    List<Routes.Route> all = problems.isEmpty() ? routes.all() : List.of(); // indexes hold when every route is valid
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).digest() == null) continue;
      List<String> to = all.get(i).targets();
      for (int t = 0; t < to.size(); t++) {
        Target target = targets.get(to.get(t));
        if (target != null && !target.takesDigests()) {
          root.problem("routes[" + i + "].targets[" + t + "]", "a route with a digest cannot go to \"" + to.get(t)
              + "\": it keeps one ticket per finding; route these findings to it without a digest");
        }
      }
    }
    Dispatcher.Policy delivery = Dispatcher.Policy.read(root.section("deliveries"));
    if (!problems.isEmpty()) throw invalid(name, problems);
    config = config.withRoutes(routes).withTargets(targets).withDelivery(delivery);
    if (playbookDir != null) config = config.withPlaybooks(Playbooks.load(playbookDir));
    if (playbookUrl != null) config = config.withPlaybooks(config.playbooks().withUrl(playbookUrl));
    config = config.withRisk(risk, sla);
    if (!rules.isEmpty()) config = config.withRules(RuleSet.load(rules.stream().map(r -> resolve(dir, r)).toList()));
    if (kev != null || epss != null) config = config.withIntel(Intel.load(kev, epss));
    return config;
  }

  private static Path path(Settings s, String key, Path dir) {
    String p = s.string(key, null);
    if (p == null) return null;
    Path resolved = resolve(dir, p);
    if (!Files.isRegularFile(resolved)) s.problem(s.at(key), "no such file " + resolved);
    return resolved;
  }

  private static Path resolve(Path dir, String p) {
    Path path = Path.of(p);
    return dir == null || path.isAbsolute() ? path : dir.resolve(path).normalize();
  }

  private static RisklineException invalid(String name, List<Problem> problems) {
    List<String> lines = new ArrayList<>();
    for (Problem p : problems) lines.add(name + ": " + p);
    return RisklineException.badInput(String.join(System.lineSeparator(), lines),
        "Fix each line: it names the setting's path in " + NAME + " and what was expected.");
  }

  static Map<String, Object> tree(String yaml) throws JsonProcessingException {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = YAML.readValue(yaml, Map.class);
    return m;
  }
}
