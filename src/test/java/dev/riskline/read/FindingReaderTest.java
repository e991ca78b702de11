package dev.riskline.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.riskline.finding.Finding;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reader behaviour that a case file cannot hold: very long lines, and an input that fails while read. */
class FindingReaderTest {
  private static final String FINDING = """
      {"SchemaVersion":"2018-10-08","Id":"%s","ProductArn":"arn:aws:securityhub:us-east-1::product/aws/securityhub",\
      "GeneratorId":"g","AwsAccountId":"123456789012","CreatedAt":"2026-01-01T00:00:00Z","UpdatedAt":"2026-01-02T00:00:00Z",\
      "Title":"t","Description":"d","Types":["x"],"Severity":{"Label":"LOW"},"Resources":[{"Type":"Other","Id":"r"}]}""";

  private static List<String> read(byte[] input) {
    return read(FindingReader.create(), input);
  }

  private static List<String> read(FindingReader reader, byte[] input) {
    List<String> out = new ArrayList<>();
    reader.read("in.ndjson", new ByteArrayInputStream(input), new FindingReader.Sink() {
      @Override
      public void finding(Finding finding, String source, long record) {
        out.add("finding " + finding.id() + " record " + record + " on " + Thread.currentThread().getName());
      }

      @Override
      public void rejection(Rejection rejection) {
        out.addAll(rejection.lines());
      }
    });
    return out;
  }

  @Test
  void parsing_threads_tell_the_sink_what_the_calling_thread_would_in_the_same_order_on_the_calling_thread() {
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      if (i % 97 == 5) input.append("{\"Id\": oops}\n");                            // malformed: that line only
      if (i % 211 == 7) input.append("\n  \n");                                     // blank lines
      if (i % 301 == 9) input.append(FINDING.formatted("pair" + i)).append(' ');    // two values on one line
      if (i % 401 == 11) input.append("{\"Id\":\"no-fields\"}\n");               // invalid ASFF
      if (i % 500 == 13) input.append("[1, 2]\n");                                  // not an object
      input.append(FINDING.formatted("f" + i)).append(i % 2 == 0 ? "\n" : "\r\n");
    }
    input.append("{\"Id\": \"unterminated\"");                                   // no final newline
    byte[] bytes = input.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(bytes.length).as("several parts for the parsing threads").isGreaterThan(3 * FindingReader.PART_BYTES);

    List<String> alone = read(FindingReader.create(0), bytes);
    for (int threads : new int[] {1, 3}) {
      assertThat(read(FindingReader.create(threads), bytes)).as(threads + " parsing threads").isEqualTo(alone);
    }
    assertThat(alone).hasSizeGreaterThan(3000).anySatisfy(l -> assertThat(l).contains("malformed JSON"))
        .allSatisfy(l -> assertThat(l).doesNotContain("riskline-parse"));
  }

  @Test
  void an_ndjson_line_over_32_mib_is_rejected_and_the_lines_around_it_are_read() {
    String huge = "{\"Id\":\"" + "x".repeat(FindingReader.MAX_LINE_BYTES + 10) + "\"}";
    String input = FINDING.formatted("a") + "\n" + huge + "\n" + FINDING.formatted("b") + "\n";

    assertThat(read(input.getBytes(StandardCharsets.UTF_8))).containsExactly(
        "finding a record 1 on main",
        "in.ndjson: record 2: expected a line of at most 33,554,432 bytes but line 2 is longer",
        "finding b record 3 on main");
  }

  @Test
  void a_record_too_big_to_keep_does_not_stop_the_next_one_from_keeping_its_bytes() {
    String huge = FINDING.formatted("huge").replace("\"Title\":\"t\"", "\"Title\":\"" + "x".repeat(1_200_000) + "\"");
    StringBuilder input = new StringBuilder("[\n").append(huge);
    for (int i = 0; i < 50; i++) input.append(",\n").append(FINDING.formatted("small" + i));
    input.append("\n]");
    List<Finding> found = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    FindingReader.create().read("doc.json", new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)),
        new FindingReader.Sink() {
          @Override
          public void finding(Finding finding, String source, long record) {
            found.add(finding);
          }

          @Override
          public void rejection(Rejection rejection) {
            rejected.addAll(rejection.lines());
          }
        });

    assertThat(rejected).singleElement().asString().startsWith("doc.json: record 1: expected a finding of at most 245,760 bytes");
    assertThat(found).hasSize(50);
    Finding last = found.get(49);
    assertThat(new String(last.source().json(), StandardCharsets.UTF_8)).isEqualTo(FINDING.formatted("small49"));
  }

  @Test
  void ndjson_with_crlf_line_ends_and_no_final_newline_reads_every_line() {
    String input = FINDING.formatted("a") + "\r\n\r\n" + FINDING.formatted("b");

    assertThat(read(input.getBytes(StandardCharsets.UTF_8))).containsExactly("finding a record 1 on main", "finding b record 2 on main");
  }

  @Test
  void non_ascii_text_survives_ndjson_reading() {
    String input = FINDING.formatted("ünïcødé-✓") + "\n";

    assertThat(read(input.getBytes(StandardCharsets.UTF_8))).containsExactly("finding ünïcødé-✓ record 1 on main");
  }
}
