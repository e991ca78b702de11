package dev.riskline.cli;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven over the DevTools protocol (a WebSocket, no driver): opens a page as a user would,
 * records every request the page makes and everything it writes to the console, and evaluates JavaScript in
 * the rendered page. {@code RISKLINE_TEST_BROWSER} says what to do when Chromium ({@code /usr/bin/chromium},
 * or {@code RISKLINE_TEST_CHROMIUM}) is missing: {@code required} (default) fails the test, {@code skip}
 * skips it. One page at a time; not thread-safe.
 */
final class Browser implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
  private final List<String> requests = new ArrayList<>();
  private final List<String> console = new ArrayList<>();

  private Browser(Process process) {
    this.process = process;
  }

  /**
   * Chromium's path when it can be used; when it is missing, fails the test, or returns null when
   * {@code RISKLINE_TEST_BROWSER=skip} (then the caller skips).
   */
  static Path chromium() {
    String mode = env("RISKLINE_TEST_BROWSER", "required").toLowerCase(Locale.ROOT);
    if (!mode.equals("required") && !mode.equals("skip")) {
      fail("Expected RISKLINE_TEST_BROWSER to be required or skip but was " + mode);
    }
    Path chromium = Path.of(env("RISKLINE_TEST_CHROMIUM", "/usr/bin/chromium"));
    if (Files.isExecutable(chromium)) return chromium;
    if (mode.equals("skip")) return null;
    fail("Headless Chromium is needed to test the HTML report but " + chromium + " is missing. Install it "
        + "(apt-get install chromium), set RISKLINE_TEST_CHROMIUM to its path, or set RISKLINE_TEST_BROWSER=skip "
        + "to skip these tests.");
    return null;
  }

  /** Starts Chromium with a fresh profile in {@code profile} and attaches to its blank page. */
  static Browser start(Path chromium, Path profile) throws Exception {
    Path tmp = Files.createDirectories(profile.resolve("tmp"));
    ProcessBuilder builder = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--window-size=1280,900",
        "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
        "--user-data-dir=" + profile.resolve("profile"), "about:blank")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("TMPDIR", tmp.toString()); // its own temporary files go with the profile
    Process p = builder.start();
    try {
      URI browser = URI.create(listening(p));
      HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
      URI list = URI.create("http://" + browser.getAuthority() + "/json/list");
      JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(list).timeout(WAIT).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      String page = null;
      for (JsonNode t : targets) {
        if (t.path("type").asText().equals("page")) page = t.path("webSocketDebuggerUrl").asText();
      }
      if (page == null) throw new IllegalStateException("Chromium opened no page: " + targets);
      Browser b = new Browser(p);
      b.socket = http.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(URI.create(page), b.new Listener())
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      for (String domain : List.of("Page", "Network", "Runtime", "Log")) b.call(domain + ".enable", Map.of());
      return b;
    } catch (Exception | Error e) {
      stop(p);
      throw e;
    }
  }

  /** Reads Chromium's stderr until it names its DevTools address; keeps draining it afterwards. */
  private static String listening(Process p) throws Exception {
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> address = new CompletableFuture<>();
    StringBuilder seen = new StringBuilder();
    Thread drain = new Thread(() -> {
      try {
        for (String line; (line = err.readLine()) != null; ) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) address.complete(m.group(1));
          if (!address.isDone() && seen.length() < 4000) seen.append(line).append('\n');
        }
      } catch (IOException e) {
        // the process ended
      }
      address.completeExceptionally(new IllegalStateException("Chromium ended without a DevTools address:\n" + seen));
    }, "chromium-stderr");
    drain.setDaemon(true);
    drain.start();
    return address.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Opens {@code file} and waits until it has loaded, forgetting the previous page's requests and console. */
  void open(Path file) throws Exception {
    synchronized (this) {
      requests.clear();
      console.clear();
    }
    events.clear();
    call("Page.navigate", Map.of("url", file.toUri().toString()));
    long end = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JsonNode e = events.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) throw new IllegalStateException("Timed out loading " + file);
      if (e.path("method").asText().equals("Page.loadEventFired")) return;
    }
  }

  /** The URLs the page requested, the page itself first. */
  synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  /** What the page wrote to the console, uncaught exceptions and browser log entries, one line each. */
  synchronized List<String> console() {
    return List.copyOf(console);
  }

  /** The value of a JavaScript expression in the page (JSON-like values). */
  JsonNode eval(String expression) throws Exception {
    JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
    if (r.has("exceptionDetails")) throw new AssertionError(expression + ": " + r.get("exceptionDetails"));
    return r.path("result").path("value");
  }

  /** The rendered text ({@code innerText}) of every element the selector matches, in document order. */
  List<String> texts(String selector) throws Exception {
    JsonNode v = eval("[...document.querySelectorAll(" + JSON.writeValueAsString(selector) + ")].map(e => e.innerText)");
    List<String> out = new ArrayList<>();
    v.forEach(n -> out.add(n.asText()));
    return out;
  }

  private JsonNode call(String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", JSON.valueToTree(params));
    socket.sendText(JSON.writeValueAsString(message), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    JsonNode r = reply.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (r.has("error")) throw new IllegalStateException(method + ": " + r.get("error"));
    return r.path("result");
  }

  private void received(JsonNode message) {
    if (message.has("id")) {
      CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
      if (reply != null) reply.complete(message);
      return;
    }
    JsonNode p = message.path("params");
    synchronized (this) {
      switch (message.path("method").asText()) {
        case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
        case "Runtime.consoleAPICalled" -> {
          List<String> args = new ArrayList<>();
          p.path("args").forEach(a -> args.add(a.has("value") ? a.get("value").asText() : a.path("description").asText()));
          console.add("console." + p.path("type").asText() + ": " + String.join(" ", args));
        }
        case "Runtime.exceptionThrown" -> console.add("exception: " + p.path("exceptionDetails").path("exception")
            .path("description").asText(p.path("exceptionDetails").path("text").asText()));
        case "Log.entryAdded" -> console.add("log " + p.path("entry").path("level").asText() + ": "
            + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText(""));
        default -> { }
      }
    }
    events.add(message);
  }

  /** Asks Chromium to quit, which it does cleanly; ends it by signal when it does not. */
  @Override
  public void close() {
    try {
      socket.sendText(JSON.writeValueAsString(Map.of("id", ids.incrementAndGet(), "method", "Browser.close")), true)
          .get(10, TimeUnit.SECONDS);
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // ended below
    }
    socket.abort();
    stop(process);
  }

  /** Ends Chromium and every process it started, and waits until they are gone. */
  private static void stop(Process p) {
    List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
    all.add(p.toHandle());
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle h : all) {
      try {
        h.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  /** Joins the WebSocket's message parts and hands each whole message to the browser. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          received(JSON.readTree(text.toString()));
        } catch (IOException e) {
          throw new IllegalStateException("Unreadable DevTools message: " + text, e);
        } finally {
          text.setLength(0);
        }
      }
      socket.request(1);
      return null;
    }
  }
}
