package dev.riskline.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.Config;
import dev.riskline.Riskline;
import dev.riskline.finding.RisklineException;
import dev.riskline.route.Delivery;
import dev.riskline.route.Dispatcher;
import dev.riskline.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code riskline deliveries dispatch|list|retry|purge}: the outbox of messages to targets. */
@Command(name = "deliveries", mixinStandardHelpOptions = true,
    description = {"Send, list, retry and purge deliveries: the messages routes put in the store's outbox for "
        + "targets, sent with retries until they are SENT or, after the last attempt, DEAD.", ""},
    subcommands = {DeliveriesCommand.Dispatch.class, DeliveriesCommand.ListDeliveries.class,
        DeliveriesCommand.Retry.class, DeliveriesCommand.Purge.class},
    footer = {"", "Examples:",
        "  riskline deliveries dispatch --config riskline.yaml",
        "  riskline deliveries list --status DEAD",
        "  riskline deliveries retry --dead",
        "  riskline deliveries purge --older-than 30"})
final class DeliveriesCommand implements Runnable {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  enum Format { table, json }

  @Command(name = "dispatch", mixinStandardHelpOptions = true,
      description = "Send the deliveries that are due to their targets (the targets section of the "
          + "configuration), and return when nothing more is due now. Run it after each ingest, or every minute.",
      footer = {"", "Examples:",
          "  riskline deliveries dispatch --config riskline.yaml",
          "  HOOK_SECRET=... riskline deliveries dispatch --store jdbc:postgresql://db/riskline?user=riskline",
          "", "Exit codes: 0 done (failed attempts are retried later), 2 bad input, 1 failure."})
  static final class Dispatch implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Mixin
    Options.ConfigOption config = new Options.ConfigOption();
    @Mixin
    Options.StoreOption store = new Options.StoreOption();
    @Mixin
    Options.NowOption now = new Options.NowOption();

    @Override
    public Integer call() {
      Config c = now.apply(store.apply(config.load()));
      Dispatcher.Counts counts;
      Riskline engine = Riskline.create(c);
      try (Store db = engine.openStore()) {
        counts = engine.dispatcher(db).dispatch();
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("sent %d, to retry %d, dead %d%s%n", counts.sent(), counts.retried(), counts.dead(),
          counts.postponed() == 0 ? "" : ", held back by rate limits " + counts.postponed());
      out.flush();
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List deliveries, newest first.",
      footer = {"", "Examples:",
          "  riskline deliveries list",
          "  riskline deliveries list --status DEAD --format json"})
  static final class ListDeliveries implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Option(names = "--status", split = ",", paramLabel = "STATUS",
        description = "Only these: PENDING, SENT, DEAD (comma-separated). Default: all.")
    List<Delivery.Status> statuses = new ArrayList<>();
    @Option(names = "--limit", defaultValue = "100", description = "At most this many. Default: ${DEFAULT-VALUE}.")
    int limit;
    @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table or json. Default: ${DEFAULT-VALUE}.")
    Format format;
    @Mixin
    Options.StoreOption store = new Options.StoreOption();

    @Override
    public Integer call() throws IOException {
      if (limit < 1) throw RisklineException.badInput("--limit: expected at least 1 but was " + limit, null);
      List<Delivery> found;
      try (Store db = open(store)) {
        found = db.outbox().deliveries(statuses, limit);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (format == Format.json) {
        json(out, found);
      } else {
        Text t = new Text();
        t.row("ID", "STATUS", "ATTEMPTS", "ROUTE", "TARGET", "CHANGE", "DIGEST", "NEXT ATTEMPT", "SENT", "LAST ERROR");
        for (Delivery d : found) {
          t.row(d.id(), d.status(), d.attempts(), d.route(), d.target(), d.change(), digest(d.group()),
              d.status() == Delivery.Status.PENDING ? d.nextAttemptAt() : "", d.sentAt() == null ? "" : d.sentAt(),
              d.lastError() == null ? "" : Text.safe(d.lastError(), 120));
        }
        out.print(t.render());
        out.println(found.size() + (found.size() == 1 ? " delivery" : " deliveries"));
      }
      out.flush();
      return 0;
    }

    /**
     * A digest member's group as the table shows it: the first 8 characters of its hash and when its window
     * ends ({@code 3f9a01bc until 2026-02-01T08:15:00Z}); {@code -} for a message of its own.
     */
    static String digest(Delivery.Group g) {
      if (g == null) return "-";
      String hash = g.key().substring(g.key().lastIndexOf('/') + 1);
      String shortKey = hash.length() > 8 ? hash.substring(0, 8) : hash;
      return g.end() == null ? shortKey : shortKey + " until " + g.end();
    }

    private static void json(PrintWriter out, List<Delivery> found) throws IOException {
      JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out).useDefaultPrettyPrinter();
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartArray();
      for (Delivery d : found) {
        g.writeStartObject();
        g.writeNumberField("Id", d.id());
        g.writeStringField("IdempotencyKey", d.key());
        g.writeStringField("Status", d.status().name());
        g.writeNumberField("Attempts", d.attempts());
        g.writeStringField("Route", d.route());
        g.writeStringField("Target", d.target());
        g.writeStringField("Change", d.change().name());
        g.writeStringField("FindingKey", d.findingKey());
        g.writeStringField("NextAttemptAt", String.valueOf(d.nextAttemptAt()));
        g.writeStringField("CreatedAt", String.valueOf(d.createdAt()));
        g.writeStringField("SentAt", d.sentAt() == null ? null : d.sentAt().toString());
        g.writeStringField("LastError", d.lastError());
        if (d.group() != null) {
          g.writeObjectFieldStart("Digest");
          g.writeStringField("Key", d.group().key());
          g.writeFieldName("Values");
          g.writeRawValue(d.group().values());
          g.writeStringField("WindowStart", d.group().start() == null ? null : d.group().start().toString());
          g.writeStringField("WindowEnd", d.group().end() == null ? null : d.group().end().toString());
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.flush();
      out.println();
    }
  }

  /** {@code ID...} or {@code --dead}: one of the two. */
  static final class Which {
    @Parameters(paramLabel = "ID", description = "The ids of DEAD deliveries to retry.")
    List<Long> ids;
    @Option(names = "--dead", required = true, description = "Every DEAD delivery.")
    boolean dead;
  }

  @Command(name = "retry", mixinStandardHelpOptions = true,
      description = "Make DEAD deliveries PENDING again, due now; each keeps its attempts and gets one more try "
          + "(then it is DEAD again if that fails). The next dispatch sends them.",
      footer = {"", "Examples:",
          "  riskline deliveries retry 42 43",
          "  riskline deliveries retry --dead && riskline deliveries dispatch"})
  static final class Retry implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;
    @Mixin
    Options.StoreOption store = new Options.StoreOption();
    @Mixin
    Options.NowOption now = new Options.NowOption();

    @Override
    public Integer call() {
      Config c = now.apply(store.apply(Config.defaults()));
      int n;
      try (Store db = Riskline.create(c).openStore()) {
        if (!which.dead) {
          java.util.Set<Long> dead = db.outbox().dead(which.ids);
          List<Long> unknown = which.ids.stream().filter(id -> !dead.contains(id)).toList();
          if (!unknown.isEmpty()) {
            throw RisklineException.badInput("no DEAD delivery with the id " + unknown + "; nothing was retried",
                "List the dead ones with: riskline deliveries list --status DEAD");
          }
        }
        n = db.outbox().retry(which.dead ? null : which.ids, c.clock().instant());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(n + " DEAD " + (n == 1 ? "delivery" : "deliveries") + " made PENDING again");
      out.flush();
      return 0;
    }
  }

  @Command(name = "purge", mixinStandardHelpOptions = true,
      description = "Delete SENT and DEAD deliveries (--status to choose) sent, or enqueued, more than DAYS ago.",
      footer = {"", "Examples:",
          "  riskline deliveries purge --older-than 30",
          "  riskline deliveries purge --older-than 7 --status SENT"})
  static final class Purge implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Option(names = "--older-than", paramLabel = "DAYS", required = true, description = "Age in days.")
    int days;
    @Option(names = "--status", split = ",", paramLabel = "STATUS",
        description = "SENT, DEAD or both (comma-separated). Default: SENT,DEAD.")
    List<Delivery.Status> statuses = new ArrayList<>(List.of(Delivery.Status.SENT, Delivery.Status.DEAD));
    @Mixin
    Options.StoreOption store = new Options.StoreOption();
    @Mixin
    Options.NowOption now = new Options.NowOption();

    @Override
    public Integer call() {
      if (days < 0) throw RisklineException.badInput("--older-than: expected 0 or more days but was " + days, null);
      if (statuses.contains(Delivery.Status.PENDING)) {
        throw RisklineException.badInput("--status: expected SENT or DEAD but was PENDING",
            "Pending deliveries are never purged: they have not been sent yet.");
      }
      Config c = now.apply(store.apply(Config.defaults()));
      int n;
      try (Store db = Riskline.create(c).openStore()) {
        n = db.outbox().purge(c.clock().instant().minus(Duration.ofDays(days)), statuses);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("purged " + n + " " + (n == 1 ? "delivery" : "deliveries"));
      out.flush();
      return 0;
    }
  }

  private static Store open(Options.StoreOption store) {
    return Riskline.create(store.apply(Config.defaults())).openStore();
  }

}
