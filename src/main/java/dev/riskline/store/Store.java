package dev.riskline.store;

import dev.riskline.finding.Finding;
import dev.riskline.finding.FindingId;
import dev.riskline.finding.Imports;
import dev.riskline.risk.Assessment;
import dev.riskline.route.Delivery;
import dev.riskline.route.Outbox;
import dev.riskline.route.Tickets;
import dev.riskline.schedule.Previous;
import dev.riskline.schedule.Scheduled;
import dev.riskline.schedule.Acceptance;
import dev.riskline.schedule.AcceptancePolicy;
import dev.riskline.schedule.AcceptanceRequest;
import dev.riskline.schedule.Acceptances;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;

/**
 * The findings Riskline holds and the history of every accepted import, in H2 (embedded, the default) or
 * PostgreSQL (for teams). {@link #open} migrates the schema first; {@link #importBatch} applies Security
 * Hub's import semantics ({@link Imports}) against what is stored, one transaction per batch. It also keeps
 * risk acceptances ({@link #accept}, {@link #revoke}, {@link #acceptances}) and who did what to them
 * ({@link #acceptanceHistory}); acceptances are never deleted. And it is the outbox: deliveries enqueued
 * with a finding's new state ({@link Triaged#deliveries}) or on their own ({@link #enqueue}), claimed for a
 * lease by dispatchers ({@link #claimDue}, a digest group whole), recorded ({@link #markSent}, {@link #markRetry},
 * {@link #markDead}, {@link #postpone}), counted for rate limits ({@link #sentSince}), listed, retried and purged.
 * It holds each finding's ticket in each ticket target ({@link #ticket}, {@link #saveTicket}, {@link #tickets}) and
 * the reservations of their creation ({@link #reserve}, {@link #cancel}).
 *
 * <p>Thread-safety: a store holds one database connection and its methods take turns on it (they are
 * synchronized), so one instance may be shared by threads but does one thing at a time. Open one store per
 * process; an H2 file is locked by the process that opened it. Several processes share a PostgreSQL store
 * safely: an import locks the rows of its identities until it commits. The action given to
 * {@link #forEach} runs while the store is busy and must not call the store.
 *
 * <p>Defaults: none beyond the URL; {@link #defaultUrl} gives the embedded store of a folder. Times are
 * kept to the microsecond.
 */
public final class Store implements AutoCloseable, Outbox, Tickets {
  /** The last sentence of every message about a store that cannot be used. */
  static final String CHOOSE_ANOTHER = "Use --store URL or RISKLINE_STORE to choose another store.";
  /** Rows fetched per round trip by {@link #forEach}. */
  static final int FETCH_SIZE = 500;

  private final String shownUrl;
  private final Dialect dialect;
  private final DataSource dataSource;
  private Connection connection;
  private boolean busyStreaming;
  private boolean closed;

  private Store(String shownUrl, Dialect dialect, DataSource dataSource, Connection connection) {
    this.shownUrl = shownUrl;
    this.dialect = dialect;
    this.dataSource = dataSource;
    this.connection = connection;
  }

  /**
   * Opens the store at a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL and brings its schema up to
   * date. {@code jdbc:h2:mem:} gives a private store that lives until {@link #close}.
   *
   * @throws StoreException for another kind of URL, a database that cannot be reached or a failed migration
   */
  public static Store open(String jdbcUrl) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Dialect dialect = Dialect.of(jdbcUrl);
    String shown = Urls.redact(jdbcUrl);
    DataSource dataSource = dialect.dataSource(jdbcUrl);
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw new StoreException("Cannot open store " + shown + ": " + dialect.explain(e) + " " + CHOOSE_ANOTHER, e);
    }
    try {
      Migrations.run(dataSource, dialect);
    } catch (FlywayException e) {
      closeQuietly(connection);
      throw new StoreException("Cannot migrate store " + shown + ": " + e.getMessage() + " " + CHOOSE_ANOTHER, e);
    }
    return new Store(shown, dialect, dataSource, connection);
  }

  /**
   * The embedded store in a folder: an H2 file {@code riskline.mv.db} there, opened by one process at a
   * time ({@code AUTO_SERVER=FALSE}).
   */
  public static String defaultUrl(Path dir) {
    String path = dir.toAbsolutePath().normalize().resolve("riskline").toString();
    if (path.contains(";")) {
      throw new IllegalArgumentException("Expected a store folder without ';' but was " + dir);
    }
    return "jdbc:h2:file:" + path + ";AUTO_SERVER=FALSE";
  }

  /**
   * Imports a batch of valid findings (see {@code Asff.validate}) in one transaction: each record is
   * applied in order with {@link Imports#apply} against what is held, a later record seeing the result of
   * an earlier one of the same identity; every CREATED or UPDATED record writes the finding's new state and
   * one history row, a STALE one writes nothing. Batches of up to a few thousand records work best.
   *
   * @param now when this import happens: the history's {@code recordedAt} and the findings' last-seen time
   * @throws StoreException when a statement fails; then nothing of the batch was written
   */
  public synchronized ImportBatch importBatch(List<Finding> findings, Instant now) {
    return importBatch(findings, now, (provider, imported) -> imported);
  }

  /**
   * As {@link #importBatch(List, Instant)}, with the rest of the pipeline run on each CREATED or UPDATED
   * finding before it is stored: {@code triage} gets the provider's record and the finding as imported,
   * and returns what to store (e.g. after automation rules). It runs inside the transaction and must not
   * call the store.
   */
  public synchronized ImportBatch importBatch(List<Finding> findings, Instant now, BinaryOperator<Finding> triage) {
    Objects.requireNonNull(triage, "triage");
    return importBatch(findings, now, (Triager) (provider, imported, previous) ->
        new Triaged(triage.apply(provider, imported), null, -1, null));
  }

  /**
   * The rest of the pipeline, run on each CREATED or UPDATED finding inside the import transaction (it must
   * not call the store): the provider's record, the finding as imported and what the store decided about
   * it last time (null for a new finding, or one stored before risk was rated) in; the finding to store with
   * its risk and schedule out.
   */
  @FunctionalInterface
  public interface Triager {
    Triaged triage(Finding provider, Finding imported, Previous previous);
  }

  /**
   * What to store of one finding.
   *
   * @param finding the finding to store
   * @param risk its rating, or null to store none
   * @param rank the rating's place on the scale (0 = lowest, -1 = none), for ordering
   * @param schedule its due date and state, or null with {@code risk}
   * @param deliveries the messages routes made of its change, enqueued in the outbox in the same
   *     transaction (one whose idempotency key is already there is skipped)
   */
  public record Triaged(Finding finding, Assessment risk, int rank, Scheduled schedule, List<Delivery> deliveries) {
    public Triaged {
      Objects.requireNonNull(finding, "finding");
      if ((risk == null) != (schedule == null)) throw new IllegalArgumentException("risk and schedule go together");
      deliveries = List.copyOf(deliveries);
    }

    /** Nothing to deliver. */
    public Triaged(Finding finding, Assessment risk, int rank, Scheduled schedule) {
      this(finding, risk, rank, schedule, List.of());
    }
  }

  /**
   * As {@link #importBatch(List, Instant)}, with the pipeline run on each CREATED or UPDATED finding: the
   * finding, its risk and its schedule are stored together, and the next import of the finding sees them
   * as its previous decision.
   */
  public synchronized ImportBatch importBatch(List<Finding> findings, Instant now, Triager triage) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(triage, "triage");
    List<Finding> batch = List.copyOf(findings);
    if (batch.isEmpty()) return new ImportBatch(List.of());
    Connection c = connection();
    try {
      c.setAutoCommit(false);
      ImportBatch result = new ImportTransaction(c, dialect, now, triage).run(batch);
      c.commit();
      return result;
    } catch (SQLException e) {
      rollback(c, e);
      throw new StoreException("Cannot import " + batch.size() + " findings into store " + shownUrl + ": "
          + Failures.reason(e) + where(e) + ". Nothing of this batch was stored.", e);
    } catch (RuntimeException e) {
      rollback(c, e);
      throw e;
    } finally {
      autoCommit(c);
    }
  }

  /** The finding held for this identity and the attributes customers set on it, or empty. */
  public synchronized Optional<Imports.Held> find(FindingId id) {
    String sql = "SELECT " + Rows.ROW + " FROM findings WHERE finding_key = ?";
    try (PreparedStatement ps = connection().prepareStatement(sql)) {
      ps.setString(1, id.key());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Rows.read(rs).held()) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed("read finding " + id + " from", e);
    }
  }

  /** How many findings are held. */
  public synchronized long count() {
    try (PreparedStatement ps = connection().prepareStatement("SELECT COUNT(*) FROM findings");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw failed("count the findings of", e);
    }
  }

  /**
   * Hands each matching finding to the action, in work-list order (severity CRITICAL first, then
   * {@code UpdatedAt} newest first, then key), fetching {@value #FETCH_SIZE} rows at a time rather than
   * loading them all. An exception of the action ends the walk and reaches the caller unchanged.
   *
   * @throws IllegalStateException when the action calls this store
   */
  public synchronized void forEach(FindingQuery query, Consumer<Finding> action) {
    Objects.requireNonNull(action, "action");
    forEachScheduled(query, (f, previous) -> action.accept(f));
  }

  /**
   * As {@link #forEach}, with what was decided about each finding when it was last stored (its rating,
   * clock, due date and state), or null when none was.
   */
  public synchronized void forEachScheduled(FindingQuery query, BiConsumer<Finding, Previous> action) {
    Objects.requireNonNull(action, "action");
    QuerySql select = QuerySql.of(query);
    Connection c = connection();
    busyStreaming = true;
    try {
      c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
      try (PreparedStatement ps = c.prepareStatement(select.sql(), ResultSet.TYPE_FORWARD_ONLY,
          ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(FETCH_SIZE);
        select.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) action.accept(Bodies.read(rs.getString(2), rs.getString(1)), Rows.previous(rs));
        }
      }
      c.commit();
    } catch (SQLException e) {
      rollback(c, e);
      throw failed("read findings from", e);
    } catch (RuntimeException e) {
      rollback(c, e);
      throw e;
    } finally {
      busyStreaming = false;
      autoCommit(c);
    }
  }

  /** Every accepted import of this identity, oldest first; empty when the store never held it. */
  public synchronized List<HistoryEntry> history(FindingId id) {
    String sql = "SELECT seq, recorded_at, change, updated_at, body FROM finding_history"
        + " WHERE finding_key = ? ORDER BY seq";
    List<HistoryEntry> out = new ArrayList<>();
    String key = id.key();
    try (PreparedStatement ps = connection().prepareStatement(sql)) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new HistoryEntry(rs.getLong("seq"), Rows.time(rs, "recorded_at"), rs.getString("change"),
              Rows.time(rs, "updated_at"), Bodies.read(rs.getString("body"), key)));
        }
      }
    } catch (SQLException e) {
      throw failed("read the history of finding " + id + " from", e);
    }
    return out;
  }

  /**
   * How many findings there are per value of one column, most first (ties by value). Columns:
   * {@code severity}, {@code workflow}, {@code record_state}, {@code compliance}, {@code account},
   * {@code product}. Findings without a value (no compliance status, for one) count under {@code ""}.
   *
   * @throws IllegalArgumentException for another column name
   */
  public synchronized Map<String, Long> countBy(String column) {
    String sql = QuerySql.countBy(column);
    Map<String, Long> out = new LinkedHashMap<>();
    try (PreparedStatement ps = connection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.merge(Objects.toString(rs.getString(1), ""), rs.getLong(2), Long::sum);
    } catch (SQLException e) {
      throw failed("count findings by " + column + " in", e);
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Accepts a risk: stores the acceptance the policy makes of this request at {@code now}, with a new
   * short id ({@code acc-} and 8 hex digits), and a CREATED event (actor: the owner), in one transaction.
   * The policy checks the times as given; they are stored, and returned, to the microsecond.
   *
   * @throws dev.riskline.finding.RisklineException bad input when the expiry breaks the policy
   * @throws StoreException when a statement fails; then nothing was stored
   */
  public synchronized Acceptance accept(AcceptanceRequest request, AcceptancePolicy policy, Instant now) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(now, "now");
    return transaction("store an acceptance in", c -> AcceptanceRows.insert(c, request, policy, now));
  }

  /**
   * Revokes an active acceptance at {@code now} and records a REVOKED event, in one transaction.
   *
   * @throws dev.riskline.finding.RisklineException bad input for an unknown id, an acceptance already
   *     revoked or expired, or a blank revoker or reason
   */
  public synchronized Acceptance revoke(String id, String by, String reason, Instant now) {
    Objects.requireNonNull(id, "id");
    Instant at = Rows.micros(Objects.requireNonNull(now, "now"));
    return transaction("revoke acceptance " + id + " in", c -> AcceptanceRows.revoke(c, id, by, reason, at));
  }

  /** The acceptance with this id, or empty. */
  public synchronized Optional<Acceptance> acceptance(String id) {
    try {
      return AcceptanceRows.find(connection(), id, false);
    } catch (SQLException e) {
      throw failed("read acceptance " + id + " from", e);
    }
  }

  /**
   * The acceptances active at {@code now} ({@link Acceptance#activeAt}), or with {@code includeInactive}
   * every one ever made (expired, revoked, not yet in force); soonest expiry first.
   */
  public synchronized List<Acceptance> acceptances(boolean includeInactive, Instant now) {
    Objects.requireNonNull(now, "now");
    try {
      return AcceptanceRows.list(connection(), includeInactive, now);
    } catch (SQLException e) {
      throw failed("read the acceptances of", e);
    }
  }

  /** The acceptances active at {@code now}, ready to tell which covers a finding. */
  public synchronized Acceptances activeAcceptances(Instant now) {
    return Acceptances.of(acceptances(false, now));
  }

  /** What was done to this acceptance, oldest first; empty for an unknown id. */
  public synchronized List<AcceptanceEvent> acceptanceHistory(String id) {
    try {
      return AcceptanceRows.history(connection(), id);
    } catch (SQLException e) {
      throw failed("read the history of acceptance " + id + " from", e);
    }
  }

  /**
   * Puts deliveries in the outbox as PENDING, due at their {@code nextAttemptAt}, in one transaction; one
   * whose idempotency key is already there (sent, pending or dead) is skipped, so enqueueing again adds
   * nothing. To enqueue with a finding's new state, return them in {@link Triaged#deliveries} instead.
   *
   * @return how many were new
   */
  public synchronized int enqueue(List<Delivery> deliveries) {
    List<Delivery> all = List.copyOf(deliveries);
    return transaction("enqueue " + all.size() + " deliveries in", c -> OutboxRows.enqueue(c, dialect, all));
  }

  /**
   * Claims up to {@code max} due deliveries (PENDING, {@code nextAttemptAt} at or before {@code now}, not
   * claimed by a lease still running) until {@code now + lease}, oldest due first, in one transaction; a due
   * digest group comes whole, counted once towards {@code max}. No delivery goes to two claimers whose
   * leases overlap: on PostgreSQL a row being claimed by another process is skipped ({@code FOR UPDATE SKIP
   * LOCKED}; a group is claimed through its first member). A claimer that stops before recording the outcome
   * leaves the delivery to be claimed again when the lease is over: it is sent once more, never lost.
   */
  @Override
  public synchronized List<Delivery> claimDue(Instant now, int max, Duration lease) {
    Objects.requireNonNull(now, "now");
    if (max < 1) throw new IllegalArgumentException("Expected max of at least 1 but was " + max);
    if (lease.isNegative() || lease.isZero()) throw new IllegalArgumentException("Expected a positive lease but was " + lease);
    return transaction("claim deliveries in", c -> OutboxRows.claim(c, now, max, lease));
  }

  /** Records a delivery as SENT at {@code now}, with the target's answer; false for an unknown id. */
  public boolean markSent(long id, Instant now, String detail) {
    return markSent(List.of(id), now, detail) == 1;
  }

  /** Records deliveries (a digest's members) as SENT at {@code now} in one transaction; how many. */
  @Override
  public synchronized int markSent(List<Long> ids, Instant now, String detail) {
    Objects.requireNonNull(now, "now");
    List<Long> all = List.copyOf(ids);
    return transaction("record " + all.size() + " deliveries as sent in", c -> OutboxRows.sent(c, all, now, detail));
  }

  /** Records a failed attempt of a PENDING delivery, due again at {@code nextAttemptAt}; false if not PENDING. */
  public boolean markRetry(long id, Instant nextAttemptAt, String error) {
    return markRetry(List.of(id), nextAttemptAt, error) == 1;
  }

  /** As {@link #markRetry(long, Instant, String)} for deliveries sent as one, in one transaction; how many. */
  @Override
  public synchronized int markRetry(List<Long> ids, Instant nextAttemptAt, String error) {
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    List<Long> all = List.copyOf(ids);
    return transaction("record a retry of " + all.size() + " deliveries in",
        c -> OutboxRows.retry(c, all, nextAttemptAt, error));
  }

  /** Records the last attempt of a PENDING delivery as failed for good: DEAD with its error; false if not PENDING. */
  public boolean markDead(long id, String error) {
    return markDead(List.of(id), error) == 1;
  }

  /** As {@link #markDead(long, String)} for deliveries sent as one, in one transaction; how many. */
  @Override
  public synchronized int markDead(List<Long> ids, String error) {
    List<Long> all = List.copyOf(ids);
    return transaction("record " + all.size() + " deliveries as dead in", c -> OutboxRows.dead(c, all, error));
  }

  /** Holds PENDING deliveries back until {@code until}, their attempts unchanged and their claim ended; how many. */
  @Override
  public synchronized int postpone(List<Long> ids, Instant until) {
    Objects.requireNonNull(until, "until");
    List<Long> all = List.copyOf(ids);
    return transaction("postpone " + all.size() + " deliveries in", c -> OutboxRows.postpone(c, all, until));
  }

  /**
   * When the latest messages of {@code route} to {@code target} were sent after {@code since}: at most
   * {@code max}, newest first, a digest counted once.
   */
  @Override
  public synchronized List<Instant> sentSince(String route, String target, Instant since, int max) {
    Objects.requireNonNull(since, "since");
    try {
      return OutboxRows.sentSince(connection(), route, target, since, max);
    } catch (SQLException e) {
      throw failed("count the messages of route " + route + " to " + target + " in", e);
    }
  }

  /** Ends the claims of these deliveries, not attempted, so they may be claimed again at once; how many were PENDING. */
  @Override
  public synchronized int release(List<Long> ids) {
    List<Long> which = List.copyOf(ids);
    return transaction("release " + which.size() + " claimed deliveries in", c -> OutboxRows.release(c, which));
  }

  /**
   * When the next PENDING delivery may be claimed: the earliest {@code nextAttemptAt}, or the end of a
   * delivery's lease when that is later; empty when none is PENDING. A worker sleeps until then.
   */
  public synchronized Optional<Instant> nextDue() {
    try {
      return Optional.ofNullable(OutboxRows.nextDue(connection()));
    } catch (SQLException e) {
      throw failed("read when the next delivery is due from", e);
    }
  }

  /** The deliveries with one of these statuses (every one when empty), newest first, at most {@code limit}. */
  public synchronized List<Delivery> deliveries(Collection<Delivery.Status> statuses, int limit) {
    try {
      return OutboxRows.list(connection(), statuses, limit);
    } catch (SQLException e) {
      throw failed("read the deliveries of", e);
    }
  }

  /** The deliveries of one finding (by its identity key), whatever their status, newest first, at most {@code limit}. */
  public synchronized List<Delivery> deliveries(String findingKey, int limit) {
    try {
      return OutboxRows.ofFinding(connection(), findingKey, limit);
    } catch (SQLException e) {
      throw failed("read the deliveries of " + findingKey + " from", e);
    }
  }

  /**
   * Makes these DEAD deliveries (every DEAD one when {@code ids} is null) PENDING again, due at {@code now};
   * their attempts are kept, so each gets one more try before it is DEAD again. Ids of deliveries that are
   * not DEAD are ignored; a digest member brings the DEAD members of its group along.
   *
   * @return how many were made PENDING
   */
  public synchronized int retry(List<Long> ids, Instant now) {
    Objects.requireNonNull(now, "now");
    List<Long> which = ids == null ? null : List.copyOf(ids);
    return transaction("retry deliveries in", c -> OutboxRows.revive(c, which, now));
  }

  /**
   * Deletes the deliveries with one of these statuses that were sent (or, never sent, enqueued) before
   * {@code olderThan}; how many.
   */
  public synchronized int purge(Instant olderThan, Collection<Delivery.Status> statuses) {
    Objects.requireNonNull(olderThan, "olderThan");
    List<Delivery.Status> which = List.copyOf(statuses);
    return transaction("purge deliveries from", c -> OutboxRows.purge(c, olderThan, which));
  }

  /** The ticket of a finding in a ticket target, if it has one. */
  @Override
  public synchronized Optional<Ticket> ticket(String target, String findingKey) {
    try {
      return TicketRows.find(connection(), target, findingKey);
    } catch (SQLException e) {
      throw failed("read the ticket of " + findingKey + " in " + target + " from", e);
    }
  }

  /** Records the ticket of (target, finding key) in one transaction, replacing the one held but keeping its creation time. */
  @Override
  public synchronized void saveTicket(Ticket ticket) {
    Objects.requireNonNull(ticket, "ticket");
    transaction("record ticket " + ticket.number() + " in", c -> {
      TicketRows.save(c, ticket);
      return null;
    });
  }

  /** Every linked ticket of a finding, by target name. */
  @Override
  public synchronized List<Ticket> tickets(String findingKey) {
    try {
      return TicketRows.ofFinding(connection(), findingKey);
    } catch (SQLException e) {
      throw failed("read the tickets of " + findingKey + " from", e);
    }
  }

  /**
   * Reserves the creation of the ticket of (target, finding key) in one transaction: a CREATING row that
   * the primary key lets one caller insert, whatever process it runs in ({@link Tickets#reserve}).
   */
  @Override
  public synchronized Reservation reserve(String target, String findingKey, Instant now, Duration lease) {
    Objects.requireNonNull(now, "now");
    if (lease.isNegative() || lease.isZero()) throw new IllegalArgumentException("Expected a positive lease but was " + lease);
    return transaction("reserve the ticket of " + findingKey + " in " + target + " in",
        c -> TicketRows.reserve(c, dialect, target, findingKey, now, lease));
  }

  /** Ends a reservation that linked no ticket, unless it was taken over or completed since. */
  @Override
  public synchronized void cancel(Reservation reservation) {
    transaction("cancel the reservation of the ticket of " + reservation.findingKey() + " in", c ->
        TicketRows.cancel(c, reservation));
  }

  /** Closes the connection; an H2 store is written out and its file unlocked. Closing twice does nothing. */
  @Override
  public synchronized void close() {
    if (busyStreaming) throw calledFromForEach();
    if (closed) return;
    closed = true;
    try {
      connection.close();
    } catch (SQLException e) {
      throw failed("close", e);
    }
  }

  @Override
  public String toString() {
    return "Store[" + shownUrl + "]";
  }

  /** The connection, opened again if the database dropped it since the last call. */
  private Connection connection() {
    if (closed) throw new IllegalStateException("The store " + shownUrl + " is closed");
    if (busyStreaming) throw calledFromForEach();
    try {
      if (connection.isClosed()) connection = dataSource.getConnection();
      return connection;
    } catch (SQLException e) {
      throw new StoreException("Cannot reach store " + shownUrl + ": " + dialect.explain(e) + " " + CHOOSE_ANOTHER, e);
    }
  }

  private IllegalStateException calledFromForEach() {
    return new IllegalStateException("The action of Store.forEach called the store " + shownUrl
        + "; collect what it needs and call the store after forEach returns");
  }

  /** Statements that run in one transaction on the store's connection. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
  private <T> T transaction(String what, Work<T> work) {
    Connection c = connection();
    try {
      c.setAutoCommit(false);
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException e) {
      rollback(c, e);
      throw failed(what, e);
    } catch (RuntimeException e) {
      rollback(c, e);
      throw e;
    } finally {
      autoCommit(c);
    }
  }

  private StoreException failed(String what, SQLException e) {
    return new StoreException("Cannot " + what + " store " + shownUrl + ": " + Failures.reason(e), e);
  }

  private static String where(SQLException e) {
    return e instanceof ImportTransaction.RecordFailed f ? " at findings[" + f.position() + "]" : "";
  }

  private static void rollback(Connection c, Exception failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static void autoCommit(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException e) {
      // the connection is broken; the next call opens another
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // already failing with a better reason
    }
  }
}
