package dev.riskline.cli;

import dev.riskline.finding.RisklineException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Replaces a file with a download, never with a bad one: the response goes to a temporary file beside the
 * target, is checked, and only then moved over the target in one step. A failed or invalid download leaves
 * the target as it was and no temporary file behind. Thread-safe (the client is).
 */
final class Download {
  private final HttpClient client;
  private final Duration timeout;
  private final String userAgent;

  /**
   * @param client follows redirects as it is built to
   * @param timeout for each download, from the request to the last byte
   */
  Download(HttpClient client, Duration timeout, String userAgent) {
    this.client = client;
    this.timeout = timeout;
    this.userAgent = userAgent;
  }

  /** A client with a 30-second connect timeout that follows redirects (not from https to http). */
  static HttpClient client() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /**
   * Downloads {@code url}, checks the download and moves it over {@code target}.
   *
   * @param what what the file is, for messages ("a KEV catalog")
   * @param check reads the downloaded file and returns what the caller wants of it; a bad download throws
   *     bad input naming the file, which the message then names by its URL instead
   * @return what {@code check} returned
   * @throws RisklineException bad input when the download is not valid or the server answers 4xx, our
   *     failure when the network, the server (5xx) or the disk fails; the target is kept in each case
   */
  <T> T replace(URI url, Path target, String what, Function<Path, T> check) {
    Path folder = target.toAbsolutePath().getParent();
    Path part;
    try {
      part = Files.createTempFile(folder, target.getFileName() + ".", ".download");
    } catch (IOException e) {
      throw new RisklineException("cannot write to " + folder + ": " + e, "Check that the folder can be written.",
          true, e);
    }
    try {
      HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("User-Agent", userAgent).GET().build();
      HttpResponse<Path> response = send(request, part);
      int status = response.statusCode();
      if (status != 200) {
        boolean ours = status < 400 || status >= 500;
        throw new RisklineException("GET " + url + ": expected HTTP status 200 but was " + status + "; "
            + kept(target), ours ? "The server failed; try again later." : "Check the URL.", !ours, null);
      }
      T result;
      try {
        result = check.apply(part);
      } catch (RisklineException e) {
        throw new RisklineException(url + ": expected " + what + " but the download is not one; " + kept(target)
            + System.lineSeparator() + e.getMessage().replace(part.toString(), url.toString()),
            "Check that the URL serves " + what + " as published.", true, e);
      }
      move(part, target);
      return result;
    } catch (HttpTimeoutException e) {
      throw failed(url, target, "timed out: " + e.getMessage(), e);
    } catch (IOException e) {
      throw failed(url, target, e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(url, target, "interrupted", e);
    } finally {
      try {
        Files.deleteIfExists(part);
      } catch (IOException e) {
        // the download failed already, or was moved; a leftover .download file is harmless
      }
    }
  }

  /** The response with its body in the file, complete within the timeout (the client's own covers the headers only). */
  private HttpResponse<Path> send(HttpRequest request, Path file) throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<Path>> pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofFile(file));
    try {
      return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new HttpTimeoutException("not complete within " + timeout.toString().substring(2).toLowerCase(Locale.ROOT));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) throw io;
      throw new IOException(e.getCause());
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static RisklineException failed(URI url, Path target, String why, Exception cause) {
    return new RisklineException("GET " + url + ": download failed: " + why + "; " + kept(target),
        "Check the network (and a proxy, if one is needed), then try again.", false, cause);
  }

  private static String kept(Path target) {
    return Files.exists(target) ? "kept the last good file " + target : "nothing saved to " + target;
  }
}
