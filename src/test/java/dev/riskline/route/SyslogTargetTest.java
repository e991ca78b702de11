package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.riskline.finding.Problem;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 5424 messages received by real UDP, TCP and TLS listeners and parsed back. */
class SyslogTargetTest {
  private static final String TRUSTSTORE_PASSWORD = "changeit-hunter2";

  @TempDir
  Path dir;

  /** A received message, parsed by RFC 5424's grammar. */
  record Frame(int pri, String version, String timestamp, String hostname, String appName, String procId,
      String msgId, String sdId, Map<String, String> params, String msg) {}

  static Frame parse(String s) {
    int end = s.indexOf('>');
    int pri = Integer.parseInt(s.substring(1, end));
    String[] head = s.substring(end + 1).split(" ", 7);
    String sd = head[6];
    int i = 1;
    int space = sd.indexOf(' ');
    String sdId = sd.substring(i, space);
    i = space;
    Map<String, String> params = new LinkedHashMap<>();
    while (sd.charAt(i) == ' ') {
      int eq = sd.indexOf('=', i);
      String key = sd.substring(i + 1, eq);
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      while (sd.charAt(j) != '"') {
        char c = sd.charAt(j);
        if (c == '\\' && "\"\\]".indexOf(sd.charAt(j + 1)) >= 0) c = sd.charAt(++j);
        else assertThat(c).as("an unescaped ] inside a value").isNotEqualTo(']');
        value.append(c);
        j++;
      }
      params.put(key, value.toString());
      i = j + 1;
    }
    assertThat(sd.charAt(i)).isEqualTo(']');
    assertThat(sd.charAt(i + 1)).isEqualTo(' ');
    return new Frame(pri, head[0], head[1], head[2], head[3], head[4], head[5], sdId, params, sd.substring(i + 2));
  }

  /** The octet-counted frames of one TCP stream: each {@code LEN SP message}. */
  static List<String> frames(byte[] stream) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < stream.length) {
      int sp = i;
      while (stream[sp] != ' ') sp++;
      int length = Integer.parseInt(new String(stream, i, sp - i, StandardCharsets.US_ASCII));
      assertThat(sp + 1 + length).as("the frame's length fits the stream").isLessThanOrEqualTo(stream.length);
      out.add(new String(stream, sp + 1, length, StandardCharsets.UTF_8));
      i = sp + 1 + length;
    }
    return out;
  }

  private static SyslogTarget target(Map<String, Object> settings) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("type", "syslog");
    all.put("host", "127.0.0.1");
    all.put("hostname", "web-1");
    all.putAll(settings);
    List<Problem> problems = new ArrayList<>();
    SyslogTarget t = SyslogTarget.read("siem", SplunkHecTargetTest.section(all, problems),
        n -> n.equals("TRUSTSTORE_PASSWORD") ? TRUSTSTORE_PASSWORD : null);
    assertThat(problems).isEmpty();
    return t;
  }

  /** The bytes of the first {@code n} connections {@code server} reads completely, in order. */
  private static CompletableFuture<byte[]> accept(ServerSocket server, int n) {
    return CompletableFuture.supplyAsync(() -> {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      try (server) {
        int done = 0;
        while (done < n) {
          try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
            s.setSoTimeout(10_000);
            all.write(in.readAllBytes());
            done++;
          } catch (java.io.IOException e) {
            // a client that failed its TLS handshake: wait for the next
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return all.toByteArray();
    });
  }

  @Test
  void udp_sends_one_datagram_with_pri_header_structured_data_and_a_one_line_summary() throws Exception {
    try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(10_000);
      SyslogTarget syslog = target(Map.of("protocol", "udp", "port", listener.getLocalPort(), "facility", "local4"));

      Target.Outcome outcome = syslog.send(SplunkHecTargetTest.delivery("Log4Shell in app.jar"));

      DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
      listener.receive(packet);
      Frame f = parse(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
      assertThat(outcome.sent()).isTrue();
      assertThat(outcome.detail()).isEqualTo("udp://127.0.0.1:" + listener.getLocalPort() + ": " + packet.getLength()
          + " bytes");
      assertThat(f.pri()).isEqualTo(20 * 8 + 2);
      assertThat(List.of(f.version(), f.timestamp(), f.hostname(), f.appName(), f.procId(), f.msgId()))
          .containsExactly("1", "2026-12-01T08:30:00.250Z", "web-1", "riskline", "-", "NEW");
      assertThat(f.sdId()).isEqualTo("riskline@32473");
      assertThat(f.params()).containsExactly(Map.entry("rating", "CRITICAL"), Map.entry("title", "Log4Shell in app.jar"),
          Map.entry("finding", "arn:aws:inspector2:us-east-1:111122223333:finding/abc"), Map.entry("due", "2026-12-07"),
          Map.entry("account", "111122223333"), Map.entry("resource", "i-0abc"));
      assertThat(f.msg()).isEqualTo("CRITICAL risk (NEW): Log4Shell in app.jar; due 2026-12-07; reasons: kev: "
          + "CVE-2021-44228 is in CISA KEV; exposure: reachable from the internet");
    }
  }

  @Test
  void tcp_frames_are_octet_counted_and_quotes_brackets_and_backslashes_are_escaped_in_structured_data()
      throws Exception {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    CompletableFuture<byte[]> received = accept(server, 2);
    SyslogTarget syslog = target(Map.of("protocol", "tcp", "port", server.getLocalPort()));

    String tricky = "C:\\Program Files\\app \"quoted\" [x] ]";
    assertThat(syslog.send(SplunkHecTargetTest.delivery(tricky)).sent()).isTrue();
    assertThat(syslog.send(SplunkHecTargetTest.delivery("Straße — non-ASCII")).sent()).isTrue();

    byte[] stream = received.get(10, TimeUnit.SECONDS);
    String text = new String(stream, StandardCharsets.UTF_8);
    assertThat(text).contains("title=\"C:\\\\Program Files\\\\app \\\"quoted\\\" [x\\] \\]\"");
    List<String> frames = frames(stream);
    assertThat(frames).hasSize(2);
    Frame first = parse(frames.get(0));
    assertThat(first.pri()).isEqualTo(16 * 8 + 2);
    assertThat(first.params()).containsEntry("title", tricky);
    assertThat(first.msg()).startsWith("CRITICAL risk (NEW): " + tricky + ";");
    Frame second = parse(frames.get(1));
    assertThat(second.params()).containsEntry("title", "Straße — non-ASCII");
    assertThat(second.msg()).startsWith("\uFEFFCRITICAL risk (NEW): Straße — non-ASCII;");
  }

  @Test
  void a_long_message_is_cut_to_the_cap_and_marked_truncated() throws Exception {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    CompletableFuture<byte[]> received = accept(server, 1);
    SyslogTarget syslog = target(Map.of("port", server.getLocalPort(), "maxMessageBytes", 1024));

    assertThat(syslog.send(SplunkHecTargetTest.delivery("é".repeat(3000))).sent()).isTrue();

    String frame = frames(received.get(10, TimeUnit.SECONDS)).get(0);
    assertThat(frame.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024).isGreaterThan(1000);
    Frame f = parse(frame);
    assertThat(f.msg()).startsWith("\uFEFFCRITICAL risk (NEW): éé").endsWith("é [truncated]");
    assertThat(f.params().get("title")).hasSize(128);
  }

  @Test
  void ratings_map_to_syslog_severities() {
    assertThat(Arrays.asList("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", null).stream()
        .map(Rfc5424::severity).toList()).containsExactly(2, 3, 4, 5, 6, 6);
  }

  @Test
  void a_refused_connection_is_retried() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Target.Outcome outcome = target(Map.of("port", port)).send(SplunkHecTargetTest.delivery("t"));

    assertThat(outcome.sent()).isFalse();
    assertThat(outcome.permanent()).isFalse();
    assertThat(outcome.detail()).startsWith("tcp://127.0.0.1:" + port + ": ConnectException");
  }

  @Test
  void tls_checks_the_servers_certificate_against_the_truststore() throws Exception {
    Path p12 = dir.resolve("syslog.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "syslog", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
        "-storepass", TRUSTSTORE_PASSWORD).redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
    KeyStore store = KeyStore.getInstance(p12.toFile(), TRUSTSTORE_PASSWORD.toCharArray());
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, TRUSTSTORE_PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    ServerSocketFactory factory = context.getServerSocketFactory();
    ServerSocket server = factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    CompletableFuture<byte[]> received = accept(server, 1);

    Target.Outcome untrusted = target(Map.of("protocol", "tls", "port", server.getLocalPort()))
        .send(SplunkHecTargetTest.delivery("t"));
    Target.Outcome trusted = target(Map.of("protocol", "tls", "port", server.getLocalPort(),
        "truststore", p12.toString(), "truststorePassword", "${TRUSTSTORE_PASSWORD}"))
        .send(SplunkHecTargetTest.delivery("Log4Shell"));

    assertThat(untrusted.sent()).isFalse();
    assertThat(untrusted.permanent()).isFalse();
    assertThat(untrusted.detail()).startsWith("tls://127.0.0.1:" + server.getLocalPort() + ": SSLHandshakeException");
    assertThat(trusted.sent()).as(trusted.detail()).isTrue();
    Frame f = parse(frames(received.get(10, TimeUnit.SECONDS)).get(0));
    assertThat(f.params()).containsEntry("title", "Log4Shell");
  }
}
