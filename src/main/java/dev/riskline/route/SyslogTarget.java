package dev.riskline.route;

import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A syslog collector: one RFC 5424 message a delivery (see {@link Rfc5424}: PRI from the facility and the
 * rating, MSGID the change, structured data {@code [riskline@32473 rating title finding due account resource]},
 * a one-line summary as MSG), over UDP (RFC 5426, one datagram), TCP (RFC 6587 octet counting: {@code LEN
 * SP message}) or TLS (RFC 5425: the same framing, the server's certificate and host name verified).
 * A connection is opened for each send and closed after it, so the class holds no socket and is
 * thread-safe. Syslog has no acknowledgement: "sent" means the datagram left (UDP) or the bytes were
 * written and the connection closed cleanly (TCP, TLS). Unknown hosts, refused connections, timeouts and
 * failed TLS handshakes are retried.
 *
 * <p>Settings (defaults in brackets):
 *
 * <ul>
 *   <li>{@code host} — the collector (required);
 *   <li>{@code protocol} — {@code udp}, {@code tcp} or {@code tls} [tcp];
 *   <li>{@code port} [514 for udp and tcp, 6514 for tls];
 *   <li>{@code facility} — {@code kern} … {@code local7} [local0];
 *   <li>{@code appName} — APP-NAME, up to 48 printable ASCII characters [riskline];
 *   <li>{@code hostname} — HOSTNAME, up to 255 printable ASCII characters [this machine's name];
 *   <li>{@code maxMessageBytes} — the message's size cap, 1024 to 65507 [2048 for udp, the size RFC 5426
 *       receivers should take; 8192 for tcp and tls, the size RFC 5425 receivers should take];
 *   <li>{@code truststore} — tls only: a PKCS12 or JKS file of the certificates to trust [the JVM's];
 *   <li>{@code truststorePassword} — {@code ${NAME}}: the environment variable holding its password;
 *   <li>{@code timeoutSeconds} — to connect and to write, 1 to 300 [10].
 * </ul>
 *
 * <pre>{@code
 * targets:
 *   siem:
 *     type: syslog
 *     host: syslog.example.com
 *     protocol: tls
 *     facility: local4
 *     truststore: /etc/riskline/syslog-ca.p12
 *     truststorePassword: ${SYSLOG_TRUSTSTORE_PASSWORD}
 * }</pre>
 */
public final class SyslogTarget implements Target {
  static final List<String> PROTOCOLS = List.of("udp", "tcp", "tls");
  static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
      "uucp", "cron", "authpriv", "ftp", "ntp", "audit", "alert", "clock", "local0", "local1", "local2", "local3",
      "local4", "local5", "local6", "local7");

  private final String name;
  private final String host;
  private final int port;
  private final String protocol;
  private final int facility;
  private final String appName;
  private final String hostname;
  private final int maxBytes;
  private final int timeoutMillis;
  private final SSLSocketFactory tls;
  private final Clock clock;

  SyslogTarget(String name, String host, int port, String protocol, int facility, String appName, String hostname,
      int maxBytes, Duration timeout, SSLSocketFactory tls, Clock clock) {
    this.name = Objects.requireNonNull(name, "name");
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.facility = facility;
    this.appName = Objects.requireNonNull(appName, "appName");
    this.hostname = Objects.requireNonNull(hostname, "hostname");
    this.maxBytes = maxBytes;
    this.timeoutMillis = (int) timeout.toMillis();
    this.tls = protocol.equals("tls") ? Objects.requireNonNull(tls, "tls") : null;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The target described by one {@code targets} entry; every problem goes to the settings' list and the
   * result is then null.
   *
   * @param env resolves an environment variable's name to its value, null when unset
   */
  public static SyslogTarget read(String name, Settings s, UnaryOperator<String> env) {
    int before = s.problems().size();
    s.allow("type", "host", "port", "protocol", "facility", "appName", "hostname", "maxMessageBytes", "truststore",
        "truststorePassword", "timeoutSeconds");
    String host = s.string("host", null);
    if (host == null && !s.has("host")) {
      s.problem(s.at("host"), "missing; expected the syslog collector's host name or address");
    } else if (host != null && UrlCheck.hostProblem(host) != null) {
      s.problem(s.at("host"), UrlCheck.hostProblem(host));
    }
    String protocol = s.oneOf("protocol", PROTOCOLS, "tcp");
    int port = s.integer("port", protocol.equals("tls") ? 6514 : 514, 1, 65535);
    int facility = FACILITIES.indexOf(s.oneOf("facility", FACILITIES, "local0"));
    String appName = printable(s, "appName", 48, "riskline");
    String hostname = s.has("hostname") ? printable(s, "hostname", 255, "-") : localHostname();
    int maxBytes = s.integer("maxMessageBytes", protocol.equals("udp") ? 2048 : 8192, 1024, 65507);
    int timeout = s.integer("timeoutSeconds", 10, 1, 300);
    SSLSocketFactory tls = protocol.equals("tls") ? tls(s, env) : null;
    if (!protocol.equals("tls")) {
      for (String key : List.of("truststore", "truststorePassword")) {
        if (s.has(key)) s.problem(s.at(key), "only used with protocol: tls, but protocol is " + protocol);
      }
    }
    if (s.problems().size() > before) return null;
    return new SyslogTarget(name, host, port, protocol, facility, appName, hostname, maxBytes,
        Duration.ofSeconds(timeout), tls, Clock.systemUTC());
  }

  private static String printable(Settings s, String key, int max, String dflt) {
    String v = s.string(key, dflt);
    if (v.length() > max || !v.chars().allMatch(c -> c > 32 && c < 127)) {
      s.problem(s.at(key), "expected 1 to " + max + " printable ASCII characters without spaces but was "
          + Problem.describe(v));
      return dflt;
    }
    return v;
  }

  private static String localHostname() {
    try {
      String h = InetAddress.getLocalHost().getHostName();
      return h.length() <= 255 && !h.isEmpty() && h.chars().allMatch(c -> c > 32 && c < 127) ? h : "-";
    } catch (IOException e) {
      return "-";
    }
  }

  private static SSLSocketFactory tls(Settings s, UnaryOperator<String> env) {
    String file = s.string("truststore", null);
    String password = Secrets.read(s, "truststorePassword", "the truststore's password", false, env);
    try {
      if (file == null) return SSLContext.getDefault().getSocketFactory();
      if (!Files.isReadable(Path.of(file))) {
        s.problem(s.at("truststore"), "cannot read the file " + Problem.describe(file)
            + "; expected a PKCS12 or JKS truststore");
        return null;
      }
      KeyStore store = KeyStore.getInstance(Path.of(file).toFile(), password == null ? null : password.toCharArray());
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      s.problem(s.at("truststore"), "cannot be read as a PKCS12 or JKS truststore (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); check the file and truststorePassword");
      return null;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Outcome send(Delivery delivery) {
    Message m = Message.of(delivery.event());
    byte[] message = Rfc5424.format(facility, delivery.createdAt() == null ? clock.instant() : delivery.createdAt(),
        hostname, appName, m, maxBytes);
    String where = protocol + "://" + host + ":" + port;
    Outcome refused = UrlCheck.beforeSend("syslog " + name + " (" + where + ")", host);
    if (refused != null) return refused;
    try {
      if (protocol.equals("udp")) {
        try (DatagramSocket socket = new DatagramSocket()) {
          socket.send(new DatagramPacket(message, message.length, InetAddress.getByName(host), port));
        }
      } else {
        write(message);
      }
      return Outcome.sent(where + ": " + message.length + " bytes");
    } catch (IOException e) {
      return Outcome.retry(null, where + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  /** One octet-counted frame over a new TCP or TLS connection. */
  private void write(byte[] message) throws IOException {
    byte[] length = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(InetAddress.getByName(host), port), timeoutMillis);
      plain.setSoTimeout(timeoutMillis);
      Socket socket = tls == null ? plain : handshake(plain);
      try (socket) {
        OutputStream out = socket.getOutputStream();
        out.write(length);
        out.write(message);
        out.flush();
      }
    }
  }

  /** TLS over the connected socket, the server's certificate checked against {@code host}. */
  private Socket handshake(Socket plain) throws IOException {
    SSLSocket secure = (SSLSocket) tls.createSocket(plain, host, port, true);
    SSLParameters parameters = secure.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    secure.setSSLParameters(parameters);
    secure.startHandshake();
    return secure;
  }

  String protocol() {
    return protocol;
  }

  int maxBytes() {
    return maxBytes;
  }
}
