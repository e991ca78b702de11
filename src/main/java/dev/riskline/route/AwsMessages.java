package dev.riskline.route;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What SNS and SQS messages carry besides the triage event: message attributes that subscription filter
 * policies and consumers can use ({@code riskline.rating}, {@code riskline.change}, {@code riskline.state},
 * {@code riskline.idempotency-key}), the SNS subject, and the FIFO ids: the message group is the finding
 * (SHA-256 of its identity, so one finding's changes stay in order) and the deduplication id the SHA-256 of
 * the idempotency key (64 hex characters; the key itself may be longer than the 128 allowed). Stateless.
 */
final class AwsMessages {
  static final String RATING = "riskline.rating";
  static final String CHANGE = "riskline.change";
  static final String STATE = "riskline.state";
  static final String KEY = "riskline.idempotency-key";
  /** SNS's longest subject. */
  static final int SUBJECT_MAX = 100;

  private AwsMessages() {}

  /** The attributes of a delivery, each a String; absent values are left out (AWS refuses empty ones). */
  static Map<String, String> attributes(Delivery d, Message m) {
    Map<String, String> out = new LinkedHashMap<>();
    if (m.rating() != null && !m.rating().isEmpty()) out.put(RATING, m.rating());
    out.put(CHANGE, d.change().name());
    if (m.state() != null && !m.state().isEmpty()) out.put(STATE, m.state());
    out.put(KEY, d.key());
    return out;
  }

  /** The size AWS counts against its limit: the body and each attribute's name, type ("String") and value. */
  static long bytes(String body, Map<String, String> attributes) {
    long n = utf8(body);
    for (Map.Entry<String, String> a : attributes.entrySet()) n += utf8(a.getKey()) + "String".length() + utf8(a.getValue());
    return n;
  }

  static long utf8(String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * The SNS subject, {@code Riskline <CHANGE> <RATING>: <title>}: printable ASCII only (accents dropped,
   * anything else a ?), at most 100 characters, as SNS requires.
   */
  static String subject(Delivery d, Message m) {
    StringBuilder s = new StringBuilder("Riskline ").append(d.change().name());
    if (m.rating() != null && !m.rating().isEmpty()) s.append(' ').append(m.rating());
    if (m.title() != null && !m.title().isBlank()) s.append(": ").append(m.title().strip());
    String ascii = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .replaceAll("\\s+", " ").replaceAll("[^\\x20-\\x7E]", "?");
    return ascii.length() <= SUBJECT_MAX ? ascii : ascii.substring(0, SUBJECT_MAX - 3) + "...";
  }

  /** The FIFO message group: the finding's identity hashed (the key's when the finding's is unknown). */
  static String groupId(Delivery d) {
    return sha256(d.findingKey() == null ? d.key() : d.findingKey());
  }

  /** The FIFO deduplication id: the idempotency key hashed. */
  static String deduplicationId(Delivery d) {
    return sha256(d.key());
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
