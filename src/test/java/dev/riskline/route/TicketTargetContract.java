package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every ticket target does, against an in-memory stand-in of its product's REST API on a random port:
 * exactly one ticket per finding through NEW → ESCALATED → OVERDUE → RESOLVED → REOPENED, even after a crash
 * between creating a ticket and saving its link; failures retried or not as they should be; secrets never
 * shown. Each subclass is one product.
 */
abstract class TicketTargetContract {
  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  static final String FINDING_KEY = "9f1c2e7a5b3d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60";
  static final String TOKEN = "s3cr3t-token-value";
  static final String PASSWORD = "s3cr3t-password-value";
  static final Map<String, String> ENV = Map.of("TICKET_TOKEN", TOKEN, "TICKET_PASSWORD", PASSWORD);

  FakeTicketServer server;
  final MemoryTickets tickets = new MemoryTickets();
  private final List<Instant> times = new ArrayList<>();

  /** The product's stand-in, accepting only the right credentials. */
  abstract FakeTicketServer start() throws Exception;

  /** The target's settings for a server at {@code url}. */
  abstract Map<String, Object> settings(String url);

  /** How many tickets the far side holds. */
  abstract int count();

  /** The API key of the far side's only ticket. */
  abstract String onlyKey();

  abstract boolean resolved(String key);

  /** The ticket's comments (work notes) as text, oldest first. */
  abstract List<String> notes(String key);

  abstract String description(String key);

  /** Puts the ticket where the far side will not reopen it (a Jira final status, a closed incident). */
  abstract void closeForGood(String key);

  /** The API keys of the far side's tickets, oldest first. */
  abstract List<String> keys();

  /** The links of one store, in memory, with reservations as the store makes them. */
  static final class MemoryTickets implements Tickets {
    final Map<String, Ticket> links = new HashMap<>();
    final Map<String, Reservation> reservations = new HashMap<>();

    @Override
    public synchronized Optional<Ticket> ticket(String target, String findingKey) {
      return Optional.ofNullable(links.get(target + "/" + findingKey));
    }

    @Override
    public synchronized void saveTicket(Ticket t) {
      Ticket held = links.get(t.target() + "/" + t.findingKey());
      reservations.remove(t.target() + "/" + t.findingKey());
      links.put(t.target() + "/" + t.findingKey(), held == null ? t
          : new Ticket(t.target(), t.findingKey(), t.key(), t.number(), t.url(), t.status(), held.createdAt(), t.updatedAt()));
    }

    @Override
    public synchronized boolean saveTicket(Ticket t, String expectedKey) {
      Ticket held = links.get(t.target() + "/" + t.findingKey());
      if (held == null || !held.key().equals(expectedKey)) return false;
      links.put(t.target() + "/" + t.findingKey(), new Ticket(t.target(), t.findingKey(), t.key(), t.number(), t.url(),
          t.status(), held.createdAt(), t.updatedAt()));
      return true;
    }

    @Override
    public synchronized List<Ticket> tickets(String findingKey) {
      return links.values().stream().filter(t -> t.findingKey().equals(findingKey)).toList();
    }

    @Override
    public synchronized Reservation reserve(String target, String findingKey, Instant now, Duration lease) {
      String k = target + "/" + findingKey;
      if (links.containsKey(k)) return new Reservation(Reservation.Kind.LINKED, target, findingKey, null, null, links.get(k));
      Reservation held = reservations.get(k);
      if (held != null && held.until().isAfter(now)) {
        return new Reservation(Reservation.Kind.BUSY, target, findingKey, null, held.until(), null);
      }
      Reservation r = new Reservation(held == null ? Reservation.Kind.RESERVED : Reservation.Kind.TAKEN_OVER, target,
          findingKey, java.util.UUID.randomUUID().toString(), now.plus(lease), null);
      reservations.put(k, r);
      return r;
    }

    @Override
    public synchronized Reservation reserveFollowUp(String target, String findingKey, String replacing, Instant now,
        Duration lease) {
      String k = target + "/" + findingKey;
      Ticket linked = links.get(k);
      if (linked == null) return reserve(target, findingKey, now, lease);
      if (!linked.key().equals(replacing)) return new Reservation(Reservation.Kind.LINKED, target, findingKey, null, null, linked);
      Reservation held = reservations.get(k);
      if (held != null && held.until().isAfter(now)) {
        return new Reservation(Reservation.Kind.BUSY, target, findingKey, null, held.until(), null);
      }
      Reservation r = new Reservation(held == null ? Reservation.Kind.RESERVED : Reservation.Kind.TAKEN_OVER, target,
          findingKey, java.util.UUID.randomUUID().toString(), now.plus(lease), null);
      reservations.put(k, r);
      return r;
    }

    @Override
    public synchronized void cancel(Reservation r) {
      reservations.remove(r.target() + "/" + r.findingKey(), r);
    }
  }

  /** The store as a dispatcher that holds a reservation made earlier sees it. */
  static final class Holding implements Tickets {
    private final MemoryTickets store;
    private final Reservation held;

    Holding(MemoryTickets store, Reservation held) {
      this.store = store;
      this.held = held;
    }

    @Override
    public Optional<Ticket> ticket(String target, String findingKey) {
      return store.ticket(target, findingKey);
    }

    @Override
    public void saveTicket(Ticket ticket) {
      store.saveTicket(ticket);
    }

    @Override
    public boolean saveTicket(Ticket ticket, String expectedKey) {
      return store.saveTicket(ticket, expectedKey);
    }

    @Override
    public List<Ticket> tickets(String findingKey) {
      return store.tickets(findingKey);
    }

    @Override
    public Reservation reserve(String target, String findingKey, Instant now, Duration lease) {
      return held;
    }

    @Override
    public Reservation reserveFollowUp(String target, String findingKey, String replacing, Instant now,
        Duration lease) {
      return store.reserveFollowUp(target, findingKey, replacing, now, lease);
    }

    @Override
    public void cancel(Reservation reservation) {
      store.cancel(reservation);
    }
  }

  /** A store whose process dies when it is to save a link: the ticket is created, the link never saved. */
  static final class CrashingTickets implements Tickets {
    @Override
    public Optional<Ticket> ticket(String target, String findingKey) {
      return Optional.empty();
    }

    @Override
    public void saveTicket(Ticket ticket) {
      throw new IllegalStateException("the process died before the link was saved");
    }

    @Override
    public boolean saveTicket(Ticket ticket, String expectedKey) {
      throw new IllegalStateException("the process died before the link was saved");
    }

    @Override
    public List<Ticket> tickets(String findingKey) {
      return List.of();
    }

    @Override
    public Reservation reserve(String target, String findingKey, Instant now, Duration lease) {
      return new Reservation(Reservation.Kind.RESERVED, target, findingKey, "t", now.plus(lease), null);
    }

    @Override
    public Reservation reserveFollowUp(String target, String findingKey, String replacing, Instant now,
        Duration lease) {
      return reserve(target, findingKey, now, lease);
    }

    @Override
    public void cancel(Reservation reservation) {}
  }

  @BeforeEach
  void startServer() throws Exception {
    server = start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  Target target(Map<String, Object> settings) {
    return target(settings, Duration.ofSeconds(5));
  }

  Target target(Map<String, Object> settings, Duration connect) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Object> tree = Map.of("targets", Map.of("tickets", settings));
    HttpClient client = HttpClient.newBuilder().connectTimeout(connect).build();
    Map<String, Target> targets = Targets.read(Settings.root(tree, problems).section("targets"), ENV, client,
        Clock.fixed(T0, ZoneOffset.UTC));
    assertThat(problems).isEmpty();
    return targets.get("tickets");
  }

  Target target() {
    return target(settings(server.url()));
  }

  static Delivery delivery(Change change, String rating, String due, String state) {
    Map<String, Object> finding = new LinkedHashMap<>();
    finding.put("Id", "arn:aws:inspector2:us-east-1:111122223333:finding/abc");
    finding.put("AwsAccountId", "111122223333");
    finding.put("ProductName", "Inspector");
    finding.put("Title", "CVE-2021-44228 - org.apache.logging.log4j:log4j-core in prod");
    finding.put("Severity", Map.of("Label", "HIGH"));
    finding.put("Resources", List.of(Map.of("Type", "AwsEc2Instance", "Id", "i-0abc")));
    Map<String, Object> risk = new LinkedHashMap<>();
    risk.put("Rating", rating);
    risk.put("Likelihood", "CRITICAL");
    risk.put("Impact", "HIGH");
    risk.put("Reasons", List.of(Map.of("Factor", "kev", "Detail", "CVE-2021-44228 is in CISA KEV → likelihood CRITICAL"),
        Map.of("Factor", "impact", "Detail", "severity HIGH → impact HIGH")));
    Map<String, Object> riskline = new LinkedHashMap<>();
    riskline.put("Risk", risk);
    riskline.put("Due", due + "T00:00:00Z");
    riskline.put("State", state);
    riskline.put("Playbook", "log4shell");
    return Delivery.pending("critical-to-tickets", "tickets", change, FINDING_KEY,
        TriageEvent.json(change, finding, riskline), T0);
  }

  static Delivery created() {
    return delivery(Change.NEW, "HIGH", "2026-12-31", "OPEN");
  }

  Target.Outcome send(Target t, Delivery d) {
    return t.send(d, tickets);
  }

  @Test
  void the_whole_lifecycle_keeps_one_ticket_that_is_commented_resolved_and_reopened() {
    Target t = target();

    Target.Outcome created = send(t, created());
    assertThat(created.sent()).as(created.detail()).isTrue();
    String key = onlyKey();
    assertThat(tickets.ticket("tickets", FINDING_KEY)).get().extracting(Tickets.Ticket::key, Tickets.Ticket::status)
        .containsExactly(key, Tickets.Status.OPEN);

    assertThat(send(t, delivery(Change.ESCALATED, "CRITICAL", "2026-12-08", "OPEN")).sent()).isTrue();
    assertThat(send(t, delivery(Change.OVERDUE, "CRITICAL", "2026-12-08", "OVERDUE")).sent()).isTrue();
    assertThat(resolved(key)).isFalse();
    assertThat(send(t, delivery(Change.RESOLVED, "CRITICAL", "2026-12-08", "RESOLVED")).detail()).contains("resolved");
    assertThat(resolved(key)).isTrue();
    assertThat(tickets.ticket("tickets", FINDING_KEY)).get().extracting(Tickets.Ticket::status)
        .isEqualTo(Tickets.Status.RESOLVED);
    assertThat(send(t, delivery(Change.REOPENED, "CRITICAL", "2027-01-05", "OPEN")).detail()).contains("reopened");

    assertThat(count()).isEqualTo(1);
    assertThat(resolved(key)).isFalse();
    assertThat(tickets.ticket("tickets", FINDING_KEY)).get().extracting(Tickets.Ticket::status)
        .isEqualTo(Tickets.Status.OPEN);
    List<String> notes = notes(key);
    assertThat(notes).hasSize(4);
    assertThat(notes.get(0)).startsWith("Escalated: the risk went up. Rating CRITICAL (likelihood CRITICAL × impact HIGH),"
        + " due 2026-12-08, state OPEN.").contains("- kev: CVE-2021-44228 is in CISA KEV → likelihood CRITICAL")
        .contains("Playbook: log4shell https://wiki.example.com/playbooks/log4shell");
    assertThat(notes.get(1)).startsWith("Overdue: the due date has passed.");
    assertThat(notes.get(2)).startsWith("Resolved: the finding is fixed or gone.");
    assertThat(notes.get(3)).startsWith("Reopened: the finding is back.").contains("due 2027-01-05");
  }

  @Test
  void the_description_says_why_by_when_what_and_which_playbook() {
    send(target(), created());

    assertThat(description(onlyKey()))
        .contains("HIGH risk (NEW): CVE-2021-44228 - org.apache.logging.log4j:log4j-core in prod")
        .contains("Why: rating HIGH = likelihood CRITICAL × impact HIGH")
        .contains("- kev: CVE-2021-44228 is in CISA KEV → likelihood CRITICAL")
        .contains("By when: due 2026-12-31, state OPEN")
        .contains("Finding: arn:aws:inspector2:us-east-1:111122223333:finding/abc")
        .contains("What to do: playbook log4shell https://wiki.example.com/playbooks/log4shell");
  }

  @Test
  void a_crash_between_creating_and_linking_creates_no_second_ticket() {
    Target t = target();
    Tickets crashing = new CrashingTickets();
    assertThatThrownBy(() -> t.send(created(), crashing)).hasMessageContaining("died");
    assertThat(count()).isEqualTo(1);

    Target.Outcome again = send(t, created());

    assertThat(again.sent()).isTrue();
    assertThat(again.detail()).contains("linked").contains("found by its marker");
    assertThat(count()).isEqualTo(1);
    assertThat(tickets.ticket("tickets", FINDING_KEY)).get().extracting(Tickets.Ticket::key).isEqualTo(onlyKey());
    assertThat(send(t, delivery(Change.ESCALATED, "CRITICAL", "2026-12-08", "OPEN")).sent()).isTrue();
    assertThat(notes(onlyKey())).hasSize(1);
  }

  @Test
  void a_change_of_a_finding_without_a_ticket_creates_one_and_a_resolution_opens_none() {
    Target t = target();

    assertThat(send(t, delivery(Change.RESOLVED, "HIGH", "2026-12-31", "RESOLVED")).detail())
        .endsWith("no ticket for the finding; a RESOLVED change opens none");
    assertThat(count()).isZero();

    assertThat(send(t, delivery(Change.ESCALATED, "CRITICAL", "2026-12-08", "OPEN")).detail())
        .contains("created").endsWith("(ESCALATED)");
    assertThat(count()).isEqualTo(1);
    assertThat(description(onlyKey())).startsWith("CRITICAL risk (ESCALATED)");
  }

  @Test
  void a_new_change_sent_again_after_linking_changes_nothing() {
    Target t = target();
    send(t, created());

    assertThat(send(t, created()).detail()).contains("already open");
    assertThat(count()).isEqualTo(1);
    assertThat(notes(onlyKey())).isEmpty();
  }

  @Test
  void a_server_error_is_retried_and_the_next_attempt_creates_one_ticket() {
    Target t = target();
    server.fail(500, null, "{\"error\": \"internal\"}");

    Target.Outcome failed = send(t, created());

    assertThat(failed.sent()).isFalse();
    assertThat(failed.permanent()).isFalse();
    assertThat(failed.retryAfter()).isNull();
    assertThat(failed.detail()).contains("HTTP 500: {\"error\": \"internal\"}");
    assertThat(send(t, created()).sent()).isTrue();
    assertThat(count()).isEqualTo(1);
  }

  @Test
  void too_many_requests_is_retried_after_retry_after() {
    Target t = target();
    send(t, created());
    server.fail(429, "120", null);

    Target.Outcome o = send(t, delivery(Change.ESCALATED, "CRITICAL", "2026-12-08", "OPEN"));

    assertThat(o.sent()).isFalse();
    assertThat(o.permanent()).isFalse();
    assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    assertThat(o.detail()).contains("HTTP 429");
  }

  @Test
  void no_answer_in_time_is_retried() {
    Map<String, Object> s = new LinkedHashMap<>(settings(server.url()));
    s.put("timeoutSeconds", 1);
    Target t = target(s);
    server.hang();

    Target.Outcome o = send(t, created());

    assertThat(o.sent()).isFalse();
    assertThat(o.permanent()).isFalse();
    assertThat(o.detail()).endsWith("no answer within 1 s");
  }

  @Test
  void a_refused_connection_is_retried() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = free.getLocalPort();
    }
    Target t = target(settings("http://127.0.0.1:" + port));

    Target.Outcome o = send(t, created());

    assertThat(o.sent()).isFalse();
    assertThat(o.permanent()).isFalse();
    assertThat(o.detail()).endsWith("connection refused or unreachable");
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {400, 401, 403, 404})
  void client_errors_fail_for_good(int status) {
    Target t = target();
    server.fail(status, null, "{\"error\": \"no\"}");

    Target.Outcome o = send(t, created());

    assertThat(o.sent()).isFalse();
    assertThat(o.permanent()).isTrue();
    assertThat(o.detail()).contains("HTTP " + status);
    assertThat(count()).isZero();
  }

  @Test
  void wrong_credentials_fail_for_good_and_no_secret_shows_even_when_the_server_echoes_it() {
    Map<String, Object> s = new LinkedHashMap<>(settings(server.url()));
    Map<String, String> env = new HashMap<>(ENV);
    env.put("TICKET_TOKEN", "wrong-" + TOKEN);
    env.put("TICKET_PASSWORD", "wrong-" + PASSWORD);
    List<Problem> problems = new ArrayList<>();
    Target t = Targets.read(Settings.root(Map.of("targets", Map.of("tickets", s)), problems).section("targets"), env,
        HttpClient.newHttpClient(), Clock.fixed(T0, ZoneOffset.UTC)).get("tickets");

    Target.Outcome o = send(t, created());

    assertThat(o.permanent()).isTrue();
    assertThat(o.detail()).contains("HTTP 401").contains("not authorized: ***")
        .doesNotContain(TOKEN).doesNotContain(PASSWORD).doesNotContain("Basic ").doesNotContain("Bearer ");
    assertThat(t.toString()).doesNotContain(TOKEN).doesNotContain(PASSWORD);
  }

  @Test
  void without_the_store_s_tickets_a_ticket_target_refuses_to_send() {
    Target.Outcome o = target().send(created());

    assertThat(o.permanent()).isTrue();
    assertThat(o.detail()).endsWith("keeps one ticket per finding and needs the store's ticket links; dispatch with the store");
    assertThat(count()).isZero();
  }

  @Test
  void through_the_store_s_outbox_and_links_a_crashed_creation_is_linked_and_the_lifecycle_keeps_one_ticket() {
    Target t = target();
    Tickets crashing = new CrashingTickets();
    assertThatThrownBy(() -> t.send(created(), crashing)).hasMessageContaining("died");
    try (dev.riskline.store.Store store = dev.riskline.store.Store.open("jdbc:h2:mem:")) {
      Instant at = T0;
      for (Delivery d : List.of(created(), delivery(Change.ESCALATED, "CRITICAL", "2026-12-08", "OPEN"),
          delivery(Change.OVERDUE, "CRITICAL", "2026-12-08", "OVERDUE"),
          delivery(Change.RESOLVED, "CRITICAL", "2026-12-08", "RESOLVED"))) {
        at = at.plusSeconds(60);
        store.outbox().enqueue(List.of(Delivery.pending(d.route(), d.target(), d.change(), d.findingKey(), d.event(), at)));
        Dispatcher.Counts counts = new Dispatcher(store.outbox(), store.tickets(), Map.of("tickets", t), Dispatcher.Policy.DEFAULT,
            Clock.fixed(at, ZoneOffset.UTC), new Random(1)).dispatch();
        assertThat(counts).as(d.change().name()).isEqualTo(new Dispatcher.Counts(1, 0, 0));
      }

      assertThat(count()).isEqualTo(1);
      assertThat(resolved(onlyKey())).isTrue();
      assertThat(notes(onlyKey())).hasSize(3);
      assertThat(store.tickets().ticket("tickets", FINDING_KEY)).get().extracting(Tickets.Ticket::key, Tickets.Ticket::status)
          .containsExactly(onlyKey(), Tickets.Status.RESOLVED);
      assertThat(store.outbox().deliveries(List.of(Delivery.Status.SENT), 10)).extracting(Delivery::lastError)
          .containsOnlyNulls();
    }
  }

  @Test
  void while_another_dispatcher_creates_the_ticket_a_change_is_retried_soon_and_then_goes_to_that_ticket() {
    Target t = target();
    Tickets.Reservation other = tickets.reserve("tickets", FINDING_KEY, T0, Duration.ofMinutes(5));

    Target.Outcome busy = send(t, delivery(Change.ESCALATED, "CRITICAL", "2026-12-08", "OPEN"));

    assertThat(busy.sent()).isFalse();
    assertThat(busy.permanent()).isFalse();
    assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(busy.detail()).endsWith(": another dispatcher is creating the ticket of the finding (reserved until"
        + " 2026-12-01T00:05:00Z)");
    assertThat(server.requests).isEmpty();

    assertThat(t.send(created(), new Holding(tickets, other)).detail()).as("the other dispatcher").contains("created");
    assertThat(tickets.reservations).as("ended by the link").isEmpty();
    assertThat(send(t, delivery(Change.ESCALATED, "CRITICAL", "2026-12-08", "OPEN")).detail())
        .contains("commented on").endsWith("(ESCALATED)");
    assertThat(count()).isEqualTo(1);
    assertThat(notes(onlyKey())).hasSize(1);
  }

  @Test
  void a_reservation_left_by_a_stopped_dispatcher_is_taken_over_and_the_ticket_it_made_is_linked() {
    Target t = target();
    assertThatThrownBy(() -> t.send(created(), new CrashingTickets())).hasMessageContaining("died");
    tickets.reserve("tickets", FINDING_KEY, T0.minus(Duration.ofMinutes(5)), Duration.ofMinutes(5));

    Target.Outcome o = send(t, created());

    assertThat(o.sent()).as(o.detail()).isTrue();
    assertThat(o.detail()).contains("linked").contains("found by its marker")
        .endsWith("; took over a creation left unfinished by a dispatcher that stopped");
    assertThat(count()).isEqualTo(1);
    assertThat(tickets.ticket("tickets", FINDING_KEY)).get().extracting(Tickets.Ticket::key).isEqualTo(onlyKey());
  }

  @Test
  void a_reservation_left_before_anything_was_made_is_taken_over_and_the_ticket_created() {
    tickets.reserve("tickets", FINDING_KEY, T0.minus(Duration.ofHours(1)), Duration.ofMinutes(5));

    Target.Outcome o = send(target(), created());

    assertThat(o.detail()).contains("created").endsWith("(NEW); took over a creation left unfinished by a dispatcher"
        + " that stopped");
    assertThat(count()).isEqualTo(1);
    assertThat(tickets.reservations).isEmpty();
  }

  @Test
  void a_failed_creation_ends_its_reservation_so_the_next_attempt_need_not_wait() {
    Target t = target();
    server.fail(503, "30", null);

    assertThat(send(t, created()).sent()).isFalse();

    assertThat(tickets.reservations).isEmpty();
    assertThat(send(t, created()).detail()).contains("created");
    assertThat(count()).isEqualTo(1);
  }

  @Test
  void a_reopened_finding_whose_ticket_is_closed_for_good_gets_a_follow_up_naming_it_and_keeps_it() {
    Target t = target();
    send(t, created());
    String old = onlyKey();
    String oldNumber = tickets.ticket("tickets", FINDING_KEY).orElseThrow().number();
    send(t, delivery(Change.RESOLVED, "HIGH", "2026-12-31", "RESOLVED"));
    closeForGood(old);

    Target.Outcome o = send(t, delivery(Change.REOPENED, "HIGH", "2027-01-31", "OPEN"));

    assertThat(keys()).hasSize(2).startsWith(old);
    String next = keys().get(1);
    Tickets.Ticket link = tickets.ticket("tickets", FINDING_KEY).orElseThrow();
    assertThat(o.sent()).as(o.detail()).isTrue();
    assertThat(o.detail()).endsWith(": opened " + link.number() + " for the reopened finding; " + oldNumber
        + " is closed and cannot be reopened");
    assertThat(link.key()).isEqualTo(next);
    assertThat(link.status()).isEqualTo(Tickets.Status.OPEN);
    assertThat(description(next)).startsWith("Follows " + oldNumber + ", which is closed and cannot be reopened.")
        .contains("due 2027-01-31");
    assertThat(resolved(next)).isFalse();

    send(t, delivery(Change.ESCALATED, "CRITICAL", "2027-01-08", "OPEN"));
    assertThat(notes(next)).hasSize(1);
    assertThat(notes(old)).hasSize(1).allMatch(n -> n.startsWith("Resolved"));
  }

  @Test
  void a_reopened_finding_whose_follow_up_another_dispatcher_is_opening_waits_and_then_opens_none() {
    Target t = target();
    send(t, created());
    Tickets.Ticket old = tickets.ticket("tickets", FINDING_KEY).orElseThrow();
    closeForGood(old.key());
    Tickets.Reservation other = tickets.reserveFollowUp("tickets", FINDING_KEY, old.key(), T0, Duration.ofMinutes(5));
    assertThat(other.kind()).isEqualTo(Tickets.Reservation.Kind.RESERVED);
    Delivery reopened = delivery(Change.REOPENED, "HIGH", "2027-01-31", "OPEN");

    Target.Outcome busy = send(t, reopened);

    assertThat(busy.sent()).isFalse();
    assertThat(busy.retryAfter()).isEqualTo(TicketTarget.BUSY_RETRY);
    assertThat(busy.detail()).endsWith(": another dispatcher is opening the follow-up of " + old.number()
        + " for the finding (reserved until 2026-12-01T00:05:00Z)");
    assertThat(keys()).containsExactly(old.key());

    tickets.saveTicket(new Tickets.Ticket("tickets", FINDING_KEY, "other-key", "OTHER-1", null, Tickets.Status.OPEN,
        T0, T0));
    assertThat(tickets.reserveFollowUp("tickets", FINDING_KEY, old.key(), T0, Duration.ofMinutes(5)).kind())
        .as("the follow-up linked").isEqualTo(Tickets.Reservation.Kind.LINKED);
    assertThat(keys()).containsExactly(old.key());
  }

  @Test
  void a_follow_up_made_just_before_a_crash_is_linked_not_made_again() {
    Target t = target();
    send(t, created());
    send(t, delivery(Change.RESOLVED, "HIGH", "2026-12-31", "RESOLVED"));
    closeForGood(onlyKey());
    Tickets dying = new Tickets() {
      @Override
      public Optional<Ticket> ticket(String target, String findingKey) {
        return tickets.ticket(target, findingKey);
      }

      @Override
      public void saveTicket(Ticket ticket) {
        throw new IllegalStateException("the process died before the link was saved");
      }

      @Override
      public boolean saveTicket(Ticket ticket, String expectedKey) {
        return tickets.saveTicket(ticket, expectedKey);
      }

      @Override
      public List<Ticket> tickets(String findingKey) {
        return tickets.tickets(findingKey);
      }

      @Override
      public Reservation reserve(String target, String findingKey, Instant now, Duration lease) {
        return tickets.reserve(target, findingKey, now, lease);
      }

      @Override
      public Reservation reserveFollowUp(String target, String findingKey, String replacing, Instant now,
          Duration lease) { // the process died one lease ago: the next attempt takes its reservation over
        return tickets.reserveFollowUp(target, findingKey, replacing, now.minus(lease), lease);
      }

      @Override
      public void cancel(Reservation reservation) {
        tickets.cancel(reservation);
      }
    };
    Delivery reopened = delivery(Change.REOPENED, "HIGH", "2027-01-31", "OPEN");
    assertThatThrownBy(() -> t.send(reopened, dying)).hasMessageContaining("died");
    assertThat(keys()).hasSize(2);

    Target.Outcome again = send(t, reopened);

    assertThat(again.detail()).contains(": linked ").contains(" for the reopened finding; ");
    assertThat(keys()).hasSize(2);
    assertThat(tickets.ticket("tickets", FINDING_KEY)).get().extracting(Tickets.Ticket::key).isEqualTo(keys().get(1));
  }

  static final ObjectMapper JSON = new ObjectMapper();
}
