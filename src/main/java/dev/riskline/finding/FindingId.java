package dev.riskline.finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The identity of a finding, as Security Hub keys it: the product ARN and the provider's id.
 *
 * @param productArn the {@code ProductArn}
 * @param id the {@code Id}
 */
public record FindingId(String productArn, String id) {
  public FindingId {
    Objects.requireNonNull(productArn, "productArn");
    Objects.requireNonNull(id, "id");
  }

  /**
   * A fixed-length key for storage: the hex SHA-256 of {@code productArn + "\n" + id}. ARNs and ids are
   * long (2048 + 512 characters), too long for a portable primary key.
   */
  public String key() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(productArn.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(id.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** A 64-bit hash of the identity (FNV-1a over both strings) for compact in-memory indexes. */
  public long hash64() {
    long h = 0xcbf29ce484222325L;
    h = fnv(h, productArn);
    h = (h ^ '\n') * 0x100000001b3L;
    return fnv(h, id);
  }

  private static long fnv(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }

  @Override
  public String toString() {
    return productArn + "/" + id;
  }
}
