package dev.riskline;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;

/**
 * The triage run's temporary file, written behind the triage thread. Bytes are gathered in buffers of
 * 1 MiB and a writer thread writes each full buffer at its place in the file, so that writing the results
 * runs beside triage instead of inside it. At most four buffers exist; when all wait to be written, the next
 * write waits.
 *
 * <p>Where the file system allows it the file is written with direct I/O, past the page cache: the kernel
 * then copies nothing and allocates no cache pages for the gigabytes a large run writes, which on a virtual
 * machine can cost more CPU than triage itself (measured in docs/BENCHMARKS.md). Every write then starts at a
 * multiple of the file system's block size and is a whole number of blocks: a buffer always covers one
 * aligned MiB of the file, a partial buffer is written padded, and the file is cut to its length on
 * {@link #close}. Direct writes wait for the disk, so when the disk is the slower side (triage waited for a
 * free buffer a quarter of the time over the first 64 MiB or later) the rest goes through the page cache,
 * which takes it at memory speed. Where direct I/O is refused (tmpfs before Linux 6.6, macOS), or with the
 * system property {@code riskline.spill.buffered=true}, every write goes through the page cache.
 *
 * <p>{@link #sync} waits until the file holds every byte written so far; read the file through another
 * channel. A failure to write is thrown from the next write, sync or close, naming the file. For one writing
 * thread.
 */
final class Spill extends OutputStream {
  private static final int SIZE = 1 << 20;
  private static final int BUFFERS = 4;

  /** A full buffer to write at {@code at}; a sync marker when {@code done} is set; the end when both are null. */
  private record Chunk(ByteBuffer buf, long at, CountDownLatch done) {}

  private static final Chunk END = new Chunk(null, 0, null);

  private static final long PROBATION = 64L << 20;

  private final Path file;
  private final FileChannel channel;
  private final boolean direct;
  private final int align;
  private final long started = System.nanoTime();
  private long stalled;
  private volatile FileChannel plain;
  private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
  private final Thread writer;
  private int allocated;
  private ByteBuffer buf;
  private long handed;
  private volatile long written;
  private volatile IOException failure;
  private boolean closed;

  /** Opens {@code file} (which exists) for writing from its start, with direct I/O where it can. */
  static Spill open(Path file) throws IOException {
    FileChannel direct = openDirect(file);
    return direct != null ? new Spill(file, direct, blockSize(file), true)
        : new Spill(file, FileChannel.open(file, StandardOpenOption.WRITE), 1, false);
  }

  /** Writes through {@code channel}, every write a whole number of {@code align} bytes at a multiple of it. */
  Spill(Path file, FileChannel channel, int align, boolean direct) {
    if (align < 1 || SIZE % align != 0) {
      throw new IllegalArgumentException("alignment " + align + " does not divide " + SIZE);
    }
    this.file = file;
    this.channel = channel;
    this.align = align;
    this.direct = direct;
    this.buf = next();
    this.writer = new Thread(this::drain, "riskline-spill");
    writer.setDaemon(true);
    writer.start();
  }

  /** A direct channel that took one aligned block, or null where direct I/O is refused. */
  private static FileChannel openDirect(Path file) {
    if (Boolean.getBoolean("riskline.spill.buffered")) return null;
    FileChannel c = null;
    try {
      c = FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
      int block = blockSize(file);
      ByteBuffer probe = ByteBuffer.allocateDirect(2 * block).alignedSlice(block).limit(block);
      while (probe.hasRemaining()) c.write(probe, probe.position());
      c.truncate(0);
      return c;
    } catch (IOException | UnsupportedOperationException e) {
      try {
        if (c != null) c.close();
      } catch (IOException ignored) {
        // the buffered channel is used instead
      }
      return null;
    }
  }

  private static int blockSize(Path file) {
    try {
      long size = Files.getFileStore(file).getBlockSize();
      return size > 0 && size <= SIZE && SIZE % size == 0 ? (int) Math.max(size, 4096) : 4096;
    } catch (IOException | UnsupportedOperationException e) {
      return 4096;
    }
  }

  /** True while the file is written past the page cache. */
  boolean direct() {
    return direct && plain == null;
  }

  /** Bytes written through this stream. */
  long count() {
    return handed + buf.position();
  }

  /** Bytes the file already holds: a range below this can be read back without {@link #sync}. */
  long written() {
    return written;
  }

  @Override
  public void write(int b) throws IOException {
    if (closed) throw closedError();
    if (!buf.hasRemaining()) hand();
    buf.put((byte) b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (closed) throw closedError();
    while (len > 0) {
      if (!buf.hasRemaining()) hand();
      int n = Math.min(len, buf.remaining());
      buf.put(b, off, n);
      off += n;
      len -= n;
    }
  }

  /** Nothing to do: bytes reach the file when a buffer fills, or on {@link #sync}. */
  @Override
  public void flush() {
    // the writer thread writes each buffer as it fills
  }

  /** Waits until the file holds every byte written so far. */
  void sync() throws IOException {
    check();
    if (closed) return;
    await();
    writePartial();
  }

  /** Writes what is left, cuts the file to its length, stops the writer thread and closes its channel. */
  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    try {
      if (failure == null) {
        await();
        writePartial();
        target().truncate(count());
      }
    } finally {
      try {
        queue.put(END);
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while writing " + file);
      } finally {
        channel.close();
        if (plain != null) plain.close();
      }
    }
    check();
  }

  /** Waits until the writer has written every buffer handed to it. */
  private void await() throws IOException {
    CountDownLatch done = new CountDownLatch(1);
    put(new Chunk(null, 0, done));
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing " + file);
    }
    check();
  }

  /**
   * Writes the buffer being filled, padded to whole blocks, at its aligned place (the writer is idle). The
   * buffer stays: when it fills it is written whole over the same place.
   */
  private void writePartial() throws IOException {
    int filled = buf.position();
    if (filled == 0 || handed + filled == written) return;
    ByteBuffer out = buf.duplicate();
    out.position(0).limit((filled + align - 1) / align * align);
    try {
      long at = handed;
      FileChannel target = target();
      while (out.hasRemaining()) at += target.write(out, at);
    } catch (IOException | RuntimeException e) {
      failure = e instanceof IOException io ? io : new IOException(e.toString(), e);
      check();
    }
    written = handed + filled;
  }

  private void hand() throws IOException {
    check();
    buf.flip();
    long at = handed;
    handed += buf.remaining();
    put(new Chunk(buf, at, null));
    buf = next();
  }

  private ByteBuffer next() {
    ByteBuffer b = free.poll();
    if (b != null) return b;
    if (allocated < BUFFERS) {
      allocated++;
      return ByteBuffer.allocateDirect(SIZE + align).alignedSlice(align).slice(0, SIZE);
    }
    try {
      long t = System.nanoTime();
      ByteBuffer waited = free.take();
      stalled += System.nanoTime() - t;
      if (direct() && handed >= PROBATION && stalled > (System.nanoTime() - started) / 4) usePageCache();
      return waited;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException("interrupted while writing " + file));
    }
  }

  private void put(Chunk c) throws IOException {
    try {
      queue.put(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing " + file);
    }
  }

  /** From now on, writes go through the page cache (the disk was slower than triage). */
  private void usePageCache() {
    try {
      plain = FileChannel.open(file, StandardOpenOption.WRITE);
    } catch (IOException e) {
      // stay with direct I/O: slower, but it works
    }
  }

  private FileChannel target() {
    FileChannel p = plain;
    return p != null ? p : channel;
  }

  private IOException closedError() {
    return new IOException("The triage run's temporary file " + file + " is closed");
  }

  private void check() throws IOException {
    IOException e = failure;
    if (e != null) {
      throw new IOException("Cannot write the triage run's temporary file " + file + ": " + e.getMessage(), e);
    }
  }

  private void drain() {
    try {
      for (Chunk c = queue.take(); c != END; c = queue.take()) {
        if (c.buf() != null) {
          if (failure == null) write(c);
          c.buf().clear();
          free.add(c.buf());
        }
        if (c.done() != null) c.done().countDown();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(Chunk c) {
    try {
      long at = c.at();
      FileChannel target = target();
      while (c.buf().hasRemaining()) at += target.write(c.buf(), at);
      written = at;
    } catch (IOException | RuntimeException e) {
      failure = e instanceof IOException io ? io : new IOException(e.toString(), e);
    }
  }
}
