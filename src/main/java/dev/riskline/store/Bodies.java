package dev.riskline.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.finding.Finding;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finding's tree as the compact JSON of the {@code body} columns, and back: objects become
 * {@code LinkedHashMap}s (attribute order kept), arrays {@code ArrayList}s, numbers {@code Integer},
 * {@code Long}, {@code BigInteger} or {@code Double}. One mapper, configured once; thread-safe.
 */
final class Bodies {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> TREE = new TypeReference<>() {};

  private Bodies() {}

  static String write(Finding finding) {
    try {
      return MAPPER.writeValueAsString(finding.json());
    } catch (JsonProcessingException e) {
      throw new StoreException("Cannot write finding " + finding.identity() + " as JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  /** The finding of a stored body; {@code key} names the row in the error when the body is not JSON. */
  static Finding read(String body, String key) {
    try {
      Map<String, Object> tree = MAPPER.readValue(body, TREE);
      return Finding.of(tree);
    } catch (JsonProcessingException e) {
      throw new StoreException("Cannot read the stored finding " + key + ": its body is not a JSON object ("
          + e.getOriginalMessage() + ")", e);
    }
  }
}
