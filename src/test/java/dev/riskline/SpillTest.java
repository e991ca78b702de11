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

/** The temporary file written behind the triage thread: every byte in its place, readable after a sync. */
class SpillTest {
  @TempDir
  Path dir;

  private FileChannel open(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  private static byte[] read(FileChannel channel, long at, int len) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(len);
    while (b.hasRemaining()) {
      if (channel.read(b, at + b.position()) < 0) throw new IOException("end of file at " + (at + b.position()));
    }
    return b.array();
  }

  @Test
  void writes_every_byte_in_order_across_many_buffers_and_reads_back_after_sync() throws Exception {
    Path file = dir.resolve("spill.ndjson");
    Random random = new Random(7);
    byte[] expected = new byte[9 * (1 << 20) + 12_345];
    random.nextBytes(expected);
    try (FileChannel channel = open(file)) {
      Spill spill = new Spill(channel, file);
      int at = 0;
      long syncedAt = -1;
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
        if (syncedAt < 0 && at > 3 * (1 << 20)) {
          spill.sync();
          syncedAt = at;
          assertThat(spill.written()).isEqualTo(at);
          assertThat(read(channel, 0, at)).isEqualTo(Arrays.copyOf(expected, at));
        }
      }
      spill.close();
      spill.close();
      spill.sync();
      assertThat(channel.size()).isEqualTo(expected.length);
      assertThat(read(channel, 0, expected.length)).isEqualTo(expected);
    }
  }

  @Test
  void a_failed_write_is_reported_with_the_file_at_the_next_sync() throws Exception {
    Path file = dir.resolve("closed.ndjson");
    FileChannel channel = open(file);
    Spill spill = new Spill(channel, file);
    spill.write(new byte[100], 0, 100);
    channel.close();

    assertThatThrownBy(spill::sync)
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Cannot write the triage run's temporary file " + file + ": ");
    assertThatThrownBy(spill::close).isInstanceOf(IOException.class);
  }

  @Test
  void writing_after_close_is_refused() throws Exception {
    Path file = dir.resolve("done.ndjson");
    try (FileChannel channel = open(file)) {
      Spill spill = new Spill(channel, file);
      spill.write(new byte[] {1, 2, 3}, 0, 3);
      spill.close();
      assertThat(Files.size(file)).isEqualTo(3);
      assertThatThrownBy(() -> spill.write(9)).isInstanceOf(IOException.class)
          .hasMessage("The triage run's temporary file " + file + " is closed");
      assertThatThrownBy(() -> spill.write(new byte[10], 0, 10)).isInstanceOf(IOException.class);
    }
  }
}
