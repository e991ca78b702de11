package dev.riskline.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * An input stream that keeps the bytes read through it since the last {@link #discardBefore} point, so
 * the reader can hand on the JSON of a record it has just parsed from a stream. Holds at most
 * {@link #CAP} bytes: past that, the bytes of the current record are not kept (and {@link #copy} gives
 * null for it and for records already read ahead) until the next discard. Not thread-safe.
 */
final class Recording extends FilterInputStream {
  static final int CAP = 1 << 20;

  private byte[] buf = new byte[1 << 16];
  private long bufStart;
  private int len;
  private boolean overflow;

  Recording(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) keep(new byte[] {(byte) b}, 0, 1);
    return b;
  }

  @Override
  public int read(byte[] b, int off, int n) throws IOException {
    int got = super.read(b, off, n);
    if (got > 0) keep(b, off, got);
    return got;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(n, 8192)];
    int got = read(scratch, 0, scratch.length);
    return Math.max(got, 0);
  }

  private void keep(byte[] b, int off, int n) {
    if (overflow) {
      bufStart += n;
      return;
    }
    if (len + n > CAP) {
      overflow = true;
      bufStart += len + n;
      len = 0;
      return;
    }
    if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.min(CAP, Math.max(buf.length * 2, len + n)));
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  /** The bytes at stream offsets {@code [from, to)}, or null when they are no longer held. */
  byte[] copy(long from, long to) {
    if (overflow || from < bufStart || to > bufStart + len || from > to) return null;
    return Arrays.copyOfRange(buf, (int) (from - bufStart), (int) (to - bufStart));
  }

  /** Forgets the bytes before stream offset {@code offset}. */
  void discardBefore(long offset) {
    if (overflow) {
      // keep from the stream's position on; records already read past cannot be copied
      overflow = false;
      len = 0;
      return;
    }
    int drop = (int) Math.min(len, Math.max(0, offset - bufStart));
    System.arraycopy(buf, drop, buf, 0, len - drop);
    len -= drop;
    bufStart += drop;
  }
}
