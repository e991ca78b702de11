package dev.riskline.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bytes of each record read through the stream can be copied out until they are discarded. */
class RecordingTest {
  /** Records of random sizes back to back, as a parser reading ahead in chunks sees them. */
  @Test
  void copies_every_record_read_in_random_chunks_with_discards_at_record_ends() throws Exception {
    Random random = new Random(11);
    StringBuilder all = new StringBuilder();
    List<long[]> spans = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      int size = 1 + random.nextInt(9_000);
      long from = all.length();
      for (int k = 0; k < size; k++) all.append((char) ('a' + random.nextInt(26)));
      spans.add(new long[] {from, all.length()});
    }
    byte[] bytes = all.toString().getBytes(StandardCharsets.US_ASCII);
    Recording in = new Recording(new ByteArrayInputStream(bytes));
    byte[] chunk = new byte[8_000];
    long read = 0;
    int copied = 0;
    for (long[] span : spans) {
      while (read < span[1]) {
        int got = in.read(chunk, 0, 1 + random.nextInt(chunk.length));
        read += got;
      }
      byte[] copy = in.copy(span[0], span[1]);
      assertThat(new String(copy, StandardCharsets.US_ASCII))
          .isEqualTo(all.substring((int) span[0], (int) span[1]));
      copied++;
      in.discardBefore(span[1]);
    }
    assertThat(copied).isEqualTo(2_000);
  }

  @Test
  void a_record_larger_than_the_cap_is_not_copied_and_the_next_one_is() throws Exception {
    byte[] big = new byte[Recording.CAP + 10];
    java.util.Arrays.fill(big, (byte) 'x');
    byte[] small = "{\"a\":1}".getBytes(StandardCharsets.US_ASCII);
    byte[] both = new byte[big.length + small.length];
    System.arraycopy(big, 0, both, 0, big.length);
    System.arraycopy(small, 0, both, big.length, small.length);
    Recording in = new Recording(new ByteArrayInputStream(both));

    assertThat(in.readNBytes(big.length)).hasSize(big.length);
    assertThat(in.copy(0, big.length)).isNull();
    in.discardBefore(big.length);
    assertThat(in.readNBytes(small.length)).hasSize(small.length);
    assertThat(in.copy(big.length, both.length)).isEqualTo(small);
  }
}
