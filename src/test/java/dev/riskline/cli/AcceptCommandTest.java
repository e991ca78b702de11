package dev.riskline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code riskline accept} and {@code riskline acceptances}, in process, with an H2 store in a temporary folder. */
class AcceptCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOW = "2026-11-01T00:00:00Z";
  private static final Pattern ACCEPTED = Pattern.compile("accepted (acc-[0-9a-f]{8}): ");
  private static final String FINDING = """
      {"SchemaVersion": "2018-10-08", "Id": "%s", "ProductArn": "arn:aws:securityhub:us-east-1::product/aws/securityhub",
       "GeneratorId": "security-control/%s", "AwsAccountId": "111122223333",
       "Types": ["Software and Configuration Checks"], "CreatedAt": "2026-10-01T00:00:00Z",
       "UpdatedAt": "2026-10-02T00:00:00Z", "Title": "t", "Description": "d",
       "Severity": {"Label": "HIGH"},
       "Resources": [{"Type": "AwsEc2Instance", "Id": "i-%s", "Tags": {"env": "%s"}}],
       "Compliance": {"Status": "%s", "SecurityControlId": "%s"},
       "Vulnerabilities": [{"Id": "%s"}]}""";

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private String store;

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  /** The command with this test's store and clock. */
  private int riskline(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--store", store, "--now", NOW));
    return run(all.toArray(String[]::new));
  }

  private static String finding(String id, String control, String env, String compliance, String cve) {
    return FINDING.formatted(id, control, id, env, compliance, control, cve).replace("\n", " ");
  }

  @BeforeEach
  void ingest() throws Exception {
    store = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/riskline";
    Path in = dir.resolve("in.ndjson");
    Files.write(in, List.of(
        finding("config-1-a", "Config.1", "prod", "FAILED", "CVE-2024-3094"),
        finding("config-1-b", "Config.1", "sandbox", "PASSED", "CVE-2023-4863"),
        finding("config-10", "Config.10", "sandbox", "FAILED", "CVE-2023-4863"),
        finding("s3-1", "S3.1", "prod", "FAILED", "CVE-2024-30940")));
    assertThat(riskline("ingest", in.toString())).as(err.toString()).isZero();
  }

  private String accepted() {
    Matcher m = ACCEPTED.matcher(out.toString());
    assertThat(m.find()).as(out.toString()).isTrue();
    return m.group(1);
  }

  @Test
  void accept_by_control_prints_the_acceptance_and_how_many_stored_findings_it_covers() {
    assertThat(riskline("accept", "--control", "Config.1", "--owner", "platform-team", "--reason", "aggregated"))
        .as(err.toString()).isZero();

    String id = accepted();
    assertThat(out.toString()).isEqualTo("""
        accepted %s: CONTROL Config.1, owner platform-team, expires 2027-01-30T00:00:00Z
        covers 2 stored findings now (1 open)
        """.formatted(id));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void accept_by_finding_cve_and_pattern_counts_what_each_covers() {
    riskline("accept", "--finding", "config-10", "--owner", "o", "--reason", "r");
    assertThat(out.toString()).endsWith("covers 1 stored finding now (1 open)\n");
    riskline("accept", "--cve", "CVE-2023-4863", "--owner", "o", "--reason", "r");
    assertThat(out.toString()).endsWith("covers 2 stored findings now (1 open)\n");
    riskline("accept", "--pattern", "{\"Resources\": {\"Tags\": {\"env\": [\"sandbox\"]}}, \"Compliance\": {\"Status\": [\"FAILED\"]}}",
        "--owner", "o", "--reason", "r");
    assertThat(out.toString()).contains(": PATTERN {\"Resources\":{\"Tags\":{\"env\":[\"sandbox\"]}},\"Compliance\":{\"Status\":[\"FAILED\"]}}, owner o,")
        .endsWith("covers 1 stored finding now (1 open)\n");
    riskline("accept", "--control", "Config", "--owner", "o", "--reason", "r");
    assertThat(out.toString()).endsWith("covers 0 stored findings now (ids are exact and case-sensitive; see what is"
        + " stored with: riskline findings list)\n");
  }

  @Test
  void expiry_is_90_days_by_default_or_as_given_by_date_instant_or_days() {
    riskline("accept", "--control", "S3.1", "--owner", "o", "--reason", "r");
    assertThat(out.toString()).contains("expires 2027-01-30T00:00:00Z");
    riskline("accept", "--control", "S3.1", "--owner", "o", "--reason", "r", "--for", "30");
    assertThat(out.toString()).contains("expires 2026-12-01T00:00:00Z");
    riskline("accept", "--control", "S3.1", "--owner", "o", "--reason", "r", "--expires", "2027-01-15");
    assertThat(out.toString()).contains("expires 2027-01-15T00:00:00Z");
    riskline("accept", "--control", "S3.1", "--owner", "o", "--reason", "r", "--expires", "2027-01-30T00:00:00Z");
    assertThat(out.toString()).contains("expires 2027-01-30T00:00:00Z");
  }

  @Test
  void an_expiry_beyond_the_maximum_is_bad_input_naming_the_value_and_the_maximum_and_stores_nothing() {
    assertThat(riskline("accept", "--control", "S3.1", "--owner", "o", "--reason", "r", "--expires", "2027-01-31"))
        .isEqualTo(2);
    assertThat(err.toString()).isEqualTo("""
        riskline: --expires: expected at most 90 days from now, so no later than 2027-01-30T00:00:00Z, but was 2027-01-31T00:00:00Z
        The acceptance policy allows 90 days at most; accept again when it expires.
        """);
    assertThat(riskline("accept", "--control", "S3.1", "--owner", "o", "--reason", "r", "--for", "91")).isEqualTo(2);
    assertThat(err.toString()).startsWith("riskline: --for: expected 1 to 90 days (the maximum) but was 91\n");
    assertThat(riskline("accept", "--control", "S3.1", "--owner", "o", "--reason", "r", "--expires", "2026-10-31"))
        .isEqualTo(2);
    assertThat(err.toString()).startsWith("riskline: --expires: expected a time after now (2026-11-01T00:00:00Z) but"
        + " was 2026-10-31T00:00:00Z\n");
    assertThat(riskline("accept", "--control", "S3.1", "--owner", "o", "--reason", "r", "--expires", "soon"))
        .isEqualTo(2);
    assertThat(err.toString()).startsWith("riskline: --expires: expected a date such as 2027-01-15 or an instant such"
        + " as 2027-01-15T12:00:00Z but was 'soon'\n");

    assertThat(riskline("acceptances", "list", "--all")).isZero();
    assertThat(out.toString()).endsWith("0 acceptances\n");
  }

  @Test
  void exactly_one_scope_an_owner_and_a_reason_are_required() {
    assertThat(riskline("accept", "--owner", "o", "--reason", "r")).isEqualTo(2);
    assertThat(err.toString()).startsWith("Error: Missing required argument (specify one of these): (--finding=ID | "
        + "--control=ID | --cve=ID | --pattern=JSON)");
    assertThat(riskline("accept", "--control", "S3.1", "--cve", "CVE-2024-3094", "--owner", "o", "--reason", "r"))
        .isEqualTo(2);
    assertThat(err.toString()).startsWith("Error: --control=ID, --cve=ID are mutually exclusive (specify only one)");
    assertThat(riskline("accept", "--control", "S3.1", "--owner", "o")).isEqualTo(2);
    assertThat(err.toString()).startsWith("Error: Missing required argument(s): --reason=TEXT");
    assertThat(riskline("accept", "--control", "S3.1", "--owner", " ", "--reason", "r")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("riskline: acceptance owner: expected who accepts the risk, a person or team,"
        + " but was blank\n");
    assertThat(riskline("accept", "--control", "S3.1", "--for", "3", "--expires", "2027-01-01", "--owner", "o",
        "--reason", "r")).isEqualTo(2);
    assertThat(err.toString()).startsWith("Error: --expires=DATE|INSTANT, --for=DAYS are mutually exclusive");
  }

  @Test
  void a_bad_pattern_is_bad_input_naming_the_option_the_value_and_what_was_expected() {
    assertThat(riskline("accept", "--pattern", "{\"Severity\": {\"Label\": \"HIGH\"}}", "--owner", "o", "--reason", "r"))
        .isEqualTo(2);

    assertThat(err.toString()).isEqualTo("""
        riskline: --pattern: expected an EventBridge pattern over a finding's fields, such as {"Compliance": \
        {"SecurityControlId": ["S3.1"]}}, but was {"Severity": {"Label": "HIGH"}}: "Label" must be an object or an \
        array at line 1, column 25
        Give an EventBridge event pattern over ASFF fields, every value a list, e.g. {"Compliance": \
        {"SecurityControlId": ["S3.1"]}}.
        """);
  }

  @Test
  void acceptances_list_shows_the_active_ones_as_a_table_or_json_and_all_with_all() throws Exception {
    riskline("accept", "--control", "Config.1", "--owner", "platform-team", "--reason", "aggregated", "--for", "60");
    String config = accepted();
    riskline("accept", "--cve", "CVE-2024-3094", "--owner", "payments-team", "--reason", "no network", "--for", "10");
    String cve = accepted();
    riskline("accept", "--control", "S3.1", "--owner", "storage", "--reason", "exports bucket");
    String s3 = accepted();
    riskline("acceptances", "revoke", s3, "--by", "alice", "--reason", "made private");

    assertThat(riskline("acceptances", "list")).isZero();
    assertThat(out.toString()).isEqualTo("""
        ID            SCOPE    VALUE          OWNER          EXPIRES               STATUS  REASON
        %s  CVE      CVE-2024-3094  payments-team  2026-11-11T00:00:00Z  ACTIVE  no network
        %s  CONTROL  Config.1       platform-team  2026-12-31T00:00:00Z  ACTIVE  aggregated
        2 active acceptances (--all adds expired and revoked ones)
        """.formatted(cve, config));

    assertThat(riskline("acceptances", "list", "--all", "--format", "json")).isZero();
    List<Map<String, Object>> all = JSON.readValue(out.toString(), new TypeReference<>() {});
    assertThat(all).extracting(m -> m.get("Id")).containsExactly(cve, config, s3);
    Map<String, Object> revoked = new LinkedHashMap<>(all.get(2));
    assertThat(revoked).containsExactlyEntriesOf(orderedMap("Id", s3, "Scope", "CONTROL", "Value", "S3.1",
        "Owner", "storage", "Reason", "exports bucket", "CreatedAt", NOW, "ExpiresAt", "2027-01-30T00:00:00Z",
        "RevokedAt", NOW, "RevokedBy", "alice", "RevokeReason", "made private", "Status", "REVOKED"));
    assertThat(all.get(0)).containsEntry("RevokedAt", null).containsEntry("Status", "ACTIVE");

    run("acceptances", "list", "--store", store, "--now", "2026-11-20T00:00:00Z");
    assertThat(out.toString()).contains(config).doesNotContain(cve).endsWith("1 active acceptance (--all adds expired"
        + " and revoked ones)\n");
    run("acceptances", "list", "--all", "--store", store, "--now", "2026-11-20T00:00:00Z");
    assertThat(out.toString()).containsPattern(cve + " .* EXPIRED ").containsPattern(s3 + " .* REVOKED ")
        .endsWith("3 acceptances\n");
  }

  @Test
  void revoke_records_who_and_why_and_show_prints_the_history() {
    riskline("accept", "--control", "Config.1", "--owner", "platform-team", "--reason", "aggregated");
    String id = accepted();

    assertThat(run("acceptances", "revoke", id, "--by", "alice", "--reason", "Config is enabled now", "--store", store,
        "--now", "2026-11-05T00:00:00Z")).isZero();
    assertThat(out.toString()).isEqualTo("revoked " + id + ": CONTROL Config.1, owner platform-team, was to expire"
        + " 2027-01-30T00:00:00Z\n");

    assertThat(run("acceptances", "show", id, "--store", store, "--now", "2026-11-06T00:00:00Z")).isZero();
    assertThat(out.toString().replaceAll("(?m)^\\d+ +(?=2026)", "#  ")).isEqualTo("""
        %s: CONTROL Config.1
          status:  REVOKED
          owner:   platform-team
          reason:  aggregated
          created: 2026-11-01T00:00:00Z
          expires: 2027-01-30T00:00:00Z
          revoked: 2026-11-05T00:00:00Z by alice: Config is enabled now

        History:
        SEQ  AT                    EVENT    ACTOR          DETAIL
        #  2026-11-01T00:00:00Z  CREATED  platform-team  aggregated
        #  2026-11-05T00:00:00Z  REVOKED  alice          Config is enabled now
        """.formatted(id));
  }

  @Test
  void revoking_twice_or_an_unknown_id_is_bad_input() {
    riskline("accept", "--control", "Config.1", "--owner", "o", "--reason", "r");
    String id = accepted();
    assertThat(riskline("acceptances", "revoke", id, "--by", "alice", "--reason", "done")).isZero();

    assertThat(riskline("acceptances", "revoke", id, "--by", "bob", "--reason", "again")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("riskline: Acceptance " + id + " was already revoked at " + NOW
        + " by alice: done\n");
    assertThat(riskline("acceptances", "revoke", "acc-00000000", "--by", "bob", "--reason", "r")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("""
        riskline: No acceptance acc-00000000 in the store
        See the acceptances with: riskline acceptances list --all
        """);
    assertThat(riskline("acceptances", "show", "acc-00000000")).isEqualTo(2);
    assertThat(err.toString()).startsWith("riskline: No acceptance acc-00000000 in the store\n");
    assertThat(riskline("acceptances", "revoke", id, "--by", "bob")).isEqualTo(2);
    assertThat(err.toString()).startsWith("Missing required option: '--reason=TEXT'");
  }

  @Test
  void every_acceptance_command_has_help_with_examples() {
    for (List<String> command : List.of(List.of("accept"), List.of("acceptances"), List.of("acceptances", "list"),
        List.of("acceptances", "show"), List.of("acceptances", "revoke"))) {
      List<String> args = new ArrayList<>(command);
      args.add("--help");
      assertThat(run(args.toArray(String[]::new))).isZero();
      assertThat(out.toString()).as(String.join(" ", command))
          .contains("Usage: riskline " + String.join(" ", command)).contains("Examples:");
    }
    run("accept", "--help");
    assertThat(out.toString()).contains("--control Config.1 never covers Config.10").contains("at most 90 days");
  }

  /**
   * The README's risk acceptance example, run command by command on the bundled examples (each with this
   * test's store and {@code --now 2026-11-01T00:00:00Z}): every output line it shows is printed, with the
   * ids the store made in place of the README's.
   */
  @Test
  void the_readme_example_runs_and_prints_what_the_readme_shows() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("## Risk acceptance"));
    int start = section.indexOf("```sh\n") + "```sh\n".length();
    List<String> lines = section.substring(start, section.indexOf("```", start)).lines().toList();
    Map<String, String> ids = new LinkedHashMap<>();
    store = "jdbc:h2:file:" + dir.resolve("readme").toAbsolutePath() + "/riskline";
    String printed = "";
    int commands = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("# ")) {
        String shown = line.substring(2);
        for (Map.Entry<String, String> e : ids.entrySet()) shown = shown.replace(e.getKey(), e.getValue());
        assertThat(printed.lines().toList()).as("output of the command before: %s", line).contains(shown);
        continue;
      }
      StringBuilder command = new StringBuilder(line);
      while (command.toString().endsWith("\\")) {
        command.setLength(command.length() - 1);
        command.append(' ').append(lines.get(++i).strip());
      }
      List<String> args = words(command.toString().replaceFirst("\\s+# .*$", ""));
      assertThat(args.get(0)).isEqualTo("./riskline");
      args = new ArrayList<>(args.subList(1, args.size()));
      for (int a = 0; a < args.size(); a++) {
        for (Map.Entry<String, String> e : ids.entrySet()) args.set(a, args.get(a).replace(e.getKey(), e.getValue()));
      }
      assertThat(riskline(args.toArray(String[]::new))).as("%s: %s", command, err).isZero();
      printed = out.toString();
      commands++;
      Matcher made = ACCEPTED.matcher(printed);
      if (made.find() && i + 1 < lines.size()) {
        Matcher shown = ACCEPTED.matcher(lines.get(i + 1));
        assertThat(shown.find()).as("the README shows the output of: %s", command).isTrue();
        ids.put(shown.group(1), made.group(1));
      }
    }
    assertThat(commands).isEqualTo(8);
  }

  /** Shell words: spaces separate, single and double quotes group (no escapes inside). */
  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) quote = 0;
        else word.append(c);
      } else if (c == '\'' || c == '"') {
        quote = c;
        if (word == null) word = new StringBuilder();
      } else if (Character.isWhitespace(c)) {
        if (word != null) words.add(word.toString());
        word = null;
      } else {
        if (word == null) word = new StringBuilder();
        word.append(c);
      }
    }
    if (word != null) words.add(word.toString());
    return words;
  }

  private static Map<String, Object> orderedMap(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    return m;
  }
}
