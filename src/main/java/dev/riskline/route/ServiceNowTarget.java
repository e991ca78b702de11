package dev.riskline.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskline.risk.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ServiceNow through the Table API: one record per finding (an incident by default) whose {@code
 * correlation_id} is {@code riskline-<identity key>} and {@code correlation_display} Riskline; see {@link
 * TicketTarget} for the lifecycle. Requests:
 *
 * <ul>
 *   <li>search: {@code GET /api/now/table/<table>?sysparm_query=correlation_id=<id>}, the newest first;
 *   <li>create: {@code POST /api/now/table/<table>} with short_description, description, impact and urgency
 *       (from the rating), due_date, assignment_group and the configured {@code fields};
 *   <li>comment: {@code PATCH /api/now/table/<table>/<sys_id>} with {@code work_notes};
 *   <li>update (ESCALATED, DOWNGRADED): the same PATCH with impact, urgency and due_date beside the work
 *       note; when it is refused (400, or 403 from a data policy or an ACL), the work note alone is sent
 *       again and the delivery's detail says what was refused;
 *   <li>resolve: the same PATCH with {@code state} 6, {@code close_code} and {@code close_notes};
 *   <li>reopen: {@code GET /api/now/table/<table>/<sys_id>}, then the same PATCH with {@code state} 2 (In
 *       Progress) or 1 (New); a record already Closed (state 7), which many instances do not let reopen,
 *       gets a follow-up record instead, whose description names the closed one.
 * </ul>
 *
 * Authenticates with Basic {@code username:password} or a {@code Bearer} OAuth token. Thread-safe.
 */
final class ServiceNowTarget extends TicketTarget {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The incident's short_description holds 160 characters. */
  static final int SHORT_MAX = 160;
  static final int TEXT_MAX = 30_000;
  private static final String FIELDS = "sysparm_fields=sys_id,number,state";
  /** The state of a closed record: many instances let no one reopen it. */
  private static final String CLOSED = "7";
  /**
   * Impact and urgency (1 high, 2 medium, 3 low) of each rating name of the presets; any other is 3 and 3.
   * With the default priority lookup: CRITICAL P1, HIGH P2, MEDIUM P3, LOW P4, the lowest P5.
   */
  static final Map<String, int[]> LEVELS = Map.ofEntries(
      Map.entry("CRITICAL", new int[] {1, 1}), Map.entry("VERY_HIGH", new int[] {1, 1}),
      Map.entry("HIGH", new int[] {1, 2}), Map.entry("MEDIUM", new int[] {2, 2}), Map.entry("MODERATE", new int[] {2, 2}),
      Map.entry("LOW", new int[] {3, 2}));

  private final URI url;
  private final String table;
  private final Options options;
  private final TicketApi api;

  /** What goes into a record besides the text. */
  record Options(String table, String assignmentGroup, Map<String, String> fields, Map<String, String> impact,
      Map<String, String> urgency, boolean dueDate, String closeCode, int reopenState) {
    Options {
      Objects.requireNonNull(table, "table");
      fields = Map.copyOf(fields);
      impact = Map.copyOf(impact);
      urgency = Map.copyOf(urgency);
      Objects.requireNonNull(closeCode, "closeCode");
    }
  }

  ServiceNowTarget(String name, URI url, Options options, Texts texts, TicketApi api, Clock clock) {
    super(name, texts, api.timeout(), clock);
    this.url = Objects.requireNonNull(url, "url");
    this.table = options.table();
    this.options = options;
    this.api = Objects.requireNonNull(api, "api");
  }

  /** A ServiceNow target from its settings (see the README's targets table); null after adding its problems. */
  static ServiceNowTarget read(String name, Settings s, Secrets secrets, HttpClient client, Clock clock) {
    s.allow("type", "url", "allowInsecureHttp", "table", "username", "password", "token", "assignmentGroup",
        "fields", "impact", "urgency", "dueDate", "closeCode", "reopenState", "playbookUrl", "summaryTemplate",
        "template", "commentTemplate", "timeoutSeconds");
    int before = s.problems().size();
    URI url = url(s, "https://acme.service-now.com");
    String table = s.string("table", "incident");
    if (!table.matches("[a-z][a-z0-9_]{0,79}")) {
      s.problem(s.at("table"), "expected a table name (lower-case letters, digits and _), e.g. incident, but was \""
          + table + "\"");
    }
    String[] auth = auth(s, secrets);
    String group = s.string("assignmentGroup", null);
    Map<String, String> fields = s.stringMap("fields", Map.of());
    Map<String, String> impact = levels(s, "impact");
    Map<String, String> urgency = levels(s, "urgency");
    boolean dueDate = s.bool("dueDate", true);
    String closeCode = s.string("closeCode", "Solution provided");
    int reopenState = s.integer("reopenState", 2, 1, 2);
    int timeout = s.integer("timeoutSeconds", 10, 1, 300);
    Texts texts = Texts.read(s, Templates::plain);
    if (s.problems().size() > before || url == null || auth == null || texts == null) return null;
    TicketApi api = new TicketApi("servicenow " + name, url, auth[0], List.of(auth[1]), client,
        Duration.ofSeconds(timeout), clock);
    return new ServiceNowTarget(name, url, new Options(table, group, fields, impact, urgency, dueDate, closeCode,
        reopenState), texts, api, clock);
  }

  /** {header, secret}: Basic username:password, or Bearer token; null after a problem. */
  private static String[] auth(Settings s, Secrets secrets) {
    boolean basic = s.has("username") || s.has("password");
    if (basic && s.has("token")) {
      s.problem(s.at("token"), "expected either username and password or token, not both");
      return null;
    }
    if (!basic && !s.has("token")) {
      s.problem(s.path(), "expected username and password, or token (an OAuth access token)");
      return null;
    }
    if (s.has("token")) {
      String token = secret(s, secrets, "token", "an OAuth access token");
      return token == null ? null : new String[] {"Bearer " + token, token};
    }
    String user = s.has("username") ? secrets.resolve(s, "username") : null;
    if (!s.has("username")) s.problem(s.at("username"), "missing; expected the user Riskline signs in as");
    String password = secret(s, secrets, "password", "the user's password");
    return user == null || password == null ? null : new String[] {JiraTarget.basic(user, password), password};
  }

  private static String secret(Settings s, Secrets secrets, String key, String what) {
    Object raw = s.raw(key);
    if (raw == null) {
      s.problem(s.at(key), "missing; expected ${ENV_VAR} or file:/path holding " + what);
      return null;
    }
    if (raw instanceof String text && !Secrets.refers(text)) {
      s.problem(s.at(key), "expected ${ENV_VAR} or file:/path holding " + what
          + " (a secret is never written in the file itself)");
      return null;
    }
    return secrets.resolve(s, key);
  }

  /** A map of rating → 1, 2 or 3. */
  private static Map<String, String> levels(Settings s, String key) {
    Map<String, String> m = s.stringMap(key, Map.of());
    m.forEach((rating, level) -> {
      if (!level.matches("[123]")) {
        s.problem(s.at(key) + "." + rating, "expected 1 (high), 2 (medium) or 3 (low) but was \"" + level + "\"");
      }
    });
    return m;
  }

  @Override
  String where() {
    return api.where();
  }

  private String records() {
    return "/api/now/table/" + table;
  }

  @Override
  Found search(String marker) {
    JsonNode r = api.get(records() + "?sysparm_query=" + TicketApi.encode("correlation_id=" + marker
        + "^ORDERBYDESCsys_created_on") + "&" + FIELDS + "&sysparm_limit=1").path("result").path(0);
    return r.isMissingNode() ? null : found(r);
  }

  @Override
  Found create(Message m, String marker, String follows) {
    Map<String, String> more = new LinkedHashMap<>(options.fields());
    ObjectNode body = JSON.createObjectNode();
    more.forEach(body::put);
    body.put("short_description", cut(texts.summary().render(m, texts.more(m)).replaceAll("\\s+", " "), SHORT_MAX));
    String description = texts.description().render(m, texts.more(m));
    body.put("description", cut(follows == null ? description
        : "Follows " + follows + ", which is closed and cannot be reopened.\n\n" + description, TEXT_MAX));
    body.put("impact", level(options.impact(), m.rating(), 0));
    body.put("urgency", level(options.urgency(), m.rating(), 1));
    body.put("correlation_id", marker);
    body.put("correlation_display", "Riskline");
    if (options.assignmentGroup() != null) body.put("assignment_group", options.assignmentGroup());
    if (options.dueDate() && m.due() != null && m.due().matches("\\d{4}-\\d{2}-\\d{2}")) {
      body.put("due_date", m.due() + " 00:00:00");
    }
    JsonNode r = api.post(records() + "?" + FIELDS, body).path("result");
    if (r.path("sys_id").asText("").isEmpty()) throw api.permanent("POST " + records() + ": the answer names no sys_id");
    return found(r);
  }

  @Override
  void comment(Tickets.Ticket t, String text) {
    patch(t, JSON.createObjectNode().put("work_notes", cut(text, TEXT_MAX)));
  }

  @Override
  Updated update(Tickets.Ticket t, Message m, String text) {
    ObjectNode fields = JSON.createObjectNode();
    fields.put("impact", level(options.impact(), m.rating(), 0));
    fields.put("urgency", level(options.urgency(), m.rating(), 1));
    if (options.dueDate() && m.due() != null && m.due().matches("\\d{4}-\\d{2}-\\d{2}")) {
      fields.put("due_date", m.due() + " 00:00:00");
    }
    List<String> set = new ArrayList<>();
    fields.fields().forEachRemaining(e -> set.add(e.getKey() + " " + e.getValue().asText()));
    ObjectNode body = fields.deepCopy().put("work_notes", cut(text, TEXT_MAX));
    TicketApi.Refusal no = api.unlessRefused("PATCH", records() + "/" + t.key() + "?" + FIELDS, body);
    if (no == null) return new Updated(set, null);
    comment(t, text);
    return new Updated(List.of(), refusedAll(fields, no));
  }

  @Override
  void resolve(Tickets.Ticket t, String text) {
    patch(t, JSON.createObjectNode().put("state", "6").put("close_code", options.closeCode())
        .put("close_notes", cut(text, TEXT_MAX)).put("work_notes", cut(text, TEXT_MAX)));
  }

  @Override
  boolean reopen(Tickets.Ticket t, String text) {
    String state = api.get(records() + "/" + t.key() + "?" + FIELDS).path("result").path("state").asText();
    if (state.equals(CLOSED)) return false;
    patch(t, JSON.createObjectNode().put("state", Integer.toString(options.reopenState()))
        .put("work_notes", cut(text, TEXT_MAX)));
    return true;
  }

  private void patch(Tickets.Ticket t, ObjectNode body) {
    api.patch(records() + "/" + t.key() + "?" + FIELDS, body);
  }

  private Found found(JsonNode r) {
    String id = r.path("sys_id").asText();
    String state = r.path("state").asText();
    return new Found(id, r.path("number").asText(id), url.toString().replaceAll("/+$", "") + "/" + table
        + ".do?sys_id=" + id, state.equals("6") || state.equals("7") ? Tickets.Status.RESOLVED : Tickets.Status.OPEN);
  }

  private static String level(Map<String, String> configured, String rating, int which) {
    String set = rating == null ? null : configured.get(rating);
    if (set != null) return set;
    int[] levels = rating == null ? null : LEVELS.get(rating);
    return Integer.toString(levels == null ? 3 : levels[which]);
  }

  @Override
  public String toString() {
    return "ServiceNowTarget[" + name() + ", " + UrlCheck.origin(url) + ", " + table + "]";
  }
}
