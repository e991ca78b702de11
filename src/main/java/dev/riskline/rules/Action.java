package dev.riskline.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A rule's one action, {@code FINDING_FIELDS_UPDATE}, as the list of field updates it makes, in the order
 * the rule file gives them. Immutable and thread-safe.
 */
record Action(List<Update> updates) {
  static final List<String> FIELDS = List.of("FindingFieldsUpdate", "Type");

  Action {
    updates = List.copyOf(updates);
  }

  void apply(Edit edit, Instant now) {
    for (Update u : updates) u.apply(edit, now);
  }

  /** The action of a rule's {@code Actions} array (exactly one element), or null after recording problems. */
  static Action compile(Object json, String path, Check check) {
    List<Object> actions = check.array(json, path);
    if (actions == null) return null;
    if (actions.size() != 1) {
      check.add(path, "expected exactly 1 action but was " + actions.size());
      return null;
    }
    String at = Check.at(path, 0);
    Map<String, Object> action = check.object(actions.get(0), at);
    if (action == null) return null;
    int before = check.count();
    check.fields(action, at, FIELDS);
    check.oneOf(action, "Type", at, true, List.of("FINDING_FIELDS_UPDATE"));
    Object fields = action.get("FindingFieldsUpdate");
    if (fields == null) {
      check.missing(Check.at(at, "FindingFieldsUpdate"));
      return null;
    }
    List<Update> updates = updates(fields, Check.at(at, "FindingFieldsUpdate"), check);
    return check.count() > before ? null : new Action(updates);
  }

  private static List<Update> updates(Object json, String path, Check check) {
    Map<String, Object> fields = check.object(json, path);
    if (fields == null) return List.of();
    check.fields(fields, path, Updates.NAMES);
    check.atLeastOne(fields, path, Updates.NAMES);
    List<Update> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      Updates.Reader reader = Updates.ALL.get(e.getKey());
      if (reader == null) continue;
      Update u = reader.read(e.getValue(), Check.at(path, e.getKey()), check);
      if (u != null) out.add(u);
    }
    return out;
  }
}
