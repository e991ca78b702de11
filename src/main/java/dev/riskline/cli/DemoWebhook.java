package dev.riskline.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhook the demo sends its deliveries to: the JDK's HTTP server on 127.0.0.1 at a free port, answering
 * every POST with 204 and keeping its {@code Idempotency-Key} and body in the order they came. Nothing leaves
 * the machine. Thread-safe; {@link #close} stops it.
 */
final class DemoWebhook implements AutoCloseable {
  /** One POST as it arrived. */
  record Received(String key, String body) {}

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();

  private DemoWebhook(HttpServer server) {
    this.server = server;
  }

  /** Started on a free port of 127.0.0.1. */
  static DemoWebhook start() throws IOException {
    DemoWebhook hook = new DemoWebhook(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    hook.server.createContext("/", hook::handle);
    hook.server.start();
    return hook;
  }

  /** Where it listens: {@code http://127.0.0.1:PORT/riskline}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/riskline";
  }

  /** What it was sent, in order. */
  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    synchronized (this) {
      received.add(new Received(exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
    }
    exchange.sendResponseHeaders(204, -1);
    try (OutputStream o = exchange.getResponseBody()) {
      o.flush();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
