package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The e-mail target against GreenMail, a real SMTP server in this process, on a free port. */
class EmailTargetTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String PASSWORD = "pa55-word-never-shown";
  private static final UnaryOperator<String> ENV = name -> name.equals("SMTP_PASSWORD") ? PASSWORD : null;

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("riskline@example.com", PASSWORD));

  static Delivery delivery() {
    Map<String, Object> finding = new LinkedHashMap<>();
    finding.put("Id", "arn:aws:inspector2:us-east-1:111122223333:finding/abc");
    finding.put("AwsAccountId", "111122223333");
    finding.put("ProductName", "Inspector");
    finding.put("Title", "CVE-2021-44228 - org.apache.logging.log4j:log4j-core");
    finding.put("Severity", Map.of("Label", "CRITICAL"));
    finding.put("Resources", List.of(Map.of("Type", "AwsEc2Instance", "Id", "i-0abc")));
    Map<String, Object> risk = new LinkedHashMap<>();
    risk.put("Rating", "CRITICAL");
    risk.put("Likelihood", "CRITICAL");
    risk.put("Impact", "HIGH");
    risk.put("Reasons", List.of(
        Map.of("Factor", "kev", "Detail", "CVE-2021-44228 is in CISA KEV (added 2021-12-10) → likelihood CRITICAL"),
        Map.of("Factor", "exposure", "Detail", "reachable from the internet on port 443")));
    Map<String, Object> riskline = new LinkedHashMap<>();
    riskline.put("Risk", risk);
    riskline.put("Due", "2026-12-07T00:00:00Z");
    riskline.put("State", "OPEN");
    riskline.put("Playbook", "https://wiki.example.com/playbooks/log4shell");
    String event = TriageEvent.json(Change.NEW, finding, riskline);
    return Delivery.pending("critical-to-mail", "mail", Change.NEW, "arn:aws:inspector2:finding/abc", event,
        Instant.parse("2026-12-01T00:00:00Z"));
  }

  /** The settings of the first target in a YAML {@code targets:} list, and the problems they collect. */
  static Settings settings(String yaml, List<Problem> problems) throws Exception {
    Object tree = YAML.readValue(yaml, Object.class);
    return Settings.root(tree, problems).item("targets", 0);
  }

  static EmailTarget target(String extra) throws Exception {
    List<Problem> problems = new ArrayList<>();
    EmailTarget t = EmailTarget.read("mail", settings("""
        targets:
          - name: mail
            type: email
            host: 127.0.0.1
            port: %d
            starttls: optional
            from: Riskline <riskline@example.com>
            to: [secops@example.com, oncall@example.com]
            cc: [owners@example.com]
            timeoutSeconds: 5
        %s""".formatted(SMTP.getSmtp().getPort(), extra.indent(4)), problems), ENV);
    assertThat(problems).isEmpty();
    return t;
  }

  @Test
  void a_message_arrives_with_subject_addresses_and_a_body_that_says_why_and_by_when() throws Exception {
    Target.Outcome outcome = target("").send(delivery());

    assertThat(outcome.sent()).as(outcome.detail()).isTrue();
    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(3); // one copy a recipient
    MimeMessage m = received[0];
    assertThat(m.getSubject()).isEqualTo("[Riskline] CRITICAL NEW: CVE-2021-44228 - org.apache.logging.log4j:log4j-core");
    assertThat(m.getHeader("From", null)).isEqualTo("Riskline <riskline@example.com>");
    assertThat(m.getHeader("To", null)).isEqualTo("secops@example.com, oncall@example.com");
    assertThat(m.getHeader("Cc", null)).isEqualTo("owners@example.com");
    assertThat(m.getHeader("X-Riskline-Change", null)).isEqualTo("NEW");
    assertThat(m.getHeader("X-Riskline-Rating", null)).isEqualTo("CRITICAL");
    assertThat(m.getContentType()).startsWith("text/plain; charset=UTF-8");
    String body = ((String) m.getContent()).replace("\r\n", "\n");
    assertThat(body)
        .contains("Rating:     CRITICAL (likelihood CRITICAL × impact HIGH)")
        .contains("  - kev: CVE-2021-44228 is in CISA KEV (added 2021-12-10) → likelihood CRITICAL")
        .contains("  - exposure: reachable from the internet on port 443")
        .contains("Due:        2026-12-07")
        .contains("State:      OPEN")
        .contains("Finding:    arn:aws:inspector2:us-east-1:111122223333:finding/abc")
        .contains("Account:    111122223333")
        .contains("Resource:   i-0abc")
        .contains("Playbook:   https://wiki.example.com/playbooks/log4shell");
    assertThat(outcome.detail()).startsWith("127.0.0.1:" + SMTP.getSmtp().getPort() + ": sent <")
        .contains(" to 3 recipients: 250");
  }

  @Test
  void the_message_id_comes_from_the_delivery_key_so_a_message_sent_again_is_the_same() throws Exception {
    EmailTarget target = target("");

    target.send(delivery());
    target.send(delivery());

    MimeMessage[] received = SMTP.getReceivedMessages();
    String id = received[0].getMessageID();
    assertThat(id).matches("<[0-9a-f]{32}\\.riskline@example\\.com>").isEqualTo(target.messageId(delivery().key()));
    assertThat(received[received.length - 1].getMessageID()).isEqualTo(id);
    assertThat(target.messageId("another/key/NEW")).isNotEqualTo(id);
  }

  @Test
  void it_authenticates_with_the_username_and_the_password_from_the_environment() throws Exception {
    EmailTarget target = target("""
        username: riskline@example.com
        password: ${SMTP_PASSWORD}
        """);

    Target.Outcome outcome = target.send(delivery());

    assertThat(outcome.sent()).as(outcome.detail()).isTrue();
    assertThat(SMTP.getReceivedMessages()).hasSize(3);
  }

  @Test
  void a_wrong_password_fails_for_good_and_the_outcome_never_shows_it() throws Exception {
    List<Problem> problems = new ArrayList<>();
    EmailTarget wrong = EmailTarget.read("mail", settings("""
        targets:
          - host: 127.0.0.1
            port: %d
            starttls: optional
            username: riskline@example.com
            password: ${SMTP_PASSWORD}
            from: riskline@example.com
            to: secops@example.com
        """.formatted(SMTP.getSmtp().getPort()), problems), name -> "wrong-" + PASSWORD);

    Target.Outcome outcome = wrong.send(delivery());

    assertThat(outcome.sent()).isFalse();
    assertThat(outcome.permanent()).as(outcome.detail()).isTrue();
    assertThat(outcome.detail()).startsWith("127.0.0.1:" + SMTP.getSmtp().getPort() + ": AuthenticationFailedException: 535")
        .doesNotContain(PASSWORD);
  }

  @Test
  void starttls_required_against_a_server_without_starttls_fails_for_good_before_sending_anything() throws Exception {
    List<Problem> problems = new ArrayList<>();
    EmailTarget target = EmailTarget.read("mail", settings("""
        targets:
          - host: 127.0.0.1
            port: %d
            username: riskline@example.com
            password: ${SMTP_PASSWORD}
            from: riskline@example.com
            to: secops@example.com
        """.formatted(SMTP.getSmtp().getPort()), problems), ENV);

    Target.Outcome outcome = target.send(delivery());

    assertThat(outcome.sent()).isFalse();
    assertThat(outcome.permanent()).isTrue();
    assertThat(outcome.detail()).isEqualTo("127.0.0.1:" + SMTP.getSmtp().getPort() + ": the server does not offer "
        + "STARTTLS and starttls is required; use a server or port that offers it, or starttls: optional");
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void a_refused_connection_is_retried() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<Problem> problems = new ArrayList<>();
    EmailTarget target = EmailTarget.read("mail", settings("""
        targets:
          - host: 127.0.0.1
            port: %d
            password: ${SMTP_PASSWORD}
            username: riskline
            from: riskline@example.com
            to: secops@example.com
            timeoutSeconds: 2
        """.formatted(port), problems), ENV);

    Target.Outcome outcome = target.send(delivery());

    assertThat(outcome.sent()).isFalse();
    assertThat(outcome.permanent()).isFalse();
    assertThat(outcome.retryAfter()).isNull();
    assertThat(outcome.detail()).startsWith("127.0.0.1:" + port + ": MailConnectException: Couldn't connect to host")
        .contains("ConnectException").doesNotContain(PASSWORD);
  }

  @Test
  void a_5xx_reply_fails_for_good_and_a_4xx_reply_is_retried() throws Exception {
    Target.Outcome unknown = sendTo("550 5.1.1 <secops@example.com>: mailbox unavailable");
    Target.Outcome busy = sendTo("450 4.2.1 mailbox busy, try later");

    assertThat(unknown.permanent()).as(unknown.detail()).isTrue();
    assertThat(unknown.detail()).contains("550 5.1.1 <secops@example.com>: mailbox unavailable");
    assertThat(busy.sent()).isFalse();
    assertThat(busy.permanent()).as(busy.detail()).isFalse();
    assertThat(busy.detail()).contains("450 4.2.1 mailbox busy");
  }

  /** One send to a scripted SMTP server that answers RCPT TO with {@code rcptReply}. */
  private static Target.Outcome sendTo(String rcptReply) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread script = new Thread(() -> {
        try (Socket c = server.accept();
            BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.US_ASCII));
            PrintWriter out = new PrintWriter(c.getOutputStream(), true, StandardCharsets.US_ASCII)) {
          out.print("220 scripted ESMTP\r\n");
          out.flush();
          for (String line; (line = in.readLine()) != null; ) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            String reply = switch (verb) {
              case "EHLO" -> "250 scripted";
              case "RCPT" -> rcptReply;
              case "QUIT" -> "221 bye";
              default -> "250 ok";
            };
            out.print(reply + "\r\n");
            out.flush();
            if (verb.equals("QUIT")) break;
          }
        } catch (Exception e) {
          // the client hung up
        }
      });
      script.start();
      List<Problem> problems = new ArrayList<>();
      EmailTarget target = EmailTarget.read("mail", settings("""
          targets:
            - host: 127.0.0.1
              port: %d
              starttls: none
              allowInsecure: true
              from: riskline@example.com
              to: secops@example.com
              timeoutSeconds: 5
          """.formatted(server.getLocalPort()), problems), ENV);
      Target.Outcome outcome = target.send(delivery());
      script.join(5000);
      return outcome;
    }
  }

  private static List<String> problemsOf(String targetYaml, UnaryOperator<String> env) throws Exception {
    List<Problem> problems = new ArrayList<>();
    EmailTarget t = EmailTarget.read("mail", settings("targets:\n  - " + targetYaml.strip().indent(4).strip(), problems),
        env);
    assertThat(t).isNull();
    return problems.stream().map(Problem::toString).toList();
  }

  @Test
  void settings_are_checked_at_load_with_where_what_and_what_was_expected() throws Exception {
    assertThat(problemsOf("""
        from: riskline@example.com
        to: [secops@example.com, not-an-address, "Ops <ops@example.com"]
        """, ENV)).containsExactly(
        "targets[0].host: missing; expected the SMTP server's host name, e.g. smtp.example.com",
        "targets[0].to[1]: expected an e-mail address such as alerts@example.com but was \"not-an-address\"",
        "targets[0].to[2]: expected an e-mail address such as alerts@example.com but was \"Ops <ops@example.com\"");
    assertThat(problemsOf("""
        host: "[fe80::1]"
        from: riskline@example.com
        to: [secops@example.com]
        """, ENV)).containsExactly(
        "targets[0].host: the host [fe80::1] is a link-local address (cloud metadata lives there); sending there is refused");
    assertThat(problemsOf("""
        host: smtp.example.com
        starttls: none
        """, ENV)).containsExactly(
        "targets[0].starttls: none sends mail and password unencrypted; set allowInsecure: true to allow it "
            + "(e.g. a relay on localhost) or use required",
        "targets[0].from: missing; expected the sender's e-mail address, e.g. riskline@example.com",
        "targets[0].to: missing; expected one or more e-mail addresses");
    assertThat(problemsOf("""
        host: smtp.example.com
        starttls: sometimes
        port: 70000
        timeoutSeconds: 0
        from: riskline@example.com
        to: secops@example.com
        """, ENV)).containsExactly(
        "targets[0].port: expected a whole number from 1 to 65535 but was 70000",
        "targets[0].starttls: expected one of [required, optional, none] but was \"sometimes\"",
        "targets[0].timeoutSeconds: expected a whole number from 1 to 600 but was 0");
  }

  @Test
  void a_missing_password_variable_names_the_setting_and_the_variable_never_a_value() throws Exception {
    List<String> problems = problemsOf("""
        host: smtp.example.com
        username: riskline@example.com
        password: ${SMTP_PASSWORD}
        from: riskline@example.com
        to: secops@example.com
        """, name -> null);
    List<String> literal = problemsOf("""
        host: smtp.example.com
        username: riskline@example.com
        password: %s
        from: riskline@example.com
        to: secops@example.com
        """.formatted(PASSWORD), ENV);
    List<String> alone = problemsOf("""
        host: smtp.example.com
        username: riskline@example.com
        from: riskline@example.com
        to: secops@example.com
        """, ENV);

    assertThat(problems).containsExactly(
        "targets[0].password: environment variable SMTP_PASSWORD is not set; expected it to hold the password");
    assertThat(literal).containsExactly("targets[0].password: expected ${NAME}, the environment variable that holds "
        + "the password, but was a literal value (not shown)");
    assertThat(alone).containsExactly("targets[0].password: missing; username and password go together");
  }
}
