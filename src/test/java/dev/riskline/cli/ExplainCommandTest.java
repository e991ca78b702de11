package dev.riskline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code riskline explain} on the bundled examples, from the files and from an H2 store in a temporary folder.
 * The explanation of the Log4Shell finding is a golden file ({@code golden/explain-log4shell.txt}); to
 * regenerate it after a deliberate change, run with {@code -Driskline.golden.write=true} and review the diff.
 */
class ExplainCommandTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/explain-log4shell.txt");
  /** An Inspector finding of CVE-2021-44228, which is in the bundled CISA KEV catalog. */
  private static final String LOG4SHELL = "arn:aws:inspector2:us-east-1:318406725541:finding/751daef92c94c018440cfc9246d123fd";
  private static final List<String> OPTIONS = List.of("--kev", "examples/intel/known_exploited_vulnerabilities.json",
      "--epss", "examples/intel/epss_scores-sample.csv", "--rules", "examples/rules", "--now", "2026-11-01T00:00:00Z");

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String command, List<String> options, String... more) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(options);
    args.addAll(List.of(more));
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
  }

  private String store() {
    return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/riskline";
  }

  private static String lines(String... lines) {
    return String.join(System.lineSeparator(), lines) + System.lineSeparator();
  }

  @Test
  void explain_of_a_kev_listed_inspector_finding_matches_the_golden_file() throws Exception {
    assertThat(run("explain", OPTIONS, LOG4SHELL, "examples")).as(err.toString()).isZero();

    if (Boolean.getBoolean("riskline.golden.write")) Files.writeString(GOLDEN, out.toString(), StandardCharsets.UTF_8);
    assertThat(out.toString()).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void explain_from_the_store_says_the_same_but_cannot_name_the_rules() throws Exception {
    assertThat(run("explain", OPTIONS, LOG4SHELL, "examples")).as(err.toString()).isZero();
    String fromFiles = out.toString();
    assertThat(run("ingest", OPTIONS, "--store", store(), "examples")).as(err.toString()).isZero();

    assertThat(run("explain", OPTIONS, "--store", store(), LOG4SHELL)).as(err.toString()).isZero();

    String rules = "  Rules     Log4Shell is always critical" + System.lineSeparator();
    assertThat(fromFiles).contains(rules);
    assertThat(out.toString()).isEqualTo(fromFiles.replace(rules,
        "  Rules     applied when it was imported; the store keeps their changes (above), not their names"
            + System.lineSeparator()));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void explain_of_an_unknown_id_in_the_store_exits_2_and_says_how_to_find_one() {
    assertThat(run("explain", List.of("--store", store()), "arn:aws:inspector2:us-east-1:111122223333:finding/nope"))
        .isEqualTo(2);

    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).isEqualTo(lines(
        "riskline: No finding with Id arn:aws:inspector2:us-east-1:111122223333:finding/nope in the store",
        "List findings with: riskline findings list --text TEXT"));
  }

  @Test
  void explain_of_an_unknown_id_in_files_exits_2_and_names_the_files() {
    assertThat(run("explain", OPTIONS, "nope", "examples/inspector-findings.json", "examples/prowler-output.ocsf.json"))
        .isEqualTo(2);

    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).isEqualTo(lines(
        "riskline: No finding with Id nope in examples/inspector-findings.json, examples/prowler-output.ocsf.json",
        "List the findings' Ids with: riskline triage --format csv FILE... (the Id column)"));
  }
}
