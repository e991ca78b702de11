package dev.riskline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code riskline report} on the bundled examples, opened in headless Chromium as a reader would: what the
 * rendered page shows, that it loads nothing and logs nothing, and that text from findings stays text.
 * Chromium is required unless {@code RISKLINE_TEST_BROWSER=skip} (see {@link Browser}).
 */
class HtmlReportTest {
  private static final String NOW = "2026-11-01T00:00:00Z";
  private static final List<String> INTEL = List.of("--kev", "examples/intel/known_exploited_vulnerabilities.json",
      "--epss", "examples/intel/epss_scores-sample.csv", "--now", NOW);
  private static final String LOG4SHELL = "arn:aws:inspector2:us-east-1:318406725541:finding/751daef92c94c018440cfc9246d123fd";
  private static final String HOSTILE_TITLE = "<script>alert(1)</script> \"onmouseover=alert(2) x=\"";
  private static final String HOSTILE_ID = "hostile-<img src=x onerror=alert(3)>";
  private static final String HOSTILE_RESOURCE = "'><svg onload=alert(4)>";
  private static final String HOSTILE_GENERATOR = "<b>generator</b>";
  private static final String FINDING = """
      {"SchemaVersion": "2018-10-08", "Id": %s, "ProductArn": "arn:aws:securityhub:us-east-1::product/aws/securityhub",
       "GeneratorId": %s, "AwsAccountId": "111122223333", "CreatedAt": "2026-10-20T00:00:00Z",
       "UpdatedAt": "2026-10-20T00:00:00Z", "Title": %s, "Description": "d",
       "Types": ["Software and Configuration Checks"], "Severity": {"Label": "%s"},
       "Resources": [{"Type": "Other", "Id": %s}], "Compliance": {"Status": "FAILED"}}""";
  /** Attributes the page may carry; anything else came from a finding's text. */
  private static final List<String> ATTRIBUTES = List.of("lang", "charset", "name", "content", "id", "class", "title");

  @TempDir
  static Path profile;
  private static Browser browser;

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void startChromium() throws Exception {
    Path chromium = Browser.chromium();
    if (chromium != null) browser = Browser.start(chromium, profile);
  }

  @BeforeEach
  void needsChromium() {
    // each test is reported as skipped, with the reason
    assumeTrue(browser != null, "Chromium is missing: HTML report tests skipped (RISKLINE_TEST_BROWSER=skip)");
  }

  @AfterAll
  static void stopChromium() {
    if (browser != null) browser.close();
  }

  private Path report(String name, List<String> options, String... files) throws Exception {
    Path html = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("report", "--out", html.toString()));
    args.addAll(options);
    args.addAll(List.of(files));
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    assertThat(code).as(err.toString()).isZero();
    browser.open(html);
    assertSelfContained(html);
    return html;
  }

  private static List<String> with(List<String> options, String... more) {
    List<String> all = new ArrayList<>(options);
    all.addAll(List.of(more));
    return all;
  }

  /** Nothing requested but the page, nothing logged, no outside reference, no sideways scrolling. */
  private static void assertSelfContained(Path html) throws Exception {
    assertThat(browser.requests()).containsExactly(html.toUri().toString());
    assertThat(browser.console()).isEmpty();
    assertThat(browser.eval("[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
        + ".filter(a => /^(src|href|srcset|action|formaction|poster|data|background)$/i.test(a.name))"
        + ".map(a => a.name + '=' + a.value)")).isEmpty();
    assertThat(browser.eval("[...document.styleSheets].flatMap(s => [...s.cssRules]).map(r => r.cssText)"
        + ".filter(t => /url\\(|@import/i.test(t))")).isEmpty();
    assertThat(browser.eval("document.querySelectorAll('script, link, img, iframe, object, embed, svg').length").asInt())
        .isZero();
    assertThat(browser.eval("document.documentElement.scrollWidth <= window.innerWidth").asBoolean())
        .as("the page fits a 1280 pixel wide window without scrolling sideways").isTrue();
  }

  /** The summary cards: label to the number shown. */
  private static Map<String, String> cards() throws Exception {
    Map<String, String> cards = new LinkedHashMap<>();
    for (String card : browser.texts("#summary .cards li")) {
      String[] lines = card.split("\n", 2);
      cards.put(lines[1], lines[0]);
    }
    return cards;
  }

  private static List<Long> heatCounts() throws Exception {
    return browser.texts("#heatmap td > b").stream().map(Long::valueOf).toList();
  }

  /** The reasons of one finding in the work list, after opening its details as a reader would. */
  private static List<String> reasonsOf(String id) throws Exception {
    JsonNode shown = browser.eval("""
        (() => {
          const row = [...document.querySelectorAll('#work tr')].find(r => r.querySelector('.id')?.textContent === %s);
          row.querySelector('summary').click();
          return row.querySelector('details').open ? [...row.querySelectorAll('details li')].map(l => l.innerText) : null;
        })()""".formatted(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(id)));
    List<String> reasons = new ArrayList<>();
    shown.forEach(r -> reasons.add(r.asText()));
    return reasons;
  }

  @Test
  void report_of_the_examples_shows_the_heat_map_summary_work_list_reasons_and_intel() throws Exception {
    report("files.html", with(INTEL, "--rules", "examples/rules"), "examples");

    assertThat(browser.texts("h2")).containsExactly("Summary", "Risk heat map", "Overdue (72)",
        "Work list: open findings by due date (235 of 235)", "Schedule", "Threat intelligence");
    Map<String, String> cards = cards();
    assertThat(cards).containsEntry("Open", "235").containsEntry("Overdue", "72").containsEntry("Due soon", "9")
        .containsEntry("Accepted", "0").containsEntry("Resolved", "77").containsEntry("Suppressed", "14");
    long open = Long.parseLong(cards.get("Open"));
    assertThat(browser.texts("#summary > p")).containsExactly("326 findings in all.");
    assertThat(open + Long.parseLong(cards.get("Accepted")) + Long.parseLong(cards.get("Resolved"))
        + Long.parseLong(cards.get("Suppressed"))).isEqualTo(326);

    assertThat(browser.texts("#heatmap tr > th:first-child"))
        .containsExactly("Likelihood \\ Impact", "CRITICAL", "HIGH", "MEDIUM", "LOW");
    assertThat(browser.texts("#heatmap tr:first-child th")).containsExactly(
        "Likelihood \\ Impact", "LOW", "MEDIUM", "HIGH", "CRITICAL");
    assertThat(browser.eval("[...document.querySelectorAll('#heatmap tr')].slice(1).map(r => r.cells.length)"))
        .allSatisfy(n -> assertThat(n.asInt()).isEqualTo(5));
    assertThat(heatCounts().stream().mapToLong(Long::longValue).sum()).isEqualTo(open);

    List<String> dues = browser.texts("#work tr > td:first-child");
    assertThat(dues).hasSize((int) open).isSorted();
    assertThat(browser.texts("#overdue tr > td:nth-child(2)")).hasSize(72).containsOnly("OVERDUE");
    assertThat(browser.eval("[...document.querySelectorAll('#work tr')].slice(1)"
        + ".filter(r => r.querySelectorAll('details li').length === 0).length").asInt())
        .as("work list rows without reasons").isZero();
    assertThat(reasonsOf(LOG4SHELL)).containsExactly(
        "severity severity CRITICAL → impact CRITICAL",
        "kev CVE-2021-44228 is in CISA KEV (added 2021-12-10; known ransomware use) → likelihood CRITICAL",
        "matrix likelihood CRITICAL × impact CRITICAL → CRITICAL (default matrix)");

    assertThat(browser.texts("#intel li")).containsExactly(
        "CISA KEV catalog 2025.08.25, released 2025-08-25: 1,404 CVEs",
        "FIRST EPSS model v2026.06.15, scores of 2026-10-31: 133 CVEs");
    assertThat(browser.texts(".meta")).containsExactly(
        "As of 2026-11-01T00:00:00Z · source: examples · default matrix");
  }

  @Test
  void report_of_a_store_after_ingest_shows_what_the_files_show() throws Exception {
    String store = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/riskline";
    List<String> ingest = new ArrayList<>(List.of("ingest", "--store", store, "--rules", "examples/rules"));
    ingest.addAll(INTEL);
    ingest.add("examples");
    assertThat(Main.run(new PrintWriter(out, true), new PrintWriter(err, true), ingest.toArray(String[]::new)))
        .as(err.toString()).isZero();

    report("files.html", with(INTEL, "--rules", "examples/rules"), "examples");
    Map<String, String> cards = cards();
    List<Long> heat = heatCounts();
    List<String> work = browser.texts("#work tr");
    List<String> intel = browser.texts("#intel li");

    report("store.html", with(INTEL, "--store", store));

    assertThat(cards()).isEqualTo(cards);
    assertThat(heatCounts()).isEqualTo(heat);
    assertThat(heat.stream().mapToLong(Long::longValue).sum()).isEqualTo(Long.parseLong(cards.get("Open")));
    assertThat(browser.texts("#work tr")).isEqualTo(work);
    assertThat(browser.texts("#intel li")).isEqualTo(intel).hasSize(2);
    assertThat(reasonsOf(LOG4SHELL)).hasSize(3);
    assertThat(browser.texts(".meta")).containsExactly(
        "As of 2026-11-01T00:00:00Z · source: the store · default matrix");
  }

  @Test
  void limit_keeps_the_findings_due_first() throws Exception {
    report("all.html", INTEL, "examples");
    List<String> all = browser.texts("#work tr");
    String open = cards().get("Open");
    List<String> overdue = browser.texts("#overdue h2");

    report("ten.html", with(INTEL, "--limit", "10"), "examples");

    assertThat(browser.texts("#work h2")).containsExactly("Work list: open findings by due date (10 of " + open + ")");
    assertThat(browser.texts("#work tr")).isEqualTo(all.subList(0, 11));
    assertThat(browser.texts("#overdue h2")).isEqualTo(overdue);
    assertThat(browser.texts("#overdue tr")).hasSize(11);
  }

  @Test
  void text_from_findings_is_shown_as_text_and_never_becomes_markup() throws Exception {
    Path hostile = dir.resolve("hostile.ndjson");
    Files.writeString(hostile, FINDING.formatted(json(HOSTILE_ID), json(HOSTILE_GENERATOR), json(HOSTILE_TITLE), "HIGH",
        json(HOSTILE_RESOURCE)).replace("\n", " ") + "\n");

    report("hostile.html", INTEL, hostile.toString());

    assertThat(browser.eval("[...new Set([...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
        + ".map(a => a.name))]")).allSatisfy(name -> assertThat(ATTRIBUTES).contains(name.asText()));
    browser.eval("document.querySelectorAll('summary').forEach(s => s.click())");
    assertThat(browser.texts("#work summary")).containsExactly(HOSTILE_TITLE);
    assertThat(browser.texts("#work .id")).containsExactly(HOSTILE_ID);
    assertThat(browser.texts("#work tr:nth-child(2) > td:nth-child(6)")).containsExactly(HOSTILE_GENERATOR);
    assertThat(browser.texts("#work tr:nth-child(2) > td:nth-child(7)")).containsExactly(HOSTILE_RESOURCE);
    assertThat(browser.texts("title")).containsExactly("Riskline report 2026-11-01");
  }

  @Test
  void open_findings_without_a_rating_are_counted_and_said_to_be_left_out_of_the_map_and_lists() throws Exception {
    Path findings = dir.resolve("findings.ndjson");
    Files.writeString(findings, String.join("\n",
        FINDING.formatted(json("high"), json("g"), json("rated"), "HIGH", json("r1")).replace("\n", " "),
        FINDING.formatted(json("info"), json("g"), json("unrated"), "INFORMATIONAL", json("r2")).replace("\n", " ")));

    report("unrated.html", INTEL, findings.toString());

    assertThat(cards()).containsEntry("Open", "2");
    assertThat(heatCounts().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
    assertThat(browser.texts("#heatmap > p")).containsExactly("Open findings by likelihood (rows) and impact (columns); "
        + "each cell is coloured by its rating. 1 open finding has no rating (INFORMATIONAL severity) and is not in "
        + "the map or the lists.");
    assertThat(browser.texts("#work h2")).containsExactly("Work list: open findings by due date (1 of 1)");
    assertThat(browser.texts("#work summary")).containsExactly("rated");
  }

  private static String json(String s) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
  }
}
