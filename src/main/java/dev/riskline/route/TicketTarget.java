package dev.riskline.route;

import dev.riskline.risk.Settings;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A ticket system (Jira, ServiceNow) that keeps exactly one ticket per finding, through the finding's whole
 * life: the first change routed to it creates the ticket; ESCALATED, DOWNGRADED, DUE_SOON, OVERDUE, ACCEPTED
 * and ACCEPTANCE_EXPIRED comment on it; RESOLVED resolves it (with a comment saying why); REOPENED reopens it.
 * A RESOLVED or ACCEPTED change of a finding without a ticket opens none.
 *
 * <p>The link (target, finding) → ticket is kept in the store's {@link Tickets}. Before creating, the far side
 * is searched for the finding's marker (a Jira label, a ServiceNow {@code correlation_id}, both made of the
 * finding's identity key): if Riskline stopped after creating a ticket but before saving the link, the
 * delivery sent again links the ticket it finds instead of creating a second one. Each step is a request
 * that may fail; a failed step ends the attempt with its outcome, and the delivery is tried again whole
 * (a comment may then be posted twice, a ticket is never created twice). Thread-safe.
 */
abstract class TicketTarget implements Target {
  /** The marker of every finding's ticket: {@code riskline-<identity key>}. */
  static final String MARKER = "riskline-";

  private final String name;
  final Texts texts;
  final Clock clock;

  /** What a ticket says, from templates: its summary, its description, and each comment. */
  record Texts(Templates summary, Templates description, Templates comment, String playbookUrl) {
    Texts {
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(comment, "comment");
    }

    /**
     * The templates of a ticket target: {@code summaryTemplate}, {@code template} (the description) and
     * {@code commentTemplate}, each a file replacing the bundled one; {@code playbookUrl}, a base URL the
     * playbook's id is appended to. Null after adding problems.
     */
    static Texts read(Settings s, java.util.function.UnaryOperator<String> escape) {
      Templates summary = Templates.readWithoutDigest(s, "summaryTemplate", "ticket-summary", Templates::plain);
      Templates description = Templates.readWithoutDigest(s, "template", "ticket", escape);
      Templates comment = Templates.readWithoutDigest(s, "commentTemplate", "ticket-comment", escape);
      String playbookUrl = s.string("playbookUrl", null);
      if (playbookUrl != null && !playbookUrl.matches("https?://\\S+")) {
        s.problem(s.at("playbookUrl"), "expected an http(s) URL that the playbook's id is appended to, e.g."
            + " https://wiki.example.com/playbooks/, but was \"" + playbookUrl + "\"");
        return null;
      }
      return summary == null || description == null || comment == null ? null
          : new Texts(summary, description, comment, playbookUrl);
    }

    /** The values templates have beside the message: {@code headline} and {@code playbookUrl}. */
    Map<String, Object> more(Message m) {
      Map<String, Object> more = new LinkedHashMap<>();
      more.put("headline", headline(m.change()));
      if (playbookUrl != null && m.playbook() != null) more.put("playbookUrl", playbookUrl + m.playbook());
      else if (m.playbookLink() != null) more.put("playbookUrl", m.playbookLink()); // riskline.yaml's playbookUrl
      return more;
    }
  }

  /** A ticket as the far side names it. */
  record Found(String key, String number, String url, Tickets.Status status) {}

  TicketTarget(String name, Texts texts, Clock clock) {
    this.name = Objects.requireNonNull(name, "name");
    this.texts = Objects.requireNonNull(texts, "texts");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return name;
  }

  /** The far side's ticket carrying the finding's marker, or null. */
  abstract Found search(String marker);

  /** A new ticket for the finding, carrying its marker. */
  abstract Found create(Message m, String marker);

  /** A comment (a work note) on the ticket. */
  abstract void comment(Tickets.Ticket t, String text);

  /** The ticket resolved, with the text saying why. */
  abstract void resolve(Tickets.Ticket t, String text);

  /** The ticket reopened, with the text saying why. */
  abstract void reopen(Tickets.Ticket t, String text);

  /** How details name the target ({@code jira soc (https://acme.atlassian.net)}). */
  abstract String where();

  /** Without the store's ticket links a ticket target could open a second ticket: it refuses. */
  @Override
  public boolean takesDigests() {
    return false;
  }

  @Override
  public Outcome send(Delivery delivery) {
    return Outcome.failed(where() + ": keeps one ticket per finding and needs the store's ticket links;"
        + " dispatch with the store");
  }

  @Override
  public Outcome send(Delivery d, Tickets tickets) {
    try {
      return lifecycle(d, tickets);
    } catch (TicketApi.Failed f) {
      return f.outcome();
    }
  }

  private Outcome lifecycle(Delivery d, Tickets tickets) {
    Message m = Message.of(d.event());
    Change change = d.change();
    String marker = MARKER + d.findingKey();
    Optional<Tickets.Ticket> held = tickets.ticket(name, d.findingKey());
    Tickets.Ticket ticket;
    if (held.isPresent()) {
      ticket = held.get();
    } else {
      Found found = search(marker);
      if (found == null) {
        if (change == Change.RESOLVED || change == Change.ACCEPTED) {
          return Outcome.sent(where() + ": no ticket for the finding; a " + change + " change opens none");
        }
        Found created = create(m, marker);
        tickets.saveTicket(link(d, created, Tickets.Status.OPEN));
        return Outcome.sent(where() + ": created " + created.number() + " (" + change + ")");
      }
      ticket = link(d, found, found.status());
      tickets.saveTicket(ticket);
      if (change == Change.NEW) return Outcome.sent(where() + ": linked " + found.number() + ", found by its marker");
    }
    return apply(d, m, ticket, tickets);
  }

  private Outcome apply(Delivery d, Message m, Tickets.Ticket ticket, Tickets tickets) {
    String text = texts.comment().render(m, texts.more(m));
    switch (d.change()) {
      case NEW:
        return Outcome.sent(where() + ": " + ticket.number() + " already open for the finding");
      case RESOLVED:
        resolve(ticket, text);
        tickets.saveTicket(ticket.with(Tickets.Status.RESOLVED, clock.instant()));
        return Outcome.sent(where() + ": resolved " + ticket.number());
      case REOPENED:
        reopen(ticket, text);
        tickets.saveTicket(ticket.with(Tickets.Status.OPEN, clock.instant()));
        return Outcome.sent(where() + ": reopened " + ticket.number());
      default:
        comment(ticket, text);
        return Outcome.sent(where() + ": commented on " + ticket.number() + " (" + d.change() + ")");
    }
  }

  private Tickets.Ticket link(Delivery d, Found f, Tickets.Status status) {
    return new Tickets.Ticket(name, d.findingKey(), f.key(), f.number(), f.url(), status, clock.instant(),
        clock.instant());
  }

  /** One sentence per change, what a comment leads with. */
  static String headline(String change) {
    return switch (change == null ? "" : change) {
      case "NEW" -> "New finding.";
      case "ESCALATED" -> "Escalated: the risk went up.";
      case "DOWNGRADED" -> "Downgraded: the risk went down.";
      case "DUE_SOON" -> "Due soon.";
      case "OVERDUE" -> "Overdue: the due date has passed.";
      case "RESOLVED" -> "Resolved: the finding is fixed or gone.";
      case "REOPENED" -> "Reopened: the finding is back.";
      case "ACCEPTED" -> "Risk accepted.";
      case "ACCEPTANCE_EXPIRED" -> "The risk acceptance expired.";
      default -> change + ".";
    };
  }

  /** The text cut to {@code max} characters, never half of a surrogate pair. */
  static String cut(String s, int max) {
    if (s.length() <= max) return s;
    int end = Character.isHighSurrogate(s.charAt(max - 2)) ? max - 2 : max - 1;
    return s.substring(0, end) + "…";
  }

  /**
   * The common settings of a ticket target: its {@code url}, https unless {@code allowInsecureHttp}, checked
   * without DNS for metadata hosts and link-local addresses ({@link UrlCheck}); null after adding a problem.
   */
  static URI url(Settings s, String example) {
    boolean allowHttp = s.bool("allowInsecureHttp", false);
    String text = s.string("url", null);
    if (text == null) {
      if (!s.has("url")) s.problem(s.at("url"), "missing; expected the instance's URL, e.g. " + example);
      return null;
    }
    URI url;
    try {
      url = new URI(text.strip());
    } catch (java.net.URISyntaxException e) {
      s.problem(s.at("url"), "expected a URL, e.g. " + example + ", but was \"" + text + "\"");
      return null;
    }
    String problem = UrlCheck.problem(url, allowHttp);
    if (problem == null && (url.getRawQuery() != null || url.getRawFragment() != null)) {
      problem = "expected a URL without query or fragment, e.g. " + example;
    }
    if (problem != null) s.problem(s.at("url"), problem);
    return problem == null ? url : null;
  }
}
