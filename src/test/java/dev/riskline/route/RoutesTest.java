package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.riskline.bench.FindingGenerator;
import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Matching the event with only the finding fields the patterns name gives what matching it whole gives. */
class RoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Routes routes(String yaml) throws Exception {
    List<Problem> problems = new ArrayList<>();
    Routes r = Routes.read(Settings.root(new YAMLMapper().readValue(yaml, Object.class), problems), Set.of("hook"));
    assertThat(problems).isEmpty();
    return r;
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  @SuppressWarnings("unchecked")
  void matching_a_reduced_event_gives_the_routes_of_the_whole_event(boolean withFindingOr) throws Exception {
    String or = withFindingOr
        ? "  - {name: either, pattern: {\"detail\": {\"finding\": {\"$or\": [{\"AwsAccountId\": [\"111122223333\"]}, {\"Title\": [{\"prefix\": \"CVE\"}]}]}}}, targets: [hook]}\n"
        : "";
    Routes routes = routes("""
        routes:
          - {name: high, pattern: {"detail": {"riskline": {"Risk": {"Rating": ["HIGH", "CRITICAL"]}}}}, targets: [hook]}
          - {name: inspector, pattern: {"detail": {"finding": {"ProductName": ["Inspector"]}}}, targets: [hook]}
          - {name: ec2, pattern: {"detail": {"finding": {"Resources": {"Type": ["AwsEc2Instance"]}}}}, targets: [hook]}
          - {name: new-failed, pattern: {"detail-type": ["Riskline Finding NEW"], "detail": {"finding": {"Compliance": {"Status": ["FAILED"]}}}}, targets: [hook]}
        """ + or);
    FindingGenerator gen = new FindingGenerator(3, FindingGenerator.DEFAULT_BASE);
    int matched = 0;
    for (int i = 0; i < 2_000; i++) {
      Map<String, Object> finding = JSON.readValue(JSON.writeValueAsBytes(gen.next()), Map.class);
      Map<String, Object> riskline = new LinkedHashMap<>();
      riskline.put("Risk", Map.of("Rating", List.of("LOW", "MEDIUM", "HIGH", "CRITICAL").get(i % 4)));
      riskline.put("State", "OPEN");
      List<Routes.Route> reduced = routes.match(Change.NEW, finding, riskline);
      List<Routes.Route> whole = routes.match(TriageEvent.json(Change.NEW, finding, riskline));
      assertThat(reduced).isEqualTo(whole);
      matched += whole.size();
    }
    assertThat(matched).isGreaterThan(1_000);
  }
}
