package dev.riskline.route;

import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

/**
 * What every AWS target shares, read from its settings: the region, an optional endpoint, the credentials
 * and the timeout; and the SDK client built from them.
 *
 * <p>Settings (defaults in brackets): {@code region} [from the target's ARN or queue URL, else the
 * environment's {@code AWS_REGION}]; {@code endpoint} — a VPC endpoint or a test server, https unless
 * {@code allowInsecureHttp: true}, never link-local or a metadata host (checked at load without DNS, and
 * where it resolves before each send) [the service's public endpoint];
 * credentials from {@code profile}, or {@code accessKeyId} and {@code secretAccessKey} (and {@code
 * sessionToken}) as {@code ${NAME}} [the SDK's default chain: environment, profile, web identity, container
 * and instance roles]; {@code timeoutSeconds} for connecting, each read and the whole call, 1 to 300 [10].
 *
 * <p>The SDK's own retries are off: each send is one HTTP request, and the outbox's backoff decides when
 * to try again. Clients are built once per target at load, are thread-safe and live as long as the
 * process. Immutable and thread-safe.
 *
 * @param where what outcomes name the target by, e.g. {@code sns alerts (arn:aws:sns:...)}
 * @param hidden the credentials' values, which outcomes never show
 */
record AwsSetup(String where, Region region, URI endpoint, AwsCredentialsProvider credentials, Duration timeout,
    List<String> hidden) {
  /** The settings every AWS target takes besides its own. */
  static final List<String> KEYS = List.of("region", "endpoint", "allowInsecureHttp", "profile", "accessKeyId",
      "secretAccessKey", "sessionToken", "timeoutSeconds");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

  AwsSetup {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(timeout, "timeout");
    hidden = List.copyOf(hidden);
  }

  /** Whether the text is an AWS region name such as {@code us-east-1}. */
  static boolean isRegion(String text) {
    return text != null && REGION.matcher(text).matches();
  }

  /**
   * The shared settings of one target, or null after adding each problem to the settings' list.
   *
   * @param where what outcomes call the target
   * @param implied the region the target's ARN or URL names, or null
   * @param impliedBy the setting that names it ({@code topicArn})
   * @param env resolves an environment variable's name to its value, null when unset
   */
  static AwsSetup read(Settings s, String where, String implied, String impliedBy, UnaryOperator<String> env) {
    int before = s.problems().size();
    Region region = region(s, implied, impliedBy, env);
    boolean allowHttp = s.bool("allowInsecureHttp", false);
    URI endpoint = endpoint(s, allowHttp);
    List<String> hidden = new ArrayList<>();
    AwsCredentialsProvider credentials = credentials(s, env, hidden);
    int timeout = s.integer("timeoutSeconds", 10, 1, 300);
    if (s.problems().size() > before) return null;
    return new AwsSetup(where, region, endpoint, credentials, Duration.ofSeconds(timeout), hidden);
  }

  private static Region region(Settings s, String implied, String impliedBy, UnaryOperator<String> env) {
    String text = s.string("region", null);
    if (text != null && !isRegion(text)) {
      s.problem(s.at("region"), "expected an AWS region such as us-east-1 but was " + Problem.describe(text));
      return null;
    }
    if (text != null && implied != null && !text.equals(implied)) {
      s.problem(s.at("region"), "expected " + implied + ", the region of " + impliedBy + ", but was "
          + Problem.describe(text) + "; leave region out to take it from " + impliedBy);
      return null;
    }
    if (text == null) text = implied;
    if (text == null) text = env.apply("AWS_REGION");
    if (text == null || !isRegion(text)) {
      s.problem(s.at("region"), "missing; expected the AWS region, e.g. us-east-1 (or AWS_REGION in the environment)");
      return null;
    }
    return Region.of(text);
  }

  private static URI endpoint(Settings s, boolean allowHttp) {
    String text = s.string("endpoint", null);
    if (text == null) return null;
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || (uri.getRawPath() != null && uri.getRawPath().length() > 1)
        || uri.getRawQuery() != null) {
      s.problem(s.at("endpoint"), "expected a URL of a scheme and host, e.g. https://vpce-0abc.sns.us-east-1"
          + ".vpce.amazonaws.com, but was " + Problem.describe(text));
      return null;
    }
    String problem = UrlCheck.problem(uri, allowHttp);
    if (problem != null) s.problem(s.at("endpoint"), problem);
    return problem == null ? uri : null;
  }

  private static AwsCredentialsProvider credentials(Settings s, UnaryOperator<String> env, List<String> hidden) {
    boolean keys = s.has("accessKeyId") || s.has("secretAccessKey") || s.has("sessionToken");
    String profile = s.string("profile", null);
    if (profile != null && keys) {
      s.problem(s.at("profile"), "expected either profile or accessKeyId and secretAccessKey, not both");
      return null;
    }
    if (profile != null) return profile(s, profile);
    if (!keys) return DefaultCredentialsProvider.builder().build();
    String id = Secrets.read(s, "accessKeyId", "the AWS access key id", true, env);
    String secret = Secrets.read(s, "secretAccessKey", "the AWS secret access key", true, env);
    String token = Secrets.read(s, "sessionToken", "the AWS session token", false, env);
    if (id == null || secret == null || (s.has("sessionToken") && token == null)) return null;
    for (String v : new String[] {id, secret, token}) if (v != null && v.length() >= 4) hidden.add(v);
    hidden.sort((a, b) -> b.length() - a.length()); // the longest first, so a part never leaves the rest showing
    AwsCredentials c = token == null ? AwsBasicCredentials.create(id, secret)
        : AwsSessionCredentials.create(id, secret, token);
    return StaticCredentialsProvider.create(c);
  }

  private static AwsCredentialsProvider profile(Settings s, String name) {
    boolean found;
    try {
      found = ProfileFile.defaultProfileFile().profile(name).isPresent();
    } catch (RuntimeException e) { // a malformed file: its text may hold keys, so only the kind is told
      s.problem(s.at("profile"), "cannot read the AWS config and credentials files (" + e.getClass().getSimpleName()
          + "); expected files holding profile " + Problem.describe(name));
      return null;
    }
    if (!found) {
      s.problem(s.at("profile"), "no profile " + Problem.describe(name) + " in the AWS config or credentials file "
          + "(~/.aws/config, ~/.aws/credentials, or AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE); expected "
          + "the name of one");
      return null;
    }
    return ProfileCredentialsProvider.builder().profileName(name).build();
  }

  /**
   * The SDK client from a service's builder: this region, endpoint and credentials; the Apache HTTP client
   * with the timeout to connect and to read; the timeout for the whole call; no retries of the SDK's own.
   * Built at its first use and then kept: a command that loads the configuration but sends nothing (triage,
   * findings, explain) never pays for building it (about 0.7 s of start-up with three AWS targets).
   */
  <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkAutoCloseable> Lazy<C> lazyClient(
      java.util.function.Supplier<B> builder) {
    return new Lazy<>(() -> build(builder.get()));
  }

  /** A value made once, at its first use; thread-safe. */
  static final class Lazy<C extends SdkAutoCloseable> {
    private final java.util.function.Supplier<C> make;
    private volatile C value;

    Lazy(java.util.function.Supplier<C> make) {
      this.make = make;
    }

    C get() {
      C v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) value = v = make.get();
        }
      }
      return v;
    }

    /** Closes the value if it was made. */
    synchronized void close() {
      if (value != null) value.close();
    }
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
    builder.region(region).credentialsProvider(credentials)
        .httpClientBuilder(ApacheHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout)
            .connectionAcquisitionTimeout(timeout))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(timeout).apiCallAttemptTimeout(timeout));
    if (endpoint != null) builder.endpointOverride(endpoint);
    return builder.build();
  }

  /**
   * Before each send, where a configured endpoint resolves now ({@link UrlCheck#beforeSend}, as for every HTTP
   * target): a failure retrying cannot fix when it is link-local or a metadata address, one to retry when it
   * does not resolve, else null.
   */
  Target.Outcome recheck() {
    return endpoint == null ? null : UrlCheck.beforeSend(where, endpoint.getHost());
  }

  /** The text with the credentials' values replaced by ***. */
  String redact(String text) {
    if (text == null) return "";
    String out = text;
    for (String h : hidden) out = out.replace(h, "***");
    return out;
  }
}
