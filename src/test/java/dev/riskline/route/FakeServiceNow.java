package dev.riskline.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ServiceNow Table API for the incident table in memory: create, query by {@code correlation_id}, and
 * PATCH with {@code work_notes} kept as a journal. As the default data policy asks, a record resolved
 * (state 6) needs a close code and close notes; states are 1 New, 2 In Progress, 3 On Hold, 6 Resolved,
 * 7 Closed; impact and urgency are 1 to 3. A Closed record's state cannot change (as many instances' business
 * rules have it), and fields made read only by a data policy are refused with 403.
 */
final class FakeServiceNow extends FakeTicketServer {
  private static final Set<String> STATES = Set.of("1", "2", "3", "6", "7");
  private static final Set<String> LEVELS = Set.of("1", "2", "3");

  final Map<String, ObjectNode> records = new LinkedHashMap<>();
  final Map<String, List<String>> workNotes = new LinkedHashMap<>();
  /** Fields a data policy makes read only: a PATCH setting one is refused. */
  final Set<String> readOnly = java.util.concurrent.ConcurrentHashMap.newKeySet();

  FakeServiceNow(String authorization) throws IOException {
    super(authorization);
  }

  @Override
  synchronized Answer answer(String method, String path, Map<String, String> query, JsonNode body) {
    Matcher m = Pattern.compile("/api/now/table/incident(?:/([0-9a-f]{32}))?").matcher(path);
    if (!m.matches()) return error(400, "Invalid table or path " + path);
    String id = m.group(1);
    if (id == null && method.equals("POST")) return create(body);
    if (id == null && method.equals("GET")) return query(query);
    if (id != null && method.equals("PATCH")) return patch(id, body);
    if (id != null && method.equals("GET")) {
      ObjectNode r = records.get(id);
      return r == null ? error(404, "No Record found") : new Answer(200, JSON.createObjectNode().set("result", r));
    }
    return error(405, "Method not supported: " + method + " " + path);
  }

  private Answer create(JsonNode body) {
    if (body == null || body.path("short_description").asText().isBlank()) {
      return error(400, "Mandatory field short_description is missing");
    }
    if (body.path("short_description").asText().length() > 160) return error(400, "short_description too long");
    Answer bad = check(body);
    if (bad != null) return bad;
    String id = HexFormat.of().formatHex(new byte[16]).substring(0, 28) + String.format("%04d", records.size() + 1);
    ObjectNode r = body.deepCopy();
    r.remove("work_notes");
    r.put("sys_id", id).put("number", String.format("INC%07d", 10_001 + records.size()));
    if (!r.has("state")) r.put("state", "1");
    records.put(id, r);
    workNotes.put(id, new ArrayList<>());
    return new Answer(201, JSON.createObjectNode().set("result", r));
  }

  private Answer query(Map<String, String> query) {
    Matcher m = Pattern.compile("correlation_id=([^^]+)(\\^ORDERBY(DESC)?sys_created_on)?").matcher(
        query.getOrDefault("sysparm_query", ""));
    if (!m.matches()) return error(400, "unsupported sysparm_query " + query.get("sysparm_query"));
    ArrayNode result = JSON.createArrayNode();
    List<ObjectNode> all = new ArrayList<>(records.values());
    if (m.group(3) != null) java.util.Collections.reverse(all);
    all.stream().filter(r -> r.path("correlation_id").asText().equals(m.group(1))).forEach(result::add);
    return new Answer(200, JSON.createObjectNode().set("result", result));
  }

  private Answer patch(String id, JsonNode body) {
    ObjectNode r = records.get(id);
    if (r == null) return error(404, "No Record found: Record doesn't exist or ACL restricts the record retrieval");
    if (body == null) return error(400, "empty body");
    Answer bad = check(body);
    if (bad != null) return bad;
    for (String f : readOnly) {
      if (body.has(f)) return error(403, "Data Policy Exception: the following fields are read only: " + f);
    }
    if (r.path("state").asText().equals("7") && body.has("state")) {
      return error(403, "Operation against file 'incident' was aborted by Business Rule 'Closed incidents stay closed'");
    }
    if (body.path("state").asText().equals("6")
        && (body.path("close_code").asText().isBlank() || body.path("close_notes").asText().isBlank())) {
      return error(403, "Data Policy Exception: the following fields are mandatory: Resolution code, Resolution notes");
    }
    body.fields().forEachRemaining(e -> {
      if (e.getKey().equals("work_notes")) {
        workNotes.get(id).add(e.getValue().asText());
      } else {
        r.set(e.getKey(), e.getValue());
      }
    });
    return new Answer(200, JSON.createObjectNode().set("result", r));
  }

  private static Answer check(JsonNode body) {
    if (body.has("state") && !STATES.contains(body.path("state").asText())) return error(400, "invalid state");
    for (String f : List.of("impact", "urgency")) {
      if (body.has(f) && !LEVELS.contains(body.path(f).asText())) return error(400, "invalid " + f);
    }
    return null;
  }
}
