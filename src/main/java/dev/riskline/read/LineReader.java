package dev.riskline.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * NDJSON input in regions of whole lines: reads about 1 MiB at a time and hands on the part that ends
 * with the last newline in the buffer, so one JSON parser reads many lines at once (no scan for every
 * line end, no parser per line). A line longer than {@link FindingReader#MAX_LINE_BYTES} is skipped and
 * reported, never held whole, so one hostile line cannot exhaust memory.
 */
final class LineReader {
  interface Regions {
    /**
     * Reads the whole lines in {@code buf[from, to)}, the first being line {@code line}; returns the
     * number of the line after the region.
     */
    long region(byte[] buf, int from, int to, long line) throws IOException;

    /** Line {@code line} was too long and was skipped. */
    void tooLong(long line);
  }

  private static final int CHUNK = 1 << 20;

  private final InputStream in;
  private byte[] buf = new byte[CHUNK];
  private int start;
  private int end;
  private boolean eof;

  LineReader(InputStream in) {
    this.in = in;
  }

  void forEachRegion(Regions regions) throws IOException {
    long line = 1;
    while (true) {
      fill();
      if (start == end) return;
      int last = lastNewline();
      if (last >= 0 || eof) {
        int to = last >= 0 ? last + 1 : end;
        line = regions.region(buf, start, to, line);
        start = to;
      } else if (end - start < FindingReader.MAX_LINE_BYTES) {
        buf = Arrays.copyOf(buf, Math.min(buf.length * 2, FindingReader.MAX_LINE_BYTES + CHUNK));
      } else {
        regions.tooLong(line++);
        skipLine();
      }
    }
  }

  /** Moves the unread bytes to the front and reads until the buffer is full or the input ends. */
  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    while (!eof && end < buf.length) {
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) eof = true;
      else end += n;
    }
  }

  private int lastNewline() {
    for (int i = end - 1; i >= start; i--) {
      if (buf[i] == '\n') return i;
    }
    return -1;
  }

  /** Drops bytes up to and including the next newline, reading on as needed. */
  private void skipLine() throws IOException {
    while (true) {
      for (int i = start; i < end; i++) {
        if (buf[i] == '\n') {
          start = i + 1;
          return;
        }
      }
      start = end;
      fill();
      if (start == end) return;
    }
  }
}
