package dev.riskline;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;

/**
 * The triage run's temporary file, written behind the triage thread. Bytes are gathered in buffers of
 * 1 MiB and a writer thread writes each full buffer at its place in the file, so the kernel's work of taking
 * the results into the page cache (about a third of the triage thread's time on a million findings) runs
 * beside triage instead of inside it. At most four buffers exist; when all are waiting to be written, the
 * next write waits. {@link #sync} waits until the file holds every byte written so far; a failure of the
 * writer is thrown from the next write or sync, naming the file.
 *
 * <p>For one writing thread. {@link #close} writes what is left and stops the writer; it does not close
 * the channel.
 */
final class Spill extends OutputStream {
  private static final int SIZE = 1 << 20;
  private static final int BUFFERS = 4;

  /** A buffer to write at {@code at}; a sync marker when {@code done} is set; the end when {@code buf} is null. */
  private record Chunk(ByteBuffer buf, long at, CountDownLatch done) {}

  private static final Chunk END = new Chunk(null, 0, null);

  private final FileChannel channel;
  private final Path file;
  private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
  private final Thread writer;
  private int allocated;
  private ByteBuffer buf;
  private long handed;
  private volatile long written;
  private volatile IOException failure;
  private boolean closed;

  Spill(FileChannel channel, Path file) {
    this.channel = channel;
    this.file = file;
    this.buf = next();
    this.writer = new Thread(this::drain, "riskline-spill");
    writer.setDaemon(true);
    writer.start();
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
    if (buf.position() > 0) hand();
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

  /** Writes what is left and stops the writer thread. */
  @Override
  public void close() throws IOException {
    if (closed) return;
    try {
      if (buf.position() > 0 && failure == null) hand();
    } finally {
      closed = true;
      put(END);
      try {
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while writing " + file);
      }
    }
    check();
  }

  private void hand() throws IOException {
    check();
    if (closed) throw closedError();
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
      return ByteBuffer.allocateDirect(SIZE);
    }
    try {
      return free.take();
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

  private IOException closedError() {
    return new IOException("The triage run's temporary file " + file + " is closed");
  }

  private void check() throws IOException {
    IOException e = failure;
    if (e != null) throw new IOException("Cannot write the triage run's temporary file " + file + ": " + e.getMessage(), e);
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
      while (c.buf().hasRemaining()) at += channel.write(c.buf(), at);
      written = at;
    } catch (IOException e) {
      failure = e;
    }
  }
}
