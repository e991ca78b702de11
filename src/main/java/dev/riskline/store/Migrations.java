package dev.riskline.store;

import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The schema, by Flyway: the scripts in {@code db/migration} run once each, in version order, the same
 * on H2 and PostgreSQL; the {@code body_type} placeholder is the one type that differs. Flyway logs through
 * SLF4J, which the application binds to nothing, so migrating prints nothing.
 */
final class Migrations {
  static final String LOCATION = "classpath:db/migration";

  private Migrations() {}

  static void run(DataSource dataSource, Dialect dialect) {
    Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(LOCATION)
        .failOnMissingLocations(true)
        .placeholders(Map.of("body_type", dialect.bodyType()))
        .loggers("slf4j")
        .load()
        .migrate();
  }
}
