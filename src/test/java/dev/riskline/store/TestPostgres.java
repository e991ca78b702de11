package dev.riskline.store;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * PostgreSQL for tests: each store in a schema of its own, dropped by {@link #close}.
 * {@code RISKLINE_TEST_POSTGRES_URL} names the database (default below); {@code RISKLINE_TEST_POSTGRES} says
 * what to do when it cannot be reached: {@code auto} (default) skips the tests that need it, {@code required}
 * fails them. Not thread-safe: one per test.
 */
public final class TestPostgres implements AutoCloseable {
  public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=root";
  public static final String BASE_URL = env("RISKLINE_TEST_POSTGRES_URL", DEFAULT_URL);
  /** Why PostgreSQL cannot be used ("" when it can), found out once. */
  private static String unusable;
  private final List<String> schemas = new ArrayList<>();

  /**
   * Whether PostgreSQL can be used: null when it can, else why not, for a skipped test to say.
   * Fails (the calling test or {@code @BeforeAll}) when it cannot and {@code RISKLINE_TEST_POSTGRES=required}.
   */
  public static synchronized String unusable() {
    String mode = env("RISKLINE_TEST_POSTGRES", "auto").toLowerCase(Locale.ROOT);
    if (!mode.equals("auto") && !mode.equals("required")) {
      fail("Expected RISKLINE_TEST_POSTGRES to be auto or required but was " + mode);
    }
    if (unusable == null) {
      try (Connection c = DriverManager.getConnection(BASE_URL)) {
        c.isValid(5);
        unusable = "";
      } catch (SQLException e) {
        unusable = "PostgreSQL at " + Urls.redact(BASE_URL) + " cannot be reached (" + e.getMessage() + ")";
      }
    }
    if (unusable.isEmpty()) return null;
    if (mode.equals("required")) {
      fail(unusable + " and RISKLINE_TEST_POSTGRES=required. Start PostgreSQL or set RISKLINE_TEST_POSTGRES_URL.");
    }
    return unusable + ": PostgreSQL tests skipped. Set RISKLINE_TEST_POSTGRES=required to fail instead.";
  }

  /** The URL of a new, empty schema; the test is reported as skipped, with the reason, when PostgreSQL cannot be used. */
  public String newSchemaUrl() {
    String why = unusable();
    assumeTrue(why == null, why);
    String schema = "riskline_test_" + UUID.randomUUID().toString().replace("-", "");
    execute("CREATE SCHEMA " + schema);
    schemas.add(schema);
    return BASE_URL + (BASE_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Runs one statement on the base URL. */
  public static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(BASE_URL); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Drops the schemas made. */
  @Override
  public void close() {
    schemas.forEach(s -> execute("DROP SCHEMA " + s + " CASCADE"));
    schemas.clear();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
