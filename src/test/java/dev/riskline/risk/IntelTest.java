package dev.riskline.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.finding.RisklineException;
import dev.riskline.risk.Intel.EpssMeta;
import dev.riskline.risk.Intel.KevCatalog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Loading the KEV catalog and EPSS scores from files as published, and refusing files that are not. */
class IntelTest {
  static final Path KEV = Path.of("examples/intel/known_exploited_vulnerabilities.json");
  static final Path EPSS_SAMPLE = Path.of("examples/intel/epss_scores-sample.csv");
  private static final Path SHARED_KEV = Path.of("../shared/data/kev/known_exploited_vulnerabilities.json");
  private static final Path FIXTURES = Path.of("src/test/resources/intel");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void the_real_kev_snapshot_loads_with_its_header_and_entries() {
    Intel intel = Intel.load(KEV, null);

    KevCatalog catalog = intel.kevCatalog();
    assertThat(catalog.catalogVersion()).isEqualTo("2025.08.25");
    assertThat(catalog.dateReleased()).isEqualTo(Instant.parse("2025-08-25T17:04:19.9796Z"));
    assertThat(catalog.count()).isEqualTo(1404);
    assertThat(catalog.source()).isEqualTo(KEV);
    assertThat(intel.kev("CVE-2021-44228")).contains(new KevEntry("CVE-2021-44228", "Apache", "Log4j2",
        "Apache Log4j2 Remote Code Execution Vulnerability", LocalDate.parse("2021-12-10"),
        LocalDate.parse("2021-12-24"), true));
    assertThat(intel.kev("CVE-2024-3094")).isEmpty();
    assertThat(intel.epssMeta()).isNull();
    assertThat(intel.epss("CVE-2021-44228")).isEmpty();
  }

  @Test
  void kev_entries_due_before_they_were_added_are_accepted_as_published() {
    KevEntry printNightmare = Intel.load(KEV, null).kev("CVE-2021-34527").orElseThrow();

    assertThat(printNightmare.dateAdded()).isEqualTo("2021-11-03");
    assertThat(printNightmare.dueDate()).isEqualTo("2021-07-20");
    assertThat(printNightmare.knownRansomware()).isTrue();
  }

  @Test
  void the_example_kev_file_is_the_cisa_snapshot_unchanged() throws Exception {
    assumeTrue(Files.exists(SHARED_KEV), "the CISA KEV snapshot is not at " + SHARED_KEV);
    assertThat(Files.mismatch(KEV, SHARED_KEV)).isEqualTo(-1L);
  }

  @Test
  void look_ups_take_the_canonical_cve_id_only() {
    Intel intel = Intel.load(KEV, FIXTURES.resolve("epss-offset.csv"));

    for (String id : List.of("cve-2021-44228", "CVE-2021-044228", " CVE-2021-44228", "GHSA-jfh8-c2jp-5v3q",
        "ALAS2-2021-1234", "CVE-2021", "")) {
      assertThat(intel.kev(id)).as(id).isEmpty();
      assertThat(intel.epss(id)).as(id).isEmpty();
    }
    assertThat(intel.kev(null)).isEmpty();
    assertThat(intel.epss(null)).isEmpty();
    assertThat(intel.kev("CVE-2021-44228")).isPresent();
    assertThat(intel.epss("CVE-2021-44228")).isPresent();
  }

  @Test
  void epss_loads_a_plain_file_with_an_offset_score_date() {
    Intel intel = Intel.load(null, FIXTURES.resolve("epss-offset.csv"));

    assertThat(intel.epssMeta()).isEqualTo(new EpssMeta("v2025.03.14", Instant.parse("2026-05-18T00:00:00Z"), 5,
        FIXTURES.resolve("epss-offset.csv")));
    LocalDate day = LocalDate.parse("2026-05-18");
    assertThat(intel.epss("CVE-2021-44228")).contains(new EpssScore("CVE-2021-44228", 0.94358, 0.99961, day));
    assertThat(intel.epss("CVE-1999-0001")).contains(new EpssScore("CVE-1999-0001", 0.0046, 0.7385, day));
    assertThat(intel.epss("CVE-2021-9999")).contains(new EpssScore("CVE-2021-9999", 0.00123, 0.4567, day));
    assertThat(intel.epss("CVE-2021-10000")).contains(new EpssScore("CVE-2021-10000", 0.00043, 0.1204, day));
    assertThat(intel.epss("CVE-2021-45046")).isEmpty();
    assertThat(intel.kevCatalog()).isNull();
  }

  @Test
  void epss_loads_a_gzipped_file_with_two_comment_lines_and_a_z_score_date() {
    Intel intel = Intel.load(null, FIXTURES.resolve("epss-two-comment-lines.csv.gz"));

    assertThat(intel.epssMeta().modelVersion()).isEqualTo("v2026.06.15");
    assertThat(intel.epssMeta().scoreDate()).isEqualTo(Instant.parse("2026-10-04T12:00:21Z"));
    assertThat(intel.epssMeta().scoreDay()).isEqualTo("2026-10-04");
    assertThat(intel.epssMeta().count()).isEqualTo(3);
    assertThat(intel.epss("CVE-2023-4863"))
        .contains(new EpssScore("CVE-2023-4863", 0.93127, 0.99801, LocalDate.parse("2026-10-04")));
  }

  @Test
  void gzip_is_told_by_its_bytes_not_by_the_file_name() throws Exception {
    Path gzippedCsv = Files.copy(FIXTURES.resolve("epss-two-comment-lines.csv.gz"), dir.resolve("scores.csv"));
    Path plainGz = Files.copy(FIXTURES.resolve("epss-offset.csv"), dir.resolve("scores.csv.gz"));

    assertThat(Intel.load(null, gzippedCsv).epss("CVE-2024-3094")).map(EpssScore::score).contains(0.84571);
    assertThat(Intel.load(null, plainGz).epss("CVE-2024-3094")).map(EpssScore::score).contains(0.8527);
  }

  @Test
  void a_malformed_epss_file_reports_every_bad_row_with_its_line() {
    Path file = FIXTURES.resolve("epss-malformed.csv");

    assertThatThrownBy(() -> Intel.load(null, file)).isInstanceOfSatisfying(RisklineException.class, e -> {
      assertThat(e.badInput()).isTrue();
      assertThat(e.getMessage().lines().toList()).containsExactly(
          file + ": line 4: cve: expected a CVE id such as CVE-2021-44228 but was \"cve-2021-45046\"",
          file + ": line 5: epss: expected a number from 0 to 1 but was \"1.2\"",
          file + ": line 6: expected 3 comma-separated values cve,epss,percentile but was \"CVE-2022-22963,0.9\"",
          file + ": line 7: cve: expected a CVE id such as CVE-2021-44228 but was \"GHSA-jfh8-c2jp-5v3q\"",
          file + ": line 8: percentile: expected a number from 0 to 1 but was \"NaN\"",
          file + ": line 9: cve: expected each CVE once but CVE-2021-44228 is also on line 3");
      assertThat(e.hint()).isEqualTo("Use an EPSS file as published (epss_scores-YYYY-MM-DD.csv.gz; riskline intel "
          + "update downloads the current one), or fix the lines above.");
    });
  }

  @TestFactory
  Stream<DynamicTest> bad_files_fail_with_every_problem_named(@TempDir Path cases) throws Exception {
    JsonNode table = JSON.readTree(FIXTURES.resolve("bad-files.json").toFile());
    List<DynamicTest> tests = new ArrayList<>();
    int i = 0;
    for (JsonNode c : table) {
      boolean kev = c.get("kind").asText().equals("kev");
      Path file = cases.resolve("case-" + i++ + (kev ? ".json" : ".csv"));
      tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
        if (c.has("json")) {
          Files.writeString(file, JSON.writeValueAsString(c.get("json")));
        } else {
          List<String> lines = new ArrayList<>();
          c.get("lines").forEach(l -> lines.add(l.asText()));
          Files.write(file, lines);
        }
        List<String> expected = new ArrayList<>();
        c.get("expected").forEach(l -> expected.add(l.asText().replace("{file}", file.toString())));
        assertThatThrownBy(() -> Intel.load(kev ? file : null, kev ? null : file))
            .isInstanceOfSatisfying(RisklineException.class, e -> {
              assertThat(e.badInput()).isTrue();
              assertThat(e.getMessage().lines().toList()).containsExactlyElementsOf(expected);
            });
      }));
    }
    return tests.stream();
  }

  @Test
  void problems_beyond_twenty_are_counted() throws Exception {
    StringBuilder rows = new StringBuilder("#model_version:v1,score_date:2026-05-18T00:00:00Z\ncve,epss,percentile\n");
    for (int i = 0; i < 25; i++) rows.append("CVE-2021-").append(1000 + i).append(",2,0.5\n");
    Path file = Files.writeString(dir.resolve("bad.csv"), rows);

    assertThatThrownBy(() -> Intel.load(null, file)).isInstanceOfSatisfying(RisklineException.class, e -> {
      List<String> lines = e.getMessage().lines().toList();
      assertThat(lines).hasSize(21);
      assertThat(lines.get(0)).isEqualTo(file + ": line 3: epss: expected a number from 0 to 1 but was \"2\"");
      assertThat(lines.get(20)).isEqualTo(file + ": ... and 5 more problems");
    });
  }

  @Test
  void a_missing_or_truncated_file_is_bad_input_naming_it() throws Exception {
    Path missing = dir.resolve("missing.json");
    byte[] gz = Files.readAllBytes(FIXTURES.resolve("epss-two-comment-lines.csv.gz"));
    Path truncated = Files.write(dir.resolve("cut.csv.gz"), Arrays.copyOf(gz, gz.length / 2));

    assertThatThrownBy(() -> Intel.load(missing, null)).isInstanceOf(RisklineException.class)
        .hasMessage(missing + ": expected a file but nothing is there");
    assertThatThrownBy(() -> Intel.load(null, truncated)).isInstanceOf(RisklineException.class)
        .hasMessageStartingWith(truncated + ": ")
        .hasMessageContaining("expected a readable file (gzip: complete) but reading failed: Unexpected end of ZLIB input stream");
  }

  @Test
  void nothing_loaded_finds_nothing() {
    Intel none = Intel.load(null, null);

    assertThat(none).isSameAs(Intel.none());
    assertThat(none.kevCatalog()).isNull();
    assertThat(none.epssMeta()).isNull();
    assertThat(none.kev("CVE-2021-44228")).isEmpty();
    assertThat(none.epss("CVE-2021-44228")).isEmpty();
  }

  @Test
  void intel_given_in_memory_is_looked_up_as_loaded_intel() {
    LocalDate day = LocalDate.parse("2026-05-18");
    KevEntry log4shell = new KevEntry("CVE-2021-44228", "Apache", "Log4j2", "n", LocalDate.parse("2021-12-10"),
        LocalDate.parse("2021-12-24"), true);
    Intel intel = Intel.none()
        .withKev(new KevCatalog("test", Instant.parse("2026-05-18T00:00:00Z"), 1, null), List.of(log4shell))
        .withEpss(new EpssMeta("v-test", Instant.parse("2026-05-18T00:00:00Z"), 2, null),
            List.of(new EpssScore("CVE-2021-9999", 0.5, 0.9, day), new EpssScore("CVE-2021-10000", 0.1, 0.2, day)));

    assertThat(intel.kev("CVE-2021-44228")).contains(log4shell);
    assertThat(intel.epss("CVE-2021-9999")).contains(new EpssScore("CVE-2021-9999", 0.5, 0.9, day));
    assertThat(intel.epss("CVE-2021-10000")).contains(new EpssScore("CVE-2021-10000", 0.1, 0.2, day));
    assertThatThrownBy(() -> Intel.none().withEpss(new EpssMeta("v", Instant.EPOCH, 1, null),
        List.of(new EpssScore("GHSA-jfh8-c2jp-5v3q", 0.5, 0.9, day)))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EpssScore("CVE-2021-9999", 1.5, 0.9, day)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_large_file_in_published_text_order_finds_every_cve() throws Exception {
    Random random = new Random(7);
    TreeSet<String> ids = new TreeSet<>();
    while (ids.size() < 50_000) ids.add("CVE-" + (1999 + random.nextInt(28)) + "-" + (1000 + random.nextInt(200_000)));
    StringBuilder csv = new StringBuilder("#model_version:v2025.03.14,score_date:2026-05-18T00:00:00+0000\r\n"
        + "cve,epss,percentile\r\n");
    for (String id : ids) csv.append(id).append(',').append(score(id)).append(",0.5\r\n");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(csv.toString().getBytes(StandardCharsets.US_ASCII));
    }
    Path file = Files.write(dir.resolve("epss_scores-2026-05-18.csv.gz"), gz.toByteArray());

    Intel intel = Intel.load(null, file);

    assertThat(intel.epssMeta().count()).isEqualTo(50_000);
    for (String id : ids) assertThat(intel.epss(id)).as(id).map(EpssScore::score).contains(score(id));
    assertThat(intel.epss("CVE-2030-1000")).isEmpty();
  }

  private static double score(String id) {
    return Math.abs(id.hashCode() % 100_000) / 100_000.0;
  }

  @Test
  void the_sample_epss_file_scores_every_cve_of_the_example_findings() throws Exception {
    Intel intel = Intel.load(KEV, EPSS_SAMPLE);
    Pattern cve = Pattern.compile("CVE-[0-9]{4}-[0-9]{4,}");
    TreeSet<String> ids = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith("json")).toList()) {
        Matcher m = cve.matcher(Files.readString(f));
        while (m.find()) ids.add(m.group());
      }
    }

    assertThat(ids).hasSizeGreaterThan(100);
    for (String id : ids) assertThat(intel.epss(id)).as(id).isPresent();
    assertThat(intel.epssMeta().scoreDay()).isEqualTo("2026-10-31");
    assertThat(Files.readAllLines(EPSS_SAMPLE).get(1)).contains("not real EPSS data");
    assertThat(intel.kev("CVE-2021-44228")).isPresent();
    assertThat(intel.kev("CVE-2024-3094")).isEmpty();
  }
}
