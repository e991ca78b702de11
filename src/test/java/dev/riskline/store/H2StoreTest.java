package dev.riskline.store;

import static dev.riskline.store.TestFindings.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on H2 files, as the command line uses them, and H2 in memory. */
class H2StoreTest extends StoreContract {
  @TempDir
  Path dir;
  private int stores;

  @Override
  String productArnTooLong() {
    return "Value too long for column \"PRODUCT_ARN CHARACTER VARYING(2048)\": \"'arn:aws:securityhub:eu-west-1"
        + "::product/aws/securityhub/xxxxxxxxxxxxxxxxxxxxxxxx... (2103)\" at findings[2]";
  }

  @Override
  String newStoreUrl() {
    return Store.defaultUrl(dir.resolve("store-" + ++stores));
  }

  @Test
  void the_default_store_is_one_h2_file_in_the_folder() {
    Path folder = dir.resolve(".riskline");

    String url = Store.defaultUrl(folder);
    open(url).importBatch(List.of(finding("f-1", "2026-01-05T10:00:00.000Z")), T0);

    assertThat(url).isEqualTo("jdbc:h2:file:" + folder.toAbsolutePath() + "/riskline;AUTO_SERVER=FALSE");
    assertThat(Files.exists(folder.resolve("riskline.mv.db"))).isTrue();
  }

  @Test
  void a_store_file_that_another_process_has_open_is_refused_with_advice() throws Exception {
    String url = newStoreUrl();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HoldStore.class.getName(), url)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("open 0");

      assertThatThrownBy(() -> Store.open(url))
          .isInstanceOf(StoreException.class)
          .hasMessage("Cannot open store " + url + ": the database is in use by another process. Is another riskline"
              + " running on it? Use --store URL or RISKLINE_STORE to choose another store.");
    } finally {
      other.getOutputStream().close();
      assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(open(url).count()).isZero();
  }

  @Test
  void an_in_memory_store_works_and_is_private_to_its_instance() {
    Store first = open("jdbc:h2:mem:");
    Store second = open("jdbc:h2:mem:");

    first.importBatch(List.of(finding("f-1", "2026-01-05T10:00:00.000Z")), T0);

    assertThat(first.count()).isEqualTo(1);
    assertThat(first.history(finding("f-1", "2026-01-05T10:00:00.000Z").identity())).hasSize(1);
    assertThat(second.count()).isZero();
  }
}
