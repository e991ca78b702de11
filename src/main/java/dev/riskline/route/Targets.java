package dev.riskline.route;

import dev.riskline.risk.Settings;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code targets} section of {@code riskline.yaml}: a name per target, each with a {@code type} from
 * the registry below and that type's settings. Every problem is added to the settings' list with its path;
 * a secret's value never appears in one. Stateless.
 */
public final class Targets {
  /** Reads one target of a type. */
  @FunctionalInterface
  private interface Reader {
    Target read(String name, Settings s, Secrets secrets, HttpClient client, Clock clock);
  }

  private static final Map<String, Reader> TYPES = Map.ofEntries(
      Map.entry("webhook", (Reader) WebhookTarget::read),
      Map.entry("slack", (Reader) SlackTarget::read),
      Map.entry("teams", (Reader) TeamsTarget::read),
      Map.entry("email", ((name, s, secrets, client, clock) -> EmailTarget.read(name, s, secrets::env))),
      Map.entry("splunk", ((name, s, secrets, client, clock) -> SplunkHecTarget.read(name, s, secrets::env, clock))),
      Map.entry("syslog", ((name, s, secrets, client, clock) -> SyslogTarget.read(name, s, secrets::env))),
      Map.entry("jira", JiraTarget::read),
      Map.entry("servicenow", ServiceNowTarget::read),
      Map.entry("sns", ((name, s, secrets, client, clock) -> SnsTarget.read(name, s, secrets::env))),
      Map.entry("sqs", ((name, s, secrets, client, clock) -> SqsTarget.read(name, s, secrets::env))),
      Map.entry("eventbridge", ((name, s, secrets, client, clock) -> EventBridgeTarget.read(name, s, secrets::env))));
  /** How long a connection may take to open; each target has its own timeout for the whole request. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private Targets() {}

  /**
   * The targets of the section by name, in file order; those with problems are left out (and the problems
   * added to the section's list).
   *
   * @param env the environment variables that {@code ${NAME}} refers to
   */
  public static Map<String, Target> read(Settings section, Map<String, String> env) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER).build();
    return read(section, env, client, Clock.systemUTC());
  }

  static Map<String, Target> read(Settings section, Map<String, String> env, HttpClient client, Clock clock) {
    Secrets secrets = new Secrets(env);
    Map<String, Target> targets = new LinkedHashMap<>();
    for (String name : section.keys()) {
      if (!(section.raw(name) instanceof Map<?, ?>)) { // never shown: it may be a URL with a token
        section.problem(section.at(name), "expected an object with the target's type and settings");
        continue;
      }
      Settings s = section.section(name);
      if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
        s.problem(s.path(), "expected a target name of letters, digits, '.', '_' and '-' (at most 64)");
        continue;
      }
      if (!s.has("type")) {
        s.problem(s.at("type"), "expected the target's type, one of " + new TreeSet<>(TYPES.keySet()));
        continue;
      }
      String type = s.oneOf("type", new TreeSet<>(TYPES.keySet()), null);
      if (type == null) continue;
      Target t = TYPES.get(type).read(name, s, secrets, client, clock);
      if (t != null) targets.put(name, t);
    }
    return targets;
  }
}
