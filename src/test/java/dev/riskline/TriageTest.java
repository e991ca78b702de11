package dev.riskline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.finding.Finding;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One in-memory run: one result per identity, newer records replace older ones, and the two-thread hand-off. */
class TriageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Finding finding(String id, String updatedAt, String title) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("SchemaVersion", "2018-10-08");
    t.put("Id", id);
    t.put("ProductArn", "arn:aws:securityhub:us-east-1::product/aws/guardduty");
    t.put("GeneratorId", "g");
    t.put("AwsAccountId", "111122223333");
    t.put("CreatedAt", "2026-01-01T00:00:00Z");
    t.put("UpdatedAt", updatedAt);
    t.put("Title", title);
    t.put("Description", "d");
    t.put("Types", List.of("TTPs/Initial Access"));
    t.put("Severity", Map.of("Label", "MEDIUM"));
    t.put("Resources", List.of(Map.of("Type", "Other", "Id", "r-" + id)));
    return Finding.of(t);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> lines(Triage run) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    run.writeNdjson(out);
    List<Map<String, Object>> result = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) result.add(JSON.readValue(line, LinkedHashMap.class));
    }
    return result;
  }

  @Test
  void keeps_one_result_per_identity_through_thousands_of_updates() throws Exception {
    try (Triage run = Riskline.create(Config.defaults()).newTriage()) {
      for (int i = 0; i < 5_000; i++) run.offer(finding("f" + i, "2026-01-02T00:00:00Z", "v1"));
      for (int i = 0; i < 5_000; i += 2) run.offer(finding("f" + i, "2026-01-03T00:00:00Z", "v2"));
      for (int i = 0; i < 5_000; i += 5) run.offer(finding("f" + i, "2026-01-01T00:00:00Z", "older"));

      List<Map<String, Object>> out = lines(run);

      assertThat(run.size()).isEqualTo(5_000);
      assertThat(run.updated()).isEqualTo(2_500);
      assertThat(run.stale()).isEqualTo(1_000);
      assertThat(out).hasSize(5_000);
      assertThat(out).filteredOn(m -> m.get("Title").equals("v2")).hasSize(2_500);
      assertThat(out).filteredOn(m -> m.get("Title").equals("older")).isEmpty();
      assertThat(out.stream().map(m -> m.get("Id")).distinct().count()).isEqualTo(5_000);
    }
  }

  @Test
  void writes_a_json_array_and_parses_results_back() throws Exception {
    Config config = Config.defaults().withClock(java.time.Clock.fixed(java.time.Instant.parse("2026-01-03T00:00:00Z"),
        java.time.ZoneOffset.UTC));
    try (Triage run = Riskline.create(config).newTriage()) {
      run.offer(finding("a", "2026-01-02T00:00:00Z", "t"));
      run.offer(finding("b", "2026-01-02T00:00:00Z", "t"));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      run.writeJsonArray(out);
      List<Object> ids = new ArrayList<>();
      run.forEach((f, riskline) -> ids.add(f.id() + ":" + riskline.get("State")));

      assertThat(JSON.readTree(out.toByteArray()).size()).isEqualTo(2);
      assertThat(ids).containsExactly("a:OPEN", "b:OPEN");
    }
  }

  @Test
  void an_output_file_moved_into_place_gets_the_permissions_of_any_new_file_there(@TempDir Path dir) throws Exception {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path target = dir.resolve("results.ndjson");
    try (Triage run = Riskline.create(Config.defaults()).newTriage(dir)) {
      run.offer(finding("a", "2026-01-02T00:00:00Z", "t"));
      run.writeNdjson(target);
    }
    Path plain = Files.createFile(dir.resolve("plain.txt"));

    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain));
    assertThat(Files.readString(target)).startsWith("{").endsWith("}\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("results.ndjson", "plain.txt");
    }
  }

  @Test
  void an_empty_run_writes_an_empty_array() throws Exception {
    try (Triage run = Riskline.create(Config.defaults()).newTriage()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      run.writeJsonArray(out);
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[]\n");
    }
  }

  @Test
  void the_pipeline_triages_everything_before_close_returns() throws Exception {
    try (Triage run = Riskline.create(Config.defaults()).newTriage()) {
      try (Pipeline p = run.pipeline()) {
        for (int i = 0; i < 3_000; i++) p.accept(finding("f" + i, "2026-01-02T00:00:00Z", "t"));
      }
      assertThat(run.size()).isEqualTo(3_000);
      assertThat(lines(run)).hasSize(3_000);
    }
  }

  @Test
  void a_failure_on_the_triage_thread_reaches_the_caller() {
    Pipeline p = new Pipeline(f -> {
      throw new IllegalStateException("boom on " + f.id());
    });
    assertThatThrownBy(() -> {
      for (int i = 0; i < 2_000; i++) p.accept(finding("f" + i, "2026-01-02T00:00:00Z", "t"));
      p.close();
    }).isInstanceOf(IllegalStateException.class).hasMessage("boom on f0");
  }
}
