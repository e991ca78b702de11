package dev.riskline.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jira Cloud (REST v3, ADF bodies) or Data Center (REST v2, text bodies) in memory: create, JQL search on
 * project and one label (oldest or newest first), get an issue's status, edit its fields (PUT; priorities
 * Highest to Lowest, and fields made not editable refused as Jira refuses a field not on the edit screen),
 * comments, and transitions in a workflow of To Do, In Progress and Done where every status can move to
 * every other; Closed is a final status (done, no transition out) that tests put issues in. Project SEC,
 * issue types Task and Bug. Creating (or another POST) may be held until the test lets it go ({@link #holdFirstCreate},
 * {@link #holdFirst}).
 */
public final class FakeJira extends FakeTicketServer {
  private static final Pattern JQL = Pattern.compile(
      "project = \"([A-Z0-9_]+)\" AND labels = \"([^\"]+)\"( ORDER BY created (ASC|DESC))?");
  private static final Map<String, String> CATEGORIES = Map.of("To Do", "new", "In Progress", "indeterminate",
      "Done", "done", "Closed", "done");
  private static final java.util.Set<String> PRIORITIES = java.util.Set.of("Highest", "High", "Medium", "Low", "Lowest");
  private static final Map<String, String> TRANSITION_IDS = Map.of("To Do", "11", "In Progress", "21", "Done", "31");

  final boolean cloud;
  final Map<String, Issue> issues = new LinkedHashMap<>();
  /** Fields the edit screen lacks: a PUT setting one is refused. */
  final java.util.Set<String> notEditable = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile java.util.concurrent.CountDownLatch createReached;
  private volatile java.util.concurrent.CountDownLatch createGate;
  private volatile String heldPath;

  /** One issue as Jira holds it. */
  static final class Issue {
    final String key;
    final JsonNode fields;
    String status = "To Do";
    final List<JsonNode> comments = new ArrayList<>();

    Issue(String key, JsonNode fields) {
      this.key = key;
      this.fields = fields;
    }
  }

  public FakeJira(boolean cloud, String authorization) throws IOException {
    super(authorization);
    this.cloud = cloud;
  }

  /** The keys of the issues held, oldest first. */
  public synchronized List<String> keys() {
    return List.copyOf(issues.keySet());
  }

  /**
   * The next POST of an issue waits, before it is answered, until {@code gate} is let go (at most 30 s);
   * {@code reached} is counted down when it starts waiting.
   */
  void holdFirstCreate(java.util.concurrent.CountDownLatch reached, java.util.concurrent.CountDownLatch gate) {
    holdFirst("/issue", reached, gate);
  }

  /** As {@link #holdFirstCreate}, for the next POST to {@code rest} under the API ({@code /issue/SEC-1/comment}). */
  void holdFirst(String rest, java.util.concurrent.CountDownLatch reached, java.util.concurrent.CountDownLatch gate) {
    heldPath = api() + rest;
    createReached = reached;
    createGate = gate;
  }

  @Override
  void beforeAnswer(String method, String path) throws InterruptedException {
    java.util.concurrent.CountDownLatch gate = createGate;
    if (gate == null || !method.equals("POST") || !path.equals(heldPath)) return;
    createGate = null;
    createReached.countDown();
    gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  private String api() {
    return cloud ? "/rest/api/3" : "/rest/api/2";
  }

  @Override
  synchronized Answer answer(String method, String path, Map<String, String> query, JsonNode body) {
    if (!path.startsWith(api() + "/")) return error(404, "no such API: " + path);
    String rest = path.substring(api().length());
    if (method.equals("POST") && rest.equals("/issue")) return create(body);
    if (method.equals("GET") && rest.equals(cloud ? "/search/jql" : "/search")) return search(query);
    Matcher m = Pattern.compile("/issue/([A-Z0-9_]+-\\d+)(/comment|/transitions)?").matcher(rest);
    if (!m.matches()) return error(404, "no such resource: " + path);
    Issue issue = issues.get(m.group(1));
    if (issue == null) return new Answer(404, JSON.createObjectNode().set("errorMessages",
        JSON.createArrayNode().add("Issue does not exist or you do not have permission to see it.")));
    String what = m.group(2) == null ? "" : m.group(2);
    return switch (method + " " + what) {
      case "GET " -> new Answer(200, JSON.createObjectNode().put("key", issue.key).set("fields", status(issue)));
      case "PUT " -> edit(issue, body);
      case "POST /comment" -> comment(issue, body);
      case "GET /transitions" -> new Answer(200, transitions(issue));
      case "POST /transitions" -> transition(issue, body);
      default -> error(405, method + " " + path);
    };
  }

  private Answer create(JsonNode body) {
    JsonNode f = body == null ? null : body.path("fields");
    if (f == null || !f.isObject()) return fieldError("fields", "Expected fields");
    if (!"SEC".equals(f.path("project").path("key").asText())) return fieldError("project", "project is required");
    String type = f.path("issuetype").path("name").asText();
    if (!type.equals("Task") && !type.equals("Bug")) return fieldError("issuetype", "Specify a valid issue type");
    String summary = f.path("summary").asText("");
    if (summary.isBlank() || summary.length() > 255 || summary.contains("\n")) {
      return fieldError("summary", "You must specify a summary of the issue (one line, at most 255 characters).");
    }
    JsonNode description = f.path("description");
    if (cloud ? !adf(description) : !description.isTextual()) {
      return fieldError("description", cloud ? "Operation value must be an Atlassian Document (see the Atlassian"
          + " Document Format)" : "Operation value must be a string");
    }
    for (JsonNode label : f.path("labels")) {
      if (label.asText().contains(" ")) return fieldError("labels", "The label '" + label.asText() + "' contains spaces which is invalid.");
    }
    if (f.has("duedate") && !f.path("duedate").asText().matches("\\d{4}-\\d{2}-\\d{2}")) {
      return fieldError("duedate", "Error parsing date string: " + f.path("duedate").asText());
    }
    String key = "SEC-" + (issues.size() + 1);
    issues.put(key, new Issue(key, f));
    return new Answer(201, JSON.createObjectNode().put("id", Integer.toString(10_000 + issues.size())).put("key", key)
        .put("self", url() + api() + "/issue/" + key));
  }

  private Answer edit(Issue issue, JsonNode body) {
    JsonNode f = body == null ? null : body.path("fields");
    if (f == null || !f.isObject()) return fieldError("fields", "Expected fields");
    ObjectNode errors = JSON.createObjectNode();
    f.fieldNames().forEachRemaining(name -> {
      if (notEditable.contains(name)) {
        errors.put(name, "Field '" + name + "' cannot be set. It is not on the appropriate screen, or unknown.");
      }
    });
    if (f.has("priority") && !PRIORITIES.contains(f.path("priority").path("name").asText())) {
      errors.put("priority", "Priority name '" + f.path("priority").path("name").asText() + "' is not valid");
    }
    if (f.has("duedate") && !f.path("duedate").asText().matches("\\d{4}-\\d{2}-\\d{2}")) {
      errors.put("duedate", "Error parsing date string: " + f.path("duedate").asText());
    }
    if (!errors.isEmpty()) {
      ObjectNode answer = JSON.createObjectNode();
      answer.putArray("errorMessages");
      answer.set("errors", errors);
      return new Answer(400, answer);
    }
    ((ObjectNode) issue.fields).setAll((ObjectNode) f);
    return new Answer(204, null);
  }

  private Answer search(Map<String, String> query) {
    Matcher m = JQL.matcher(query.getOrDefault("jql", ""));
    if (!m.matches()) return new Answer(400, JSON.createObjectNode().set("errorMessages",
        JSON.createArrayNode().add("Error in the JQL Query: " + query.get("jql"))));
    ArrayNode found = JSON.createArrayNode();
    List<Issue> all = new ArrayList<>(issues.values());
    if ("DESC".equals(m.group(4))) java.util.Collections.reverse(all);
    for (Issue i : all) {
      boolean labelled = false;
      for (JsonNode l : i.fields.path("labels")) labelled |= l.asText().equals(m.group(2));
      if (labelled && m.group(1).equals(i.fields.path("project").path("key").asText())) {
        found.addObject().put("id", "1").put("key", i.key).set("fields", status(i));
      }
    }
    ObjectNode result = JSON.createObjectNode();
    result.set("issues", found);
    if (!cloud) result.put("startAt", 0).put("maxResults", 1).put("total", found.size());
    return new Answer(200, result);
  }

  private Answer comment(Issue issue, JsonNode body) {
    JsonNode b = body == null ? null : body.path("body");
    if (b == null || (cloud ? !adf(b) : !b.isTextual())) {
      return fieldError("comment", cloud ? "Comment body must be an Atlassian Document" : "Comment body must be a string");
    }
    issue.comments.add(b);
    return new Answer(201, JSON.createObjectNode().put("id", Integer.toString(issue.comments.size())));
  }

  private JsonNode transitions(Issue issue) {
    ArrayNode list = JSON.createArrayNode();
    for (String to : List.of("To Do", "In Progress", "Done")) {
      if (to.equals(issue.status) || issue.status.equals("Closed")) continue;
      ObjectNode t = list.addObject().put("id", TRANSITION_IDS.get(to)).put("name", to);
      t.putObject("to").put("name", to).putObject("statusCategory").put("key", CATEGORIES.get(to));
    }
    return JSON.createObjectNode().set("transitions", list);
  }

  private Answer transition(Issue issue, JsonNode body) {
    String id = body == null ? "" : body.path("transition").path("id").asText();
    for (JsonNode t : transitions(issue).path("transitions")) {
      if (t.path("id").asText().equals(id)) {
        issue.status = t.path("name").asText();
        return new Answer(204, null);
      }
    }
    return new Answer(400, JSON.createObjectNode().set("errorMessages", JSON.createArrayNode()
        .add("Transition id '" + id + "' is not valid for this issue.")));
  }

  private static ObjectNode status(Issue i) {
    ObjectNode fields = JSON.createObjectNode();
    fields.putObject("status").put("name", i.status).putObject("statusCategory").put("key", CATEGORIES.get(i.status));
    return fields;
  }

  private static Answer fieldError(String field, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("errorMessages");
    body.putObject("errors").put(field, message);
    return new Answer(400, body);
  }

  /** An ADF document: type doc, version 1, block content of paragraphs with text, hardBreak and link marks. */
  static boolean adf(JsonNode doc) {
    if (!doc.path("type").asText().equals("doc") || doc.path("version").asInt() != 1) return false;
    for (JsonNode block : doc.path("content")) {
      if (!block.path("type").asText().equals("paragraph")) return false;
      for (JsonNode inline : block.path("content")) {
        String type = inline.path("type").asText();
        if (type.equals("text") ? inline.path("text").asText().isEmpty() : !type.equals("hardBreak")) return false;
      }
    }
    return doc.path("content").isArray();
  }

  /** The text of a body: ADF flattened (paragraphs apart by a blank line) or the text itself. */
  static String text(JsonNode body) {
    if (body.isTextual()) return body.asText();
    List<String> paragraphs = new ArrayList<>();
    for (JsonNode block : body.path("content")) {
      StringBuilder b = new StringBuilder();
      for (JsonNode inline : block.path("content")) {
        b.append(inline.path("type").asText().equals("hardBreak") ? "\n" : inline.path("text").asText());
      }
      paragraphs.add(b.toString());
    }
    return String.join("\n\n", paragraphs);
  }
}
