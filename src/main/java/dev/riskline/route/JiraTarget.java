package dev.riskline.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskline.risk.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jira Cloud (REST API v3) or Jira Data Center / Server (REST API v2): one issue per finding, labelled
 * {@code riskline} and {@code riskline-<identity key>}, commented on, updated, transitioned to resolve and reopen
 * (see {@link TicketTarget} for the lifecycle). Requests:
 *
 * <ul>
 *   <li>search: Cloud {@code GET /rest/api/3/search/jql}, Data Center {@code GET /rest/api/2/search}, with
 *       {@code jql=project = "SEC" AND labels = "riskline-<key>" ORDER BY created DESC} (the newest);
 *   <li>create: {@code POST /rest/api/{3|2}/issue} with {@code fields} project, issuetype, summary,
 *       description, labels, priority (when mapped), duedate (Riskline's due date);
 *   <li>comment: {@code POST /rest/api/{3|2}/issue/{key}/comment};
 *   <li>update (ESCALATED, DOWNGRADED): {@code PUT /rest/api/{3|2}/issue/{key}} with {@code fields} priority
 *       (when mapped) and duedate, then the comment. A field Jira refuses (400 naming it in {@code errors}:
 *       not on the edit screen, an unknown priority) is left out and the rest sent again; the comment is
 *       posted all the same and the delivery's detail says what was refused;
 *   <li>resolve and reopen: {@code GET} then {@code POST /rest/api/{3|2}/issue/{key}/transitions}, the
 *       transition found by its name or the name of its status; when there is none, an issue already in a
 *       done status (resolve) or not in one (reopen) is left as it is. An issue to reopen in a done status
 *       with no transition out of done at all (a final status) gets a follow-up issue instead; one with
 *       transitions out, none of them the configured one, fails for good naming them.
 * </ul>
 *
 * Cloud bodies are in the Atlassian Document Format (paragraphs, links); Data Center bodies are wiki markup,
 * with the values escaped. Cloud authenticates with Basic {@code email:token} (an API token), Data Center
 * with {@code Bearer} and a personal access token. Thread-safe.
 */
final class JiraTarget extends TicketTarget {
  enum Flavor { CLOUD, DATACENTER }

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Jira's longest summary. */
  static final int SUMMARY_MAX = 255;
  /** Jira's longest text field is 32,767 characters; ADF's markup takes some of it. */
  static final int TEXT_MAX = 30_000;
  private static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile("https?://[^\\s<>\"]+");

  private final Flavor flavor;
  private final URI url;
  private final String project;
  private final String issueType;
  private final List<String> labels;
  private final Map<String, String> priorities;
  private final String resolveTransition;
  private final String reopenTransition;
  private final boolean dueDate;
  private final TicketApi api;

  /** How an issue is made and moved. */
  record Options(String project, String issueType, List<String> labels, Map<String, String> priorities,
      String resolveTransition, String reopenTransition, boolean dueDate) {
    Options {
      Objects.requireNonNull(project, "project");
      Objects.requireNonNull(issueType, "issueType");
      labels = List.copyOf(labels);
      priorities = Map.copyOf(priorities);
      Objects.requireNonNull(resolveTransition, "resolveTransition");
      Objects.requireNonNull(reopenTransition, "reopenTransition");
    }
  }

  JiraTarget(String name, Flavor flavor, URI url, Options o, Texts texts, TicketApi api, Clock clock) {
    super(name, texts, api.timeout(), clock);
    this.flavor = Objects.requireNonNull(flavor, "flavor");
    this.url = Objects.requireNonNull(url, "url");
    this.project = o.project();
    this.issueType = o.issueType();
    this.labels = o.labels();
    this.priorities = o.priorities();
    this.resolveTransition = o.resolveTransition();
    this.reopenTransition = o.reopenTransition();
    this.dueDate = o.dueDate();
    this.api = Objects.requireNonNull(api, "api");
  }

  /** Basic {@code email:token} for Cloud. */
  static String basic(String user, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A Jira target from its settings (see the README's targets table); null after adding its problems. A URL
   * on {@code *.atlassian.net} is Cloud unless {@code flavor} says otherwise.
   */
  static JiraTarget read(String name, Settings s, Secrets secrets, HttpClient client, Clock clock) {
    s.allow("type", "flavor", "url", "allowInsecureHttp", "project", "issueType", "email", "token", "labels",
        "priorities", "transitions", "dueDate", "playbookUrl", "summaryTemplate", "template", "commentTemplate",
        "timeoutSeconds");
    int before = s.problems().size();
    URI url = url(s, "https://acme.atlassian.net");
    String flavorText = s.oneOf("flavor", List.of("cloud", "datacenter"), null);
    Flavor flavor = flavorText != null ? Flavor.valueOf(flavorText.toUpperCase(Locale.ROOT))
        : url != null && url.getHost().toLowerCase(Locale.ROOT).endsWith(".atlassian.net") ? Flavor.CLOUD
        : Flavor.DATACENTER;
    String project = s.string("project", null);
    if (project == null && !s.has("project")) {
      s.problem(s.at("project"), "missing; expected the key of the Jira project issues are created in, e.g. SEC");
    } else if (project != null && !project.matches("[A-Z][A-Z0-9_]{0,254}")) {
      s.problem(s.at("project"), "expected a Jira project key (upper-case letters, digits and _, starting with a"
          + " letter), e.g. SEC, but was \"" + project + "\"");
    }
    String issueType = s.string("issueType", "Task");
    Auth auth = auth(s, secrets, flavor);
    List<String> labels = s.strings("labels", List.of());
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i).matches(".*\\s.*")) {
        s.problem(s.at("labels") + "[" + i + "]", "expected a Jira label without spaces but was \"" + labels.get(i) + "\"");
      }
    }
    Map<String, String> priorities = s.stringMap("priorities", Map.of());
    Settings t = s.section("transitions");
    t.allow("resolve", "reopen");
    String resolve = t.string("resolve", "Done");
    String reopen = t.string("reopen", "To Do");
    boolean dueDate = s.bool("dueDate", true);
    int timeout = s.integer("timeoutSeconds", 10, 1, 300);
    Texts texts = Texts.read(s, flavor == Flavor.CLOUD ? Templates::plain : JiraTarget::wiki);
    if (s.problems().size() > before || url == null || auth == null || texts == null) return null;
    TicketApi api = new TicketApi("jira " + name, url, auth.header(), List.of(auth.secret()), client,
        Duration.ofSeconds(timeout), clock);
    return new JiraTarget(name, flavor, url, new Options(project, issueType, labels, priorities, resolve, reopen,
        dueDate), texts, api, clock);
  }

  /** The {@code Authorization} header and the secret in it. */
  private record Auth(String header, String secret) {}

  /** The Authorization header: Basic email:token (Cloud) or Bearer token (Data Center); null after a problem. */
  private static Auth auth(Settings s, Secrets secrets, Flavor flavor) {
    String token = null;
    Object raw = s.raw("token");
    String what = flavor == Flavor.CLOUD ? "an Atlassian API token" : "a personal access token";
    if (raw == null) {
      s.problem(s.at("token"), "missing; expected ${ENV_VAR} or file:/path holding " + what);
    } else if (raw instanceof String text && !Secrets.refers(text)) {
      s.problem(s.at("token"), "expected ${ENV_VAR} or file:/path holding " + what
          + " (a secret is never written in the file itself)");
    } else {
      token = secrets.resolve(s, "token");
    }
    if (flavor == Flavor.DATACENTER) {
      if (s.has("email")) {
        s.problem(s.at("email"), "Jira Data Center authenticates with the personal access token alone; remove email"
            + " (or set flavor: cloud)");
      }
      return token == null ? null : new Auth("Bearer " + token, token);
    }
    String email = s.has("email") ? secrets.resolve(s, "email") : null;
    if (!s.has("email")) {
      s.problem(s.at("email"), "missing; expected the e-mail address of the Atlassian account the API token belongs to");
    }
    return token == null || email == null ? null : new Auth(basic(email, token), token);
  }

  private String v() {
    return flavor == Flavor.CLOUD ? "/rest/api/3" : "/rest/api/2";
  }

  @Override
  String where() {
    return api.where();
  }

  @Override
  Found search(String marker) {
    String jql = "project = \"" + project + "\" AND labels = \"" + marker + "\" ORDER BY created DESC";
    String path = (flavor == Flavor.CLOUD ? v() + "/search/jql" : v() + "/search") + "?jql=" + TicketApi.encode(jql)
        + "&fields=status&maxResults=1";
    JsonNode issue = api.get(path).path("issues").path(0);
    if (issue.isMissingNode()) return null;
    String key = issue.path("key").asText();
    return new Found(key, key, browse(key), done(issue) ? Tickets.Status.RESOLVED : Tickets.Status.OPEN);
  }

  @Override
  Found create(Message m, String marker, String follows) {
    ObjectNode fields = JSON.createObjectNode();
    fields.putObject("project").put("key", project);
    fields.putObject("issuetype").put("name", issueType);
    fields.put("summary", cut(texts.summary().render(m, texts.more(m)).replaceAll("\\s+", " "), SUMMARY_MAX));
    String description = texts.description().render(m, texts.more(m));
    fields.set("description", body(follows == null ? description
        : "Follows " + follows + ", which is closed and cannot be reopened.\n\n" + description));
    ArrayNode l = fields.putArray("labels").add("riskline").add(marker);
    labels.forEach(l::add);
    fields.setAll(planned(m));
    ObjectNode root = JSON.createObjectNode();
    root.set("fields", fields);
    String key = api.post(v() + "/issue", root).path("key").asText(null);
    if (key == null) throw api.permanent("POST " + v() + "/issue: the answer names no issue key");
    return new Found(key, key, browse(key), Tickets.Status.OPEN);
  }

  @Override
  void comment(Tickets.Ticket t, String text) {
    ObjectNode root = JSON.createObjectNode();
    root.set("body", body(text));
    api.post(v() + "/issue/" + t.key() + "/comment", root);
  }

  /** The priority (when the rating is mapped) and the due date (when {@code dueDate}) of the message. */
  private ObjectNode planned(Message m) {
    ObjectNode fields = JSON.createObjectNode();
    String priority = m.rating() == null ? null : priorities.get(m.rating());
    if (priority != null) fields.putObject("priority").put("name", priority);
    if (dueDate && m.due() != null && m.due().matches("\\d{4}-\\d{2}-\\d{2}")) fields.put("duedate", m.due());
    return fields;
  }

  @Override
  Updated update(Tickets.Ticket t, Message m, String text) {
    ObjectNode fields = planned(m);
    List<String> refused = new ArrayList<>();
    for (int round = 0; round < 2 && !fields.isEmpty(); round++) {
      ObjectNode root = JSON.createObjectNode();
      root.set("fields", fields.deepCopy());
      TicketApi.Refusal no = api.unlessRefused("PUT", v() + "/issue/" + t.key(), root);
      if (no == null) break;
      JsonNode errors = no.answer().path("errors");
      List<String> named = new ArrayList<>();
      fields.fieldNames().forEachRemaining(f -> {
        if (errors.has(f)) named.add(f);
      });
      if (named.isEmpty()) {
        refused.add(refusedAll(fields, no));
        fields.removeAll();
      }
      for (String f : named) {
        refused.add(f + " (" + api.redact(cut(errors.path(f).asText(), 200)) + ")");
        fields.remove(f);
      }
    }
    List<String> set = new ArrayList<>();
    fields.fields().forEachRemaining(e -> set.add(e.getKey() + " "
        + (e.getValue().isObject() ? e.getValue().path("name").asText() : e.getValue().asText())));
    comment(t, text);
    return new Updated(set, refused.isEmpty() ? null : String.join("; ", refused));
  }

  @Override
  void resolve(Tickets.Ticket t, String text) {
    transition(t, resolveTransition, true);
    comment(t, text);
  }

  @Override
  boolean reopen(Tickets.Ticket t, String text) {
    if (!transition(t, reopenTransition, false)) return false;
    comment(t, text);
    return true;
  }

  /**
   * Moves the issue with the transition named {@code wanted} (or leading to a status of that name); when
   * there is none and the issue is already where it should be (done for a resolve, not done for a reopen),
   * nothing is done. False, with nothing done, for a reopen of an issue in a final status: done, with no
   * transition out of done.
   */
  private boolean transition(Tickets.Ticket t, String wanted, boolean toDone) {
    String path = v() + "/issue/" + t.key() + "/transitions";
    Set<String> names = new TreeSet<>();
    boolean wayBack = false;
    for (JsonNode tr : api.get(path).path("transitions")) {
      String name = tr.path("name").asText();
      String to = tr.path("to").path("name").asText();
      names.add(name);
      wayBack |= !"done".equals(tr.path("to").path("statusCategory").path("key").asText());
      if (name.equalsIgnoreCase(wanted) || to.equalsIgnoreCase(wanted)) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("transition").put("id", tr.path("id").asText());
        api.post(path, body);
        return true;
      }
    }
    JsonNode issue = api.get(v() + "/issue/" + t.key() + "?fields=status");
    if (done(issue) == toDone) return true;
    if (!toDone && !wayBack) return false;
    throw api.permanent(t.number() + " in status \"" + issue.path("fields").path("status").path("name").asText()
        + "\" has no transition \"" + wanted + "\"; expected one of " + names + " (set transitions."
        + (toDone ? "resolve" : "reopen") + ")");
  }

  private static boolean done(JsonNode issue) {
    return "done".equals(issue.path("fields").path("status").path("statusCategory").path("key").asText());
  }

  private String browse(String key) {
    return url.toString().replaceAll("/+$", "") + "/browse/" + key;
  }

  /** A description or comment body: ADF for Cloud, wiki text for Data Center. */
  JsonNode body(String text) {
    String t = cut(text, TEXT_MAX);
    return flavor == Flavor.CLOUD ? adf(t) : JSON.getNodeFactory().textNode(t);
  }

  /**
   * Plain text as an Atlassian Document Format document: a paragraph per block of lines (separated by a blank
   * line), a hard break between lines, http(s) URLs as links.
   */
  static ObjectNode adf(String text) {
    ObjectNode doc = JSON.createObjectNode().put("type", "doc").put("version", 1);
    ArrayNode content = doc.putArray("content");
    for (String block : text.strip().split("\\n\\s*\\n")) {
      ArrayNode inline = JSON.createArrayNode();
      String[] lines = block.split("\\n");
      for (int i = 0; i < lines.length; i++) {
        if (i > 0) inline.addObject().put("type", "hardBreak");
        inlineText(inline, lines[i]);
      }
      if (!inline.isEmpty()) content.addObject().put("type", "paragraph").set("content", inline);
    }
    return doc;
  }

  private static void inlineText(ArrayNode inline, String line) {
    java.util.regex.Matcher m = URL.matcher(line);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) inline.addObject().put("type", "text").put("text", line.substring(at, m.start()));
      ObjectNode link = inline.addObject().put("type", "text").put("text", m.group());
      link.putArray("marks").addObject().put("type", "link").putObject("attrs").put("href", m.group());
      at = m.end();
    }
    if (at < line.length()) inline.addObject().put("type", "text").put("text", line.substring(at));
  }

  /**
   * A value in Jira wiki markup: backslash, braces (macros), brackets (links), bars (tables) and asterisks
   * (bold) are escaped with a backslash; the rest is left readable (ARNs, ids and URLs keep their _ and -).
   */
  static String wiki(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if ("\\{}[]|*".indexOf(c) >= 0) b.append('\\');
      b.append(c);
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "JiraTarget[" + name() + ", " + flavor + ", " + UrlCheck.origin(url) + ", " + project + "]";
  }
}
