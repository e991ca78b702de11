package dev.riskline.cli;

import dev.riskline.finding.Asff.SeverityLabel;
import dev.riskline.finding.Finding;
import dev.riskline.schedule.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Counts by state and severity, and the most severe open findings (newest first), in bounded memory:
 * only the top items are kept.
 */
final class Summary {
  private static final Comparator<Item> WORST_FIRST = Comparator
      .comparing((Item i) -> i.severity.ordinal()).reversed()
      .thenComparing(i -> i.updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
      .thenComparing(i -> i.id);

  private final Map<State, long[]> counts = new EnumMap<>(State.class);
  private final PriorityQueue<Item> top = new PriorityQueue<>(WORST_FIRST.reversed());
  private final int keep;
  private long total;

  Summary(int keep) {
    this.keep = keep;
  }

  void add(Finding f, State state) {
    SeverityLabel sev = f.severityLabel() == null ? SeverityLabel.INFORMATIONAL : f.severityLabel();
    counts.computeIfAbsent(state, s -> new long[SeverityLabel.values().length])[sev.ordinal()]++;
    total++;
    if (state == State.OPEN || state == State.DUE_SOON || state == State.OVERDUE) {
      top.add(new Item(sev, f.updatedAt(), f.id(), state, f));
      if (top.size() > keep) top.poll();
    }
  }

  long total() {
    return total;
  }

  String render() {
    SeverityLabel[] sevs = SeverityLabel.values();
    boolean[] right = new boolean[sevs.length + 2];
    java.util.Arrays.fill(right, 1, right.length, true);
    Text t = new Text(right);
    List<Object> head = new ArrayList<>(List.of("STATE"));
    for (int i = sevs.length - 1; i >= 0; i--) head.add(sevs[i].name());
    head.add("TOTAL");
    t.row(head.toArray());
    long[] column = new long[sevs.length];
    for (Map.Entry<State, long[]> e : counts.entrySet()) {
      List<Object> row = new ArrayList<>(List.of(e.getKey().name()));
      long sum = 0;
      for (int i = sevs.length - 1; i >= 0; i--) {
        row.add(e.getValue()[i]);
        sum += e.getValue()[i];
        column[i] += e.getValue()[i];
      }
      row.add(sum);
      t.row(row.toArray());
    }
    List<Object> foot = new ArrayList<>(List.of("TOTAL"));
    for (int i = sevs.length - 1; i >= 0; i--) foot.add(column[i]);
    foot.add(total);
    t.row(foot.toArray());
    StringBuilder b = new StringBuilder(t.render());
    if (!top.isEmpty()) {
      List<Item> items = new ArrayList<>(top);
      items.sort(WORST_FIRST);
      b.append('\n').append("Most severe open findings (of ").append(openCount()).append("):\n");
      Text list = new Text();
      list.row("SEVERITY", "ACCOUNT", "PRODUCT", "CONTROL/CVE", "RESOURCE", "TITLE");
      for (Item i : items) {
        Finding f = i.finding;
        list.row(i.severity, f.awsAccountId(), f.productName(), subject(f), resource(f), f.title());
      }
      b.append(list.render());
    }
    return b.toString();
  }

  private long openCount() {
    long n = 0;
    for (State s : List.of(State.OPEN, State.DUE_SOON, State.OVERDUE)) {
      long[] c = counts.get(s);
      if (c != null) for (long v : c) n += v;
    }
    return n;
  }

  static String subject(Finding f) {
    if (f.controlId() != null) return f.controlId();
    List<Finding.Vulnerability> v = f.vulnerabilities();
    if (!v.isEmpty()) return v.get(0).id();
    String type = f.types().isEmpty() ? "" : f.types().get(0);
    String classifier = type.substring(type.lastIndexOf('/') + 1);
    if (classifier.contains(":")) return classifier; // GuardDuty: UnauthorizedAccess:EC2-SSHBruteForce
    String generator = f.generatorId();
    if (generator != null && generator.length() <= 48) return generator; // Prowler: its check id
    return classifier;
  }

  static String resource(Finding f) {
    List<Finding.Resource> r = f.resources();
    if (r.isEmpty()) return "";
    String id = r.get(0).id() == null ? "" : r.get(0).id();
    int cut = Math.max(id.lastIndexOf(':'), id.lastIndexOf('/'));
    String tail = cut >= 0 && cut < id.length() - 1 ? id.substring(cut + 1) : id;
    return tail.length() > 32 ? tail.substring(0, 31) + "…" : tail;
  }

  private record Item(SeverityLabel severity, Instant updatedAt, String id, State state, Finding finding) {}
}
