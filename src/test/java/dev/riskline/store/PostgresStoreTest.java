package dev.riskline.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL, each test in a schema of its own that is dropped afterwards; skipped or
 * failed when PostgreSQL cannot be reached, as {@link TestPostgres} says.
 */
class PostgresStoreTest extends StoreContract {
  static final String DEFAULT_URL = TestPostgres.DEFAULT_URL;
  private static final String BASE_URL = TestPostgres.BASE_URL;
  private final TestPostgres postgres = new TestPostgres();

  @BeforeAll
  static void requirePostgres() {
    TestPostgres.unusable();
  }

  @Override
  String productArnTooLong() {
    return "value too long for type character varying(2048)";
  }

  @Override
  String newStoreUrl() {
    return postgres.newSchemaUrl();
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
    postgres.close();
  }
}
