package dev.riskline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.route.FakeJira;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finding ingested, its change dispatched to an emulated Jira Data Center on a random port, then shown: the
 * write-back for Security Hub that {@code findings show} prints names the issue Riskline opened, after the
 * first change and after an escalation alike.
 */
class TicketWriteBackEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "pat-0123456789abcdef";
  private static final String FINDING = """
      {"SchemaVersion": "2018-10-08", "Id": "bucket-open", "ProductArn": "arn:aws:securityhub:us-east-1::product/aws/securityhub",
       "GeneratorId": "security-control/S3.1", "AwsAccountId": "111122223333",
       "CreatedAt": "2026-01-01T00:00:00Z", "UpdatedAt": "%s", "Title": "S3 bucket allows public read", "Description": "d",
       "Types": ["Software and Configuration Checks"], "Severity": {"Label": "%s"},
       "Resources": [{"Type": "AwsS3Bucket", "Id": "arn:aws:s3:::bucket-open"}],
       "Compliance": {"Status": "FAILED", "SecurityControlId": "S3.1"}}""";

  @TempDir
  Path dir;
  private FakeJira jira;

  @BeforeEach
  void start() throws Exception {
    jira = new FakeJira(false, "Bearer " + TOKEN);
  }

  @AfterEach
  void stop() {
    jira.close();
  }

  private String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    assertThat(code).as(String.join(" ", args) + "\n" + out + err).isZero();
    return out.toString();
  }

  private JsonNode shown(String... common) throws Exception {
    String out = run(concat(new String[] {"findings", "show", "bucket-open"}, common));
    return JSON.readTree(out.substring(0, out.indexOf("\nHistory:")));
  }

  @Test
  void findings_show_writes_back_a_note_naming_the_jira_issue_the_dispatch_opened() throws Exception {
    Path token = Files.writeString(dir.resolve("jira-token"), TOKEN + "\n");
    Path config = Files.writeString(dir.resolve("riskline.yaml"), """
        targets:
          jira-sec:
            type: jira
            flavor: datacenter
            url: %s
            allowInsecureHttp: true
            project: SEC
            token: file:%s
        routes:
          - name: high-and-up-to-jira
            pattern: {"detail": {"riskline": {"Risk": {"Rating": ["HIGH", "CRITICAL"]}}}}
            targets: [jira-sec]
        """.formatted(jira.url(), token));
    String store = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/riskline";
    String[] first = {"--config", config.toString(), "--store", store, "--now", "2026-01-03T00:00:00Z"};
    String[] later = {"--config", config.toString(), "--store", store, "--now", "2026-01-05T00:00:00Z"};
    Path v1 = Files.writeString(dir.resolve("v1.json"), FINDING.formatted("2026-01-02T00:00:00Z", "HIGH"));
    Path v2 = Files.writeString(dir.resolve("v2.json"), FINDING.formatted("2026-01-04T00:00:00Z", "CRITICAL"));

    run(concat(new String[] {"ingest"}, first, v1.toString()));
    run(concat(new String[] {"deliveries", "dispatch"}, first));
    JsonNode afterNew = shown(first);

    assertThat(jira.keys()).containsExactly("SEC-1");
    String issue = jira.url() + "/browse/SEC-1";
    assertThat(afterNew.at("/Riskline/WriteBack/Note/Text").asText())
        .isEqualTo("Riskline: HIGH, due 2026-01-31 (NEW); sent to high-and-up-to-jira; ticket " + issue);
    assertThat(afterNew.at("/Riskline/WriteBack/FindingIdentifiers/0/Id").asText()).isEqualTo("bucket-open");

    run(concat(new String[] {"ingest"}, later, v2.toString()));
    run(concat(new String[] {"deliveries", "dispatch"}, later));
    JsonNode afterEscalation = shown(later);

    assertThat(jira.keys()).containsExactly("SEC-1");
    assertThat(afterEscalation.at("/Riskline/WriteBack/Note/Text").asText()).startsWith("Riskline: CRITICAL, due ")
        .endsWith(" (ESCALATED); sent to high-and-up-to-jira; ticket " + issue);
    assertThat(afterEscalation.at("/Riskline/WriteBack/UserDefinedFields/riskline.rating").asText()).isEqualTo("CRITICAL");
  }

  private static String[] concat(String[] a, String[] b, String... c) {
    String[] out = new String[a.length + b.length + c.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    System.arraycopy(c, 0, out, a.length + b.length, c.length);
    return out;
  }
}
