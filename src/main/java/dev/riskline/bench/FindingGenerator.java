package dev.riskline.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A seeded generator of realistic ASFF findings, with the mix and sizes of a real Security Hub export: about 45%
 * Security Hub control findings (consolidated format, FSBP and CIS AWS Foundations v3.0.0 controls), 35% Amazon
 * Inspector package vulnerabilities on EC2 instances, ECR images and Lambda functions (about 5% of them CVEs from
 * the CISA KEV catalog), 10% GuardDuty threats, and 10% IAM Access Analyzer, Macie and custom-product findings,
 * across twenty accounts and seven Regions. Every finding passes {@link dev.riskline.finding.Asff#validate} and
 * is 2–6 KB of compact JSON on average; timestamps fall in the 90 days before the base instant.
 *
 * <p>Findings are trees of {@link java.util.LinkedHashMap} (ASFF field order), {@link java.util.ArrayList},
 * {@code String}, {@code Integer}, {@code Double} and {@code Boolean}, owned by the caller. The same seed and base
 * give the same findings on every JVM. Not thread-safe: use one generator per thread.
 */
public final class FindingGenerator {
  /** The base instant {@link #write} uses: findings are dated in the 90 days before it. */
  public static final Instant DEFAULT_BASE = Instant.parse("2026-11-01T00:00:00Z");

  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
      .disable(SerializationFeature.CLOSE_CLOSEABLE)
      .build();

  private final Rand rand;
  private final Fleet fleet;
  private final ControlFindings controls;
  private final InspectorFindings inspector;
  private final ThreatFindings threats;
  private final OtherFindings others;

  /** A generator whose findings depend only on the seed and fall in the 90 days before {@code base}. */
  public FindingGenerator(long seed, Instant base) {
    this.rand = new Rand(seed);
    this.fleet = new Fleet(rand, Objects.requireNonNull(base, "base"));
    Resources resources = new Resources(fleet);
    this.controls = new ControlFindings(fleet, resources);
    this.inspector = new InspectorFindings(fleet);
    this.threats = new ThreatFindings(fleet, resources);
    this.others = new OtherFindings(fleet, resources);
  }

  /** The next finding; a new tree the caller owns. */
  public Map<String, Object> next() {
    return switch (rand.weighted(45, 35, 10, 10)) {
      case 0 -> controls.next();
      case 1 -> inspector.next();
      case 2 -> threats.next();
      default -> others.next();
    };
  }

  /**
   * Streams {@code count} findings of a generator seeded with {@code seed} (base {@link #DEFAULT_BASE}) to
   * {@code out}, in constant memory whatever the count: as NDJSON (one compact finding per line) or as the
   * {@code {"Findings":[...]}} document {@code aws securityhub get-findings} prints. Flushes {@code out} and leaves
   * it open.
   *
   * @return the number of bytes written
   * @throws UncheckedIOException when {@code out} fails
   */
  public static long write(OutputStream out, long count, boolean ndjson, long seed) {
    if (count < 0) throw new IllegalArgumentException("Expected a count of 0 or more but was " + count);
    FindingGenerator generator = new FindingGenerator(seed, DEFAULT_BASE);
    CountingStream counting = new CountingStream(Objects.requireNonNull(out, "out"));
    try (JsonGenerator json = JSON.getFactory().createGenerator(counting)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.setRootValueSeparator(null);
      if (!ndjson) {
        json.writeStartObject();
        json.writeFieldName("Findings");
        json.writeStartArray();
      }
      for (long i = 0; i < count; i++) {
        JSON.writeValue(json, generator.next());
        if (ndjson) json.writeRaw('\n');
      }
      if (!ndjson) {
        json.writeEndArray();
        json.writeEndObject();
        json.writeRaw('\n');
      }
      json.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write generated findings: " + e.getMessage(), e);
    }
    return counting.bytes;
  }

  // ---- parts, for the example files ----

  Fleet fleet() {
    return fleet;
  }

  ControlFindings controls() {
    return controls;
  }

  InspectorFindings inspector() {
    return inspector;
  }

  ThreatFindings threats() {
    return threats;
  }

  OtherFindings others() {
    return others;
  }

  /** Counts the bytes passed on to the stream it wraps. */
  private static final class CountingStream extends FilterOutputStream {
    long bytes;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      bytes += len;
    }
  }
}
