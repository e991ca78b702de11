package dev.riskline.store;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.PGStatement;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What differs between the two databases: how a URL is recognised and connected, the type of the JSON
 * body column, the upsert and insert-unless-present statements, and how a failed connection is explained.
 * Everything else in the store is plain SQL that both run unchanged.
 */
enum Dialect {
  H2("jdbc:h2:", "CHARACTER VARYING(1000000)") {
    @Override
    DataSource dataSource(String url) {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL(privateMemoryUrl(url));
      return ds;
    }

    /** H2's own MERGE: the row replaces the one with the same key (first_seen_at is carried over by the caller). */
    @Override
    String upsert() {
      return "MERGE INTO findings (" + String.join(", ", Rows.COLUMNS) + ") KEY (finding_key) VALUES ("
          + placeholders(Rows.COLUMNS.size()) + ")";
    }

    /**
     * H2 has no ON CONFLICT: the row is inserted only when no row has its key. Of two writers at once, the
     * second may fail on the key instead ({@link #duplicateKey}).
     */
    @Override
    String insertUnlessKeyExists(String table, List<String> columns, String key) {
      return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + placeholders(columns.size())
          + " FROM (VALUES (0)) one WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE "
          + String.join(" = ? AND ", key.split(",\\s*")) + " = ?)";
    }

    @Override
    boolean keyRepeatedLast() {
      return true;
    }

    @Override
    String explain(SQLException e) {
      if (e.getErrorCode() == DATABASE_ALREADY_OPEN) {
        return "the database is in use by another process. Is another riskline running on it?";
      }
      return Failures.reason(e) + ".";
    }
  },

  POSTGRES("jdbc:postgresql:", "TEXT") {
    @Override
    DataSource dataSource(String url) {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(url);
      return ds;
    }

    /** INSERT ... ON CONFLICT: an existing row keeps the first_seen_at it has, even under concurrent imports. */
    @Override
    String upsert() {
      String updates = Rows.COLUMNS.stream()
          .filter(c -> !c.equals("finding_key") && !c.equals("first_seen_at"))
          .map(c -> c + " = EXCLUDED." + c)
          .collect(Collectors.joining(", "));
      return "INSERT INTO findings (" + String.join(", ", Rows.COLUMNS) + ") VALUES ("
          + placeholders(Rows.COLUMNS.size()) + ") ON CONFLICT (finding_key) DO UPDATE SET " + updates;
    }

    /**
     * The driver prepares a statement on the server after a few uses, and PostgreSQL then plans it once for
     * any values: an IN list of hundreds of parameters becomes a linear search of every row. An unnamed
     * statement is planned with its values (a hashed IN list, the primary key index).
     */
    @Override
    void planWithValues(PreparedStatement ps) throws SQLException {
      ps.unwrap(PGStatement.class).setPrepareThreshold(0);
    }

    /** ON CONFLICT DO NOTHING: safe against another writer inserting the same key at the same time. */
    @Override
    String insertUnlessKeyExists(String table, List<String> columns, String key) {
      return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + placeholders(columns.size())
          + ") ON CONFLICT (" + key + ") DO NOTHING";
    }

    @Override
    String explain(SQLException e) {
      if (cause(e, ConnectException.class) != null) return "connection refused. Is PostgreSQL running?";
      Throwable unknownHost = cause(e, UnknownHostException.class);
      if (unknownHost != null) return "unknown host " + unknownHost.getMessage() + ". Is the host name right?";
      String state = String.valueOf(e.getSQLState());
      if (state.startsWith("28")) return Failures.reason(e) + ". Check the user and password in the URL.";
      return Failures.reason(e) + ".";
    }
  };

  /** H2's error code when the database file is locked by another process. */
  private static final int DATABASE_ALREADY_OPEN = 90020;
  private static final List<Dialect> ALL = List.of(values());

  private final String prefix;
  private final String bodyType;

  Dialect(String prefix, String bodyType) {
    this.prefix = prefix;
    this.bodyType = bodyType;
  }

  /** The dialect of this JDBC URL; a StoreException for any other kind of URL. */
  static Dialect of(String url) {
    for (Dialect d : ALL) {
      if (url.toLowerCase(Locale.ROOT).startsWith(d.prefix)) return d;
    }
    throw new StoreException("Cannot open store " + Urls.redact(url) + ": expected a URL starting with "
        + ALL.stream().map(d -> d.prefix).collect(Collectors.joining(" or ")) + ". " + Store.CHOOSE_ANOTHER);
  }

  /** A data source of the database driver itself (no pool): the store holds one connection, Flyway its own. */
  abstract DataSource dataSource(String url);

  /** The statement that writes one findings row, with its parameters in the order of {@link Rows#COLUMNS}. */
  abstract String upsert();

  /**
   * The statement that inserts one row unless a row with the same unique {@code key} (a column, or columns
   * apart by commas) is there, with its parameters in the order of {@code columns}, then (when {@link
   * #keyRepeatedLast}) the key's values once more.
   */
  abstract String insertUnlessKeyExists(String table, List<String> columns, String key);

  /** Whether {@link #insertUnlessKeyExists} takes the key again as its last parameter. */
  boolean keyRepeatedLast() {
    return false;
  }

  /** Whether a statement failed because another writer holds a row with the same key (SQLSTATE 23505). */
  static boolean duplicateKey(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /** Makes the database plan this statement for the values it is run with, every time. */
  void planWithValues(PreparedStatement ps) throws SQLException {}

  /** Why a connection could not be made, as a sentence fragment with advice, for the StoreException. */
  abstract String explain(SQLException e);

  /** The SQL type of the JSON body columns: the {@code body_type} placeholder of the migrations. */
  String bodyType() {
    return bodyType;
  }

  /**
   * {@code jdbc:h2:mem:} without a name opens a new private database on every connection, so the store's
   * connection and Flyway's would not see the same one. A unique name keeps it private and shared by
   * both; it lives as long as the store's connection.
   */
  static String privateMemoryUrl(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.equals("jdbc:h2:mem:") && !lower.startsWith("jdbc:h2:mem:;")) return url;
    return "jdbc:h2:mem:riskline-" + UUID.randomUUID() + url.substring("jdbc:h2:mem:".length());
  }

  private static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  private static Throwable cause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) return t;
    }
    return null;
  }
}
