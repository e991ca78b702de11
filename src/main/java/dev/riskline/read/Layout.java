package dev.riskline.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;

/**
 * Tells NDJSON from a JSON document by the first non-blank line: when it holds one whole JSON object or
 * array on its own, the input is read line by line. Looks at most {@link FindingReader#PEEK_BYTES} ahead
 * and leaves the stream where it was.
 */
final class Layout {
  private Layout() {}

  static boolean isNdjson(BufferedInputStream in, JsonFactory json) throws IOException {
    in.mark(FindingReader.PEEK_BYTES + 1);
    try {
      byte[] buf = new byte[FindingReader.PEEK_BYTES];
      int n = 0;
      int lineStart = 0;
      int c;
      while (n < buf.length && (c = in.read()) != -1) {
        buf[n++] = (byte) c;
        if (c == '\n') {
          if (!blank(buf, lineStart, n)) return wholeValue(json, buf, lineStart, n);
          lineStart = n;
        }
      }
      boolean ended = n < buf.length;
      return ended && !blank(buf, lineStart, n) && wholeValue(json, buf, lineStart, n);
    } finally {
      in.reset();
    }
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
