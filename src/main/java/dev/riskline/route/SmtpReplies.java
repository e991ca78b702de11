package dev.riskline.route;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * What an SMTP attempt means for the delivery. The reply code decides, as RFC 5321 defines it: a 4xx reply
 * is transient (retry), a 5xx reply is permanent (failed: 550 mailbox unavailable, 553 bad address,
 * 535 authentication failed — retrying cannot fix them). The code comes from
 * {@link SMTPSendFailedException#getReturnCode()} (MAIL FROM, DATA), {@link SMTPAddressFailedException}
 * (RCPT TO, chained by {@code getNextException()}), or the transport's last reply for a failed
 * authentication. An exception without a reply (connection refused, timeout, TLS handshake) is retried.
 * STARTTLS {@code required} against a server that does not offer it is failed: the server's configuration,
 * not time, has to change. Details never show the password. Stateless.
 */
final class SmtpReplies {
  private static final int EXCERPT = 200;
  private static final Pattern LEADING_CODE = Pattern.compile("^\\s*([2-5]\\d\\d)[ -]");

  private SmtpReplies() {}

  static Target.Outcome sent(String where, String messageId, int recipients, Transport transport) {
    String reply = transport instanceof SMTPTransport t && t.getLastServerResponse() != null
        ? ": " + oneLine(t.getLastServerResponse()) : "";
    return Target.Outcome.sent(where + ": sent " + messageId + " to " + recipients
        + (recipients == 1 ? " recipient" : " recipients") + reply);
  }

  static Target.Outcome outcome(String where, MessagingException e, Transport transport, boolean tlsRequired,
      String password) {
    if (tlsRequired && transport instanceof SMTPTransport t && noStartTls(e, t)) {
      return Target.Outcome.failed(where + ": the server does not offer STARTTLS and starttls is required; "
          + "use a server or port that offers it, or starttls: optional");
    }
    int code = code(e, transport);
    String detail = where + ": " + e.getClass().getSimpleName() + ": " + redact(oneLine(text(e)), password);
    if (code >= 500) return Target.Outcome.failed(detail);
    return Target.Outcome.retry(null, detail);
  }

  /** The SMTP reply code behind an exception, or 0 when the server never answered with one. */
  static int code(MessagingException e, Transport transport) {
    int worst = 0;
    for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
      int c = 0;
      if (x instanceof SMTPSendFailedException f) c = f.getReturnCode();
      else if (x instanceof SMTPAddressFailedException f) c = f.getReturnCode();
      worst = Math.max(worst, c);
    }
    if (worst == 0 && e instanceof AuthenticationFailedException) {
      worst = leadingCode(e.getMessage());
      if (worst == 0 && transport instanceof SMTPTransport t && t.getLastReturnCode() >= 400) {
        worst = t.getLastReturnCode();
      }
    }
    return worst;
  }

  private static boolean noStartTls(MessagingException e, SMTPTransport t) {
    if (e.getCause() instanceof IOException || e instanceof AuthenticationFailedException) return false;
    return !t.supportsExtension("STARTTLS") && t.getLastReturnCode() == 250;
  }

  private static int leadingCode(String text) {
    if (text == null) return 0;
    Matcher m = LEADING_CODE.matcher(text);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** The message with what caused it (a refused connection says so only in its cause). */
  private static String text(MessagingException e) {
    StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
    Throwable cause = e.getCause() != null ? e.getCause() : e.getNextException();
    if (cause != null && cause.getMessage() != null && !b.toString().contains(cause.getMessage())) {
      b.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
    }
    return b.toString();
  }

  private static String oneLine(String s) {
    String t = s.strip().replaceAll("\\s+", " ");
    return t.length() > EXCERPT ? t.substring(0, EXCERPT) + "..." : t;
  }

  static String redact(String text, String password) {
    return password == null || password.isEmpty() ? text : text.replace(password, "[redacted]");
  }

  static void close(Transport transport) {
    if (transport == null) return;
    try {
      transport.close();
    } catch (MessagingException e) {
      // the message went or did not; closing changes nothing
    }
  }
}
