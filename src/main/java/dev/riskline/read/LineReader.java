package dev.riskline.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Lines of bytes, each at most {@link FindingReader#MAX_LINE_BYTES} long: a longer line is skipped and
 * reported, never held whole, so one hostile line cannot exhaust memory. Lines are handed on as slices
 * of one reused buffer, so the JSON parser reads bytes directly (no decoding to characters first).
 */
final class LineReader {
  interface LineAction {
    /** One non-blank line; {@code buf} is null when the line was too long. */
    void line(byte[] buf, int offset, int length, long number) throws IOException;
  }

  private final InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int start;
  private int end;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** Calls the action for every non-blank line, numbered from 1. */
  void forEachLine(LineAction action) throws IOException {
    long number = 0;
    boolean skipping = false;
    int scanned = start;
    while (true) {
      int nl = indexOf((byte) '\n', scanned, end);
      if (nl >= 0) {
        number++;
        if (skipping) {
          action.line(null, 0, 0, number);
          skipping = false;
        } else {
          emit(action, start, nl, number);
        }
        start = nl + 1;
        scanned = start;
        continue;
      }
      scanned = end;
      if (end - start >= FindingReader.MAX_LINE_BYTES) {
        skipping = true;
        start = end;
        scanned = end;
      }
      int shift = start;
      if (!fill()) break;
      scanned -= shift;
    }
    if (skipping) {
      action.line(null, 0, 0, number + 1);
    } else if (end > start) {
      emit(action, start, end, number + 1);
    }
  }

  private void emit(LineAction action, int from, int to, long number) throws IOException {
    for (int i = from; i < to; i++) {
      byte b = buf[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        action.line(buf, from, to - from, number);
        return;
      }
    }
  }

  /** Moves the unread bytes to the front, grows the buffer if full, reads more; false at end of input. */
  private boolean fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buf.length) buf = Arrays.copyOf(buf, Math.min(buf.length * 2, FindingReader.MAX_LINE_BYTES + (1 << 16)));
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) return false;
    end += n;
    return true;
  }

  private int indexOf(byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == b) return i;
    }
    return -1;
  }
}
