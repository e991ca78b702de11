package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import dev.riskline.store.Store;
import dev.riskline.store.TestPostgres;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two workers share one store, each with a connection and a dispatcher of its own, and two changes of one
 * finding (NEW from one route, ESCALATED from another) are claimed at the same moment, one by each: the
 * emulated Jira gets exactly one issue. The worst interleaving is forced, not hoped for: the first
 * dispatcher's create is held at the Jira server until the second dispatcher has made its attempt. On H2
 * (a file, as the worker uses it) and PostgreSQL. The same for two REOPENED changes of a finding whose issue
 * is closed for good: one follow-up. And a RESOLVED of that closed issue sent while its follow-up is opened
 * neither frees the follow-up's reservation nor, saved after the follow-up was linked, links the old issue
 * again.
 */
class TicketRaceTest {
  private static final Instant T0 = TicketTargetContract.T0;
  private static final String KEY = TicketTargetContract.FINDING_KEY;
  private static final Dispatcher.Policy ONE_AT_A_TIME = new Dispatcher.Policy(Duration.ofSeconds(1),
      Duration.ofMinutes(15), 20, Duration.ofMinutes(5), 1);

  @TempDir
  Path dir;
  private final TestPostgres postgres = new TestPostgres();

  @AfterEach
  void dropSchemas() {
    postgres.close();
  }

  private Map<String, Target> targets(FakeJira jira) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "jira");
    s.put("flavor", "cloud");
    s.put("url", jira.url());
    s.put("allowInsecureHttp", true);
    s.put("project", "SEC");
    s.put("email", "soc@example.com");
    s.put("token", "${TICKET_TOKEN}");
    s.put("priorities", Map.of("CRITICAL", "Highest", "HIGH", "High"));
    List<Problem> problems = new ArrayList<>();
    Map<String, Target> targets = Targets.read(Settings.root(Map.of("targets", Map.of("tickets", s)), problems)
        .section("targets"), TicketTargetContract.ENV, HttpClient.newHttpClient(), Clock.fixed(T0, ZoneOffset.UTC));
    assertThat(problems).isEmpty();
    return targets;
  }

  private static Delivery change(String route, Change change, String rating, Instant at) {
    Delivery d = TicketTargetContract.delivery(change, rating, "2026-12-31", "OPEN");
    return Delivery.pending(route, "tickets", change, KEY, d.event(), at);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql"})
  void two_dispatchers_sending_two_changes_of_one_finding_at_once_create_one_issue(String database) throws Exception {
    String url = database.equals("h2") ? Store.defaultUrl(dir) : postgres.newSchemaUrl();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (FakeJira jira = new FakeJira(true, JiraTarget.basic("soc@example.com", TicketTargetContract.TOKEN));
        Store first = Store.open(url); Store second = Store.open(url)) {
      Map<String, Target> targets = targets(jira);
      first.outbox().enqueue(List.of(change("new-to-jira", Change.NEW, "HIGH", T0),
          change("escalations-to-jira", Change.ESCALATED, "CRITICAL", T0.plusSeconds(1))));
      Instant now = T0.plusSeconds(2);
      CountDownLatch creating = new CountDownLatch(1);
      CountDownLatch letGo = new CountDownLatch(1);
      jira.holdFirstCreate(creating, letGo);

      Future<Dispatcher.Counts> one = pool.submit(() -> new Dispatcher(first.outbox(), first.tickets(), targets, ONE_AT_A_TIME,
          Clock.fixed(now, ZoneOffset.UTC), new Random(1)).dispatch());
      assertThat(creating.await(30, TimeUnit.SECONDS)).as("the first dispatcher creates the issue").isTrue();
      Dispatcher.Counts two = new Dispatcher(second.outbox(), second.tickets(), targets, ONE_AT_A_TIME, Clock.fixed(now, ZoneOffset.UTC),
          new Random(2)).dispatch();
      letGo.countDown();

      assertThat(one.get(60, TimeUnit.SECONDS)).isEqualTo(new Dispatcher.Counts(1, 0, 0));
      assertThat(two).isEqualTo(new Dispatcher.Counts(0, 1, 0));
      assertThat(jira.keys()).containsExactly("SEC-1");
      Delivery waiting = second.outbox().deliveries(List.of(Delivery.Status.PENDING), 10).get(0);
      assertThat(waiting.change()).isEqualTo(Change.ESCALATED);
      assertThat(waiting.lastError()).endsWith(": another dispatcher is creating the ticket of the finding (reserved"
          + " until 2026-12-01T00:05:00Z)");
      assertThat(waiting.nextAttemptAt()).isEqualTo(now.plusSeconds(5));

      Dispatcher.Counts later = new Dispatcher(second.outbox(), second.tickets(), targets, ONE_AT_A_TIME,
          Clock.fixed(now.plusSeconds(5), ZoneOffset.UTC), new Random(3)).dispatch();

      assertThat(later).isEqualTo(new Dispatcher.Counts(1, 0, 0));
      assertThat(jira.keys()).containsExactly("SEC-1");
      assertThat(jira.issues.get("SEC-1").comments).hasSize(1);
      assertThat(jira.issues.get("SEC-1").fields.path("priority").path("name").asText()).isEqualTo("Highest");
      assertThat(first.tickets().ticket("tickets", KEY)).get().extracting(Tickets.Ticket::number, Tickets.Ticket::status)
          .containsExactly("SEC-1", Tickets.Status.OPEN);
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql"})
  void two_dispatchers_reopening_one_finding_at_once_open_one_follow_up(String database) throws Exception {
    String url = database.equals("h2") ? Store.defaultUrl(dir) : postgres.newSchemaUrl();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (FakeJira jira = new FakeJira(true, JiraTarget.basic("soc@example.com", TicketTargetContract.TOKEN));
        Store first = Store.open(url); Store second = Store.open(url)) {
      Map<String, Target> targets = targets(jira);
      first.outbox().enqueue(List.of(change("new-to-jira", Change.NEW, "HIGH", T0)));
      assertThat(new Dispatcher(first.outbox(), first.tickets(), targets, ONE_AT_A_TIME,
          Clock.fixed(T0, ZoneOffset.UTC), new Random(1)).dispatch()).isEqualTo(new Dispatcher.Counts(1, 0, 0));
      jira.issues.get("SEC-1").status = "Closed";
      Instant reopenedAt = T0.plusSeconds(10);
      first.outbox().enqueue(List.of(change("new-to-jira", Change.REOPENED, "HIGH", reopenedAt),
          change("reopened-to-jira", Change.REOPENED, "HIGH", reopenedAt)));
      Instant now = reopenedAt.plusSeconds(1);
      CountDownLatch creating = new CountDownLatch(1);
      CountDownLatch letGo = new CountDownLatch(1);
      jira.holdFirstCreate(creating, letGo);

      Future<Dispatcher.Counts> one = pool.submit(() -> new Dispatcher(first.outbox(), first.tickets(), targets,
          ONE_AT_A_TIME, Clock.fixed(now, ZoneOffset.UTC), new Random(1)).dispatch());
      assertThat(creating.await(30, TimeUnit.SECONDS)).as("the first dispatcher opens the follow-up").isTrue();
      Dispatcher.Counts two = new Dispatcher(second.outbox(), second.tickets(), targets, ONE_AT_A_TIME,
          Clock.fixed(now, ZoneOffset.UTC), new Random(2)).dispatch();
      letGo.countDown();

      assertThat(one.get(60, TimeUnit.SECONDS)).isEqualTo(new Dispatcher.Counts(1, 0, 0));
      assertThat(two).isEqualTo(new Dispatcher.Counts(0, 1, 0));
      assertThat(jira.keys()).containsExactly("SEC-1", "SEC-2");
      Delivery waiting = second.outbox().deliveries(List.of(Delivery.Status.PENDING), 10).get(0);
      assertThat(waiting.lastError()).endsWith(": another dispatcher is opening the follow-up of SEC-1 for the"
          + " finding (reserved until 2026-12-01T00:05:00Z)");
      assertThat(waiting.nextAttemptAt()).isEqualTo(now.plusSeconds(5));

      Dispatcher.Counts later = new Dispatcher(second.outbox(), second.tickets(), targets, ONE_AT_A_TIME,
          Clock.fixed(now.plusSeconds(5), ZoneOffset.UTC), new Random(3)).dispatch();

      assertThat(later).isEqualTo(new Dispatcher.Counts(1, 0, 0));
      assertThat(jira.keys()).as("exactly one follow-up").containsExactly("SEC-1", "SEC-2");
      assertThat(first.tickets().ticket("tickets", KEY)).get().extracting(Tickets.Ticket::number, Tickets.Ticket::status)
          .containsExactly("SEC-2", Tickets.Status.OPEN);
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql"})
  void a_resolved_sent_while_a_follow_up_is_opened_keeps_its_reservation_so_no_second_follow_up(String database)
      throws Exception {
    String url = database.equals("h2") ? Store.defaultUrl(dir) : postgres.newSchemaUrl();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (FakeJira jira = new FakeJira(true, JiraTarget.basic("soc@example.com", TicketTargetContract.TOKEN));
        Store first = Store.open(url); Store second = Store.open(url)) {
      Map<String, Target> targets = linkedAndClosed(jira, first);
      Instant at = T0.plusSeconds(10);
      first.outbox().enqueue(List.of(change("reopened-to-jira", Change.REOPENED, "HIGH", at),
          change("resolved-to-jira", Change.RESOLVED, "HIGH", at.plusSeconds(1)),
          change("new-to-jira", Change.REOPENED, "HIGH", at.plusSeconds(2))));
      Instant now = at.plusSeconds(3);
      CountDownLatch creating = new CountDownLatch(1);
      CountDownLatch letGo = new CountDownLatch(1);
      jira.holdFirstCreate(creating, letGo);

      Future<Dispatcher.Counts> one = pool.submit(() -> new Dispatcher(first.outbox(), first.tickets(), targets,
          ONE_AT_A_TIME, Clock.fixed(now, ZoneOffset.UTC), new Random(1)).dispatch());
      assertThat(creating.await(30, TimeUnit.SECONDS)).as("the first dispatcher opens the follow-up").isTrue();
      Dispatcher.Counts two = new Dispatcher(second.outbox(), second.tickets(), targets, ONE_AT_A_TIME,
          Clock.fixed(now, ZoneOffset.UTC), new Random(2)).dispatch();
      letGo.countDown();

      assertThat(one.get(60, TimeUnit.SECONDS)).isEqualTo(new Dispatcher.Counts(1, 0, 0));
      assertThat(two).as("the RESOLVED sent, the second REOPENED told to wait").isEqualTo(new Dispatcher.Counts(1, 1, 0));
      assertThat(jira.keys()).as("exactly one follow-up").containsExactly("SEC-1", "SEC-2");
      Delivery waiting = second.outbox().deliveries(List.of(Delivery.Status.PENDING), 10).get(0);
      assertThat(waiting.lastError()).endsWith(": another dispatcher is opening the follow-up of SEC-1 for the"
          + " finding (reserved until 2026-12-01T00:05:00Z)");
      assertThat(first.tickets().ticket("tickets", KEY)).get().extracting(Tickets.Ticket::number, Tickets.Ticket::status)
          .containsExactly("SEC-2", Tickets.Status.OPEN);
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql"})
  void a_resolved_of_the_old_issue_saved_after_its_follow_up_was_linked_leaves_the_link_on_the_follow_up(
      String database) throws Exception {
    String url = database.equals("h2") ? Store.defaultUrl(dir) : postgres.newSchemaUrl();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (FakeJira jira = new FakeJira(true, JiraTarget.basic("soc@example.com", TicketTargetContract.TOKEN));
        Store first = Store.open(url); Store second = Store.open(url)) {
      Map<String, Target> targets = linkedAndClosed(jira, first);
      Instant at = T0.plusSeconds(10);
      first.outbox().enqueue(List.of(change("resolved-to-jira", Change.RESOLVED, "HIGH", at),
          change("reopened-to-jira", Change.REOPENED, "HIGH", at.plusSeconds(1))));
      Instant now = at.plusSeconds(2);
      CountDownLatch commenting = new CountDownLatch(1);
      CountDownLatch letGo = new CountDownLatch(1);
      jira.holdFirst("/issue/SEC-1/comment", commenting, letGo);

      Future<Dispatcher.Counts> one = pool.submit(() -> new Dispatcher(first.outbox(), first.tickets(), targets,
          ONE_AT_A_TIME, Clock.fixed(now, ZoneOffset.UTC), new Random(1)).dispatch());
      assertThat(commenting.await(30, TimeUnit.SECONDS)).as("the first dispatcher resolves SEC-1").isTrue();
      Dispatcher.Counts two = new Dispatcher(second.outbox(), second.tickets(), targets, ONE_AT_A_TIME,
          Clock.fixed(now, ZoneOffset.UTC), new Random(2)).dispatch();
      assertThat(two).as("the follow-up opened and linked").isEqualTo(new Dispatcher.Counts(1, 0, 0));
      letGo.countDown();

      assertThat(one.get(60, TimeUnit.SECONDS)).isEqualTo(new Dispatcher.Counts(1, 0, 0));
      assertThat(jira.keys()).containsExactly("SEC-1", "SEC-2");
      assertThat(jira.issues.get("SEC-1").comments).as("the RESOLVED told on SEC-1").hasSize(1);
      assertThat(first.tickets().ticket("tickets", KEY)).get().extracting(Tickets.Ticket::number, Tickets.Ticket::status)
          .containsExactly("SEC-2", Tickets.Status.OPEN);
      assertThat(sentDetail(url, "resolved-to-jira")).endsWith(": resolved SEC-1; the finding is now linked to SEC-2,"
          + " opened meanwhile by another dispatcher, and stays so");
    } finally {
      pool.shutdownNow();
    }
  }

  /** What the target answered to the SENT delivery of a route. */
  private static String sentDetail(String url, String route) throws java.sql.SQLException {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
        java.sql.PreparedStatement ps = c.prepareStatement("SELECT sent_detail FROM deliveries WHERE route = ?"
            + " AND status = 'SENT'")) {
      ps.setString(1, route);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("a SENT delivery of " + route).isTrue();
        return rs.getString(1);
      }
    }
  }

  /** The targets, after the finding's first issue, SEC-1, was created, linked and closed for good. */
  private Map<String, Target> linkedAndClosed(FakeJira jira, Store store) {
    Map<String, Target> targets = targets(jira);
    store.outbox().enqueue(List.of(change("new-to-jira", Change.NEW, "HIGH", T0)));
    assertThat(new Dispatcher(store.outbox(), store.tickets(), targets, ONE_AT_A_TIME,
        Clock.fixed(T0, ZoneOffset.UTC), new Random(1)).dispatch()).isEqualTo(new Dispatcher.Counts(1, 0, 0));
    jira.issues.get("SEC-1").status = "Closed";
    return targets;
  }
}
