package dev.riskline.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Lines of UTF-8 text, each at most {@link FindingReader#MAX_LINE_CHARS} long: a longer line is cut
 * off and reported, never held whole, so one hostile line cannot exhaust memory.
 */
final class LineReader {
  interface LineAction {
    void line(String text, long number) throws IOException;
  }

  private final Reader in;

  LineReader(InputStream in) {
    this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  /** Calls the action for every non-blank line (numbers are 1-based), with null text for a line that is too long. */
  void forEachLine(LineAction action) throws IOException {
    StringBuilder line = new StringBuilder(8192);
    char[] buf = new char[1 << 16];
    long number = 1;
    boolean tooLong = false;
    int n;
    while ((n = in.read(buf)) != -1) {
      int from = 0;
      for (int i = 0; i < n; i++) {
        if (buf[i] != '\n') continue;
        if (!tooLong) line.append(buf, from, i - from);
        emit(action, line, number++, tooLong);
        line.setLength(0);
        tooLong = false;
        from = i + 1;
      }
      if (!tooLong) {
        line.append(buf, from, n - from);
        if (line.length() > FindingReader.MAX_LINE_CHARS) {
          tooLong = true;
          line.setLength(0);
        }
      }
    }
    emit(action, line, number, tooLong);
  }

  private static void emit(LineAction action, StringBuilder line, long number, boolean tooLong) throws IOException {
    if (tooLong) {
      action.line(null, number);
      return;
    }
    if (line.toString().isBlank()) return;
    action.line(line.toString(), number);
  }
}
