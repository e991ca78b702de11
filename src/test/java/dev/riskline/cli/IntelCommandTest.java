package dev.riskline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.riskline.Config;
import dev.riskline.finding.RisklineException;
import dev.riskline.risk.Intel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code riskline intel status|update} in process; updates download from a real HTTP server on a random
 * local port that serves good files, invalid ones, redirects and errors.
 */
class IntelCommandTest {
  private static final Path KEV = Path.of("examples/intel/known_exploited_vulnerabilities.json");
  private static final Path EPSS = Path.of("examples/intel/epss_scores-sample.csv");
  private static final String BAD_KEV = """
      {"catalogVersion": "2025.08.26", "dateReleased": "2025-08-26T17:00:00.000Z", "count": 1,
       "vulnerabilities": [{"cveID": "CVE-2021-44228", "vendorProject": "Apache", "product": "Log4j2",
         "vulnerabilityName": "n", "dateAdded": "2021-12-10", "shortDescription": "s", "requiredAction": "r"}]}
      """;
  private static final String OLD_EPSS = """
      #model_version:v2025.03.14,score_date:2026-05-18T00:00:00+0000
      cve,epss,percentile
      CVE-2021-44228,0.94358,0.99961
      """;

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private HttpServer server;
  private String base;
  private Path intel;

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private static String lines(String... lines) {
    return String.join(System.lineSeparator(), lines) + System.lineSeparator();
  }

  @BeforeEach
  void serve() throws IOException {
    byte[] kev = Files.readAllBytes(KEV);
    byte[] epss = gzip(Files.readAllBytes(EPSS));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(handlers);
    respond("/kev.json", 200, kev);
    respond("/epss.csv.gz", 200, epss);
    respond("/old-epss.csv.gz", 200, gzip(OLD_EPSS.getBytes(StandardCharsets.UTF_8)));
    respond("/bad-kev.json", 200, BAD_KEV.getBytes(StandardCharsets.UTF_8));
    respond("/login.html", 200, "<!DOCTYPE html>\n<html>Please sign in</html>\n".getBytes(StandardCharsets.UTF_8));
    respond("/fail", 500, "internal error".getBytes(StandardCharsets.UTF_8));
    respond("/gone", 404, "not found".getBytes(StandardCharsets.UTF_8));
    server.createContext("/stall", exchange -> {
      exchange.sendResponseHeaders(200, kev.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(kev, 0, 1000);
        o.flush();
        Thread.sleep(1500);
      } catch (InterruptedException | IOException e) {
        // the client gave up
      }
    });
    server.createContext("/moved", exchange -> {
      exchange.getResponseHeaders().add("Location", "/kev.json");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    intel = dir.resolve("intel");
  }

  @AfterEach
  void stop() {
    server.stop(0);
    handlers.shutdownNow();
  }

  private void respond(String path, int status, byte[] body) {
    server.createContext(path, exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(body);
      }
    });
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream o = new GZIPOutputStream(gz)) {
      o.write(bytes);
    }
    return gz.toByteArray();
  }

  private int update(String kevPath, String epssPath) {
    return run("intel", "update", "--dir", intel.toString(), "--kev-url", base + kevPath, "--epss-url", base + epssPath);
  }

  private List<String> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(intel)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".download")).toList();
    }
  }

  @Test
  void update_downloads_checks_and_saves_both_files_which_status_then_shows() throws Exception {
    assertThat(update("/kev.json", "/epss.csv.gz")).as(err.toString()).isZero();

    Path kev = intel.resolve("known_exploited_vulnerabilities.json");
    Path epss = intel.resolve("epss_scores-current.csv.gz");
    assertThat(out.toString()).isEqualTo(lines(
        "KEV   catalog 2025.08.25, released 2025-08-25T17:04:19Z: 1,404 CVEs",
        "      saved to " + kev + " from " + base + "/kev.json",
        "EPSS  model v2026.06.15, scores of 2026-10-31T12:00:21Z: 133 CVEs",
        "      saved to " + epss + " from " + base + "/epss.csv.gz"));
    assertThat(Files.mismatch(kev, KEV)).isEqualTo(-1L);
    assertThat(leftovers()).isEmpty();

    assertThat(run("intel", "status", "--dir", intel.toString(), "--now", "2026-11-01T00:00:00Z")).isZero();
    assertThat(out.toString()).startsWith(lines(
        "KEV   catalog 2025.08.25, released 2025-08-25T17:04:19Z: 1,404 CVEs, 432 days old",
        "      file " + kev,
        "EPSS  model v2026.06.15, scores of 2026-10-31T12:00:21Z: 133 CVEs, 0 days old",
        "      file " + epss));
  }

  @Test
  void an_invalid_download_keeps_the_last_good_file_and_exits_2() throws Exception {
    assertThat(update("/kev.json", "/old-epss.csv.gz")).isZero();
    Path kev = intel.resolve("known_exploited_vulnerabilities.json");

    assertThat(update("/bad-kev.json", "/epss.csv.gz")).isEqualTo(2);

    assertThat(err.toString()).isEqualTo(lines(
        "riskline: " + base + "/bad-kev.json: expected a KEV catalog but the download is not one; kept the last good "
            + "file " + kev,
        base + "/bad-kev.json: vulnerabilities[0].dueDate: expected a date YYYY-MM-DD but the field is missing",
        "Check that the URL serves a KEV catalog as published."));
    assertThat(Files.mismatch(kev, KEV)).isEqualTo(-1L);
    assertThat(out.toString()).startsWith("EPSS  model v2026.06.15, scores of 2026-10-31T12:00:21Z: 133 CVEs");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void an_html_page_instead_of_scores_saves_nothing() throws Exception {
    assertThat(update("/kev.json", "/login.html")).isEqualTo(2);

    assertThat(err.toString()).startsWith("riskline: " + base + "/login.html: expected an EPSS scores file but the "
        + "download is not one; nothing saved to " + intel.resolve("epss_scores-current.csv.gz"));
    assertThat(err.toString()).contains(base + "/login.html: line 1: expected the header cve,epss,percentile after "
        + "the # lines but was \"<!DOCTYPE html>\"");
    assertThat(intel.resolve("epss_scores-current.csv.gz")).doesNotExist();
    assertThat(intel.resolve("known_exploited_vulnerabilities.json")).exists();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void a_server_failure_keeps_the_last_good_file_and_exits_1() throws Exception {
    assertThat(update("/kev.json", "/old-epss.csv.gz")).isZero();
    Path epss = intel.resolve("epss_scores-current.csv.gz");
    byte[] before = Files.readAllBytes(epss);

    assertThat(update("/bad-kev.json", "/fail")).isEqualTo(1);

    assertThat(err.toString()).endsWith(lines(
        "riskline: GET " + base + "/fail: expected HTTP status 200 but was 500; kept the last good file " + epss,
        "The server failed; try again later."));
    assertThat(Files.readAllBytes(epss)).isEqualTo(before);
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void a_missing_page_is_bad_input_and_a_closed_port_a_failure() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }

    assertThat(update("/gone", "/epss.csv.gz")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo(lines(
        "riskline: GET " + base + "/gone: expected HTTP status 200 but was 404; nothing saved to "
            + intel.resolve("known_exploited_vulnerabilities.json"),
        "Check the URL."));

    assertThat(run("intel", "update", "--dir", intel.toString(), "--kev-url", "http://127.0.0.1:" + closed + "/kev.json",
        "--epss-url", base + "/epss.csv.gz")).isEqualTo(1);
    assertThat(err.toString()).startsWith("riskline: GET http://127.0.0.1:" + closed + "/kev.json: download failed: "
        + "ConnectException");
    assertThat(err.toString()).contains("Check the network (and a proxy, if one is needed), then try again.");
  }

  @Test
  void a_download_that_stalls_times_out_and_keeps_the_last_good_file() throws Exception {
    Files.createDirectories(intel);
    Path target = Files.writeString(intel.resolve("kev.json"), "last good");
    Download download = new Download(Download.client(), Duration.ofMillis(300), "test");

    assertThatThrownBy(() -> download.replace(URI.create(base + "/stall"), target, "a KEV catalog", f -> f))
        .isInstanceOfSatisfying(RisklineException.class, e -> assertThat(e.badInput()).isFalse())
        .hasMessage("GET " + base + "/stall: download failed: timed out: not complete within 0.3s; kept the last good "
            + "file " + target);
    assertThat(target).hasContent("last good");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void update_follows_redirects() {
    assertThat(update("/moved", "/epss.csv.gz")).as(err.toString()).isZero();

    assertThat(out.toString()).contains("KEV   catalog 2025.08.25");
  }

  @Test
  void update_refuses_a_url_that_is_not_http() {
    assertThat(run("intel", "update", "--dir", intel.toString(), "--kev-url", "file:///etc/passwd")).isEqualTo(2);

    assertThat(err.toString()).startsWith("riskline: expected an http or https URL but was file:///etc/passwd");
  }

  @Test
  void status_shows_what_is_loaded_and_warns_when_it_is_old() {
    assertThat(run("intel", "status", "--kev", KEV.toString(), "--epss", EPSS.toString(),
        "--now", "2026-11-05T00:00:00Z")).isZero();

    assertThat(out.toString()).isEqualTo(lines(
        "KEV   catalog 2025.08.25, released 2025-08-25T17:04:19Z: 1,404 CVEs, 436 days old",
        "      file " + KEV,
        "EPSS  model v2026.06.15, scores of 2026-10-31T12:00:21Z: 133 CVEs, 4 days old",
        "      file " + EPSS,
        "warning: the KEV catalog is 436 days old, more than 7 days: update it with riskline intel update",
        "warning: the EPSS scores are 4 days old, more than 3 days: update them with riskline intel update"));
  }

  @Test
  void status_says_how_to_get_what_is_not_loaded() {
    assertThat(run("intel", "status", "--dir", intel.toString())).isZero();

    assertThat(out.toString()).isEqualTo(lines(
        "KEV   not loaded: no file at " + intel.resolve("known_exploited_vulnerabilities.json"),
        "EPSS  not loaded: no file at " + intel.resolve("epss_scores-current.csv.gz"),
        "Download them with riskline intel update, or give files with --kev FILE and --epss FILE."));
  }

  @Test
  void status_on_a_bad_file_prints_its_problems_and_exits_2() throws Exception {
    Path bad = Files.writeString(dir.resolve("kev.json"), BAD_KEV);

    assertThat(run("intel", "status", "--dir", intel.toString(), "--kev", bad.toString())).isEqualTo(2);

    assertThat(err.toString()).isEqualTo(lines(
        "riskline: " + bad + ": vulnerabilities[0].dueDate: expected a date YYYY-MM-DD but the field is missing",
        "Use CISA's known_exploited_vulnerabilities.json as published (riskline intel update downloads it), "
            + "or fix the lines above."));
  }

  @Test
  void triage_and_ingest_load_the_intel_files_before_reading_findings() throws Exception {
    Path bad = Files.writeString(dir.resolve("kev.json"), BAD_KEV);
    Path none = Files.writeString(dir.resolve("none.ndjson"), "");
    String store = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/riskline";
    Path triaged = dir.resolve("triaged.ndjson");

    assertThat(run("triage", "-f", "ndjson", "-o", triaged.toString(), "--kev", bad.toString(), none.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("riskline: " + bad + ": vulnerabilities[0].dueDate:");
    assertThat(run("ingest", "--store", store, "--epss", dir.resolve("missing.csv").toString(), none.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).startsWith("riskline: " + dir.resolve("missing.csv") + ": expected a file but nothing is there");

    assertThat(run("triage", "-f", "ndjson", "-o", triaged.toString(), "--kev", KEV.toString(), "--epss", EPSS.toString(),
        none.toString()))
        .as(err.toString()).isZero();
    assertThat(run("ingest", "--store", store, "--kev", KEV.toString(), "--epss", EPSS.toString(), none.toString()))
        .as(err.toString()).isZero();
  }

  @Test
  void files_given_win_then_configured_intel_then_the_copies_in_the_intel_folder() throws Exception {
    Path home = dir.resolve("home");
    Files.createDirectories(home.resolve("intel"));
    Files.copy(KEV, home.resolve("intel").resolve("known_exploited_vulnerabilities.json"));
    Path otherEpss = Files.writeString(dir.resolve("epss.csv"), OLD_EPSS);
    Config config = Config.defaults().withHome(home);

    Options.IntelOption none = new Options.IntelOption();
    Intel fromFolder = none.apply(config).intel();
    assertThat(fromFolder.kevCatalog().source()).isEqualTo(home.resolve("intel").resolve("known_exploited_vulnerabilities.json"));
    assertThat(fromFolder.epssMeta()).isNull();

    Options.IntelOption given = new Options.IntelOption();
    given.epss = otherEpss;
    Intel configured = Intel.load(null, EPSS);
    Intel applied = given.apply(config.withIntel(configured)).intel();
    assertThat(applied.epssMeta().source()).isEqualTo(otherEpss);
    assertThat(applied.kevCatalog().source()).isEqualTo(home.resolve("intel").resolve("known_exploited_vulnerabilities.json"));

    Intel kept = none.apply(config.withIntel(configured.withKev(KEV))).intel();
    assertThat(kept.kevCatalog().source()).isEqualTo(KEV);
    assertThat(kept.epssMeta().source()).isEqualTo(EPSS);
  }

  @Test
  void the_readme_status_example_prints_what_the_readme_shows() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("## Threat intelligence"));

    assertThat(run("intel", "status", "--kev", KEV.toString(), "--epss", EPSS.toString(),
        "--now", "2026-11-01T00:00:00Z")).isZero();

    assertThat(section).contains("./riskline intel status --kev " + KEV + " --epss " + EPSS + " --now 2026-11-01T00:00:00Z");
    out.toString().lines().forEach(line -> assertThat(section).contains("# " + line));
  }

  @Test
  void every_intel_command_has_help_with_examples() {
    for (String command : List.of("status", "update")) {
      assertThat(run("intel", command, "--help")).isZero();
      assertThat(out.toString()).as(command).contains("Usage: riskline intel " + command).contains("Examples:");
    }
    assertThat(run("intel", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: riskline intel").contains("status").contains("update")
        .contains("Examples:");
    assertThat(run("intel", "update", "--help")).isZero();
    assertThat(out.toString()).contains("https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json")
        .contains("https://epss.empiricalsecurity.com/epss_scores-current.csv.gz");
  }
}
