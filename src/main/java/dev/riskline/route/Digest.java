package dev.riskline.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The {@code digest} of a route: its matches are not sent one by one but grouped by the values at the JSON
 * Pointers {@code by} in the triage event (an ECR image, an account), and each group is one message when
 * its window of {@code minutes} ends (the first match opens the window). The message shows the {@code
 * findings} highest-rated members and counts them all. Immutable and thread-safe.
 *
 * @param minutes how long a window stays open after its first match, 1 to 1440
 * @param by JSON Pointers into the triage event whose values make the group; none: one group per route and target
 * @param findings how many member events the message carries, 0 to 100 (default 10)
 */
public record Digest(int minutes, List<String> by, int findings) {
  static final int DEFAULT_FINDINGS = 10;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PLACES = List.of("/detail/finding/", "/detail/riskline/");

  public Digest {
    by = List.copyOf(by);
    if (minutes < 1 || minutes > 1440) throw new IllegalArgumentException("Expected 1 to 1440 minutes but was " + minutes);
    if (findings < 0 || findings > 100) throw new IllegalArgumentException("Expected 0 to 100 findings but was " + findings);
    for (String p : by) {
      if (!pointer(Objects.requireNonNull(p, "by"))) throw new IllegalArgumentException("Expected a JSON Pointer into the event but was " + p);
    }
  }

  /** The {@code digest} of a route ({@code r}), or null when it has none or has problems (added to the list). */
  static Digest read(Settings r) {
    if (!r.has("digest")) return null;
    int before = r.problems().size();
    Settings s = r.section("digest");
    if (r.problems().size() > before) return null; // not an object
    s.allow("minutes", "by", "findings");
    if (!s.has("minutes")) {
      s.problem(s.at("minutes"), "missing; expected a whole number from 1 to 1440, how long a digest collects matches");
    }
    int minutes = s.integer("minutes", 15, 1, 1440);
    int findings = s.integer("findings", DEFAULT_FINDINGS, 0, 100);
    List<String> by = new ArrayList<>();
    List<Object> raw = s.list("by");
    for (int i = 0; raw != null && i < raw.size(); i++) {
      String where = s.at("by") + "[" + i + "]";
      Object v = raw.get(i);
      if (!(v instanceof String p) || !pointer(p)) {
        s.problem(where, "expected a JSON Pointer into the triage event starting with /detail/finding/ or "
            + "/detail/riskline/ (e.g. /detail/finding/Resources/0/Id), or /detail-type, but was " + Problem.describe(v));
      } else if (by.contains(p)) {
        s.problem(where, "duplicate pointer " + Problem.describe(p) + "; name each place once");
      } else {
        by.add(p);
      }
    }
    if (r.problems().size() > before) return null;
    return new Digest(minutes, by, findings);
  }

  /** A place for {@code by}: a JSON Pointer (RFC 6901: {@code ~} only as {@code ~0} or {@code ~1}) into the event. */
  private static boolean pointer(String p) {
    boolean place = p.equals("/detail-type") || PLACES.stream().anyMatch(x -> p.startsWith(x) && p.length() > x.length());
    return place && p.matches("(/([^~/]|~[01])*)+");
  }

  /** The window as a duration. */
  public Duration window() {
    return Duration.ofMinutes(minutes);
  }

  /**
   * The group of a triage event for a route and target: the values at {@code by} (JSON null where the event
   * has none), and a key made of the route, the target and a hash of those values.
   *
   * @param tree the triage event, read as a tree once for all the routes and targets of one change
   * @param rank the event's rating on the matrix's scale, which orders the members of a digest
   */
  public Delivery.Group group(String route, String target, JsonNode tree, int rank) {
    ObjectNode values = JSON.createObjectNode();
    for (String p : by) {
      JsonNode v = tree.at(p);
      values.set(p, v.isMissingNode() ? NullNode.getInstance() : v);
    }
    String text = values.toString();
    return new Delivery.Group(route + "/" + target + "/" + hash(text), text, window(), null, rank);
  }

  private static String hash(String text) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java", e);
    }
  }
}
