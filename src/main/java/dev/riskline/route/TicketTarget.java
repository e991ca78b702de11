package dev.riskline.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskline.risk.Settings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A ticket system (Jira, ServiceNow) that keeps exactly one ticket per finding, through the finding's whole
 * life: the first change routed to it creates the ticket; ESCALATED and DOWNGRADED update its priority and
 * due date and comment on it; DUE_SOON, OVERDUE, ACCEPTED and ACCEPTANCE_EXPIRED comment on it; RESOLVED
 * resolves it (with a comment saying why); REOPENED reopens it, or, when the far side cannot reopen it (a
 * closed ServiceNow incident, a Jira issue in a final status with no way back), opens a follow-up ticket
 * naming the old one and links the finding to it. A RESOLVED or ACCEPTED change of a finding without a
 * ticket opens none.
 *
 * <p>The link (target, finding) → ticket is kept in the store's {@link Tickets}. Creating is reserved there
 * first, so of two dispatchers sending two changes of one finding at once, one creates the ticket and the
 * other retries after {@link #BUSY_RETRY} and finds it linked; a follow-up is reserved the same way. A change
 * told on the linked ticket saves its new status only while the link still names that ticket
 * ({@link Tickets#saveTicket(Tickets.Ticket, String)}), so it never undoes a follow-up linked meanwhile. Before
 * creating, the far side is searched for the finding's marker (a Jira label, a ServiceNow
 * {@code correlation_id}, both made of the finding's identity key), newest first: if Riskline stopped after creating a ticket but before saving the link, the
 * delivery sent again (its reservation taken over once its lease ended) links the ticket it finds instead of
 * creating a second one. Each step is a request that may fail; a failed step ends the attempt with its
 * outcome (and ends the reservation), and the delivery is tried again whole (a comment may then be posted
 * twice, a ticket is never created twice). Thread-safe.
 */
abstract class TicketTarget implements Target {
  /** The marker of every finding's ticket: {@code riskline-<identity key>}. */
  static final String MARKER = "riskline-";
  /** How soon a delivery is tried again while another dispatcher creates the finding's ticket. */
  static final Duration BUSY_RETRY = Duration.ofSeconds(5);
  /** The shortest reservation of a creation; longer when requests may take long ({@link #reservationFor}). */
  static final Duration RESERVATION = Duration.ofMinutes(5);

  private final String name;
  final Texts texts;
  final Clock clock;
  private final Duration reservation;

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

  /**
   * What an update of a ticket's fields did.
   *
   * @param set the fields set, as {@code name value}
   * @param refused what the far side refused and why (the comment was posted all the same), or null
   */
  record Updated(List<String> set, String refused) {
    Updated {
      set = List.copyOf(set);
    }
  }

  /** @param timeout how long one request may take: a creation is reserved for a few of them at least */
  TicketTarget(String name, Texts texts, Duration timeout, Clock clock) {
    this.name = Objects.requireNonNull(name, "name");
    this.texts = Objects.requireNonNull(texts, "texts");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reservation = reservationFor(timeout);
  }

  /**
   * How long a creation is reserved: {@link #RESERVATION}, or four request timeouts when that is longer (a
   * creation is a search and a create, each of which may take the whole timeout).
   */
  static Duration reservationFor(Duration timeout) {
    Duration four = timeout.multipliedBy(4);
    return four.compareTo(RESERVATION) > 0 ? four : RESERVATION;
  }

  @Override
  public String name() {
    return name;
  }

  /** The far side's ticket carrying the finding's marker, or null. */
  abstract Found search(String marker);

  /**
   * A new ticket for the finding, carrying its marker; {@code follows} names the ticket it follows (closed,
   * it could not be reopened), or is null.
   */
  abstract Found create(Message m, String marker, String follows);

  /** A comment (a work note) on the ticket. */
  abstract void comment(Tickets.Ticket t, String text);

  /** The ticket's priority and due date set from the message (ESCALATED, DOWNGRADED), and the comment posted. */
  abstract Updated update(Tickets.Ticket t, Message m, String text);

  /** The ticket resolved, with the text saying why. */
  abstract void resolve(Tickets.Ticket t, String text);

  /**
   * The ticket reopened, with the text saying why: true; false, with nothing done, when the far side cannot
   * reopen it (closed for good): then a follow-up ticket is opened instead.
   */
  abstract boolean reopen(Tickets.Ticket t, String text);

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
    Optional<Tickets.Ticket> held = tickets.ticket(name, d.findingKey());
    if (held.isPresent()) return apply(d, m, held.get(), tickets);
    Tickets.Reservation r = tickets.reserve(name, d.findingKey(), clock.instant(), reservation);
    switch (r.kind()) {
      case LINKED:
        return apply(d, m, r.ticket(), tickets);
      case BUSY:
        return Outcome.retry(BUSY_RETRY, where() + ": another dispatcher is creating the ticket of the finding"
            + " (reserved until " + r.until() + ")");
      default:
        try {
          return createOrLink(d, m, r, tickets);
        } catch (TicketApi.Failed f) {
          tickets.cancel(r);
          throw f;
        }
    }
  }

  /** Under a reservation: the ticket found by its marker is linked, or a new one created. */
  private Outcome createOrLink(Delivery d, Message m, Tickets.Reservation r, Tickets tickets) {
    Change change = d.change();
    String marker = MARKER + d.findingKey();
    String after = r.kind() == Tickets.Reservation.Kind.TAKEN_OVER
        ? "; took over a creation left unfinished by a dispatcher that stopped" : "";
    Found found = search(marker);
    if (found == null) {
      if (change == Change.RESOLVED || change == Change.ACCEPTED) {
        tickets.cancel(r);
        return Outcome.sent(where() + ": no ticket for the finding; a " + change + " change opens none");
      }
      Found created = create(m, marker, null);
      tickets.saveTicket(link(d, created, Tickets.Status.OPEN));
      return Outcome.sent(where() + ": created " + created.number() + " (" + change + ")" + after);
    }
    Tickets.Ticket ticket = link(d, found, found.status());
    tickets.saveTicket(ticket);
    if (change == Change.NEW) {
      return Outcome.sent(where() + ": linked " + found.number() + ", found by its marker" + after);
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
        return Outcome.sent(where() + ": resolved " + ticket.number()
            + saveStatus(tickets, ticket.with(Tickets.Status.RESOLVED, clock.instant())));
      case REOPENED:
        if (!reopen(ticket, text)) return followUp(d, m, ticket, tickets);
        return Outcome.sent(where() + ": reopened " + ticket.number()
            + saveStatus(tickets, ticket.with(Tickets.Status.OPEN, clock.instant())));
      case ESCALATED:
      case DOWNGRADED:
        Updated u = update(ticket, m, text);
        return Outcome.sent(where() + ": " + (u.set().isEmpty() ? "" : "set " + String.join(", ", u.set()) + " and ")
            + "commented on " + ticket.number() + " (" + d.change() + ")"
            + (u.refused() == null ? "" : "; not set: " + u.refused() + "; the comment was posted all the same"));
      default:
        comment(ticket, text);
        return Outcome.sent(where() + ": commented on " + ticket.number() + " (" + d.change() + ")");
    }
  }

  /**
   * Saves the new status of a ticket the change was told on, only while the finding is still linked to it
   * ({@link Tickets#saveTicket(Tickets.Ticket, String)}): "" when it was; else what a detail adds, the
   * link left on the ticket another dispatcher linked meanwhile (a follow-up).
   */
  private String saveStatus(Tickets tickets, Tickets.Ticket changed) {
    if (tickets.saveTicket(changed, changed.key())) return "";
    String now = tickets.ticket(name, changed.findingKey()).map(Tickets.Ticket::number).orElse("another ticket");
    return "; the finding is now linked to " + now + ", opened meanwhile by another dispatcher, and stays so";
  }

  /**
   * A finding reopened whose ticket cannot be: a new ticket that names the old one, linked instead, created
   * under a reservation as the first ticket is, so of two dispatchers reopening one finding at once one opens
   * the follow-up and the other retries after {@link #BUSY_RETRY}. A ticket carrying the marker that is newer
   * than the old one and open was made by an attempt that stopped before linking it: it is linked, not made
   * again.
   */
  private Outcome followUp(Delivery d, Message m, Tickets.Ticket old, Tickets tickets) {
    Tickets.Reservation r = tickets.reserveFollowUp(name, d.findingKey(), old.key(), clock.instant(), reservation);
    switch (r.kind()) {
      case LINKED:
        return Outcome.sent(where() + ": " + r.ticket().number() + " already follows " + old.number()
            + " for the reopened finding");
      case BUSY:
        return Outcome.retry(BUSY_RETRY, where() + ": another dispatcher is opening the follow-up of "
            + old.number() + " for the finding (reserved until " + r.until() + ")");
      default:
        try {
          return openFollowUp(d, m, old, r, tickets);
        } catch (TicketApi.Failed f) {
          tickets.cancel(r);
          throw f;
        }
    }
  }

  /** Under a reservation: the follow-up found by its marker is linked, or a new one created. */
  private Outcome openFollowUp(Delivery d, Message m, Tickets.Ticket old, Tickets.Reservation r, Tickets tickets) {
    String marker = MARKER + d.findingKey();
    Found newest = search(marker);
    Found next = newest != null && !newest.key().equals(old.key()) && newest.status() == Tickets.Status.OPEN ? newest
        : create(m, marker, old.number());
    tickets.saveTicket(new Tickets.Ticket(name, d.findingKey(), next.key(), next.number(), next.url(),
        Tickets.Status.OPEN, old.createdAt(), clock.instant()));
    return Outcome.sent(where() + ": " + (next == newest ? "linked " : "opened ") + next.number()
        + " for the reopened finding; " + old.number() + " is closed and cannot be reopened"
        + (r.kind() == Tickets.Reservation.Kind.TAKEN_OVER
            ? "; took over a follow-up left unfinished by a dispatcher that stopped" : ""));
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

  /**
   * An update's fields that the ticket system refused all together, and its reason:
   * {@code "impact, urgency (HTTP 400: ...)"}.
   */
  static String refusedAll(ObjectNode fields, TicketApi.Refusal no) {
    List<String> names = new ArrayList<>();
    fields.fieldNames().forEachRemaining(names::add);
    return String.join(", ", names) + " (" + no.detail() + ")";
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
