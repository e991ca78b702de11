package dev.riskline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code riskline playbooks list|show|lint} in process, on the starter set and on broken folders. */
class PlaybooksCommandTest {
  private static final String STARTER = "examples/playbooks";

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void lint_takes_the_routes_and_rules_of_the_configuration() throws Exception {
    java.nio.file.Path config = java.nio.file.Files.createTempFile("riskline-", ".yaml");
    java.nio.file.Files.writeString(config, """
        rules: [%s]
        targets:
          hook: {type: webhook, url: "https://hooks.example.com/x"}
        routes:
          - {name: pager, pattern: {"detail": {"riskline": {"Risk": {"Rating": ["CRITICAL"]}}}}, targets: [hook]}
        """.formatted(java.nio.file.Path.of("examples/rules").toAbsolutePath()));
    try {
      assertThat(run("playbooks", "lint", "--dir", STARTER, "--config", config.toString(), "--now",
          "2026-12-01T00:00:00Z", "--strict")).isEqualTo(2);
    } finally {
      java.nio.file.Files.delete(config);
    }
    assertThat(out.toString()).contains("route \"pager\": warning: no playbook names it")
        .doesNotContain("rule \"");
  }

  @Test
  void list_shows_one_line_per_playbook_by_id() {
    assertThat(run("playbooks", "list", "--dir", STARTER)).isZero();

    assertThat(out.toString().lines()).first().asString().startsWith("ID").contains("OWNER", "REVIEWED", "APPLIES TO");
    assertThat(out.toString()).contains(
        "cis-iam-root         cloud-platform        2026-11-30  4 controls          The root user is locked away",
        "guardduty-threats    security-operations   2026-11-30  2 types, a pattern  Threat detections")
        .endsWith("10 playbooks" + System.lineSeparator());
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void show_prints_the_front_matter_then_the_body() {
    assertThat(run("playbooks", "show", "--dir", STARTER, "cve-patching")).isZero();

    assertThat(out.toString()).startsWith("""
        cve-patching: Known vulnerabilities are patched by risk, within the due date
          file:          examples/playbooks/cve-patching.md
          owner:         platform-engineering
          last reviewed: 2026-11-30
          controls:      ECR.1, Lambda.2, SSM.1
          types:         Software and Configuration Checks/Vulnerabilities/CVE
          pattern:       -
          rules:         Log4Shell is always critical
          routes:        -
          rationale:     Amazon Inspector reports""".replace("\n", System.lineSeparator()))
        .contains(System.lineSeparator() + "# CVE patching" + System.lineSeparator(), "## When to accept the risk");
  }

  @Test
  void show_of_an_unknown_id_names_the_ids_there_are() {
    assertThat(run("playbooks", "show", "--dir", STARTER, "cis-iam")).isEqualTo(2);

    assertThat(err.toString()).startsWith("riskline: expected the id of a playbook, one of [acme-accounts, "
        + "cis-iam-credentials, cis-iam-permissions, cis-iam-root, cis-logging, cis-monitoring, cis-networking, "
        + "cis-storage, cve-patching, guardduty-threats], but was \"cis-iam\"");
  }

  @Test
  void without_dir_and_without_a_playbooks_folder_it_says_how_to_give_one() {
    assertThat(run("playbooks", "list")).isEqualTo(2);

    assertThat(err.toString()).isEqualTo("""
        riskline: expected a folder of playbooks at ./playbooks (the default) but there is none
        Give the folder with --dir DIR, e.g. --dir examples/playbooks.
        """.replace("\n", System.lineSeparator()));
  }

  @Test
  void invalid_playbooks_print_every_problem_and_exit_2() throws Exception {
    Files.writeString(dir.resolve("a.md"), "---\nid: a\ntitle: A\n---\n");
    Files.writeString(dir.resolve("b.md"), "no front matter\n");

    assertThat(run("playbooks", "lint", "--dir", dir.toString())).isEqualTo(2);

    String a = dir.resolve("a.md").toString();
    assertThat(err.toString().lines()).containsExactly(
        a + ": appliesTo: missing; expected controls, types or a pattern, e.g. {controls: [IAM.4]}",
        a + ": owner: missing; expected a non-empty string",
        a + ": rationale: missing; expected a non-empty string",
        a + ": lastReviewed: missing; expected the date of the last review such as 2026-10-01",
        dir.resolve("b.md") + ": expected front matter between --- lines at the top of the file but the first line "
            + "is \"no front matter\"",
        "Fix each line: it names the playbook file and the front matter key.");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void lint_of_the_starter_set_with_the_examples_is_clean_of_warnings() {
    assertThat(run("playbooks", "lint", "--dir", STARTER, "--now", "2026-12-01T00:00:00Z", "--rules", "examples/rules",
        "--findings", "examples/securityhub-findings.json", "examples/eventbridge-events.ndjson",
        "examples/inspector-findings.json", "--strict")).isZero();

    assertThat(out.toString()).doesNotContain("warning:")
        .endsWith("0 warnings, 4 info in 10 playbooks" + System.lineSeparator());
  }

  @Test
  void lint_warns_but_exits_0_unless_strict() {
    String[] args = {"playbooks", "lint", "--dir", STARTER, "--now", "2027-06-01T00:00:00Z", "--max-age-days", "90",
        "--routes", "pager", "chat"};
    assertThat(run(args)).isZero();
    String warned = out.toString();
    assertThat(run(append(args, "--strict"))).isEqualTo(2);

    assertThat(warned).contains(
        "examples/playbooks/cis-logging.md: playbook cis-logging: warning: last reviewed 2026-11-30, 183 days before "
            + "2027-06-01; expected a review within 90 days: check it still holds and update lastReviewed",
        "route \"chat\": warning: no playbook names it; add \"chat\" to the routes of the playbook that explains it")
        .endsWith("12 warnings, 0 info in 10 playbooks" + System.lineSeparator());
  }

  @Test
  void the_readme_playbook_loads_and_lint_prints_what_the_readme_shows() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("## Playbooks"), readme.indexOf("## Threat intelligence"));
    int start = section.indexOf("```markdown\n") + "```markdown\n".length();
    Files.writeString(dir.resolve("cis-networking.md"), section.substring(start, section.indexOf("```", start)));

    assertThat(run("playbooks", "show", "--dir", dir.toString(), "cis-networking")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("  pattern:       {\"AwsAccountName\":[{\"prefix\":\"acme-prod\"}]}");

    out.getBuffer().setLength(0);
    assertThat(run("playbooks", "lint", "--dir", STARTER, "--now", "2026-12-01T00:00:00Z", "--rules", "examples/rules",
        "--routes", "pager", "--findings", "examples/securityhub-findings.json", "examples/eventbridge-events.ndjson"))
        .isZero();
    assertThat(section).contains("./riskline playbooks lint --dir examples/playbooks --now 2026-12-01T00:00:00Z "
        + "--rules examples/rules \\\n    --routes pager --findings examples/securityhub-findings.json "
        + "examples/eventbridge-events.ndjson\n");
    out.toString().lines().forEach(line -> assertThat(section).contains("# " + line + "\n"));
  }

  private static String[] append(String[] args, String arg) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 1);
    out[args.length] = arg;
    return out;
  }
}
