package dev.riskline.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A ticket system's REST API on 127.0.0.1 and a random port, in memory: the subset Riskline uses, checked
 * the way the real one checks it. Faults are queued and answer the next requests instead (an HTTP status
 * with {@code Retry-After}, or no answer at all until the server stops). Every request is logged as
 * {@code METHOD path}. Thread-safe enough for one client at a time.
 */
public abstract class FakeTicketServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** What the next request gets instead of its answer: a status (0: no answer), a Retry-After, a body. */
  record Fault(int status, String retryAfter, String body) {}

  private final HttpServer server;
  private final String authorization;
  private final Deque<Fault> faults = new ArrayDeque<>();
  final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch stopping = new CountDownLatch(1);

  /** @param authorization the only {@code Authorization} header accepted */
  FakeTicketServer(String authorization) throws IOException {
    this.authorization = authorization;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/", this::exchange);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized void fail(int status, String retryAfter, String body) {
    faults.add(new Fault(status, retryAfter, body));
  }

  /** The next request gets no answer (until the server stops): the client times out. */
  synchronized void hang() {
    faults.add(new Fault(0, null, null));
  }

  private synchronized Fault nextFault() {
    return faults.poll();
  }

  /** The answer to one authorized request: a status and a JSON body (null for none). */
  record Answer(int status, JsonNode body) {}

  /** Called before each authorized request is answered, outside any lock: a test may hold a request here. */
  void beforeAnswer(String method, String path) throws InterruptedException {}

  /** Answers a request: method, path (without the query), query parameters, body (null when empty). */
  abstract Answer answer(String method, String path, Map<String, String> query, JsonNode body);

  static Answer error(int status, String message) {
    return new Answer(status, JSON.createObjectNode().put("message", message));
  }

  private void exchange(HttpExchange x) throws IOException {
    try (x) {
      String path = x.getRequestURI().getRawPath();
      requests.add(x.getRequestMethod() + " " + path);
      Fault fault = nextFault();
      if (fault != null && fault.status() == 0) {
        stopping.await(30, TimeUnit.SECONDS);
        return;
      }
      if (fault != null) {
        if (fault.retryAfter() != null) x.getResponseHeaders().add("Retry-After", fault.retryAfter());
        send(x, fault.status(), fault.body() == null ? "{\"error\": \"fault\"}" : fault.body());
        return;
      }
      String auth = x.getRequestHeaders().getFirst("Authorization");
      if (!authorization.equals(auth)) {
        // a careless server echoes what it was sent: Riskline must not repeat it
        send(x, 401, "{\"error\": \"not authorized: " + auth + "\"}");
        return;
      }
      byte[] raw = x.getRequestBody().readAllBytes();
      JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
      beforeAnswer(x.getRequestMethod(), path);
      Answer a = answer(x.getRequestMethod(), path, query(x.getRequestURI().getRawQuery()), body);
      send(x, a.status(), a.body() == null ? null : a.body().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange x, int status, String body) throws IOException {
    if (body == null) {
      x.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null) return q;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      q.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }

  @Override
  public void close() {
    stopping.countDown();
    server.stop(0);
  }
}
