package dev.riskline.cli;

import dev.riskline.Config;
import dev.riskline.Riskline;
import dev.riskline.finding.RisklineException;
import dev.riskline.finding.Timestamps;
import dev.riskline.risk.FindingPattern;
import dev.riskline.schedule.Acceptance;
import dev.riskline.schedule.Acceptance.Scope;
import dev.riskline.schedule.AcceptancePolicy;
import dev.riskline.schedule.AcceptanceRequest;
import dev.riskline.schedule.Acceptances;
import dev.riskline.schedule.State;
import dev.riskline.store.FindingQuery;
import dev.riskline.store.Store;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code riskline accept}: accept the risk of findings until a time, and say how many stored findings that covers. */
@Command(name = "accept", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Accept the risk of findings for a while: they count as ACCEPTED instead of open until the "
        + "acceptance expires (or is revoked), then they are open again; a covered finding that gets fixed is "
        + "RESOLVED all the same. Give exactly one scope, an owner and a reason. Every acceptance expires: "
        + AcceptCommand.DEFAULT_DAYS + " days from now unless --expires or --for says otherwise, and at most "
        + AcceptCommand.MAXIMUM_DAYS + " days from now. Prints the acceptance and how many stored findings it "
        + "covers now.", ""},
    footer = {"", "Examples:",
        "  riskline accept --control Config.1 --owner platform-team \\",
        "      --reason \"Recorded by the org-wide aggregator\"",
        "  riskline accept --cve CVE-2024-3094 --owner payments-team --for 30 \\",
        "      --reason \"Dev image without network\"",
        "  riskline accept --owner cloud-team --expires 2027-01-15 \\",
        "      --pattern '{\"Resources\": {\"Tags\": {\"Environment\": [\"dev\"]}}}' \\",
        "      --reason \"Dev accounts are rebuilt weekly\"",
        "  riskline accept --owner alice --reason \"False positive: not loaded\" \\",
        "      --finding arn:aws:inspector2:us-east-1:111122223333:finding/0a1b2c",
        "",
        "Ids are exact and case-sensitive: --control Config.1 never covers Config.10.",
        "Patterns are EventBridge event patterns over the finding's own ASFF fields, every value a list.",
        "See them with: riskline acceptances list",
        "Exit codes: 0 accepted, 2 bad input (nothing stored), 1 failure."})
final class AcceptCommand implements Callable<Integer> {
  static final int DEFAULT_DAYS = AcceptancePolicy.DEFAULT_DAYS;
  static final int MAXIMUM_DAYS = AcceptancePolicy.MAXIMUM_DAYS;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1", heading = "What it covers (exactly one):%n")
  Target target;

  @ArgGroup(exclusive = false, multiplicity = "1", heading = "Who and why:%n")
  Decision decision;

  @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Until when (default: " + DEFAULT_DAYS + " days):%n")
  Expiry expiry;

  @Mixin
  Options.StoreOption store = new Options.StoreOption();
  @Mixin
  Options.NowOption now = new Options.NowOption();

  /** The scope: exactly one of these. */
  static final class Target {
    @Option(names = "--finding", paramLabel = "ID", required = true,
        description = "One finding: its Id as in ASFF (or its identity key).")
    String finding;
    @Option(names = "--control", paramLabel = "ID", required = true,
        description = "Every finding of a security control, e.g. Config.1 (exact).")
    String control;
    @Option(names = "--cve", paramLabel = "ID", required = true,
        description = "Every finding with this vulnerability, e.g. CVE-2024-3094 (exact).")
    String cve;
    @Option(names = "--pattern", paramLabel = "JSON", required = true,
        description = "Every finding an EventBridge event pattern over its ASFF fields matches, e.g. "
            + "{\"Resources\": {\"Tags\": {\"env\": [\"sandbox\"]}}}.")
    String pattern;

    Scope scope() {
      if (finding != null) return Scope.FINDING;
      if (control != null) return Scope.CONTROL;
      return cve != null ? Scope.CVE : Scope.PATTERN;
    }

    String value() {
      return switch (scope()) {
        case FINDING -> finding;
        case CONTROL -> control;
        case CVE -> cve;
        case PATTERN -> FindingPattern.parse(pattern, "--pattern").json();
      };
    }
  }

  /** Owner and reason, both required. */
  static final class Decision {
    @Option(names = "--owner", paramLabel = "NAME", required = true,
        description = "Who accepts the risk: a person or team.")
    String owner;
    @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why the risk is accepted.")
    String reason;
  }

  /** At most one of these. */
  static final class Expiry {
    @Option(names = "--expires", paramLabel = "DATE|INSTANT", required = true,
        description = "When it ends: a date (its start, UTC) such as 2027-01-15 or an instant such as "
            + "2027-01-15T12:00:00Z. At most " + MAXIMUM_DAYS + " days from now.")
    String expires;
    @Option(names = "--for", paramLabel = "DAYS", required = true,
        description = "How many days it lasts, 1 to " + MAXIMUM_DAYS + ".")
    Integer days;
  }

  @picocli.CommandLine.Mixin
  Options.ConfigOption configFile = new Options.ConfigOption();

  @Override
  public Integer call() {
    Config config = now.apply(store.apply(configFile.load()));
    Instant at = config.clock().instant();
    AcceptancePolicy policy = config.sla().acceptance();
    Instant expiresAt = expiresAt(policy, at);
    AcceptanceRequest request = new AcceptanceRequest(target.scope(), target.value(), decision.owner,
        decision.reason, expiresAt);
    Riskline engine = Riskline.create(config);
    PrintWriter out = spec.commandLine().getOut();
    try (Store db = engine.openStore()) {
      Acceptance a = db.acceptances().accept(request, policy, at);
      out.printf("accepted %s: %s %s, owner %s, expires %s%n", a.id(), a.scope(), Text.safe(a.value(), 200),
          Text.safe(a.owner(), 200), a.expiresAt());
      long[] covered = covered(db, a);
      if (covered[0] == 0) {
        out.println("covers 0 stored findings now (ids are exact and case-sensitive; see what is stored with: "
            + "riskline findings list)");
      } else {
        out.printf("covers %s now (%,d open)%n", RulesCommand.count(covered[0], "stored finding"), covered[1]);
      }
    }
    out.flush();
    return 0;
  }

  /** The expiry asked for, checked against the policy; null for the policy's default. */
  private Instant expiresAt(AcceptancePolicy policy, Instant at) {
    if (expiry == null) return null;
    if (expiry.days != null) {
      if (expiry.days < 1 || expiry.days > policy.maximumDays()) {
        throw RisklineException.badInput("--for: expected 1 to " + policy.maximumDays() + " days (the maximum) but was "
            + expiry.days, "Every acceptance expires within " + policy.maximumDays() + " days; accept again then.");
      }
      return at.plus(Duration.ofDays(expiry.days));
    }
    return policy.expiry(instant(expiry.expires), at, "--expires");
  }

  /** A date (its start, UTC) or an instant. */
  static Instant instant(String text) {
    try {
      return LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      return Timestamps.parse(text).orElseThrow(() -> RisklineException.badInput("--expires: expected a date such as "
          + "2027-01-15 or an instant such as 2027-01-15T12:00:00Z but was '" + Text.safe(text, 100) + "'",
          "Give a date (it means the start of that day, UTC) or a date and time with its offset."));
    }
  }

  /** How many stored findings the acceptance covers now, and how many of those are open. */
  private static long[] covered(Store db, Acceptance a) {
    Acceptances one = Acceptances.of(List.of(a));
    FindingQuery query = switch (a.scope()) {
      case CONTROL -> FindingQuery.all().withControlIds(a.value());
      case FINDING -> a.value().length() == 64 ? FindingQuery.all() : FindingQuery.all().withText(a.value());
      default -> FindingQuery.all();
    };
    long[] counts = new long[2];
    db.forEach(query, f -> {
      if (one.covering(f, a.createdAt()).isEmpty()) return;
      counts[0]++;
      if (State.of(f) == State.OPEN) counts[1]++;
    });
    return counts;
  }
}
