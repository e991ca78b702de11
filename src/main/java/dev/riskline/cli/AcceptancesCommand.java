package dev.riskline.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.Config;
import dev.riskline.Riskline;
import dev.riskline.finding.RisklineException;
import dev.riskline.schedule.Acceptance;
import dev.riskline.store.AcceptanceEvent;
import dev.riskline.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code riskline acceptances list|show|revoke}: the risk acceptances in the store. */
@Command(name = "acceptances", mixinStandardHelpOptions = true,
    description = {"List, show and revoke risk acceptances (make them with riskline accept). Acceptances are never "
        + "deleted: an expired or revoked one stays, with who made and revoked it, when and why.", ""},
    subcommands = {AcceptancesCommand.ListAcceptances.class, AcceptancesCommand.Show.class,
        AcceptancesCommand.Revoke.class},
    footer = {"", "Examples:",
        "  riskline acceptances list",
        "  riskline acceptances list --all --format json",
        "  riskline acceptances show acc-3f9c0a1e",
        "  riskline acceptances revoke acc-3f9c0a1e --by alice \\",
        "      --reason \"Config is enabled in every account now\""})
final class AcceptancesCommand implements Runnable {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Output formats of {@code acceptances list}. */
  enum Format { table, json }

  /** Opens the store of the options; the instant of {@code --now} or the clock. */
  private static Store open(Options.StoreOption store, Options.NowOption now, Instant[] at) {
    Config config = now.apply(store.apply(Config.defaults()));
    at[0] = config.clock().instant();
    return Riskline.create(config).openStore();
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the acceptances active now (--all: every one), soonest expiry first.",
      footer = {"", "Examples:",
          "  riskline acceptances list",
          "  riskline acceptances list --all --format json > acceptances.json",
          "  riskline acceptances list --now 2027-01-01T00:00:00Z    # what will still be active then"})
  static final class ListAcceptances implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Option(names = "--all", description = "Also the expired, revoked and not yet active ones.")
    boolean all;
    @Option(names = {"-f", "--format"}, defaultValue = "table",
        description = "table or json. Default: ${DEFAULT-VALUE}.")
    Format format;
    @Mixin
    Options.StoreOption store = new Options.StoreOption();
    @Mixin
    Options.NowOption now = new Options.NowOption();

    @Override
    public Integer call() throws IOException {
      Instant[] at = new Instant[1];
      List<Acceptance> found;
      try (Store db = open(store, now, at)) {
        found = db.acceptances().list(all, at[0]);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (format == Format.json) {
        json(out, found, at[0]);
      } else {
        Text t = new Text();
        t.row("ID", "SCOPE", "VALUE", "OWNER", "EXPIRES", "STATUS", "REASON");
        for (Acceptance a : found) {
          t.row(a.id(), a.scope(), a.value(), a.owner(), a.expiresAt(), a.statusAt(at[0]), a.reason());
        }
        out.print(t.render());
        out.println(all ? RulesCommand.count(found.size(), "acceptance")
            : RulesCommand.count(found.size(), "active acceptance") + " (--all adds expired and revoked ones)");
      }
      out.flush();
      return 0;
    }

    private static void json(PrintWriter out, List<Acceptance> found, Instant at) throws IOException {
      JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out).useDefaultPrettyPrinter();
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartArray();
      for (Acceptance a : found) {
        g.writeStartObject();
        g.writeStringField("Id", a.id());
        g.writeStringField("Scope", a.scope().name());
        g.writeStringField("Value", a.value());
        g.writeStringField("Owner", a.owner());
        g.writeStringField("Reason", a.reason());
        g.writeStringField("CreatedAt", a.createdAt().toString());
        g.writeStringField("ExpiresAt", a.expiresAt().toString());
        g.writeStringField("RevokedAt", a.revokedAt() == null ? null : a.revokedAt().toString());
        g.writeStringField("RevokedBy", a.revokedBy());
        g.writeStringField("RevokeReason", a.revokeReason());
        g.writeStringField("Status", a.statusAt(at).name());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.flush();
      out.println();
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show one acceptance and its history: who made and revoked it, when and why.",
      footer = {"", "Examples:", "  riskline acceptances show acc-3f9c0a1e"})
  static final class Show implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Parameters(paramLabel = "ID", description = "The acceptance's id, e.g. acc-3f9c0a1e.")
    String id;
    @Mixin
    Options.StoreOption store = new Options.StoreOption();
    @Mixin
    Options.NowOption now = new Options.NowOption();

    @Override
    public Integer call() {
      Instant[] at = new Instant[1];
      Acceptance a;
      List<AcceptanceEvent> history;
      try (Store db = open(store, now, at)) {
        a = db.acceptances().find(id).orElseThrow(() -> unknown(id));
        history = db.acceptances().history(id);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s: %s %s%n", a.id(), a.scope(), Text.safe(a.value(), 2000));
      out.printf("  status:  %s%n", a.statusAt(at[0]));
      out.printf("  owner:   %s%n", Text.safe(a.owner(), 300));
      out.printf("  reason:  %s%n", Text.safe(a.reason(), 1100));
      out.printf("  created: %s%n", a.createdAt());
      out.printf("  expires: %s%n", a.expiresAt());
      if (a.revokedAt() != null) {
        out.printf("  revoked: %s by %s: %s%n", a.revokedAt(), Text.safe(a.revokedBy(), 300),
            Text.safe(a.revokeReason(), 1100));
      }
      out.println();
      out.println("History:");
      Text t = new Text();
      t.row("SEQ", "AT", "EVENT", "ACTOR", "DETAIL");
      for (AcceptanceEvent e : history) t.row(e.seq(), e.at(), e.event(), e.actor(), e.detail());
      out.print(t.render());
      out.flush();
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke an active acceptance: the findings it covered are open again (unless another "
          + "acceptance covers them). Who revoked it, when and why are kept.",
      footer = {"", "Examples:",
          "  riskline acceptances revoke acc-3f9c0a1e --by alice \\",
          "      --reason \"Config is enabled in every account now\"",
          "", "Exit codes: 0 revoked, 2 bad input (unknown id, already revoked or expired), 1 failure."})
  static final class Revoke implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Parameters(paramLabel = "ID", description = "The acceptance's id, e.g. acc-3f9c0a1e.")
    String id;
    @Option(names = "--by", paramLabel = "NAME", required = true, description = "Who revokes it.")
    String by;
    @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why it is revoked.")
    String reason;
    @Mixin
    Options.StoreOption store = new Options.StoreOption();
    @Mixin
    Options.NowOption now = new Options.NowOption();

    @Override
    public Integer call() {
      Instant[] at = new Instant[1];
      Acceptance a;
      try (Store db = open(store, now, at)) {
        a = db.acceptances().revoke(id, by, reason, at[0]);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("revoked %s: %s %s, owner %s, was to expire %s%n", a.id(), a.scope(), Text.safe(a.value(), 200),
          Text.safe(a.owner(), 200), a.expiresAt());
      out.flush();
      return 0;
    }
  }

  private static RisklineException unknown(String id) {
    return RisklineException.badInput("No acceptance " + Text.safe(id, 100) + " in the store",
        "See the acceptances with: riskline acceptances list --all");
  }
}
