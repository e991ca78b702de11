package dev.riskline.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CISA Coordinator table against case tables under {@code risk/}: {@code ssvc-cases.json} is the
 * 36-row table as CISA publishes it, written out from the reference rather than from the shipped CSV, so
 * a wrong shipped table fails here; {@code mission-wellbeing-cases.json} is the 3×3 sub-table;
 * {@code ssvc-table-problems.json} edits the shipped CSV (line number to new text, null deletes the line)
 * or replaces it whole, and gives the exact message of the failure.
 */
class SsvcTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Exploitation> EXPLOITATION = Map.of("none", Exploitation.NONE,
      "public poc", Exploitation.PUBLIC_POC, "active", Exploitation.ACTIVE);
  private static final Map<String, Boolean> YES = Map.of("yes", true, "no", false);
  private static final Map<String, Boolean> TOTAL = Map.of("total", true, "partial", false);

  record Case(int row, String exploitation, String automatable, String technicalImpact,
      String missionWellbeing, String decision) {
    @Override
    public String toString() {
      return "row " + row + ": " + String.join(", ", exploitation, automatable, technicalImpact, missionWellbeing)
          + " → " + decision;
    }
  }

  record CellCase(String missionPrevalence, String publicWellbeing, String expected) {
    @Override
    public String toString() {
      return missionPrevalence + " × " + publicWellbeing + " → " + expected;
    }
  }

  record ProblemCase(String name, Map<Integer, String> replace, String text, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() throws IOException {
    return read("/risk/ssvc-cases.json", Case[].class).stream();
  }

  static Stream<CellCase> cells() throws IOException {
    return read("/risk/mission-wellbeing-cases.json", CellCase[].class).stream();
  }

  static Stream<ProblemCase> problems() throws IOException {
    return read("/risk/ssvc-table-problems.json", ProblemCase[].class).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void the_shipped_table_decides_as_cisa_publishes(Case c) {
    SsvcOutcome outcome = Ssvc.cisaCoordinator().decide(EXPLOITATION.get(c.exploitation()),
        YES.get(c.automatable()), TOTAL.get(c.technicalImpact()), level(c.missionWellbeing()));

    assertThat(outcome.displayName()).isEqualTo(c.decision());
  }

  @Test
  void the_cases_hold_each_of_the_36_combinations_once() throws IOException {
    List<String> combinations = cases().map(c -> String.join(",", c.exploitation(), c.automatable(),
        c.technicalImpact(), c.missionWellbeing())).toList();

    assertThat(combinations).hasSize(36).doesNotHaveDuplicates();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void mission_prevalence_and_public_wellbeing_give_mission_and_wellbeing_impact(CellCase c) {
    MissionWellbeing impact = Ssvc.missionWellbeing(
        MissionPrevalence.valueOf(c.missionPrevalence().toUpperCase(Locale.ROOT)),
        PublicWellbeing.valueOf(c.publicWellbeing().toUpperCase(Locale.ROOT)));

    assertThat(impact).isEqualTo(level(c.expected()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void a_broken_table_fails_naming_the_line_and_row(ProblemCase c) throws IOException {
    String csv = c.text() != null ? c.text() : edit(shippedCsv(), c.replace());

    assertThatThrownBy(() -> Ssvc.fromCsv("table.csv", csv))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(c.expected());
  }

  @Test
  void the_table_is_read_once_and_shared() {
    assertThat(Ssvc.cisaCoordinator()).isSameAs(Ssvc.cisaCoordinator());
  }

  @Test
  void results_can_record_which_table_decided() {
    assertThat(Ssvc.cisaCoordinator().version()).isEqualTo("CISA Coordinator 2.0.3");
  }

  @Test
  void windows_line_endings_read_the_same_table() throws IOException {
    Ssvc crlf = Ssvc.fromCsv("table.csv", shippedCsv().replace("\n", "\r\n"));

    cases().forEach(c -> assertThat(crlf.decide(EXPLOITATION.get(c.exploitation()), YES.get(c.automatable()),
        TOTAL.get(c.technicalImpact()), level(c.missionWellbeing())).displayName()).isEqualTo(c.decision()));
  }

  @Test
  void outcomes_show_cisa_names() {
    assertThat(Stream.of(SsvcOutcome.values()).map(SsvcOutcome::displayName))
        .containsExactly("Track", "Track*", "Attend", "Act");
  }

  private static MissionWellbeing level(String word) {
    return MissionWellbeing.valueOf(word.toUpperCase(Locale.ROOT));
  }

  private static String shippedCsv() throws IOException {
    try (InputStream in = SsvcTest.class.getResourceAsStream("/" + Ssvc.RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The text with 1-based lines replaced; a null replacement deletes the line. */
  private static String edit(String text, Map<Integer, String> replace) {
    List<String> lines = new ArrayList<>(text.lines().toList());
    for (Map.Entry<Integer, String> e : new TreeMap<>(replace).descendingMap().entrySet()) {
      if (e.getValue() == null) {
        lines.remove(e.getKey() - 1);
      } else {
        lines.set(e.getKey() - 1, e.getValue());
      }
    }
    return lines.stream().collect(Collectors.joining("\n", "", "\n"));
  }

  private static <T> List<T> read(String resource, Class<T[]> type) throws IOException {
    try (InputStream in = SsvcTest.class.getResourceAsStream(resource)) {
      return List.of(JSON.readValue(in, type));
    }
  }
}
