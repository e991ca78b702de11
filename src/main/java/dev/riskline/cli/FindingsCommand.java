package dev.riskline.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.riskline.Config;
import dev.riskline.Results;
import dev.riskline.Riskline;
import dev.riskline.TriageResult;
import dev.riskline.finding.Finding;
import dev.riskline.finding.RisklineException;
import dev.riskline.route.Delivery;
import dev.riskline.route.WriteBack;
import dev.riskline.schedule.Previous;
import dev.riskline.schedule.State;
import dev.riskline.store.FindingQuery;
import dev.riskline.store.HistoryEntry;
import dev.riskline.store.Store;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code riskline findings list|show|export}: what the store holds. */
@Command(name = "findings", mixinStandardHelpOptions = true,
    description = {"List, show and export the findings in the store.", ""},
    subcommands = {FindingsCommand.ListFindings.class, FindingsCommand.Show.class, FindingsCommand.Export.class},
    footer = {"", "Examples:",
        "  riskline findings list --severity CRITICAL --severity HIGH --state OPEN",
        "  riskline findings list --control S3.1 --account 111122223333",
        "  riskline findings show arn:aws:inspector2:us-east-1:111122223333:finding/0a1b2c",
        "  riskline findings export --format csv --out findings.csv"})
final class FindingsCommand implements Runnable {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The filters list and export share. */
  static final class Filters {
    @Option(names = "--severity", paramLabel = "LABEL", split = ",",
        description = "CRITICAL, HIGH, MEDIUM, LOW or INFORMATIONAL (repeat or comma-separate).")
    List<String> severities = List.of();

    @Option(names = "--state", paramLabel = "STATE", split = ",",
        description = "OPEN, DUE_SOON, OVERDUE, RESOLVED, SUPPRESSED or ACCEPTED (repeat or comma-separate).")
    List<State> states = List.of();

    @Option(names = "--account", paramLabel = "ID", split = ",", description = "AWS account id.")
    List<String> accounts = List.of();

    @Option(names = "--product", paramLabel = "NAME", split = ",",
        description = "Product name, e.g. Security Hub, Inspector, GuardDuty.")
    List<String> products = List.of();

    @Option(names = "--control", paramLabel = "ID", split = ",", description = "Security control id, e.g. S3.1.")
    List<String> controls = List.of();

    @Option(names = "--order", paramLabel = "ORDER",
        description = "due (earliest due date first, the work list) or severity (most severe, newest first). "
            + "Default: due for list, severity for export.")
    String order;

    @Option(names = "--text", paramLabel = "TEXT",
        description = "Case-insensitive text in the title, the finding id or the resource id.")
    String text;

    FindingQuery query(int limit) {
      for (String s : severities) {
        if (!List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL").contains(s)) {
          throw RisklineException.badInput("--severity: expected one of [CRITICAL, HIGH, MEDIUM, LOW, "
              + "INFORMATIONAL] but was '" + s + "'", "Severity labels are upper case, as in ASFF.");
        }
      }
      FindingQuery q = FindingQuery.all()
          .withSeverities(severities.toArray(String[]::new))
          .withAccounts(accounts.toArray(String[]::new))
          .withProducts(products.toArray(String[]::new))
          .withControlIds(controls.toArray(String[]::new));
      if (text != null) q = q.withText(text);
      String o = order != null ? order : limit > 0 ? "due" : "severity";
      if (!List.of("due", "severity").contains(o)) {
        throw RisklineException.badInput("--order: expected one of [due, severity] but was '" + Text.safe(o, 40) + "'",
            "Order the work list by due date (due) or by severity (severity).");
      }
      if (o.equals("due")) q = q.orderedByDue();
      // states are computed from several fields: filtered after the query, so no SQL limit then
      return states.isEmpty() ? q.withLimit(limit) : q;
    }

    boolean keeps(State state) {
      return states.isEmpty() || states.contains(state);
    }
  }

  /** Streams the matching findings with their state, at most {@code limit} (0 = all). */
  static void each(Store db, Riskline engine, Filters filters, int limit, Consumer<TriageResult> action) {
    long[] n = {0};
    db.forEachScheduled(filters.query(limit), (f, previous) -> {
      TriageResult r = engine.evaluate(f, previous);
      if (!filters.keeps(r.state()) || (limit > 0 && n[0] >= limit)) return;
      n[0]++;
      action.accept(r);
    });
  }

  static void write(Store db, Riskline engine, Filters filters, int limit, Options.Format format, OutputStream o)
      throws java.io.IOException {
    PrintWriter w = new PrintWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8));
    switch (format) {
      case table -> {
        Text t = new Text();
        t.row("DUE", "STATE", "RISK", "SEVERITY", "ACCOUNT", "PRODUCT", "CONTROL/CVE", "RESOURCE", "TITLE");
        long[] n = {0};
        each(db, engine, filters, limit, r -> {
          Finding f = r.finding();
          String due = r.schedule().due() == null ? "-" : r.schedule().due().toString().substring(0, 10);
          t.row(due, r.state(), r.risk().rating(), f.severityLabel(), f.awsAccountId(), f.productName(),
              Summary.subject(f), Summary.resource(f), f.title());
          n[0]++;
        });
        w.print(t.render());
        w.printf("%d findings%s%n", n[0], limit > 0 && n[0] == limit ? " (limit reached: use --limit)" : "");
      }
      case csv -> {
        Csv.header(w);
        each(db, engine, filters, limit, r -> Csv.row(w, r.finding(), r.state().name()));
      }
      case ndjson, json -> {
        w.flush();
        JsonGenerator g = new ObjectMapper().getFactory().createGenerator(o);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        boolean array = format == Options.Format.json;
        if (array) g.writeStartArray();
        each(db, engine, filters, limit, r -> {
          try {
            Results.write(g, r);
            if (!array) g.writeRaw('\n');
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        if (array) g.writeEndArray();
        g.flush();
      }
      default -> throw new IllegalStateException("format " + format);
    }
    w.flush();
  }

  /** Opens the store and writes the matching findings; what list and export share. */
  static int stream(Config config, Options.StoreOption store, Options.NowOption now, Filters filters, int limit,
      Options.Format format, Options.OutOption out) throws java.io.IOException {
    Riskline engine = Riskline.create(now.apply(store.apply(config)));
    try (Store db = engine.openStore(); OutputStream o = out.open()) {
      write(db, engine.withAcceptancesFrom(db), filters, limit, format, o);
    }
    return 0;
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List stored findings, most severe and newest first.")
  static final class ListFindings implements Callable<Integer> {
    @Mixin
    Options.StoreOption store = new Options.StoreOption();
    @Mixin
    Options.NowOption now = new Options.NowOption();
    @Mixin
    Options.ConfigOption configFile = new Options.ConfigOption();
    @Mixin
    Options.IntelOption intel = new Options.IntelOption();
    @Mixin
    Filters filters = new Filters();
    @Option(names = "--limit", defaultValue = "50", description = "At most this many (0 = all). Default: ${DEFAULT-VALUE}.")
    int limit;
    @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table, ndjson, json or csv. Default: ${DEFAULT-VALUE}.")
    Options.Format format;
    @Mixin
    Options.OutOption out = new Options.OutOption();

    @Override
    public Integer call() throws Exception {
      return stream(intel.apply(configFile.load()), store, now, filters, limit, format, out);
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Export stored findings (all by default) as NDJSON, JSON, CSV or a table.")
  static final class Export implements Callable<Integer> {
    @Mixin
    Options.StoreOption store = new Options.StoreOption();
    @Mixin
    Options.NowOption now = new Options.NowOption();
    @Mixin
    Options.ConfigOption configFile = new Options.ConfigOption();
    @Mixin
    Options.IntelOption intel = new Options.IntelOption();
    @Mixin
    Filters filters = new Filters();
    @Option(names = {"-f", "--format"}, defaultValue = "ndjson", description = "ndjson, json, csv or table. Default: ${DEFAULT-VALUE}.")
    Options.Format format;
    @Mixin
    Options.OutOption out = new Options.OutOption();

    @Override
    public Integer call() throws Exception {
      return stream(intel.apply(configFile.load()), store, now, filters, 0, format, out);
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show one finding (by its Id) as JSON, with what Riskline writes back to Security Hub for it"
          + " (Riskline.WriteBack, naming its tickets) and its import history.")
  static final class Show implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Mixin
    Options.StoreOption store = new Options.StoreOption();
    @Mixin
    Options.NowOption now = new Options.NowOption();
    @Mixin
    Options.ConfigOption configFile = new Options.ConfigOption();
    @Mixin
    Options.IntelOption intel = new Options.IntelOption();
    @Parameters(paramLabel = "ID", description = "The finding's Id (as in ASFF).")
    String id;

    @Override
    public Integer call() throws Exception {
      Riskline engine = Riskline.create(intel.apply(now.apply(store.apply(configFile.load()))));
      PrintWriter out = spec.commandLine().getOut();
      try (Store db = engine.openStore()) {
        Finding[] found = {null};
        Previous[] previousOf = {null};
        int[] matches = {0};
        db.forEachScheduled(FindingQuery.all().withText(id), (f, previous) -> {
          if (id.equals(f.id())) {
            if (found[0] == null) {
              found[0] = f;
              previousOf[0] = previous;
            }
            matches[0]++;
          }
        });
        if (found[0] == null) {
          throw RisklineException.badInput("No finding with Id " + Text.safe(id, 200) + " in the store",
              "List findings with: riskline findings list --text TEXT");
        }
        ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        TriageResult r = engine.withAcceptancesFrom(db).evaluate(found[0], previousOf[0]);
        Map<String, Object> shown = new LinkedHashMap<>(r.finding().json());
        Map<String, Object> riskline = r.riskline();
        Map<String, Object> writeBack = writeBack(db, r);
        if (writeBack == null) riskline.remove("WriteBack"); else riskline.put("WriteBack", writeBack);
        shown.put("Riskline", riskline);
        out.println(pretty.writeValueAsString(shown));
        out.println();
        out.println("History:");
        Text t = new Text();
        t.row("SEQ", "RECORDED", "CHANGE", "UPDATED_AT", "SEVERITY", "WORKFLOW", "COMPLIANCE");
        for (HistoryEntry h : db.history(found[0].identity())) {
          Finding f = h.finding();
          t.row(h.seq(), h.recordedAt(), h.change(), h.updatedAt(), f.severityLabel(), f.workflowStatus(),
              f.complianceStatus());
        }
        out.print(t.render());
        if (matches[0] > 1) out.printf("%d findings of other products share this Id; shown: %s%n",
            matches[0] - 1, found[0].productArn());
        out.flush();
      }
      return 0;
    }

    /**
     * What Riskline writes back to Security Hub for the finding, with the links of its tickets: for the change
     * found now when there is one a route takes, else for the last change the outbox holds (its routes, the
     * stored decision); null when neither is there.
     */
    static Map<String, Object> writeBack(Store db, TriageResult r) {
      String key = r.finding().identity().key();
      List<String> links = db.tickets().tickets(key).stream().map(t -> t.url() != null ? t.url() : t.number()).toList();
      if (r.change() != null && !r.routes().isEmpty()) {
        return WriteBack.of(r.finding(), r.risk(), r.schedule(), r.change(), r.routes(), links);
      }
      List<Delivery> sent = db.outbox().deliveries(key, 100);
      if (sent.isEmpty()) return null;
      Delivery last = sent.get(0);
      List<String> routes = new ArrayList<>();
      for (int i = sent.size() - 1; i >= 0; i--) {
        Delivery d = sent.get(i);
        if (d.change() == last.change() && d.createdAt().equals(last.createdAt()) && !routes.contains(d.route())) {
          routes.add(d.route());
        }
      }
      return WriteBack.of(r.finding(), r.risk(), r.schedule(), last.change(), routes, links);
    }
  }
}
