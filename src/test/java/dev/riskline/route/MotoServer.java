package dev.riskline.route;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * The moto server ({@code moto_server -H 127.0.0.1 -p PORT}) on a free port, standing in for SNS, SQS and
 * EventBridge: one per test class, {@link #reset} between tests. Starting fails with its output when moto
 * is not installed or does not come up.
 */
final class MotoServer implements AutoCloseable {
  static final String REGION = "us-east-1";
  /** Fake credentials: moto takes any. */
  static final Map<String, String> ENV = Map.of("MOTO_KEY_ID", "AKIAMOTOFAKEKEYID", "MOTO_SECRET", "moto-hunter2-secret");
  private static final long START_SECONDS = 60;

  private final Process process;
  private final int port;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private final HttpClient http = HttpClient.newHttpClient();

  private MotoServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static MotoServer start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    Process p;
    try {
      p = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run moto_server (" + e.getMessage() + "); install it with "
          + "pip install 'moto[server]' so that moto_server is on the PATH", e);
    }
    MotoServer moto = new MotoServer(p, port);
    CompletableFuture<Void> up = new CompletableFuture<>();
    Thread reader = new Thread(() -> moto.drain(up), "moto-output-" + port);
    reader.setDaemon(true);
    reader.start();
    try {
      up.get(START_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      moto.close();
      throw new IllegalStateException("moto_server did not start on 127.0.0.1:" + port + " within " + START_SECONDS
          + " s; its output:\n" + String.join("\n", moto.output), e);
    }
    moto.reset();
    return moto;
  }

  /** Reads the server's output; {@code up} completes when it says it is running, or fails when it exits. */
  private void drain(CompletableFuture<Void> up) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (output.size() < 200) output.add(line);
        if (line.contains("Running on")) up.complete(null);
      }
    } catch (IOException e) {
      up.completeExceptionally(e);
    }
    up.completeExceptionally(new IllegalStateException("moto_server exited"));
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Forgets every topic, queue, bus and rule. */
  void reset() throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IllegalStateException("moto reset answered HTTP " + r.statusCode());
  }

  /** A client of the test's own, to create topics and queues and read what arrived. */
  <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
    return builder.endpointOverride(endpoint()).region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "test")))
        .build();
  }

  /** The settings every target under test shares: moto's endpoint, its region and the fake keys. */
  Map<String, Object> settings() {
    return Map.of("endpoint", endpoint().toString(), "allowInsecureHttp", true, "region", REGION,
        "accessKeyId", "${MOTO_KEY_ID}", "secretAccessKey", "${MOTO_SECRET}");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
