package dev.riskline.finding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Security Hub's import semantics as a case table ({@code import-cases.json}): a held finding (or none),
 * the attributes customers set on it, an incoming provider record, and the expected outcome and fields.
 * Held and incoming are a base control finding with the case's fields laid over it (null removes one).
 */
class ImportCasesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE = """
      {"SchemaVersion": "2018-10-08", "Id": "arn:aws:securityhub:us-east-1:123456789012:security-control/S3.1/finding/1",
       "ProductArn": "arn:aws:securityhub:us-east-1::product/aws/securityhub", "GeneratorId": "security-control/S3.1",
       "AwsAccountId": "123456789012", "CreatedAt": "2026-01-01T00:00:00Z", "UpdatedAt": "2026-01-02T00:00:00Z",
       "Title": "S3 general purpose buckets should have block public access settings enabled", "Description": "d",
       "Types": ["Software and Configuration Checks"], "Severity": {"Label": "HIGH"},
       "Resources": [{"Type": "AwsAccount", "Id": "AWS::::Account:123456789012"}],
       "Compliance": {"Status": "FAILED", "SecurityControlId": "S3.1"}}
      """;

  record Case(String name, Map<String, Object> held, List<String> customerSet, Map<String, Object> incoming,
      Map<String, Object> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() throws Exception {
    try (InputStream in = ImportCasesTest.class.getResourceAsStream("/import-cases.json")) {
      return JSON.readValue(in, new TypeReference<List<Case>>() {}).stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void import_behaves_as_security_hub(Case c) throws Exception {
    Imports.Held held = null;
    if (c.held() != null) {
      Imports.Result created = Imports.apply(null, finding(c.held()));
      held = new Imports.Held(created.finding(),
          new HashSet<>(c.customerSet() == null ? List.of() : c.customerSet()));
    }
    Finding incoming = finding(c.incoming());
    assertThat(Asff.validate(incoming.json())).as("incoming is valid").isEmpty();

    Imports.Result result = Imports.apply(held, incoming);

    assertThat(result.outcome().name()).isEqualTo(c.expected().get("outcome"));
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) c.expected().get("fields");
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      assertThat(at(result.finding().json(), e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
    }
    assertThat(Asff.validate(result.finding().json())).as("result is valid").isEmpty();
  }

  private static Finding finding(Map<String, Object> overrides) throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = JSON.readValue(BASE, LinkedHashMap.class);
    for (Map.Entry<String, Object> e : overrides.entrySet()) {
      if (e.getValue() == null) tree.remove(e.getKey());
      else tree.put(e.getKey(), e.getValue());
    }
    return Finding.of(tree);
  }

  private static Object at(Map<String, Object> tree, String path) {
    Object node = tree;
    for (String part : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> m)) return null;
      node = m.get(part);
    }
    return node;
  }
}
