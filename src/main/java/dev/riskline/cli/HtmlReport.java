package dev.riskline.cli;

import dev.riskline.finding.Finding;
import dev.riskline.risk.Matrix;
import dev.riskline.schedule.Sla;
import dev.riskline.schedule.State;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The self-contained HTML report: one file with its own styles and no scripts or outside links, so it can
 * be mailed or attached to a ticket. Shows the heat map, counts by state, SLA compliance of resolved
 * findings, the overdue findings and the work list by due date with every finding's reasons, the
 * schedule's days and the threat intelligence versions. Bounded memory: at most {@code keep} findings per
 * list are held. Every text from findings is escaped. Not thread-safe.
 */
final class HtmlReport {
  private static final Comparator<Row> EARLIEST_FIRST = Comparator
      .comparing((Row r) -> r.due, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(r -> -r.rank)
      .thenComparing(r -> r.id);

  private final Matrix matrix;
  private final Sla sla;
  private final int keep;
  private final long[][] cells;
  private final Map<State, long[]> states = new EnumMap<>(State.class);
  private final PriorityQueue<Row> work = new PriorityQueue<>(EARLIEST_FIRST.reversed());
  private final PriorityQueue<Row> overdue = new PriorityQueue<>(EARLIEST_FIRST.reversed());
  private long open;
  private long unrated;
  private long overdueCount;
  private long resolvedWithDue;
  private long resolvedInTime;
  private long total;

  /** A finding as the report shows it. */
  private record Row(Instant due, int rank, String id, String rating, String likelihood, String impact,
      State state, String account, String product, String subject, String resource, String title,
      List<String[]> reasons) {}

  HtmlReport(Matrix matrix, Sla sla, int keep) {
    this.matrix = matrix;
    this.sla = sla;
    this.keep = keep;
    this.cells = new long[matrix.likelihoods().size()][matrix.impacts().size()];
  }

  /** Adds one result: the finding and its {@code Riskline} object. */
  void add(Finding f, Map<String, Object> riskline) {
    total++;
    State state = State.valueOf(String.valueOf(riskline.get("State")));
    states.computeIfAbsent(state, s -> new long[1])[0]++;
    Map<?, ?> risk = riskline.get("Risk") instanceof Map<?, ?> m ? m : Map.of();
    String rating = String.valueOf(risk.get("Rating"));
    Object dueText = riskline.get("Due");
    Instant due = dueText == null ? null : Instant.parse(String.valueOf(dueText));
    if (state == State.RESOLVED && riskline.get("SlaMet") instanceof Boolean met) {
      resolvedWithDue++;
      if (met) resolvedInTime++;
    }
    if (!(state == State.OPEN || state == State.DUE_SOON || state == State.OVERDUE)) return;
    open++;
    String likelihood = (String) risk.get("Likelihood");
    String impact = (String) risk.get("Impact");
    int l = likelihood == null ? -1 : matrix.likelihoods().indexOf(likelihood);
    int i = impact == null ? -1 : matrix.impacts().indexOf(impact);
    if (l >= 0 && i >= 0) cells[l][i]++;
    if (matrix.rank(rating) < 0) {
      unrated++;
      return;
    }
    List<String[]> reasons = new ArrayList<>();
    if (risk.get("Reasons") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> r) reasons.add(new String[] {String.valueOf(r.get("Factor")), String.valueOf(r.get("Detail"))});
      }
    }
    Row row = new Row(due, matrix.rank(rating), f.id(), rating, likelihood, impact, state, f.awsAccountId(),
        f.productName(), Summary.subject(f), Summary.resource(f), f.title(), reasons);
    offer(work, row);
    if (state == State.OVERDUE) {
      overdueCount++;
      offer(overdue, row);
    }
  }

  private void offer(PriorityQueue<Row> q, Row row) {
    q.add(row);
    if (q.size() > keep) q.poll();
  }

  /** Writes the page. */
  void write(PrintWriter w, Instant now, String source, List<String> intel) {
    w.println("<!DOCTYPE html>");
    w.println("<html lang=\"en\"><head><meta charset=\"utf-8\">");
    w.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    w.println("<title>Riskline report " + esc(day(now)) + "</title>");
    w.println("<style>" + STYLE + "</style></head><body>");
    w.println("<h1>Riskline report</h1>");
    w.println("<p class=\"meta\">As of <time>" + esc(now.toString()) + "</time> &middot; source: " + esc(source)
        + " &middot; " + esc(matrix.name()) + " matrix</p>");
    w.println("<section id=\"summary\"><h2>Summary</h2><ul class=\"cards\">");
    card(w, "Open", open);
    card(w, "Overdue", overdueCount);
    card(w, "Due soon", count(State.DUE_SOON));
    card(w, "Accepted", count(State.ACCEPTED));
    card(w, "Resolved", count(State.RESOLVED));
    card(w, "Suppressed", count(State.SUPPRESSED));
    w.println("<li><span class=\"n\">" + (resolvedWithDue == 0 ? "&ndash;"
        : Math.round(100.0 * resolvedInTime / resolvedWithDue) + "%") + "</span>resolved within SLA ("
        + resolvedInTime + " of " + resolvedWithDue + ")</li>");
    w.println("</ul><p>" + total + " findings in all.</p></section>");
    heatMap(w);
    list(w, "overdue", "Overdue (" + overdueCount + ")", overdue, "Nothing is overdue.");
    list(w, "work", "Work list: open findings by due date (" + Math.min(work.size(), keep) + " of "
        + (open - unrated) + ")", work, "No open findings.");
    w.println("<section id=\"schedule\"><h2>Schedule</h2><table><tr><th>Rating</th><th>Days to fix</th></tr>");
    for (int r = matrix.ratings().size() - 1; r >= 0; r--) {
      String rating = matrix.ratings().get(r);
      Integer d = sla.daysFor(rating);
      w.println("<tr><td><span class=\"r r" + level(rating) + "\">" + esc(rating) + "</span></td><td>"
          + (d == null ? "no due date" : d) + "</td></tr>");
    }
    w.println("</table><p>A CVE in CISA KEV is due at most " + sla.kevDays() + " days after the finding was first "
        + "observed; findings are due soon " + sla.dueSoonDays() + " days before their due date.</p></section>");
    w.println("<section id=\"intel\"><h2>Threat intelligence</h2><ul>");
    if (intel.isEmpty()) w.println("<li>None loaded: ratings use the findings' own exploit and EPSS data.</li>");
    for (String line : intel) w.println("<li>" + esc(line) + "</li>");
    w.println("</ul></section>");
    w.println("<footer>Riskline &middot; risk = likelihood &times; impact</footer></body></html>");
    w.flush();
  }

  private long count(State s) {
    long[] n = states.get(s);
    return n == null ? 0 : n[0];
  }

  private static void card(PrintWriter w, String label, long n) {
    w.println("<li><span class=\"n\">" + n + "</span>" + esc(label) + "</li>");
  }

  private void heatMap(PrintWriter w) {
    String left = unrated == 0 ? "" : " " + unrated + (unrated == 1 ? " open finding has" : " open findings have")
        + " no rating (INFORMATIONAL severity) and " + (unrated == 1 ? "is" : "are") + " not in the map or the lists.";
    w.println("<section id=\"heatmap\"><h2>Risk heat map</h2><p>Open findings by likelihood (rows) and impact "
        + "(columns); each cell is coloured by its rating." + left + "</p><table class=\"heat\">");
    w.print("<tr><th>Likelihood \\ Impact</th>");
    for (String i : matrix.impacts()) w.print("<th>" + esc(i) + "</th>");
    w.println("</tr>");
    for (int l = matrix.likelihoods().size() - 1; l >= 0; l--) {
      String lik = matrix.likelihoods().get(l);
      w.print("<tr><th>" + esc(lik) + "</th>");
      for (int i = 0; i < matrix.impacts().size(); i++) {
        String rating = matrix.rate(lik, matrix.impacts().get(i));
        w.print("<td class=\"r" + level(rating) + "\" title=\"" + esc(rating) + "\"><b>" + cells[l][i]
            + "</b><small>" + esc(rating) + "</small></td>");
      }
      w.println("</tr>");
    }
    w.println("</table></section>");
  }

  private void list(PrintWriter w, String id, String title, PriorityQueue<Row> rows, String empty) {
    w.println("<section id=\"" + id + "\"><h2>" + esc(title) + "</h2>");
    if (rows.isEmpty()) {
      w.println("<p>" + esc(empty) + "</p></section>");
      return;
    }
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(EARLIEST_FIRST);
    w.println("<table class=\"list\"><tr><th>Due</th><th>State</th><th>Risk</th><th>Account</th><th>Product</th>"
        + "<th>Control/CVE</th><th>Resource</th><th>Finding and reasons</th></tr>");
    for (Row r : sorted) {
      w.print("<tr><td>" + (r.due == null ? "&ndash;" : esc(day(r.due))) + "</td><td>" + esc(r.state.name())
          + "</td><td><span class=\"r r" + level(r.rating) + "\">" + esc(r.rating) + "</span></td><td>"
          + esc(r.account) + "</td><td>" + esc(r.product) + "</td><td>" + esc(r.subject) + "</td><td>"
          + esc(r.resource) + "</td><td><details><summary>" + esc(r.title) + "</summary><ul>");
      for (String[] reason : r.reasons) {
        w.print("<li><b>" + esc(reason[0]) + "</b> " + esc(reason[1]) + "</li>");
      }
      w.println("</ul><p class=\"id\">" + esc(r.id) + "</p></details></td></tr>");
    }
    w.println("</table></section>");
  }

  /** The colour class of a rating: its place on the scale spread over five colours. */
  private int level(String rating) {
    int rank = matrix.rank(rating);
    int n = matrix.ratings().size();
    if (rank < 0) return 0;
    return n == 1 ? 4 : Math.round(rank * 4f / (n - 1));
  }

  private static String day(Instant i) {
    return i.toString().substring(0, 10);
  }

  /** HTML text: markup characters escaped, control characters dropped, cut at 300 characters. */
  static String esc(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(Math.min(s.length(), 300) + 16);
    int n = Math.min(s.length(), 300);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (!Character.isISOControl(c)) b.append(c);
        }
      }
    }
    if (s.length() > 300) b.append("&hellip;");
    return b.toString();
  }

  private static final String STYLE = String.join("",
      "body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1200px;",
      "padding:0 1rem;color:#1d2430}h1{margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #dde2ea}",
      ".meta{color:#5a6475}.cards{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0}",
      ".cards li{border:1px solid #dde2ea;border-radius:6px;padding:.6rem 1rem;min-width:8rem}",
      ".cards .n{display:block;font-size:1.6rem;font-weight:600}table{border-collapse:collapse}",
      "th,td{border:1px solid #dde2ea;padding:.35rem .5rem;text-align:left;vertical-align:top}",
      ".heat td{width:7rem;text-align:center}.heat td b{display:block;font-size:1.3rem}",
      ".heat td small{opacity:.8}.r0{background:#e8f4ea}.r1{background:#fff7d6}.r2{background:#ffe3bf}",
      ".r3{background:#ffc9b8}.r4{background:#f4a6a6}.r{padding:.1rem .4rem;border-radius:4px;font-weight:600}",
      ".list{width:100%}.list td:first-child{white-space:nowrap}.list td:nth-child(n+6){overflow-wrap:anywhere}",
      ".list summary{cursor:pointer}.list ul{margin:.3rem 0;padding-left:1.2rem}",
      ".id{color:#5a6475;font-size:12px;word-break:break-all}footer{margin-top:3rem;color:#5a6475}");
}
