package dev.riskline.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;

/**
 * Tells NDJSON from a JSON document by its first lines: when the first non-blank line holds one whole
 * JSON object or array, or starts an object and the second non-blank line holds one whole object (a
 * malformed first record), the input is NDJSON. No JSON document has an object as the first thing
 * inside an object, so the second rule never mistakes a document. Looks at most
 * {@link FindingReader#PEEK_BYTES} ahead and leaves the stream where it was.
 */
final class Layout {
  private Layout() {}

  static boolean isNdjson(BufferedInputStream in, JsonFactory json) throws IOException {
    in.mark(FindingReader.PEEK_BYTES + 1);
    try {
      byte[] buf = new byte[FindingReader.PEEK_BYTES];
      int n = 0;
      int lineStart = 0;
      int firstLine = -1;
      int c;
      while (n < buf.length && (c = in.read()) != -1) {
        buf[n++] = (byte) c;
        if (c == '\n') {
          if (!blank(buf, lineStart, n)) {
            if (firstLine >= 0) return wholeValue(json, buf, lineStart, n) && startsObject(buf, lineStart, n);
            if (wholeValue(json, buf, lineStart, n)) return true;
            if (!startsObject(buf, lineStart, n)) return false;
            firstLine = lineStart;
          }
          lineStart = n;
        }
      }
      boolean ended = n < buf.length;
      if (!ended || blank(buf, lineStart, n)) return false;
      return wholeValue(json, buf, lineStart, n) && (firstLine < 0 || startsObject(buf, lineStart, n));
    } finally {
      in.reset();
    }
  }

  private static boolean startsObject(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(buf[i])) return buf[i] == '{';
    }
    return false;
  }

  private static boolean blank(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(buf[i])) return false;
    }
    return true;
  }

  private static boolean wholeValue(JsonFactory json, byte[] buf, int from, int to) {
    try (JsonParser p = json.createParser(buf, from, to - from)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) return false;
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}
