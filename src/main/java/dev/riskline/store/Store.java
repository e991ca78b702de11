package dev.riskline.store;

import dev.riskline.finding.Finding;
import dev.riskline.finding.FindingId;
import dev.riskline.finding.Imports;
import dev.riskline.risk.Assessment;
import dev.riskline.route.Delivery;
import dev.riskline.schedule.Previous;
import dev.riskline.schedule.Scheduled;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;

/**
 * The findings Riskline holds and the history of every accepted import, in H2 (embedded, the default) or
 * PostgreSQL (for teams). {@link #open} migrates the schema first; {@link #importBatch} applies Security
 * Hub's import semantics ({@link Imports}) against what is stored, one transaction per batch, enqueueing
 * the deliveries made of each change ({@link Triaged#deliveries}). Its parts share its one connection: risk
 * acceptances ({@link #acceptances}), the outbox ({@link #outbox}) and the ticket links ({@link #tickets}).
 *
 * <p>Thread-safety: a store holds one database connection and its methods, and those of its parts, take
 * turns on it (they hold the store's lock), so one instance may be shared by threads but does one thing at
 * a time. Open one store per process; an H2 file is locked by the process that opened it. Several processes
 * share a PostgreSQL store safely: an import locks the rows of its identities until it commits. The action
 * given to {@link #forEach} runs while the store is busy and must not call the store or its parts.
 *
 * <p>Defaults: none beyond the URL; {@link #defaultUrl} gives the embedded store of a folder. Times are
 * kept to the microsecond.
 */
public final class Store implements AutoCloseable {
  /** The last sentence of every message about a store that cannot be used. */
  static final String CHOOSE_ANOTHER = "Use --store URL or RISKLINE_STORE to choose another store.";
  /** Rows fetched per round trip by {@link #forEach}. */
  static final int FETCH_SIZE = 500;

  private final String shownUrl;
  private final Dialect dialect;
  private final DataSource dataSource;
  private final StoreAcceptances acceptances;
  private final StoreOutbox outbox;
  private final StoreTickets tickets;
  private Connection connection;
  private boolean busyStreaming;
  private boolean closed;

  private Store(String shownUrl, Dialect dialect, DataSource dataSource, Connection connection) {
    this.shownUrl = shownUrl;
    this.dialect = dialect;
    this.dataSource = dataSource;
    this.connection = connection;
    this.acceptances = new StoreAcceptances(this);
    this.outbox = new StoreOutbox(this, dialect);
    this.tickets = new StoreTickets(this, dialect);
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
    if (path.contains(";")) throw new IllegalArgumentException("Expected a store folder without ';' but was " + dir);
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
    return transaction(c -> new ImportTransaction(c, dialect, now, triage).run(batch),
        e -> new StoreException("Cannot import " + batch.size() + " findings into store " + shownUrl + ": "
            + Failures.reason(e) + ImportTransaction.where(e) + ". Nothing of this batch was stored.", e));
  }

  /** The finding held for this identity and the attributes customers set on it, or empty. */
  public synchronized Optional<Imports.Held> find(FindingId id) {
    String sql = "SELECT " + Rows.ROW + " FROM findings WHERE finding_key = ?";
    return read("read finding " + id + " from", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, id.key());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(Rows.read(rs).held()) : Optional.empty();
        }
      }
    });
  }

  /** How many findings are held. */
  public synchronized long count() {
    return read("count the findings of", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM findings");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /**
   * Hands each matching finding to the action, in work-list order (severity CRITICAL first, then
   * {@code UpdatedAt} newest first, then key), fetching {@value #FETCH_SIZE} rows at a time rather than
   * loading them all. An exception of the action ends the walk and reaches the caller unchanged.
   *
   * @throws IllegalStateException when the action calls this store or one of its parts
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
    transaction("read findings from", c -> { // PostgreSQL streams with a cursor only inside a transaction
      busyStreaming = true;
      try (PreparedStatement ps = c.prepareStatement(select.sql(), ResultSet.TYPE_FORWARD_ONLY,
          ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(FETCH_SIZE);
        select.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) action.accept(Bodies.read(rs.getString(2), rs.getString(1)), Rows.previous(rs));
        }
      } finally {
        busyStreaming = false;
      }
      return null;
    });
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

  /** The risk acceptances held in this store and who did what to them. */
  public StoreAcceptances acceptances() {
    return acceptances;
  }

  /** The outbox of deliveries: the {@link dev.riskline.route.Outbox} dispatchers claim from. */
  public StoreOutbox outbox() {
    return outbox;
  }

  /** The ticket links and their reservations: the {@link dev.riskline.route.Tickets} of ticket targets. */
  public StoreTickets tickets() {
    return tickets;
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

  /** Statements that run on the store's connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs the work in one transaction, holding the store's lock: committed when it returns, rolled back when
   * it throws. A failed statement becomes a {@link StoreException} saying "Cannot {@code what} store URL".
   */
  synchronized <T> T transaction(String what, Work<T> work) {
    return transaction(work, e -> failed(what, e));
  }

  /** As {@link #transaction(String, Work)}, with the exception a failed statement becomes. */
  private synchronized <T> T transaction(Work<T> work, Function<SQLException, StoreException> failure) {
    Connection c = connection();
    try {
      c.setAutoCommit(false);
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException e) {
      rollback(c, e);
      throw failure.apply(e);
    } catch (RuntimeException e) {
      rollback(c, e);
      throw e;
    } finally {
      autoCommit(c);
    }
  }

  /** Runs reading statements outside a transaction, holding the store's lock; failures as in {@link #transaction}. */
  synchronized <T> T read(String what, Work<T> work) {
    try {
      return work.run(connection());
    } catch (SQLException e) {
      throw failed(what, e);
    }
  }

  private StoreException failed(String what, SQLException e) {
    return new StoreException("Cannot " + what + " store " + shownUrl + ": " + Failures.reason(e), e);
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
