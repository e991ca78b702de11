package dev.riskline.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.riskline.finding.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reader's case table: each {@code read/NAME.input} is read as file {@code NAME.input}; the findings
 * (as {@code finding <Id>}) and rejection lines it gives, in order, must equal {@code NAME.expected}.
 */
class ReadCasesTest {
  static Stream<String> cases() throws IOException, URISyntaxException {
    Path dir = Path.of(ReadCasesTest.class.getResource("/read").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".input"))
          .map(n -> n.substring(0, n.length() - ".input".length())).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reads_case_as_expected(String name) throws Exception {
    List<String> actual = new ArrayList<>();
    try (InputStream in = getClass().getResourceAsStream("/read/" + name + ".input")) {
      FindingReader.create().read(name + ".input", in, new FindingReader.Sink() {
        @Override
        public void finding(Finding finding, String source, long record) {
          actual.add("finding " + finding.id());
        }

        @Override
        public void rejection(Rejection rejection) {
          actual.addAll(rejection.lines());
        }
      });
    }
    Path expected = Path.of(getClass().getResource("/read/" + name + ".expected").toURI());
    assertThat(actual).containsExactlyElementsOf(Files.readAllLines(expected));
  }
}
