package dev.riskline.cli;

import dev.riskline.finding.Finding;
import dev.riskline.risk.Matrix;
import dev.riskline.schedule.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * What people read first after a triage: the risk heat map (open findings in each cell of the matrix),
 * counts by rating and state, and the work list — open findings by due date, earliest first. Bounded
 * memory: only the first {@code keep} items of the work list are held. Not thread-safe.
 */
final class Summary {
  private static final Comparator<Item> EARLIEST_FIRST = Comparator
      .comparing((Item i) -> i.due, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing((Item i) -> -i.rank)
      .thenComparing(i -> i.id);

  private final Matrix matrix;
  private final long[][] cells;
  private final Map<String, long[]> ratings = new LinkedHashMap<>();
  private final Map<State, long[]> states = new EnumMap<>(State.class);
  private final PriorityQueue<Item> top = new PriorityQueue<>(EARLIEST_FIRST.reversed());
  private final int keep;
  private long total;
  private long open;

  Summary(Matrix matrix, int keep) {
    this.matrix = matrix;
    this.keep = keep;
    this.cells = new long[matrix.likelihoods().size()][matrix.impacts().size()];
    for (int i = matrix.ratings().size() - 1; i >= 0; i--) ratings.put(matrix.ratings().get(i), new long[1]);
    ratings.put("NONE", new long[1]);
  }

  /** Adds one result as the triage output carries it: the finding and its {@code Riskline} object. */
  void add(Finding f, Map<String, Object> riskline) {
    State state = State.valueOf(String.valueOf(riskline.get("State")));
    Map<?, ?> risk = riskline.get("Risk") instanceof Map<?, ?> m ? m : Map.of();
    String rating = risk.get("Rating") == null ? "NONE" : String.valueOf(risk.get("Rating"));
    Object due = riskline.get("Due");
    add(f, state, rating, (String) risk.get("Likelihood"), (String) risk.get("Impact"),
        due == null ? null : Instant.parse(String.valueOf(due)));
  }

  void add(Finding f, State state, String rating, String likelihood, String impact, Instant due) {
    total++;
    states.computeIfAbsent(state, s -> new long[1])[0]++;
    if (!(state == State.OPEN || state == State.DUE_SOON || state == State.OVERDUE)) return;
    open++;
    ratings.computeIfAbsent(rating, r -> new long[1])[0]++;
    int l = likelihood == null ? -1 : matrix.likelihoods().indexOf(likelihood);
    int i = impact == null ? -1 : matrix.impacts().indexOf(impact);
    if (l >= 0 && i >= 0) cells[l][i]++;
    if ("NONE".equals(rating)) return;
    top.add(new Item(due, matrix.rank(rating), f.id(), rating, state, f));
    if (top.size() > keep) top.poll();
  }

  long total() {
    return total;
  }

  String render() {
    StringBuilder b = new StringBuilder();
    long unrated = ratings.get("NONE")[0];
    b.append("Risk heat map: ").append(open - unrated).append(" open findings by likelihood and impact (")
        .append(matrix.name()).append(" matrix; each cell shows its rating and count)\n");
    boolean[] right = new boolean[matrix.impacts().size() + 1];
    java.util.Arrays.fill(right, 1, right.length, true);
    Text t = new Text(right);
    List<Object> head = new ArrayList<>(List.of("LIKELIHOOD \\ IMPACT"));
    head.addAll(matrix.impacts());
    t.row(head.toArray());
    for (int l = matrix.likelihoods().size() - 1; l >= 0; l--) {
      String lik = matrix.likelihoods().get(l);
      List<Object> row = new ArrayList<>(List.of(lik));
      for (int i = 0; i < matrix.impacts().size(); i++) {
        row.add(matrix.rate(lik, matrix.impacts().get(i)) + " " + cells[l][i]);
      }
      t.row(row.toArray());
    }
    b.append(t.render()).append('\n');
    List<String> parts = new ArrayList<>();
    ratings.forEach((r, n) -> parts.add(r + " " + n[0]));
    b.append("Open by rating: ").append(String.join(", ", parts)).append('\n');
    parts.clear();
    states.forEach((s, n) -> parts.add(s + " " + n[0]));
    b.append("By state (all ").append(total).append("): ").append(String.join(", ", parts)).append('\n');
    if (!top.isEmpty()) {
      List<Item> items = new ArrayList<>(top);
      items.sort(EARLIEST_FIRST);
      b.append('\n').append("Work list: open findings by due date (").append(items.size()).append(" of ")
          .append(open - unrated).append("):\n");
      Text list = new Text();
      list.row("DUE", "STATE", "RISK", "ACCOUNT", "PRODUCT", "CONTROL/CVE", "RESOURCE", "TITLE");
      for (Item i : items) {
        Finding f = i.finding;
        list.row(i.due == null ? "-" : i.due.toString().substring(0, 10), i.state, i.rating, f.awsAccountId(),
            f.productName(), subject(f), resource(f), f.title());
      }
      b.append(list.render());
    }
    return b.toString();
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

  private record Item(Instant due, int rank, String id, String rating, State state, Finding finding) {}
}
