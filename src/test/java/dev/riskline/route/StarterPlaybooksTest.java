package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.riskline.finding.Finding;
import dev.riskline.read.FindingReader;
import dev.riskline.read.Rejection;
import dev.riskline.rules.LintWarning;
import dev.riskline.rules.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The starter playbooks in {@code examples/playbooks} load, and cover the bundled example findings and rules. */
class StarterPlaybooksTest {
  private static final Path FOLDER = Path.of("examples/playbooks");
  private static final LocalDate REVIEWED = LocalDate.parse("2026-11-30");
  private static Playbooks playbooks;
  private static List<Finding> findings;

  @BeforeAll
  static void load() throws IOException {
    playbooks = Playbooks.load(FOLDER);
    findings = new ArrayList<>();
    for (String file : List.of("securityhub-findings.json", "eventbridge-events.ndjson", "inspector-findings.json")) {
      try (InputStream in = Files.newInputStream(Path.of("examples", file))) {
        FindingReader.create().read(file, in, new FindingReader.Sink() {
          @Override
          public void finding(Finding finding, String source, long record) {
            findings.add(finding);
          }

          @Override
          public void rejection(Rejection rejection) {
            throw new AssertionError(rejection.lines());
          }
        });
      }
    }
  }

  @Test
  void the_starter_set_loads_with_every_playbook_complete() {
    assertThat(playbooks.all()).extracting(Playbook::id).containsExactly("acme-accounts", "cis-iam-credentials",
        "cis-iam-permissions", "cis-iam-root", "cis-logging", "cis-monitoring", "cis-networking", "cis-storage",
        "cve-patching", "guardduty-threats");
    for (Playbook p : playbooks.all()) {
      assertThat(p.body()).as(p.id()).contains("## What it means", "## How to fix", "## How to verify",
          "## When to accept the risk");
      assertThat(p.lastReviewed()).as(p.id()).isEqualTo(REVIEWED);
    }
  }

  @Test
  void every_example_finding_with_a_control_or_a_cve_gets_a_playbook() {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Finding f : findings) {
      boolean cve = f.types().stream().anyMatch(t -> t.startsWith("Software and Configuration Checks/Vulnerabilities/CVE"));
      if (f.controlId() == null && !cve) continue;
      checked++;
      if (playbooks.forFinding(f) == null) missing.add(f.controlId() != null ? f.controlId() : f.id());
    }
    assertThat(checked).isGreaterThan(200);
    assertThat(missing).isEmpty();
  }

  @Test
  void example_findings_get_the_playbook_of_their_area() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("IAM.4", "cis-iam-root");
    expected.put("IAM.22", "cis-iam-credentials");
    expected.put("IAM.1", "cis-iam-permissions");
    expected.put("CloudTrail.1", "cis-logging");
    expected.put("GuardDuty.1", "cis-monitoring");
    expected.put("EC2.53", "cis-networking");
    expected.put("S3.8", "cis-storage");
    expected.put("SSM.1", "cve-patching");
    Map<String, String> actual = new LinkedHashMap<>();
    for (Finding f : findings) {
      if (expected.containsKey(f.controlId())) actual.put(f.controlId(), playbooks.forFinding(f).id());
    }
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(playbookOfType("Software and Configuration Checks/Vulnerabilities/CVE")).containsOnly("cve-patching");
    assertThat(playbookOfType("TTPs/")).containsOnly("guardduty-threats");
    assertThat(playbookOfType("Effects/Data Exfiltration/Trojan:EC2-DNSDataExfiltration"))
        .as("a GuardDuty finding outside TTPs, by the pattern").containsOnly("guardduty-threats");
  }

  private static List<String> playbookOfType(String prefix) {
    List<String> out = new ArrayList<>();
    for (Finding f : findings) {
      if (f.types().stream().anyMatch(t -> t.startsWith(prefix))) {
        Playbook p = playbooks.forFinding(f);
        out.add(p == null ? null : p.id());
      }
    }
    assertThat(out).as("findings of type " + prefix).isNotEmpty();
    return out;
  }

  @Test
  void lint_of_the_starter_set_with_the_example_findings_and_rules_has_no_warnings() {
    List<String> rules = RuleSet.load(List.of(Path.of("examples/rules"))).evaluationOrder();

    List<LintWarning> lint = playbooks.lint(REVIEWED.plusDays(30), 180, findings, rules, null);

    assertThat(lint).allMatch(LintWarning::info);
    assertThat(lint).extracting(LintWarning::line).containsExactly(
        "type Sensitive Data Identifications/PII: info: 2 findings have no playbook",
        "type Sensitive Data Identifications/Passwords: info: 1 finding has no playbook",
        "type Sensitive Data Identifications/Security: info: 6 findings have no playbook",
        "type Software and Configuration Checks/AWS Security Best Practices: info: 10 findings have no playbook");
  }

  @Test
  void lint_warns_about_stale_reviews_unmatched_playbooks_and_unexplained_rules_and_routes() {
    List<Finding> someCves = findings.stream().filter(f -> !f.vulnerabilities().isEmpty()).limit(3).toList();

    List<LintWarning> lint = playbooks.lint(REVIEWED.plusDays(181), 180, someCves,
        List.of("Log4Shell is always critical", "New rule"), List.of("pager"));

    assertThat(lint).extracting(LintWarning::line)
        .contains("examples/playbooks/cis-iam-root.md: playbook cis-iam-root: warning: last reviewed 2026-11-30, 181 "
                + "days before 2027-05-30; expected a review within 180 days: check it still holds and update "
                + "lastReviewed",
            "examples/playbooks/cis-storage.md: playbook cis-storage: warning: matches none of the 3 findings given; "
                + "check appliesTo, or remove the playbook if nothing it covers is left",
            "examples/playbooks/guardduty-threats.md: playbook guardduty-threats: warning: names rule \"Suppress low "
                + "GuardDuty findings outside production\" but there is no such rule; expected one of [Log4Shell is "
                + "always critical, New rule]",
            "rule \"New rule\": warning: no playbook names it; add \"New rule\" to the rules of the playbook that "
                + "explains it",
            "route \"pager\": warning: no playbook names it; add \"pager\" to the routes of the playbook that explains it")
        .noneMatch(l -> l.contains("cve-patching.md: playbook cve-patching: warning: matches none"));
  }
}
