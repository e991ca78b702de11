package dev.riskline.risk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a stream as ranges of its bytes, without decoding them: a file of 320,000 CSV rows is read
 * without making a string a row. Lines end with {@code \n} or {@code \r\n}; the last may end with the
 * stream. A line is at most {@value #MAX_LINE} bytes. Not thread-safe.
 */
final class Lines {
  static final int MAX_LINE = 1 << 20;
  private final InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  private int start;
  private int end;
  private int number;

  Lines(InputStream in) {
    this.in = in;
  }

  /** Moves to the next line; false at the end of the stream. */
  boolean next() throws IOException {
    int scan = pos;
    while (true) {
      for (int i = scan; i < limit; i++) {
        if (buf[i] == '\n') {
          line(pos, i);
          pos = i + 1;
          return true;
        }
      }
      scan = limit;
      if (eof) {
        if (pos == limit) return false;
        line(pos, limit);
        pos = limit;
        return true;
      }
      if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        scan -= pos;
        limit -= pos;
        pos = 0;
      }
      if (limit == buf.length) {
        if (buf.length >= MAX_LINE) throw new IOException("line " + (number + 1) + " is longer than " + MAX_LINE + " bytes");
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) eof = true;
      else limit += n;
    }
  }

  private void line(int from, int to) {
    number++;
    start = from;
    end = to > from && buf[to - 1] == '\r' ? to - 1 : to;
  }

  /** The bytes of the current line are {@code bytes()[start() .. end())}; valid until {@link #next}. */
  byte[] bytes() {
    return buf;
  }

  int start() {
    return start;
  }

  int end() {
    return end;
  }

  /** The 1-based number of the current line. */
  int number() {
    return number;
  }

  /** The current line as text (UTF-8). */
  String text() {
    return text(start, end);
  }

  /** Part of the current line as text (UTF-8). */
  String text(int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.UTF_8);
  }
}
