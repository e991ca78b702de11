package dev.riskline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.assertj.core.api.InstanceOfAssertFactories;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.rules.RuleSet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands end to end, in process, on files in a temporary folder and an H2 store there. The table
 * {@code triage} prints for the bundled examples is a golden file ({@code golden/triage-table.txt}); to
 * regenerate it after a deliberate change, run with {@code -Driskline.golden.write=true} and review the diff.
 */
class CommandLineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path TABLE_GOLDEN = Path.of("src/test/resources/golden/triage-table.txt");
  private static final String FINDING = """
      {"SchemaVersion": "2018-10-08", "Id": "%s", "ProductArn": "arn:aws:securityhub:us-east-1::product/aws/securityhub",
       "GeneratorId": "security-control/S3.1", "AwsAccountId": "111122223333",
       "CreatedAt": "2026-01-01T00:00:00Z", "UpdatedAt": "%s", "Title": "%s", "Description": "d",
       "Types": ["Software and Configuration Checks"], "Severity": {"Label": "%s"},
       "Resources": [{"Type": "AwsS3Bucket", "Id": "arn:aws:s3:::bucket-%s", "Details": {"Other": {"x": "y"}}}],
       "Compliance": {"Status": "%s", "SecurityControlId": "S3.1"},
       "VendorExtension": {"nested": [1, 2.5, "three", null, {"deep": true}]}}""";

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private static String finding(String id, String updatedAt, String title, String severity, String compliance) {
    return FINDING.formatted(id, updatedAt, title, severity, id, compliance).replace("\n", " ");
  }

  private Path write(String name, String... lines) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines));
    return file;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> ndjson(Path file) throws Exception {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> {
      try {
        return (Map<String, Object>) JSON.readValue(l, LinkedHashMap.class);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  @Test
  void an_acceptance_makes_covered_findings_accepted_until_it_expires_then_they_are_due_again() throws Exception {
    Path in = write("in.ndjson", finding("a", "2026-01-02T00:00:00Z", "alpha", "HIGH", "FAILED"),
        finding("b", "2026-01-02T00:00:00Z", "fixed", "HIGH", "PASSED"));
    String store = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/riskline";
    assertThat(run("ingest", "--store", store, "--now", "2026-01-03T00:00:00Z", in.toString())).isZero();
    assertThat(run("accept", "--store", store, "--now", "2026-01-03T00:00:00Z", "--control", "S3.1", "--owner",
        "platform", "--reason", "bucket is private by policy", "--for", "60")).isZero();
    Path during = dir.resolve("during.ndjson");
    Path after = dir.resolve("after.ndjson");

    assertThat(run("findings", "export", "--store", store, "--now", "2026-02-15T00:00:00Z", "-o", during.toString())).isZero();
    assertThat(run("findings", "export", "--store", store, "--now", "2026-03-10T00:00:00Z", "-o", after.toString())).isZero();

    Map<String, String> stateDuring = new LinkedHashMap<>();
    ndjson(during).forEach(m -> stateDuring.put((String) m.get("Id"), (String) ((Map<?, ?>) m.get("Riskline")).get("State")));
    Map<String, String> stateAfter = new LinkedHashMap<>();
    ndjson(after).forEach(m -> stateAfter.put((String) m.get("Id"), (String) ((Map<?, ?>) m.get("Riskline")).get("State")));
    assertThat(stateDuring).containsEntry("a", "ACCEPTED").containsEntry("b", "RESOLVED");
    assertThat(stateAfter).containsEntry("a", "OVERDUE").containsEntry("b", "RESOLVED");
  }

  @Test
  void triage_names_the_routes_each_new_finding_goes_to() throws Exception {
    Path config = write("riskline.yaml", "playbooks: " + Path.of("examples/playbooks").toAbsolutePath() + "\n" + """
        targets:
          hook:
            type: webhook
            url: http://127.0.0.1:8099/hook
            allowInsecureHttp: true
        routes:
          - name: high-and-up
            pattern: {"detail": {"riskline": {"Risk": {"Rating": ["HIGH", "CRITICAL"]}}}}
            targets: [hook]
          - name: new-s3
            pattern: {"detail-type": ["Riskline Finding NEW"], "detail": {"finding": {"Compliance": {"SecurityControlId": ["S3.1"]}}}}
            targets: [hook]
        """);
    Path in = write("in.ndjson", finding("a", "2026-01-02T00:00:00Z", "alpha", "HIGH", "FAILED"),
        finding("b", "2026-01-02T00:00:00Z", "low", "LOW", "FAILED"));
    Path result = dir.resolve("out.ndjson");

    assertThat(run("triage", "--config", config.toString(), "--now", "2026-01-03T00:00:00Z", "-f", "ndjson", "-o",
        result.toString(), in.toString())).isZero();

    Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
    ndjson(result).forEach(m -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> riskline = (Map<String, Object>) m.get("Riskline");
      byId.put((String) m.get("Id"), riskline);
    });
    assertThat(byId.get("a")).containsEntry("Change", "NEW").containsEntry("Routes", List.of("high-and-up", "new-s3"));
    assertThat(byId.get("b")).containsEntry("Change", "NEW").containsEntry("Routes", List.of("new-s3"));
    assertThat(byId.get("a")).containsEntry("Playbook", "cis-storage");
    assertThat(byId.get("a").get("WriteBack")).isEqualTo(Map.of(
        "FindingIdentifiers", List.of(Map.of("Id", "a", "ProductArn", "arn:aws:securityhub:us-east-1::product/aws/securityhub")),
        "Workflow", Map.of("Status", "NOTIFIED"),
        "Note", Map.of("Text", "Riskline: HIGH, due 2026-01-31 (NEW); sent to high-and-up, new-s3", "UpdatedBy", "riskline"),
        "UserDefinedFields", Map.of("riskline.rating", "HIGH", "riskline.due", "2026-01-31T00:00:00Z")));
  }

  @Test
  void triage_prints_one_result_per_identity_with_the_newer_record_winning() throws Exception {
    Path first = write("first.ndjson",
        finding("a", "2026-01-02T00:00:00Z", "old title", "HIGH", "FAILED"),
        finding("b", "2026-01-02T00:00:00Z", "b", "LOW", "FAILED"));
    Path second = write("second.ndjson",
        finding("a", "2026-01-03T00:00:00Z", "new title", "CRITICAL", "FAILED"),
        finding("b", "2026-01-01T00:00:00Z", "older b", "LOW", "FAILED"));
    Path result = dir.resolve("out.ndjson");

    int code = run("triage", "--format", "ndjson", "--now", "2026-01-04T00:00:00Z", "--out", result.toString(),
        first.toString(), second.toString());

    assertThat(code).isZero();
    List<Map<String, Object>> lines = ndjson(result);
    assertThat(lines).extracting(m -> m.get("Id")).containsExactly("b", "a");
    assertThat(lines.get(1).get("Title")).isEqualTo("new title");
    assertThat(lines.get(0).get("Title")).isEqualTo("b");
    assertThat(lines.get(1).get("Riskline")).asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("Rules", List.of()).containsEntry("State", "OPEN").containsKeys("Risk", "Due");
  }

  @Test
  void triage_keeps_unknown_fields_unchanged() throws Exception {
    Path in = write("in.ndjson", finding("a", "2026-01-02T00:00:00Z", "t", "HIGH", "FAILED"));
    Path result = dir.resolve("out.ndjson");

    assertThat(run("triage", "-f", "ndjson", "-o", result.toString(), in.toString())).isZero();

    @SuppressWarnings("unchecked")
    Map<String, Object> original = JSON.readValue(Files.readString(in), LinkedHashMap.class);
    Map<String, Object> triaged = ndjson(result).get(0);
    assertThat(triaged.get("VendorExtension")).isEqualTo(original.get("VendorExtension"));
    assertThat(triaged.get("Resources")).isEqualTo(original.get("Resources"));
    for (String key : original.keySet()) {
      if (!key.equals("Severity")) assertThat(triaged.get(key)).as(key).isEqualTo(original.get(key));
    }
  }

  @Test
  void triage_reports_rejections_on_stderr_exits_2_and_keeps_the_valid_findings() throws Exception {
    Path in = write("mixed.ndjson",
        finding("good", "2026-01-02T00:00:00Z", "t", "HIGH", "FAILED"),
        finding("bad", "2026-01-02T00:00:00Z", "t", "HIGH", "INFOED"),
        "{not json");
    Path result = dir.resolve("out.ndjson");

    int code = run("triage", "-f", "ndjson", "-o", result.toString(), in.toString(), dir.resolve("missing.json").toString());

    assertThat(code).isEqualTo(2);
    assertThat(ndjson(result)).extracting(m -> m.get("Id")).containsExactly("good");
    assertThat(err.toString().lines().toList()).containsExactly(
        in + ": record 2: Compliance.Status: expected one of [PASSED, WARNING, FAILED, NOT_AVAILABLE] but was \"INFOED\"",
        in + ": line 3, column 2: malformed JSON: Unexpected character ('n' (code 110)): was expecting double-quote to start field name",
        dir.resolve("missing.json") + ": cannot read: no such file");
  }

  @Test
  void triage_writes_csv_and_a_table() throws Exception {
    Path in = write("in.ndjson", finding("a", "2026-01-02T00:00:00Z", "=HYPERLINK(\\\"x\\\")", "HIGH", "FAILED"),
        finding("b", "2026-01-02T00:00:00Z", "passing", "LOW", "PASSED"));
    Path csv = dir.resolve("out.csv");
    Path table = dir.resolve("out.txt");

    assertThat(run("triage", "-f", "csv", "--now", "2026-01-03T00:00:00Z", "-o", csv.toString(), in.toString())).isZero();
    assertThat(run("triage", "-f", "table", "--now", "2026-01-03T00:00:00Z", "-o", table.toString(), in.toString())).isZero();

    List<String> rows = Files.readAllLines(csv);
    assertThat(rows.get(0)).startsWith("ProductArn,Id,ProductName,AwsAccountId");
    assertThat(rows.get(1)).contains(",a,").contains("\"'=HYPERLINK(\"\"x\"\")\"").contains(",HIGH,OPEN,NEW,ACTIVE,FAILED,S3.1,");
    assertThat(rows.get(2)).contains(",LOW,RESOLVED,RESOLVED,ACTIVE,PASSED,");
    String text = Files.readString(table);
    assertThat(text).contains("Triaged 2 findings from 2 records");
    assertThat(text).containsPattern("HIGH +MEDIUM 0 +HIGH 0 +HIGH 1 +CRITICAL 0");
    assertThat(text).contains("Open by rating: CRITICAL 0, HIGH 1, MEDIUM 0, LOW 0, NONE 0");
    assertThat(text).contains("By state (all 2): OPEN 1, RESOLVED 1");
    assertThat(text).containsPattern("2026-01-31 +OPEN +HIGH +111122223333");
  }

  @Test
  void triage_table_of_the_examples_matches_the_golden_file() throws Exception {
    Path table = dir.resolve("table.txt");

    assertThat(run("triage", "--format", "table", "--kev", "examples/intel/known_exploited_vulnerabilities.json",
        "--epss", "examples/intel/epss_scores-sample.csv", "--rules", "examples/rules", "--now", "2026-11-01T00:00:00Z",
        "--out", table.toString(), "examples")).as(err.toString()).isZero();

    String text = Files.readString(table, StandardCharsets.UTF_8);
    if (Boolean.getBoolean("riskline.golden.write")) Files.writeString(TABLE_GOLDEN, text, StandardCharsets.UTF_8);
    assertThat(text).isEqualTo(Files.readString(TABLE_GOLDEN, StandardCharsets.UTF_8));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void triage_table_leaves_open_findings_without_a_rating_out_of_the_heat_map_count() throws Exception {
    Path in = write("in.ndjson", finding("a", "2026-01-02T00:00:00Z", "t", "HIGH", "FAILED"),
        finding("b", "2026-01-02T00:00:00Z", "t", "INFORMATIONAL", "FAILED"));
    Path table = dir.resolve("out.txt");

    assertThat(run("triage", "-f", "table", "--now", "2026-01-03T00:00:00Z", "-o", table.toString(), in.toString())).isZero();

    String text = Files.readString(table);
    assertThat(text).contains("Risk heat map: 1 open findings by likelihood and impact");
    assertThat(text).contains("Open by rating: CRITICAL 0, HIGH 1, MEDIUM 0, LOW 0, NONE 1");
    assertThat(text).contains("By state (all 2): OPEN 2");
    assertThat(text).contains("Work list: open findings by due date (1 of 1):");
  }

  @Test
  void ingest_twice_ingests_nothing_the_second_time() throws Exception {
    Path in = write("in.ndjson", finding("a", "2026-01-02T00:00:00Z", "t", "HIGH", "FAILED"),
        finding("b", "2026-01-02T00:00:00Z", "t", "LOW", "FAILED"));
    String store = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/riskline";

    assertThat(run("ingest", "--store", store, in.toString())).isZero();
    assertThat(run("ingest", "--store", store, in.toString())).isZero();
    Path newer = write("newer.ndjson", finding("a", "2026-01-05T00:00:00Z", "t2", "CRITICAL", "FAILED"));
    assertThat(run("ingest", "--store", store, newer.toString())).isZero();

    assertThat(out.toString().lines().toList()).containsExactly(
        "ingested 2, unchanged 0, rejected 0",
        "ingested 0, unchanged 2, rejected 0",
        "ingested 1, unchanged 0, rejected 0");
  }

  @Test
  void triage_and_ingest_apply_automation_rules_to_what_they_print_and_store() throws Exception {
    Path rules = write("rules.json", """
        {"RuleName": "Elevate production", "RuleOrder": 1, "Description": "prod account",
         "Criteria": {"AwsAccountId": [{"Value": "111122223333", "Comparison": "EQUALS"}],
                      "SeverityLabel": [{"Value": "HIGH", "Comparison": "EQUALS"}]},
         "Actions": [{"Type": "FINDING_FIELDS_UPDATE",
                      "FindingFieldsUpdate": {"Severity": {"Label": "CRITICAL"}, "UserDefinedFields": {"tier": "prod"}}}]}
        """.replace("\n", " "));
    Path in = write("in.ndjson", finding("a", "2026-01-02T00:00:00Z", "t", "HIGH", "FAILED"),
        finding("b", "2026-01-02T00:00:00Z", "t", "LOW", "FAILED"));
    Path triaged = dir.resolve("out.ndjson");
    String store = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/riskline";
    Path exported = dir.resolve("export.ndjson");

    assertThat(run("triage", "-f", "ndjson", "--now", "2026-01-03T00:00:00Z", "-o", triaged.toString(), "--rules",
        rules.toString(), in.toString())).isZero();
    assertThat(run("ingest", "--store", store, "--rules", rules.toString(), in.toString())).isZero();
    assertThat(run("findings", "export", "--store", store, "-o", exported.toString())).isZero();

    for (Path file : List.of(triaged, exported)) {
      Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
      ndjson(file).forEach(m -> byId.put((String) m.get("Id"), m));
      assertThat(byId.get("a").get("Severity")).isEqualTo(Map.of("Label", "CRITICAL", "Normalized", 90));
      assertThat(byId.get("a").get("UserDefinedFields")).isEqualTo(Map.of("tier", "prod"));
      assertThat(byId.get("b").get("Severity")).isEqualTo(Map.of("Label", "LOW", "Normalized", 1));
    }
    assertThat(ndjson(triaged).stream().filter(m -> m.get("Id").equals("a")).findFirst().orElseThrow().get("Riskline"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("Rules", List.of("Elevate production")).containsEntry("State", "OPEN");
  }

  @Test
  void invalid_rules_stop_before_any_finding_is_read_and_exit_2() throws Exception {
    Path rules = write("bad.json", "{\"RuleName\": \"x\", \"RuleOrder\": 1001}");
    Path in = write("in.ndjson", finding("a", "2026-01-02T00:00:00Z", "t", "HIGH", "FAILED"));

    assertThat(run("triage", "-f", "ndjson", "--rules", rules.toString(), in.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("riskline: " + rules + ": rule \"x\" (1): ");
  }

  @Test
  void findings_list_filters_and_export_writes_every_finding() throws Exception {
    Path in = write("in.ndjson", finding("a", "2026-01-02T00:00:00Z", "alpha", "HIGH", "FAILED"),
        finding("b", "2026-01-02T00:00:00Z", "beta", "LOW", "PASSED"),
        finding("c", "2026-01-02T00:00:00Z", "gamma", "CRITICAL", "FAILED"));
    String store = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/riskline";
    assertThat(run("ingest", "--store", store, in.toString())).isZero();
    out.getBuffer().setLength(0);
    Path listed = dir.resolve("list.txt");
    Path exported = dir.resolve("all.ndjson");

    assertThat(run("findings", "list", "--store", store, "--now", "2026-01-03T00:00:00Z", "--state", "OPEN", "-o",
        listed.toString())).isZero();
    assertThat(run("findings", "export", "--store", store, "-o", exported.toString())).isZero();

    List<String> table = Files.readAllLines(listed);
    assertThat(table.get(0)).startsWith("DUE         STATE  RISK      SEVERITY");
    assertThat(table.get(1)).startsWith("2026-01-08  OPEN   CRITICAL  CRITICAL").endsWith("gamma");
    assertThat(table.get(2)).startsWith("2026-01-31  OPEN   HIGH      HIGH").endsWith("alpha");
    assertThat(table.get(3)).isEqualTo("2 findings");
    assertThat(ndjson(exported)).extracting(m -> m.get("Id")).containsExactly("c", "a", "b");
  }

  @Test
  void findings_show_prints_the_finding_and_its_history() throws Exception {
    String store = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/riskline";
    run("ingest", "--store", store, write("1.ndjson", finding("a", "2026-01-02T00:00:00Z", "t", "HIGH", "FAILED")).toString());
    run("ingest", "--store", store, write("2.ndjson", finding("a", "2026-01-03T00:00:00Z", "t", "HIGH", "PASSED")).toString());
    out.getBuffer().setLength(0);

    assertThat(run("findings", "show", "--store", store, "a")).isZero();
    assertThat(run("findings", "show", "--store", store, "nope")).isEqualTo(2);

    assertThat(out.toString()).contains("\"Id\" : \"a\"").contains("History:");
    assertThat(out.toString()).containsPattern("1 +\\S+ +CREATED +2026-01-02T00:00:00Z +HIGH +NEW +FAILED");
    assertThat(out.toString()).containsPattern("2 +\\S+ +UPDATED +2026-01-03T00:00:00Z +HIGH +RESOLVED +PASSED");
    assertThat(err.toString()).contains("riskline: No finding with Id nope in the store");
  }

  @Test
  void demo_runs_on_the_bundled_examples_reingests_nothing_and_delivers_to_its_own_webhook() {
    int code = run("demo", "--dir", dir.resolve("demo").toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("0 rejected").contains("pass 2: ingested 0,");
    java.util.regex.Matcher queued = java.util.regex.Pattern.compile("pass 1: .*; (\\d+) deliveries queued")
        .matcher(out.toString());
    assertThat(queued.find()).isTrue();
    int n = Integer.parseInt(queued.group(1));
    assertThat(n).isPositive();
    assertThat(out.toString()).containsPattern("dispatched to a webhook the demo runs on http://127\\.0\\.0\\.1:\\d+/")
        .contains("sent " + n + " deliveries to the demo webhook, 0 to retry, 0 dead; it received " + n + " POSTs")
        .containsPattern("first: [A-Z]+ [A-Z_]+ .+, due \\d{4}-\\d{2}-\\d{2}, playbook ");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void every_command_has_help_with_examples() {
    for (String command : List.of("triage", "ingest", "findings", "report", "explain", "intel", "demo", "bench")) {
      out.getBuffer().setLength(0);
      assertThat(run(command, "--help")).isZero();
      assertThat(out.toString()).as(command).contains("Usage: riskline " + command).contains("Examples:");
    }
    out.getBuffer().setLength(0);
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("riskline ");
  }

  @Test
  void bench_rules_writes_rules_that_load_and_bench_run_reports_them() throws Exception {
    Path rules = dir.resolve("rules.json");
    assertThat(run("bench", "rules", "--count", "100", "--seed", "3", "--out", rules.toString())).isZero();
    assertThat(err.toString()).contains("wrote 100 rules to " + rules);
    RuleSet loaded = RuleSet.load(List.of(rules));
    assertThat(loaded.size()).isEqualTo(100);

    assertThat(run("bench", "run", "--count", "1000", "--warmup", "500", "--rules", rules.toString())).isZero();
    assertThat(out.toString()).contains("rules: 100 (" + loaded.evaluationOrder().size() + " enabled)")
        .contains("triage / parse-only throughput:")
        .containsPattern("warm-up: 500 generated findings through every phase, twice, before measuring "
            + "\\(the first triage pass, cold: [0-9,]+ findings/s\\)");
  }

  @Test
  void bench_run_with_threads_shows_the_cpu_of_each_thread_in_the_triage_phase() {
    assumeTrue(java.nio.file.Files.isDirectory(Path.of("/proc/self/task")), "per-thread CPU is read from /proc");
    assertThat(run("bench", "run", "--count", "3000", "--warmup", "300", "--threads")).isZero();
    String text = out.toString();
    assertThat(text).contains("CPU per thread in the triage phase:");
    String table = text.substring(text.indexOf("CPU per thread in the triage phase:"));
    assertThat(table.lines().map(l -> l.split("\\s{2,}")[0]).toList())
        .contains("THREAD", "main", "riskline-triage", "all", "wall");
    assertThat(table).containsPattern("\\nall +[0-9.]+ +[0-9.]+\\n").containsPattern("\\nwall +[0-9.]+ +[0-9.]+\\n");
  }

  @Test
  void bench_run_without_warm_up_says_so_and_a_negative_warm_up_is_refused() {
    assertThat(run("bench", "run", "--count", "300", "--warmup", "0")).isZero();
    assertThat(out.toString()).contains("warm-up: none (--warmup 0): the figures include compiling the code");

    assertThat(run("bench", "run", "--count", "300", "--warmup", "-1")).isEqualTo(2);
    assertThat(err.toString()).contains("--warmup: expected 0 or more findings but was -1");
  }

  @Test
  void bench_rules_refuses_more_than_a_hundred_rules() {
    assertThat(run("bench", "rules", "--count", "101", "--out", dir.resolve("r.json").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--count: expected 1..100 but was 101");
  }

  @Test
  void an_output_file_in_a_missing_folder_exits_2_with_the_path() throws Exception {
    Path in = write("in.ndjson", finding("a", "2026-01-02T00:00:00Z", "t", "HIGH", "FAILED"));
    Path nowhere = dir.resolve("missing").resolve("out.csv");

    assertThat(run("triage", "-f", "csv", "-o", nowhere.toString(), in.toString())).isEqualTo(2);
    assertThat(run("bench", "generate", "--count", "3", "--out", nowhere.toString())).isEqualTo(2);

    assertThat(err.toString().lines().filter(l -> l.startsWith("riskline: cannot open")).toList())
        .hasSize(2).allSatisfy(l -> assertThat(l).contains(nowhere.toString()));
  }

  @Test
  void report_into_a_missing_folder_exits_2_before_reading_anything() {
    Path nowhere = dir.resolve("missing").resolve("report.html");

    assertThat(run("report", "--out", nowhere.toString(), dir.resolve("no-such-input.json").toString())).isEqualTo(2);

    assertThat(err.toString()).isEqualTo(String.join(System.lineSeparator(),
        "riskline: cannot open " + nowhere + ": no such folder " + nowhere.getParent(),
        "Check the path, and that its folder exists and can be written.", ""));
    assertThat(Files.exists(nowhere.getParent())).isFalse();
  }

  @Test
  void report_refuses_a_format_it_cannot_write_and_names_the_valid_ones() {
    assertThat(run("report", "--format", "pdf", "--out", dir.resolve("r.pdf").toString())).isEqualTo(2);

    assertThat(err.toString()).startsWith("Invalid value for option '--format': expected one of [html] "
        + "(case-insensitive) but was 'pdf'" + System.lineSeparator() + "Usage: riskline report ");
    assertThat(out.toString()).isEmpty();
    assertThat(Files.exists(dir.resolve("r.pdf"))).isFalse();
  }

  @Test
  void a_bad_option_value_exits_2_with_the_reason() {
    assertThat(run("triage", "--now", "yesterday")).isEqualTo(2);
    assertThat(err.toString()).contains("--now: expected an ISO-8601 instant such as 2026-12-01T00:00:00Z but was 'yesterday'");
  }
}
