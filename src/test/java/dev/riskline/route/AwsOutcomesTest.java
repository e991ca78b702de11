package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/** What an AWS error answer means for a delivery: retried, or DEAD at once; never a credential shown. */
class AwsOutcomesTest {
  private static final String SECRET = "hunter2-secret-value";
  private static AwsTarget target;

  @BeforeAll
  static void build() {
    List<Problem> problems = new ArrayList<>();
    Settings s = Settings.root(Map.of("queue", Map.of("type", "sqs",
        "queueUrl", "https://sqs.us-east-1.amazonaws.com/111122223333/findings",
        "accessKeyId", "${KEY_ID}", "secretAccessKey", "${SECRET}")), problems).section("queue");
    target = SqsTarget.read("queue", s, Map.of("KEY_ID", "AKIAOUTCOMEKEY", "SECRET", SECRET)::get);
    assertThat(problems).isEmpty();
  }

  @AfterAll
  static void close() {
    target.close();
  }

  private static AwsServiceException error(int status, String code, String message) {
    return AwsServiceException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
  }

  @ParameterizedTest(name = "HTTP {0} {1}: permanent {2}")
  @CsvSource({
      "400, Throttling, false",
      "400, ThrottlingException, false",
      "400, RequestThrottled, false",
      "400, KMSThrottling, false",
      "429, TooManyRequests, false",
      "500, InternalError, false",
      "503, ServiceUnavailable, false",
      "403, RequestTimeTooSkewed, false",
      "403, ExpiredToken, false",
      "403, AccessDenied, true",
      "403, AuthorizationError, true",
      "403, InvalidClientTokenId, true",
      "404, NotFound, true",
      "400, AWS.SimpleQueueService.NonExistentQueue, true",
      "400, InvalidParameter, true",
      "400, InvalidParameterValue, true",
      "400, KMSDisabled, true"})
  void an_error_answer_is_retried_or_dead_by_its_code_and_status(int status, String code, boolean permanent) {
    var outcome = target.outcome(error(status, code, "what AWS said"));

    assertThat(outcome.sent()).isFalse();
    assertThat(outcome.permanent()).isEqualTo(permanent);
    assertThat(outcome.detail()).isEqualTo("sqs queue (https://sqs.us-east-1.amazonaws.com/111122223333/findings): "
        + code + " (HTTP " + status + "): what AWS said");
  }

  @Test
  void a_timeout_is_retried() {
    var outcome = target.outcome(ApiCallTimeoutException.create(10_000));

    assertThat(outcome.permanent()).isFalse();
    assertThat(outcome.detail()).startsWith("sqs queue (https://sqs.us-east-1.amazonaws.com/111122223333/findings): "
        + "ApiCallTimeoutException: ");
  }

  @Test
  void credentials_in_an_answer_are_never_shown() {
    var outcome = target.outcome(error(403, "SignatureDoesNotMatch",
        "signed with AKIAOUTCOMEKEY and " + SECRET + " does not match"));

    assertThat(outcome.permanent()).isTrue();
    assertThat(outcome.detail()).endsWith("SignatureDoesNotMatch (HTTP 403): signed with *** and *** does not match");
  }
}
