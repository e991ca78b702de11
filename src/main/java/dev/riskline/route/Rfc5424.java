package dev.riskline.route;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One syslog message as RFC 5424 writes it: {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME - MSGID
 * [riskline@32473 rating="..." title="..." finding="..." due="..." account="..." resource="..."] MSG}.
 * PRI is facility × 8 + the severity of the rating; MSGID the change; SD-PARAM values escaped ({@code "},
 * {@code \}, {@code ]}) and cut at 256 bytes; MSG one line with a BOM only when it is not plain ASCII (RFC 5424 allows
 * ASCII without one). The whole message fits {@code maxBytes}: MSG is cut at a character boundary and ends
 * with {@code [truncated]}. 32473 is the enterprise number RFC 5612 reserves for documentation. Stateless.
 */
final class Rfc5424 {
  static final String SD_ID = "riskline@32473";
  static final String TRUNCATED = " [truncated]";
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final int SD_VALUE_MAX = 256;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Rfc5424() {}

  /** The syslog severity of a rating: CRITICAL 2 (crit), HIGH 3 (err), MEDIUM 4 (warning), LOW 5 (notice), else 6. */
  static int severity(String rating) {
    if (rating == null) return 6;
    return switch (rating) {
      case "CRITICAL" -> 2;
      case "HIGH" -> 3;
      case "MEDIUM" -> 4;
      case "LOW" -> 5;
      default -> 6;
    };
  }

  /** The message's octets, at most {@code maxBytes} (which leaves room for the header and a short SD). */
  static byte[] format(int facility, Instant time, String hostname, String appName, Message m, int maxBytes) {
    String header = "<" + (facility * 8 + severity(m.rating())) + ">1 " + TIMESTAMP.format(time) + " " + hostname
        + " " + appName + " - " + msgId(m.change()) + " ";
    Map<String, String> params = new LinkedHashMap<>();
    params.put("rating", m.rating());
    params.put("title", m.title());
    params.put("finding", m.findingId());
    params.put("due", m.due());
    params.put("account", m.account());
    params.put("resource", m.resource());
    byte[] head = (header + structuredData(params)).getBytes(StandardCharsets.UTF_8);
    if (head.length + BOM.length + TRUNCATED.length() + 1 > maxBytes) {
      head = (header + structuredData(Map.of("rating", String.valueOf(m.rating())))).getBytes(StandardCharsets.UTF_8);
    }
    String msg = summary(m);
    boolean ascii = msg.chars().allMatch(c -> c < 0x80);
    byte[] body = msg.getBytes(StandardCharsets.UTF_8);
    int room = maxBytes - head.length - 1 - (ascii ? 0 : BOM.length);
    if (body.length > room) body = (cut(msg, room - TRUNCATED.length()) + TRUNCATED).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + 1 + (ascii ? 0 : BOM.length) + body.length];
    System.arraycopy(head, 0, out, 0, head.length);
    out[head.length] = ' ';
    int at = head.length + 1;
    if (!ascii) {
      System.arraycopy(BOM, 0, out, at, BOM.length);
      at += BOM.length;
    }
    System.arraycopy(body, 0, out, at, body.length);
    return out;
  }

  /** The readable line: rating, change, title, due date and the reasons; for a digest its ratings. */
  static String summary(Message m) {
    StringBuilder b = new StringBuilder();
    b.append(m.rating()).append(" risk (").append(m.change()).append("): ")
        .append(m.title() == null ? m.findingId() : m.title());
    if (m.summary() != null) b.append(": ").append(m.summary().ratings());
    if (m.due() != null) b.append(m.summary() == null ? "; due " : "; first due ").append(m.due());
    if (!m.reasons().isEmpty()) {
      StringJoiner reasons = new StringJoiner("; ", "; reasons: ", "");
      for (Message.Line l : m.reasons()) reasons.add(l.factor() + ": " + l.detail());
      b.append(reasons);
    }
    return oneLine(b.toString());
  }

  static String structuredData(Map<String, String> params) {
    StringBuilder b = new StringBuilder("[").append(SD_ID);
    params.forEach((k, v) -> {
      if (v != null) b.append(' ').append(k).append("=\"").append(escape(cut(oneLine(v), SD_VALUE_MAX))).append('"');
    });
    return b.append(']').toString();
  }

  /** An SD-PARAM value with {@code "}, {@code \} and {@code ]} escaped by a backslash (RFC 5424 6.3.3). */
  static String escape(String value) {
    StringBuilder b = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\' || c == ']') b.append('\\');
      b.append(c);
    }
    return b.toString();
  }

  private static String msgId(String change) {
    if (change == null || change.isEmpty()) return "-";
    StringBuilder b = new StringBuilder();
    change.codePoints().filter(c -> c > 32 && c < 127).limit(32).forEach(b::appendCodePoint);
    return b.length() == 0 ? "-" : b.toString();
  }

  private static String oneLine(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return b.toString();
  }

  /** The longest prefix of {@code s} whose UTF-8 encoding has at most {@code max} bytes (never splits a character). */
  static String cut(String s, int max) {
    int bytes = 0;
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      int n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (bytes + n > max) break;
      bytes += n;
      i += Character.charCount(c);
    }
    return s.substring(0, i);
  }
}
