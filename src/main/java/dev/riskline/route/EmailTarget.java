package dev.riskline.route;

import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail over SMTP (Jakarta Mail, Eclipse Angus Mail): one plain-text message a delivery, to every
 * {@code to} and {@code cc} address, over STARTTLS unless told otherwise. Thread-safe: each send opens its
 * own connection.
 *
 * <p>Settings (a target of {@code type: email} in {@code riskline.yaml}):
 *
 * <ul>
 *   <li>{@code host}: the SMTP server (required).
 *   <li>{@code port}: default 587 (submission).
 *   <li>{@code starttls}: {@code required} (default: the connection is upgraded to TLS before anything,
 *       password included, is sent, and a server that does not offer STARTTLS is refused), {@code optional}
 *       (TLS when the server offers it, else plain text — a man in the middle can strip the offer), or
 *       {@code none} (plain text; only with {@code allowInsecure: true}, e.g. a relay on localhost).
 *   <li>{@code allowInsecure}: default false.
 *   <li>{@code username}, {@code password}: SMTP authentication, both or neither. The password must be
 *       {@code ${NAME}}, an environment variable; it never appears in a message or an outcome.
 *   <li>{@code from}: the sender (required); {@code to}: one or more recipients (required); {@code cc}: more.
 *       Addresses as {@code alerts@example.com} or {@code Security <alerts@example.com>}.
 *   <li>{@code subjectTemplate}: a Mustache file for the subject; default
 *       {@code [Riskline] {{rating}} {{change}}: {{title}}}.
 *   <li>{@code template}: a Mustache file for the plain-text body; default the bundled {@code email.mustache}
 *       (what, why, by when, the finding, the playbook).
 *   <li>{@code digestSubjectTemplate}, {@code digestTemplate}: the same for the one message of a digest;
 *       default the bundled {@code email-subject-digest.mustache} and {@code email-digest.mustache}.
 *   <li>{@code timeoutSeconds}: connect, read and write timeout each; default 30.
 * </ul>
 *
 * <pre>{@code
 * targets:
 *   - name: secops-mail
 *     type: email
 *     host: smtp.example.com
 *     port: 587
 *     username: riskline@example.com
 *     password: ${SMTP_PASSWORD}
 *     from: Riskline <riskline@example.com>
 *     to: [secops@example.com]
 *     cc: [cloud-owners@example.com]
 * }</pre>
 *
 * <p>Each message carries {@code Message-ID: <hash of the delivery key.riskline@from's domain>}, so a
 * message sent again is recognisably the same one, and {@code X-Riskline-Change} and {@code X-Riskline-Rating}
 * for mail filters. Outcomes: see {@link SmtpReplies}.
 */
public final class EmailTarget implements Target {
  private static final Pattern SECRET = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final int DEFAULT_PORT = 587;
  private static final int DEFAULT_TIMEOUT_SECONDS = 30;

  /** How the connection is protected. */
  enum StartTls { REQUIRED, OPTIONAL, NONE }

  private final String name;
  private final String host;
  private final int port;
  private final StartTls starttls;
  private final String username;
  private final String password;
  private final InternetAddress from;
  private final List<InternetAddress> to;
  private final List<InternetAddress> cc;
  private final Templates subject;
  private final Templates body;
  private final Session session;
  private final Clock clock;

  EmailTarget(String name, String host, int port, StartTls starttls, String username, String password,
      InternetAddress from, List<InternetAddress> to, List<InternetAddress> cc, Templates subject, Templates body,
      Duration timeout, Clock clock) {
    this.name = Objects.requireNonNull(name, "name");
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.starttls = Objects.requireNonNull(starttls, "starttls");
    this.username = username;
    this.password = password;
    this.from = Objects.requireNonNull(from, "from");
    this.to = List.copyOf(to);
    this.cc = List.copyOf(cc);
    this.subject = Objects.requireNonNull(subject, "subject");
    this.body = Objects.requireNonNull(body, "body");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.session = Session.getInstance(properties(starttls, username != null, timeout));
  }

  /**
   * The target named {@code name} from its settings, or null when they have problems (each added to
   * {@code s}). {@code env} looks up the environment variables that {@code ${NAME}} values name.
   */
  public static EmailTarget read(String name, Settings s, UnaryOperator<String> env) {
    int before = s.problems().size();
    s.allow("name", "type", "host", "port", "starttls", "allowInsecure", "username", "password", "from", "to", "cc",
        "subjectTemplate", "template", "digestSubjectTemplate", "digestTemplate", "timeoutSeconds");
    String host = s.string("host", null);
    if (!s.has("host")) {
      s.problem(s.at("host"), "missing; expected the SMTP server's host name, e.g. smtp.example.com");
    } else if (host != null && UrlCheck.hostProblem(host) != null) {
      s.problem(s.at("host"), UrlCheck.hostProblem(host));
    }
    int port = s.integer("port", DEFAULT_PORT, 1, 65535);
    String mode = s.oneOf("starttls", List.of("required", "optional", "none"), "required");
    if (mode.equals("none") && !s.bool("allowInsecure", false)) {
      s.problem(s.at("starttls"), "none sends mail and password unencrypted; set allowInsecure: true to allow it "
          + "(e.g. a relay on localhost) or use required");
    }
    String username = resolve(s, "username", env);
    String password = resolve(s, "password", env);
    if (s.has("password") && !SECRET.matcher(String.valueOf(s.raw("password"))).matches()) {
      s.problem(s.at("password"), "expected ${NAME}, the environment variable that holds the password, "
          + "but was a literal value (not shown)");
    }
    if (s.has("username") != s.has("password")) {
      s.problem(s.at(s.has("username") ? "password" : "username"), "missing; username and password go together");
    }
    InternetAddress from = null;
    if (!s.has("from")) {
      s.problem(s.at("from"), "missing; expected the sender's e-mail address, e.g. riskline@example.com");
    } else {
      from = address(s, s.at("from"), s.raw("from"));
    }
    List<InternetAddress> to = addresses(s, "to");
    if (!s.has("to")) s.problem(s.at("to"), "missing; expected one or more e-mail addresses");
    List<InternetAddress> cc = addresses(s, "cc");
    Templates subject = Templates.read(s, "subjectTemplate", "email-subject", Templates::plain);
    Templates body = Templates.read(s, "template", "email", Templates::plain);
    int timeout = s.integer("timeoutSeconds", DEFAULT_TIMEOUT_SECONDS, 1, 600);
    if (s.problems().size() > before) return null;
    return new EmailTarget(name, host, port, StartTls.valueOf(mode.toUpperCase(java.util.Locale.ROOT)), username,
        password, from, to, cc, subject, body, Duration.ofSeconds(timeout), Clock.systemUTC());
  }

  /** A setting's value with {@code ${NAME}} replaced from the environment; a missing variable is a problem. */
  private static String resolve(Settings s, String key, UnaryOperator<String> env) {
    Object raw = s.raw(key);
    if (raw == null) return null;
    if (!(raw instanceof String text) || text.isBlank()) {
      s.problem(s.at(key), "expected a non-empty string");
      return null;
    }
    Matcher m = SECRET.matcher(text);
    if (!m.matches()) return text;
    String value = env.apply(m.group(1));
    if (value == null || value.isEmpty()) {
      s.problem(s.at(key), "environment variable " + m.group(1) + " is not set; expected it to hold the " + key);
      return null;
    }
    return value;
  }

  private static List<InternetAddress> addresses(Settings s, String key) {
    List<Object> raw = s.list(key);
    List<InternetAddress> out = new ArrayList<>();
    if (raw == null) return out;
    for (int i = 0; i < raw.size(); i++) {
      InternetAddress a = address(s, s.at(key) + "[" + i + "]", raw.get(i));
      if (a != null) out.add(a);
    }
    return out;
  }

  private static InternetAddress address(Settings s, String where, Object value) {
    if (value instanceof String text) {
      try {
        InternetAddress a = new InternetAddress(text, true);
        if (a.getAddress().indexOf('@') > 0) return a;
      } catch (AddressException e) {
        // reported below
      }
    }
    s.problem(where, "expected an e-mail address such as alerts@example.com but was " + Problem.describe(value));
    return null;
  }

  private static Properties properties(StartTls starttls, boolean auth, Duration timeout) {
    Properties p = new Properties();
    String millis = Long.toString(timeout.toMillis());
    p.setProperty("mail.smtp.connectiontimeout", millis);
    p.setProperty("mail.smtp.timeout", millis);
    p.setProperty("mail.smtp.writetimeout", millis);
    p.setProperty("mail.smtp.auth", Boolean.toString(auth));
    p.setProperty("mail.smtp.starttls.enable", Boolean.toString(starttls != StartTls.NONE));
    p.setProperty("mail.smtp.starttls.required", Boolean.toString(starttls == StartTls.REQUIRED));
    p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    return p;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Outcome send(Delivery delivery) {
    String where = host + ":" + port;
    Outcome refused = UrlCheck.beforeSend("email " + name + " (" + where + ")", host);
    if (refused != null) return refused;
    Transport transport = null;
    try {
      MimeMessage mail = message(delivery);
      transport = session.getTransport("smtp");
      transport.connect(host, port, username, password);
      transport.sendMessage(mail, mail.getAllRecipients());
      return SmtpReplies.sent(where, mail.getMessageID(), mail.getAllRecipients().length, transport);
    } catch (MessagingException e) {
      return SmtpReplies.outcome(where, e, transport, starttls == StartTls.REQUIRED, password);
    } finally {
      SmtpReplies.close(transport);
    }
  }

  /** The message of a delivery, ready to send. */
  MimeMessage message(Delivery delivery) throws MessagingException {
    Message m = Message.of(delivery.event());
    String id = messageId(delivery.key());
    MimeMessage mail = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", id);
      }
    };
    mail.setFrom(from);
    mail.setRecipients(RecipientType.TO, to.toArray(new InternetAddress[0]));
    if (!cc.isEmpty()) mail.setRecipients(RecipientType.CC, cc.toArray(new InternetAddress[0]));
    mail.setSubject(subject.render(m).replaceAll("\\s+", " "), "UTF-8");
    mail.setSentDate(Date.from(clock.instant()));
    mail.setText(body.render(m) + "\n", "UTF-8");
    mail.setHeader("X-Riskline-Change", m.change());
    if (m.rating() != null) mail.setHeader("X-Riskline-Rating", m.rating());
    mail.saveChanges();
    return mail;
  }

  /** {@code <first 32 hex digits of SHA-256(key).riskline@domain of from>}: the same key, the same id. */
  String messageId(String key) {
    String address = from.getAddress();
    String domain = address.substring(address.lastIndexOf('@') + 1);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "<" + HexFormat.of().formatHex(hash, 0, 16) + ".riskline@" + domain + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java", e);
    }
  }
}
