package dev.riskline.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.Pipeline;
import dev.riskline.Riskline;
import dev.riskline.Triage;
import dev.riskline.finding.Finding;
import dev.riskline.read.FindingReader;
import dev.riskline.read.Rejection;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The macro benchmark: over one findings file, in one run, (a) parse-only — Jackson's streaming parser
 * reading each record into a tree, the least any reader must do, (a0) a bare token scan for reference,
 * and (b) {@code triage} — read, validate, import, pipeline, NDJSON results written to a file beside the
 * input, as {@code riskline triage --format ndjson --out FILE} does. Reports
 * findings/s, MB/s, the ratio b/a and the peak heap of each phase. Not thread-safe; run one at a time.
 */
public final class Benchmark {
  /** The kernel's clock tick for {@code /proc} times ({@code getconf CLK_TCK}); 100 on Linux. */
  private static final long TICKS_PER_SECOND = 100;
  private final Riskline engine;

  public Benchmark(Riskline engine) {
    this.engine = engine;
  }

  /**
   * One phase's figures; {@code threadSeconds} is the CPU time of each thread of the JVM during the phase by
   * name (empty when not measured).
   */
  public record Phase(String name, long findings, long bytes, long nanos, long peakHeapBytes,
      Map<String, Double> threadSeconds) {
    public Phase {
      threadSeconds = Map.copyOf(threadSeconds);
    }

    public double findingsPerSecond() {
      return findings / (nanos / 1e9);
    }

    public double megabytesPerSecond() {
      return bytes / (1024.0 * 1024.0) / (nanos / 1e9);
    }
  }

  /** Runs the three phases over the file, one after the other, in this JVM. */
  public Map<String, Phase> run(Path file) throws IOException {
    return run(file, false);
  }

  /**
   * As {@link #run(Path)}; with {@code threadTimes}, also the CPU time of every thread in each phase, where the
   * system tells it (Linux; see {@link #threadTimesAvailable}).
   */
  public Map<String, Phase> run(Path file, boolean threadTimes) throws IOException {
    long bytes = Files.size(file);
    boolean times = threadTimes && threadTimesAvailable();
    Map<String, Phase> phases = new LinkedHashMap<>();
    phases.put("tokens", measure("tokens", bytes, times, () -> tokenScan(file)));
    phases.put("parse", measure("parse", bytes, times, () -> parseOnly(file)));
    phases.put("triage", measure("triage", bytes, times, () -> triage(file)));
    return phases;
  }

  /** True where {@link #run(Path, boolean)} can measure CPU time per thread. */
  public static boolean threadTimesAvailable() {
    return ThreadTimes.available();
  }

  private interface Work {
    long run() throws IOException;
  }

  private static Phase measure(String name, long bytes, boolean threadTimes, Work work) throws IOException {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    ThreadTimes times = threadTimes ? ThreadTimes.start(TICKS_PER_SECOND) : null;
    long start = System.nanoTime();
    long n = work.run();
    long nanos = System.nanoTime() - start;
    Map<String, Double> threads = times == null ? Map.of() : times.stop();
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) peak += pool.getPeakUsage().getUsed();
    }
    return new Phase(name, n, bytes, nanos, peak, threads);
  }

  /** Counts the records with a bare token scan: no objects made. */
  static long tokenScan(Path file) throws IOException {
    long records = 0;
    boolean ndjson = isNdjson(file);
    try (InputStream in = open(file); JsonParser p = new JsonFactory().createParser(in)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.START_OBJECT && isRecord(p, ndjson)) {
          records++;
          p.skipChildren();
        }
      }
    }
    return records;
  }

  /** Reads every record into a tree with Jackson: what any reader of the file must do at least. */
  static long parseOnly(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    long records = 0;
    boolean ndjson = isNdjson(file);
    try (InputStream in = open(file); JsonParser p = mapper.getFactory().createParser(in)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.START_OBJECT && isRecord(p, ndjson)) {
          mapper.readValue(p, LinkedHashMap.class);
          records++;
        }
      }
    }
    return records;
  }

  /** A record is a root object of NDJSON, or an object in an array ({"Findings": [...]} or [...]). */
  private static boolean isRecord(JsonParser p, boolean ndjson) {
    var parent = p.getParsingContext().getParent();
    return parent.inArray() || (ndjson && parent.inRoot());
  }

  /** True for an NDJSON file ({@code .ndjson}, {@code .jsonl}); otherwise the file is one JSON document. */
  public static boolean isNdjson(Path file) {
    String n = file.getFileName().toString();
    return n.endsWith(".ndjson") || n.endsWith(".jsonl");
  }

  private long triage(Path file) throws IOException {
    long[] rejected = {0};
    Path out = Files.createTempFile(file.toAbsolutePath().getParent(), "riskline-bench-", ".triaged.ndjson");
    try (Triage run = engine.newTriage(out.getParent()); InputStream in = open(file)) {
      try (Pipeline pipeline = run.pipeline()) {
        read(file, in, pipeline, rejected);
      }
      run.writeNdjson(out);
      if (rejected[0] > 0) throw new IOException(rejected[0] + " records of the benchmark file were rejected");
      return run.size();
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private void read(Path file, InputStream in, Pipeline pipeline, long[] rejected) {
    engine.reader().read(file.toString(), in, new FindingReader.Sink() {
      @Override
      public void finding(Finding finding, String source, long record) {
        pipeline.accept(finding);
      }

      @Override
      public void rejection(Rejection rejection) {
        rejected[0]++;
      }
    });
  }

  private static InputStream open(Path file) throws IOException {
    return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
  }
}
