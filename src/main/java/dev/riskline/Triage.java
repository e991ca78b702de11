package dev.riskline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.riskline.finding.Finding;
import dev.riskline.finding.FindingId;
import dev.riskline.finding.Imports;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One in-memory triage run: Security Hub's import semantics over everything offered, one result per
 * finding identity, in bounded memory.
 *
 * <p>Results are written once, as NDJSON, to a temporary file as they are made (by a writer thread behind
 * the triage thread, see {@link Spill}); memory holds only an
 * index of about 45 bytes per identity (its 64-bit hash, the place of its result in the file and its
 * {@code UpdatedAt}). A later record of an identity already held is imported against the held result,
 * read back from the file; if it is newer, its result replaces the held one. At the end the live results
 * are copied out in one sequential pass, or, for NDJSON into a file when nothing was replaced, the
 * temporary file is renamed into place. Not thread-safe: one thread offers, then writes.
 */
public final class Triage implements AutoCloseable {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)
      .build();
  private static final java.security.SecureRandom NAMES = new java.security.SecureRandom();

  private final Riskline engine;
  private final Path file;
  private final FileChannel channel;
  private final Spill spill;
  private final JsonGenerator json;
  private final IdentityIndex index = new IdentityIndex();
  private final Map<FindingId, Integer> collided = new HashMap<>();
  private long[] offsets = new long[1024];
  private int[] lengths = new int[1024];
  private long[] updated = new long[1024];
  private int slots;
  private long created;
  private long updates;
  private long stale;

  Triage(Riskline engine, Path dir) {
    this.engine = engine;
    try {
      this.file = dir == null ? Files.createTempFile("riskline-triage-", ".ndjson") : createBeside(dir);
      this.channel = FileChannel.open(file, StandardOpenOption.READ);
      this.spill = openSpill(channel, file);
      this.json = MAPPER.getFactory().createGenerator(spill);
      this.json.setRootValueSeparator(null);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary file for the triage run", e);
    }
  }

  /** The writer of {@code file}; when it cannot be opened, the reading channel is closed and the file removed. */
  private static Spill openSpill(FileChannel channel, Path file) throws IOException {
    try {
      return Spill.open(file);
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /**
   * A new hidden file in the output's folder, created as any file there would be (the process's umask
   * decides its permissions, not the owner-only ones of a temporary file), since it may become the output.
   */
  private static Path createBeside(Path dir) throws IOException {
    while (true) {
      Path candidate = dir.resolve(".riskline-triage-" + Long.toUnsignedString(NAMES.nextLong(), 36) + ".ndjson");
      try {
        return Files.createFile(candidate);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another name
      }
    }
  }

  /** Imports one finding and runs the pipeline on it; returns the result, or null when the record was stale. */
  public TriageResult offer(Finding finding) {
    return offer(finding, null);
  }

  /** As {@link #offer(Finding)}, with what {@link Riskline#prepare} found from the record (null: find it now). */
  TriageResult offer(Finding finding, Riskline.Prepared prepared) {
    FindingId id = finding.identity();
    long hash = id.hash64();
    int slot = slotOf(id, hash);
    Imports.Held held = null;
    if (slot >= 0) {
      Instant incoming = finding.updatedAt();
      if (incoming != null && nanos(incoming) <= updated[slot]) {
        stale++;
        return null;
      }
      held = Imports.Held.of(readBack(slot));
    }
    Imports.Result imported = Imports.apply(held, finding);
    if (imported.outcome() == Imports.Outcome.STALE) {
      stale++;
      return null;
    }
    TriageResult result = prepared == null ? engine.triage(finding, imported.finding())
        : engine.triage(prepared, imported.finding());
    int newSlot = append(result);
    if (slot >= 0) {
      lengths[slot] = -lengths[slot] - 1;
      updates++;
    } else {
      created++;
    }
    if ((!collided.isEmpty() && collided.containsKey(id)) || (slot < 0 && index.get(hash) >= 0)) {
      collided.put(id, newSlot);
    } else {
      index.put(hash, newSlot);
    }
    return result;
  }

  /**
   * A consumer that triages on a second thread (see {@link Pipeline}); close it before reading the
   * results. Use either it or {@link #offer}, not both at once.
   */
  public Pipeline pipeline() {
    return new Pipeline(engine::prepare, this::offer);
  }

  /** Distinct findings held. */
  public long size() {
    return created;
  }

  public long created() {
    return created;
  }

  /** Records that updated a finding offered earlier in the run. */
  public long updated() {
    return updates;
  }

  /** Records ignored because their {@code UpdatedAt} was not newer than the held finding's. */
  public long stale() {
    return stale;
  }

  /**
   * Writes the held results as NDJSON into {@code target}. When no result was replaced the temporary
   * file already is that output and is moved into place (a rename when both are on one file system),
   * so nothing is copied.
   */
  public void writeNdjson(Path target) throws IOException {
    if (replacedNone() && !moved) {
      json.flush();
      spill.close();
      try {
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        moved = true;
        return;
      } catch (IOException e) {
        // another file system: copy below
      }
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 20)) {
      writeNdjson(out);
    }
  }

  private boolean moved;

  private boolean replacedNone() {
    for (int s = 0; s < slots; s++) {
      if (lengths[s] < 0) return false;
    }
    return true;
  }

  /** Writes the held results as NDJSON, one line each, in the order they were last changed. */
  public void writeNdjson(OutputStream out) throws IOException {
    forEachLive((buf, len) -> out.write(buf, 0, len));
  }

  /** Writes the held results as one JSON array. */
  public void writeJsonArray(OutputStream out) throws IOException {
    boolean[] first = {true};
    out.write('[');
    forEachLive((buf, len) -> {
      out.write(first[0] ? '\n' : ',');
      if (!first[0]) out.write('\n');
      first[0] = false;
      out.write(buf, 0, len - 1);
    });
    out.write(first[0] ? "]\n".getBytes() : "\n]\n".getBytes());
  }

  /** Each held result, parsed back: the finding and its {@code Riskline} object. */
  public void forEach(BiConsumer<Finding, Map<String, Object>> action) throws IOException {
    forEachLive((buf, len) -> {
      Map<String, Object> tree = parse(buf, len);
      @SuppressWarnings("unchecked")
      Map<String, Object> riskline = (Map<String, Object>) tree.remove("Riskline");
      action.accept(Finding.of(tree), riskline == null ? Map.of() : riskline);
    });
  }

  @Override
  public void close() {
    try {
      json.close();
      spill.close();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        if (!moved) Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file left behind is all that is lost
      }
    }
  }

  // ---- the spill file ----

  private int slotOf(FindingId id, long hash) {
    Integer c = collided.isEmpty() ? null : collided.get(id);
    if (c != null) return c;
    int slot = index.get(hash);
    if (slot < 0) return -1;
    return readBack(slot).identity().equals(id) ? slot : -1;
  }

  private Finding lastRead;
  private int lastReadSlot = -1;

  private int append(TriageResult result) {
    if (slots == offsets.length) {
      offsets = Arrays.copyOf(offsets, slots * 2);
      lengths = Arrays.copyOf(lengths, slots * 2);
      updated = Arrays.copyOf(updated, slots * 2);
    }
    long start = spill.count();
    try {
      Results.write(json, result);
      json.flush();
      spill.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the triage run's temporary file " + file, e);
    }
    offsets[slots] = start;
    lengths[slots] = (int) (spill.count() - start);
    Instant u = result.finding().updatedAt();
    updated[slots] = u == null ? Long.MIN_VALUE : nanos(u);
    return slots++;
  }

  private Finding readBack(int slot) {
    if (slot == lastReadSlot) return lastRead;
    try {
      json.flush();
      long pos = offsets[slot];
      if (pos + lengths[slot] > spill.written()) spill.sync();
      ByteBuffer buf = ByteBuffer.allocate(lengths[slot]);
      while (buf.hasRemaining()) {
        int n = channel.read(buf, pos + buf.position());
        if (n < 0) throw new IOException("unexpected end of " + file);
      }
      Map<String, Object> tree = parse(buf.array(), buf.capacity());
      tree.remove("Riskline");
      lastRead = Finding.of(tree);
      lastReadSlot = slot;
      return lastRead;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read back the triage run's temporary file " + file, e);
    }
  }

  private interface Segment {
    void accept(byte[] buf, int len) throws IOException;
  }

  private void forEachLive(Segment action) throws IOException {
    json.flush();
    spill.sync();
    InputStream unclosable = new java.io.FilterInputStream(Channels.newInputStream(channel.position(0))) {
      @Override
      public void close() {
        // the channel stays open for further passes; close() of the run closes it
      }
    };
    try (InputStream in = new BufferedInputStream(unclosable, 1 << 20)) {
      byte[] buf = new byte[1 << 16];
      for (int s = 0; s < slots; s++) {
        int len = lengths[s];
        boolean live = len >= 0;
        if (!live) len = -len - 1;
        if (buf.length < len) buf = new byte[Math.max(len, buf.length * 2)];
        in.readNBytes(buf, 0, len);
        if (live) action.accept(buf, len);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(byte[] buf, int len) throws IOException {
    return MAPPER.readValue(buf, 0, len, LinkedHashMap.class);
  }

  private static long nanos(Instant i) {
    return Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L) + i.getNano();
  }
}
