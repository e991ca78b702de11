package dev.riskline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The temporary file written behind the triage thread: every byte in its place, readable after a sync, the
 * file cut to its length at the end, with direct I/O (where the test folder's file system has it), with
 * aligned writes through the page cache, and with plain writes.
 */
class SpillTest {
  @TempDir
  Path dir;

  private Spill spill(String mode, Path file) throws IOException {
    return switch (mode) {
      case "open" -> Spill.open(file);
      case "aligned" -> new Spill(file, FileChannel.open(file, StandardOpenOption.WRITE), 4096, false);
      default -> new Spill(file, FileChannel.open(file, StandardOpenOption.WRITE), 1, false);
    };
  }

  private static byte[] read(FileChannel channel, long at, int len) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(len);
    while (b.hasRemaining()) {
      if (channel.read(b, at + b.position()) < 0) throw new IOException("end of file at " + (at + b.position()));
    }
    return b.array();
  }

  @ParameterizedTest
  @ValueSource(strings = {"open", "aligned", "plain"})
  void writes_every_byte_in_order_and_reads_back_after_each_sync(String mode) throws Exception {
    Path file = Files.createFile(dir.resolve("spill.ndjson"));
    Random random = new Random(7);
    byte[] expected = new byte[9 * (1 << 20) + 12_345];
    random.nextBytes(expected);
    try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
      Spill spill = spill(mode, file);
      int at = 0;
      int syncs = 0;
      while (at < expected.length) {
        int len = Math.min(expected.length - at, random.nextInt(5_000));
        if (len % 7 == 0 && len > 0) {
          spill.write(expected[at]);
          len = 1;
        } else {
          spill.write(expected, at, len);
        }
        at += len;
        assertThat(spill.count()).isEqualTo(at);
        if (random.nextInt(400) == 0) {
          spill.sync();
          syncs++;
          assertThat(spill.written()).isEqualTo(at);
          int from = Math.max(0, at - 50_000);
          assertThat(read(reader, from, at - from)).isEqualTo(Arrays.copyOfRange(expected, from, at));
        }
      }
      spill.close();
      spill.close();
      spill.sync();

      assertThat(syncs).isGreaterThan(10);
      assertThat(Files.size(file)).isEqualTo(expected.length);
      assertThat(read(reader, 0, expected.length)).isEqualTo(expected);
    }
  }

  @Test
  void a_small_file_is_cut_to_its_length_even_with_direct_io() throws Exception {
    Path file = Files.createFile(dir.resolve("small.ndjson"));
    Spill spill = Spill.open(file);
    spill.write("{\"a\":1}\n".getBytes(), 0, 8);
    spill.sync();
    spill.write('x');
    spill.close();

    assertThat(Files.readString(file)).isEqualTo("{\"a\":1}\nx");
  }

  @Test
  void a_failed_write_is_reported_with_the_file_and_nothing_waits_forever() throws Exception {
    Path file = Files.createFile(dir.resolve("read-only.ndjson"));
    Spill spill = new Spill(file, FileChannel.open(file, StandardOpenOption.READ), 1, false);
    byte[] chunk = new byte[100_000];

    assertThatThrownBy(() -> {
      for (int i = 0; i < 30; i++) spill.write(chunk, 0, chunk.length);
      spill.sync();
    }).isInstanceOf(IOException.class)
        .hasMessageStartingWith("Cannot write the triage run's temporary file " + file + ": ");
    assertThatThrownBy(() -> {
      for (int i = 0; i < 100; i++) spill.write(chunk, 0, chunk.length);
    }).isInstanceOf(IOException.class).hasMessageStartingWith("Cannot write the triage run's temporary file ");
    assertThatThrownBy(spill::close).isInstanceOf(IOException.class);
  }

  @Test
  void when_the_disk_is_slower_than_triage_the_rest_goes_through_the_page_cache() throws Exception {
    Path file = Files.createFile(dir.resolve("slow.ndjson"));
    FileChannel slow = new SlowChannel(FileChannel.open(file, StandardOpenOption.WRITE), 15);
    Spill spill = new Spill(file, slow, 4096, true);
    assertThat(spill.direct()).isTrue();
    byte[] block = new byte[64 * 1024];
    long total = 100L << 20;
    for (long at = 0; at < total; at += block.length) {
      for (int i = 0; i < block.length; i++) block[i] = pattern(at + i);
      spill.write(block, 0, block.length);
    }
    spill.write('!');
    spill.close();

    assertThat(spill.direct()).isFalse();
    assertThat(Files.size(file)).isEqualTo(total + 1);
    try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
      for (long at = 0; at < total; at += block.length) {
        byte[] got = read(reader, at, block.length);
        for (int i = 0; i < block.length; i++) {
          if (got[i] != pattern(at + i)) throw new AssertionError("byte " + (at + i) + " differs");
        }
      }
      assertThat(read(reader, total, 1)).containsExactly('!');
    }
  }

  private static byte pattern(long i) {
    return (byte) (i * 31 + (i >>> 12));
  }

  /** A channel whose positional writes take {@code millis} each, like a slow disk. */
  private static final class SlowChannel extends FileChannel {
    private final FileChannel real;
    private final long millis;

    SlowChannel(FileChannel real, long millis) {
      this.real = real;
      this.millis = millis;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return real.write(src, position);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return real.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return real.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      return real.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
      return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      real.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      real.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      real.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, java.nio.channels.WritableByteChannel target)
        throws IOException {
      return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(java.nio.channels.ReadableByteChannel src, long position, long count)
        throws IOException {
      return real.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return real.read(dst, position);
    }

    @Override
    public java.nio.MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return real.map(mode, position, size);
    }

    @Override
    public java.nio.channels.FileLock lock(long position, long size, boolean shared) throws IOException {
      return real.lock(position, size, shared);
    }

    @Override
    public java.nio.channels.FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      real.close();
    }
  }

  @Test
  void writing_after_close_is_refused() throws Exception {
    Path file = Files.createFile(dir.resolve("done.ndjson"));
    Spill spill = Spill.open(file);
    spill.write(new byte[] {1, 2, 3}, 0, 3);
    spill.close();

    assertThat(Files.size(file)).isEqualTo(3);
    assertThatThrownBy(() -> spill.write(9)).isInstanceOf(IOException.class)
        .hasMessage("The triage run's temporary file " + file + " is closed");
    assertThatThrownBy(() -> spill.write(new byte[10], 0, 10)).isInstanceOf(IOException.class);
  }

  @Test
  void a_file_on_tmpfs_holds_the_same_bytes_whether_the_kernel_takes_direct_io_there_or_not() throws Exception {
    Path shm = Path.of("/dev/shm");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
        && Files.getFileStore(shm).type().equals("tmpfs"), "a writable tmpfs at /dev/shm");
    Path file = Files.createTempFile(shm, "riskline-spill-test-", ".ndjson");
    try {
      Spill spill = Spill.open(file);
      byte[] data = new byte[3 * (1 << 20) + 77];
      new Random(3).nextBytes(data);
      spill.write(data, 0, data.length);
      spill.sync();
      spill.write('!');
      spill.close();

      byte[] expected = Arrays.copyOf(data, data.length + 1);
      expected[data.length] = '!';
      assertThat(Files.readAllBytes(file)).isEqualTo(expected);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void the_test_folder_gets_direct_io_where_linux_offers_it() throws Exception {
    Path file = Files.createFile(dir.resolve("direct.ndjson"));
    Spill spill = Spill.open(file);
    spill.close();
    String fs = Files.getFileStore(dir).type();
    if (System.getProperty("os.name").startsWith("Linux") && (fs.equals("ext4") || fs.equals("xfs"))) {
      assertThat(spill.direct()).as("direct I/O on " + fs).isTrue();
    }
  }
}
