package dev.riskline.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL, each test in a schema of its own that is dropped afterwards.
 * {@code RISKLINE_TEST_POSTGRES_URL} names the database (default below); {@code RISKLINE_TEST_POSTGRES}
 * says what to do when it cannot be reached: {@code auto} (default) skips these tests, {@code required}
 * fails them.
 */
class PostgresStoreTest extends StoreContract {
  static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=root";
  private static final String BASE_URL = env("RISKLINE_TEST_POSTGRES_URL", DEFAULT_URL);
  /** Why PostgreSQL cannot be used, or null when it can. */
  private static String unusable;
  private final List<String> schemas = new ArrayList<>();

  @BeforeAll
  static void requirePostgres() {
    String mode = env("RISKLINE_TEST_POSTGRES", "auto").toLowerCase(Locale.ROOT);
    if (!mode.equals("auto") && !mode.equals("required")) {
      fail("Expected RISKLINE_TEST_POSTGRES to be auto or required but was " + mode);
    }
    try (Connection c = DriverManager.getConnection(BASE_URL)) {
      c.isValid(5);
    } catch (SQLException e) {
      String why = "PostgreSQL at " + Urls.redact(BASE_URL) + " cannot be reached (" + e.getMessage() + ")";
      if (mode.equals("required")) {
        fail(why + " and RISKLINE_TEST_POSTGRES=required. Start PostgreSQL or set RISKLINE_TEST_POSTGRES_URL.");
      }
      unusable = why + ": PostgreSQL store tests skipped. Set RISKLINE_TEST_POSTGRES=required to fail instead.";
    }
  }

  @Override
  String productArnTooLong() {
    return "value too long for type character varying(2048)";
  }

  @Override
  String newStoreUrl() {
    assumeTrue(unusable == null, unusable); // each test is reported as skipped, with the reason
    String schema = "riskline_test_" + UUID.randomUUID().toString().replace("-", "");
    execute("CREATE SCHEMA " + schema);
    schemas.add(schema);
    return BASE_URL + (BASE_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  @Test
  void a_database_that_does_not_exist_is_named() {
    String url = BASE_URL.replaceFirst("/[^/?]+(\\?|$)", "/riskline_no_such_database$1");

    assertThatThrownBy(() -> Store.open(url))
        .isInstanceOf(StoreException.class)
        .hasMessage("Cannot open store " + Urls.redact(url) + ": database \"riskline_no_such_database\" does not exist."
            + " Use --store URL or RISKLINE_STORE to choose another store.");
  }

  @Override
  void dropStores() {
    schemas.forEach(s -> execute("DROP SCHEMA " + s + " CASCADE"));
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(BASE_URL); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
