package dev.riskline.store;

import static dev.riskline.store.TestFindings.finding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.riskline.finding.Finding;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import speed: 100,000 generated findings in batches of 500 into a new store, then the same identities
 * again with a newer UpdatedAt, then one pass of forEach over all. Off by default; run with
 * {@code mvn -B -q test -Dtest=StoreBenchmark -Driskline.benchmark=true} (PostgreSQL at
 * {@code RISKLINE_TEST_POSTGRES_URL} or its default). Figures go to docs/BENCHMARKS.md.
 */
@EnabledIfSystemProperty(named = "riskline.benchmark", matches = "true")
class StoreBenchmark {
  static final int FINDINGS = 100_000;
  static final int BATCH = 500;
  private static final String[] LABELS = {"INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"};
  private static final String[] PRODUCTS = {"Security Hub", "Inspector", "GuardDuty"};

  @TempDir
  Path dir;

  @Test
  void h2_file() {
    run("H2 file", Store.defaultUrl(dir));
  }

  @Test
  void postgresql() throws SQLException {
    String base = System.getenv().getOrDefault("RISKLINE_TEST_POSTGRES_URL", PostgresStoreTest.DEFAULT_URL);
    String schema = "riskline_bench_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      try {
        run("PostgreSQL", base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
      } finally {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private static void run(String name, String url) {
    List<Finding> created = generate("2026-01-05T10:00:00.000Z");
    List<Finding> updated = generate("2026-01-06T10:00:00.000Z");
    try (Store store = Store.open(url)) {
      double create = importAll(store, created);
      double update = importAll(store, updated);
      long start = System.nanoTime();
      long[] seen = new long[1];
      store.forEach(FindingQuery.all(), f -> seen[0]++);
      double stream = seconds(start);
      assertThat(store.count()).isEqualTo(FINDINGS);
      assertThat(seen[0]).isEqualTo(FINDINGS);
      System.err.printf(Locale.ROOT, "%s: create %,d in %.1f s (%,.0f/s); update %.1f s (%,.0f/s); forEach %.1f s%n",
          name, FINDINGS, create, FINDINGS / create, update, FINDINGS / update, stream);
    }
  }

  private static double importAll(Store store, List<Finding> findings) {
    long start = System.nanoTime();
    for (int from = 0; from < findings.size(); from += BATCH) {
      store.importBatch(findings.subList(from, Math.min(findings.size(), from + BATCH)), Instant.now());
    }
    return seconds(start);
  }

  private static List<Finding> generate(String updatedAt) {
    List<Finding> out = new ArrayList<>(FINDINGS);
    for (int i = 0; i < FINDINGS; i++) {
      out.add(finding("bench-" + i, updatedAt, String.format(Locale.ROOT, """
          {"Severity": {"Label": "%s"}, "AwsAccountId": "%012d", "ProductName": "%s",
           "Title": "Generated finding %d", "Compliance": {"Status": "FAILED", "SecurityControlId": "S3.%d"},
           "Resources": [{"Type": "AwsS3Bucket", "Id": "arn:aws:s3:::bucket-%d"}]}
          """, LABELS[i % LABELS.length], 100_000_000_000L + i % 50, PRODUCTS[i % PRODUCTS.length], i, i % 20, i)));
    }
    return out;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
