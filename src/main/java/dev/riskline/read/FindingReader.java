package dev.riskline.read;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.riskline.finding.Asff;
import dev.riskline.finding.Finding;
import dev.riskline.finding.Problem;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads findings from any mix of the accepted formats (see {@link Formats#ACCEPTED}), streaming: one
 * record at a time, whatever the size of the input.
 *
 * <p>Layouts: a JSON array of records; an object with a {@code Findings} or {@code findings} array
 * ({@code aws securityhub get-findings}, {@code aws inspector2 list-findings}); a single record; or NDJSON
 * (several JSON values, one a line). A malformed line of NDJSON costs that line only; malformed JSON in a
 * document ends that document, and the records read before it are kept. Each record becomes one or more
 * findings (an EventBridge event may carry several) or a {@link Rejection}.
 *
 * <p>Thread-safe: one reader serves any number of inputs at once.
 */
public final class FindingReader {
  /** Where the reader hands what it read. Called on the reading thread, in input order. */
  public interface Sink {
    /** A valid ASFF finding from record {@code record} (1-based) of {@code source}. */
    void finding(Finding finding, String source, long record);

    /** A record, or the input as a whole, that could not be read. */
    void rejection(Rejection rejection);
  }

  static final int PEEK_BYTES = 1 << 20;
  static final int MAX_LINE_BYTES = 32 << 20;
  /** The most bytes of whole lines one parsing thread takes at once (a longer line is taken whole). */
  static final int PART_BYTES = 256 << 10;
  private static final int MAX_NESTING = 200;

  private static final JavaType OBJECT = TypeFactory.defaultInstance().constructType(Object.class);

  private final ObjectMapper mapper;
  private final int parsers;

  private FindingReader(ObjectMapper mapper, int parsers) {
    this.mapper = mapper;
    this.parsers = parsers;
  }

  /**
   * A reader with the default limits (nesting depth 200, NDJSON lines up to 32 MiB). On four cores or more it
   * parses NDJSON on threads of its own (cores − 3, at most 8: the calling thread, triage and the collector keep
   * theirs); on fewer, handing findings between threads costs more than it saves (about 5 µs a finding of
   * extra CPU on two cores, see docs/BENCHMARKS.md), so it parses on the calling thread.
   */
  public static FindingReader create() {
    int cores = Runtime.getRuntime().availableProcessors();
    return create(cores < 4 ? 0 : Math.min(8, cores - 3));
  }

  /**
   * A reader that parses NDJSON on {@code parsers} threads of its own (0: on the calling thread). Whatever
   * the number, the sink sees the same calls in the same order on the calling thread.
   */
  public static FindingReader create(int parsers) {
    if (parsers < 0) throw new IllegalArgumentException("Expected 0 or more parsing threads but was " + parsers);
    JsonMapper mapper = JsonMapper.builder()
        .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
        .build();
    mapper.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build());
    return new FindingReader(mapper, parsers);
  }

  /**
   * Reads one input to its end and closes it. Never throws for bad input: everything wrong becomes a
   * rejection, including an input that cannot be read at all.
   *
   * @param source the input's name as rejections show it (a file name, or {@code -} for stdin)
   */
  public void read(String source, InputStream input, Sink sink) {
    Run run = new Run(source, sink);
    try (BufferedInputStream in = new BufferedInputStream(input, 1 << 16)) {
      if (Layout.isNdjson(in, mapper.getFactory())) {
        if (parsers == 0) {
          new LineReader(in).forEachRegion(run);
        } else {
          try (ParallelLines lines = new ParallelLines(source, sink, parsers)) {
            new LineReader(in).forEachRegion(lines);
            lines.finish();
          }
        }
      } else {
        run.document(in);
      }
    } catch (IOException e) {
      run.reject(0, new Problem("", "cannot read: " + e.getMessage()));
    } catch (UncheckedIOException e) {
      run.reject(0, new Problem("", "cannot read: " + e.getCause().getMessage()));
    }
  }

  /** One input being read: counts its records and turns them into findings or rejections. */
  private final class Run implements LineReader.Regions {
    private final String source;
    private final Sink sink;
    private long records;
    private long rootLine;
    private long rootOffset;
    /** The NDJSON region being read and where its parser starts in it; null when reading a stream. */
    private byte[] regionBuf;
    private int regionPos;
    /** The stream being read as a document, which keeps the bytes of the record in progress. */
    private Recording recording;

    Run(String source, Sink sink) {
      this.source = source;
      this.sink = sink;
    }

    void document(InputStream in) throws IOException {
      recording = new Recording(in);
      try (JsonParser p = mapper.getFactory().createParser(recording)) {
        while (root(p)) {
          // one root value after another: a document, or concatenated JSON
        }
      } catch (JsonProcessingException e) {
        malformed(e, 0, true);
      }
    }

    @Override
    public void tooLong(long line) {
      records++;
      reject(records, new Problem("", String.format(
          "expected a line of at most %,d bytes but line %d is longer", MAX_LINE_BYTES, line)));
    }

    /**
     * Reads a region of whole NDJSON lines with one parser. Malformed JSON costs only the line it starts
     * on: that line is reported (parsed alone, for a precise message), and reading goes on after it.
     */
    @Override
    public long region(byte[] buf, int from, int to, long line) throws IOException {
      int pos = from;
      regionBuf = buf;
      while (pos < to) {
        regionPos = pos;
        try (JsonParser p = mapper.getFactory().createParser(buf, pos, to - pos)) {
          rootLine = 1;
          rootOffset = 0;
          while (root(p)) {
            // one value a line
          }
          return line + p.currentLocation().getLineNr() - 1;
        } catch (JsonProcessingException e) {
          int badStart = pos + (int) rootOffset;
          int lineStart = badStart;
          while (lineStart > pos && buf[lineStart - 1] != '\n') lineStart--;
          int lineEnd = badStart;
          while (lineEnd < to && buf[lineEnd] != '\n') lineEnd++;
          long badLine = line + rootLine - 1;
          records++;
          JsonProcessingException alone = lineError(buf, lineStart, lineEnd);
          if (alone != null) malformed(alone, badLine - 1, false);
          else malformed(e, line - 1, false);
          line = badLine + 1;
          pos = Math.min(lineEnd + 1, to);
        }
      }
      return line;
    }

    /** The error of the line alone, which names the place within it; null if the line parses alone. */
    private JsonProcessingException lineError(byte[] buf, int from, int to) {
      try (JsonParser p = mapper.getFactory().createParser(buf, from, to - from)) {
        while (p.nextToken() != null) {
          p.skipChildren();
        }
      } catch (JsonProcessingException e) {
        return e;
      } catch (IOException e) {
        return null;
      }
      return null;
    }

    /** Reads one root-level value; false at the end of input. */
    private boolean root(JsonParser p) throws IOException {
      JsonToken t = p.nextToken();
      if (t == null) return false;
      JsonLocation at = p.currentTokenLocation();
      rootLine = at.getLineNr();
      rootOffset = offset(at);
      if (t == JsonToken.START_ARRAY) {
        while (p.nextToken() != JsonToken.END_ARRAY) element(p);
      } else if (t == JsonToken.START_OBJECT) {
        rootObject(p);
      } else {
        records++;
        reject(records, new Problem("", "expected a JSON object or array but was " + describe(p)));
      }
      return true;
    }

    /**
     * A root object: a container of records ({@code Findings}, {@code findings}) or one record. A
     * container whose array comes first ({@code get-findings} and {@code list-findings} output) is
     * streamed record by record; any other object is read whole.
     */
    private void rootObject(JsonParser p) throws IOException {
      long start = offset(p.currentTokenLocation());
      if (p.nextToken() == JsonToken.END_OBJECT) {
        record(new LinkedHashMap<>(), offset(p.currentLocation()) - start, null, null);
        return;
      }
      String first = p.currentName();
      Map<String, Object> fields = new LinkedHashMap<>();
      if (isContainerKey(first)) {
        if (p.nextToken() != JsonToken.START_ARRAY) {
          fields.put(first, mapper.readValue(p, Object.class));
          p.nextToken();
          restOfObject(p, fields, start);
          return;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) element(p);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          if (isContainerKey(name) && p.nextToken() == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) element(p);
          } else {
            if (!isContainerKey(name)) p.nextToken();
            p.skipChildren(); // NextToken and other paging fields
          }
        }
        return;
      }
      restOfObject(p, fields, start);
    }

    /** Reads the object's remaining fields (the parser is at a field name or the end) into one record. */
    private void restOfObject(JsonParser p, Map<String, Object> fields, long start) throws IOException {
      int[] spans = null;
      if (fields.isEmpty()) {
        Spanned read = readFields(p, start);
        fields = read.fields();
        spans = read.spans();
      } else if (p.currentToken() == JsonToken.FIELD_NAME) {
        @SuppressWarnings("unchecked")
        Map<String, Object> rest = mapper.readValue(p, LinkedHashMap.class);
        fields.putAll(rest);
      }
      long end = offset(p.currentLocation());
      for (String key : List.of("Findings", "findings")) {
        if (fields.get(key) instanceof List<?> list) {
          for (Object o : list) containedRecord(o);
          return;
        }
      }
      boolean oneLine = p.currentLocation().getLineNr() == rootLine;
      byte[] raw = regionBuf == null || !oneLine ? null
          : Arrays.copyOfRange(regionBuf, regionPos + (int) start, regionPos + (int) end);
      record(fields, end - start, raw, spans);
    }

    @SuppressWarnings("unchecked")
    private void containedRecord(Object o) {
      if (o instanceof Map<?, ?> m) {
        record((Map<String, Object>) m, Long.MAX_VALUE, null, null);
      } else {
        records++;
        reject(records, new Problem("", "expected a finding object but was " + Formats.kind(o)));
      }
    }

    private void element(JsonParser p) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        records++;
        reject(records, new Problem("", "expected a finding object but was " + describe(p)));
        p.skipChildren();
        return;
      }
      JsonLocation from = p.currentTokenLocation();
      long start = offset(from);
      p.nextToken();
      Spanned read = readFields(p, start);
      Map<String, Object> map = read.fields();
      JsonLocation to = p.currentLocation();
      long end = offset(to);
      boolean oneLine = from.getLineNr() == to.getLineNr();
      byte[] raw = null;
      if (recording != null) {
        if (oneLine) raw = recording.copy(start, end);
        recording.discardBefore(end);
      } else if (regionBuf != null && oneLine) {
        raw = Arrays.copyOfRange(regionBuf, regionPos + (int) start, regionPos + (int) end);
      }
      record(map, end - start, raw, read.spans());
    }

    /**
     * One record; {@code raw} is its JSON as read, when the reader still has it and it is on one line
     * (only such bytes may be copied into NDJSON results).
     */
    private void record(Map<String, Object> record, long span, byte[] raw, int[] spans) {
      records++;
      Formats.Parts parts;
      try {
        parts = Formats.toAsff(record);
      } catch (BadRecord e) {
        sink.rejection(new Rejection(source, records, 0, 0, e.problems()));
        return;
      }
      List<Problem> problems = new ArrayList<>(parts.problems());
      for (Formats.Part part : parts.parts()) {
        List<Problem> own = check(part.asff(), span);
        if (own.isEmpty()) {
          boolean same = part.asff() == record && raw != null;
          sink.finding(same ? Finding.of(part.asff(), raw, spans) : Finding.of(part.asff()), source, records);
        } else {
          own.forEach(pr -> problems.add(pr.under(part.path())));
        }
      }
      if (!problems.isEmpty()) sink.rejection(new Rejection(source, records, 0, 0, problems));
    }

    private List<Problem> check(Map<String, Object> asff, long span) {
      if (span > Asff.MAX_FINDING_BYTES) {
        long size = compactSize(asff);
        if (size > Asff.MAX_FINDING_BYTES) {
          return List.of(new Problem("", String.format(
              "expected a finding of at most %,d bytes (Security Hub's limit of 240 KB) but was %,d bytes",
              Asff.MAX_FINDING_BYTES, size)));
        }
      }
      return Asff.validate(asff);
    }

    private long compactSize(Map<String, Object> asff) {
      try {
        return mapper.writeValueAsBytes(asff).length;
      } catch (JsonProcessingException e) {
        return Long.MAX_VALUE;
      }
    }

    private void malformed(JsonProcessingException e, long lineOffset, boolean document) {
      JsonLocation at = e.getLocation();
      long line = at == null ? 0 : at.getLineNr() + lineOffset;
      long column = at == null ? 0 : at.getColumnNr();
      String reason = e.getOriginalMessage().lines().findFirst().orElse("")
          .replaceAll("\\[Source: [^;]*; ", "[");
      String message = "malformed JSON: " + reason
          + (document ? String.format("; the %,d records before it were read", records) : "");
      sink.rejection(new Rejection(source, 0, line, column, List.of(new Problem("", message))));
    }

    private void reject(long record, Problem problem) {
      sink.rejection(new Rejection(source, record, 0, 0, List.of(problem)));
    }
  }

  /**
   * NDJSON parsed on threads of its own: each region of whole lines (cut to at most {@link #PART_BYTES}) is
   * copied and parsed by a pool thread into a list of what the sink would have been told, with record and
   * line numbers counted from the region's start; the calling thread hands those lists to the sink in
   * input order, numbering records and lines on from the regions before. At most {@code 2 × threads + 1}
   * regions are in flight, so memory stays bounded.
   */
  private final class ParallelLines implements LineReader.Regions, AutoCloseable {
    private final String source;
    private final Sink sink;
    private final ExecutorService pool;
    private final int maxInFlight;
    private final ArrayDeque<Future<Part>> inFlight = new ArrayDeque<>();
    private long records;
    private long line = 1;

    ParallelLines(String source, Sink sink, int threads) {
      this.source = source;
      this.sink = sink;
      this.maxInFlight = 2 * threads + 1;
      this.pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "riskline-parse");
        t.setDaemon(true);
        return t;
      });
    }

    @Override
    public long region(byte[] buf, int from, int to, long ignored) {
      for (int start = from; start < to; ) {
        int end = Math.min(to, start + PART_BYTES);
        while (end < to && buf[end - 1] != '\n') end++;
        byte[] part = Arrays.copyOfRange(buf, start, end);
        submit(pool.submit(() -> parse(part)));
        start = end;
      }
      return 0; // lines are counted as parts are handed on
    }

    @Override
    public void tooLong(long ignored) {
      submit(CompletableFuture.completedFuture(Part.TOO_LONG));
    }

    private void submit(Future<Part> part) {
      if (inFlight.size() >= maxInFlight) handOn(inFlight.poll());
      inFlight.add(part);
    }

    /** Hands on every part still in flight. */
    void finish() {
      while (!inFlight.isEmpty()) handOn(inFlight.poll());
    }

    private Part parse(byte[] part) throws IOException {
      List<Object> told = new ArrayList<>();
      Run run = new Run(source, new Sink() {
        @Override
        public void finding(Finding finding, String src, long record) {
          told.add(finding);
          told.add(record);
        }

        @Override
        public void rejection(Rejection rejection) {
          told.add(rejection);
        }
      });
      long next = run.region(part, 0, part.length, 1);
      return new Part(told, run.records, next - 1);
    }

    private void handOn(Future<Part> future) {
      Part part = get(future);
      if (part == Part.TOO_LONG) {
        records++;
        sink.rejection(new Rejection(source, records, 0, 0, List.of(new Problem("", String.format(
            "expected a line of at most %,d bytes but line %d is longer", MAX_LINE_BYTES, line)))));
        line++;
        return;
      }
      List<Object> told = part.told();
      for (int i = 0; i < told.size(); i++) {
        if (told.get(i) instanceof Finding f) {
          sink.finding(f, source, records + (Long) told.get(++i));
        } else {
          Rejection r = (Rejection) told.get(i);
          sink.rejection(new Rejection(source, r.record() > 0 ? r.record() + records : 0,
              r.line() > 0 ? r.line() + line - 1 : 0, r.column(), r.problems()));
        }
      }
      records += part.records();
      line += part.lines();
    }

    private Part get(Future<Part> future) {
      try {
        return future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading " + source, e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) throw re;
        if (e.getCause() instanceof Error err) throw err;
        throw new UncheckedIOException(e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
      }
    }

    @Override
    public void close() {
      pool.shutdownNow();
    }
  }

  /** What one region told: findings (each followed by its record number in the region) and rejections. */
  private record Part(List<Object> told, long records, long lines) {
    static final Part TOO_LONG = new Part(List.of(), 1, 1);
  }

  /** An object read field by field, with where each value sits in the record's bytes. */
  private record Spanned(Map<String, Object> fields, int[] spans) {}

  /**
   * Reads the rest of an object (the parser at its first field name, or at its end) into a map, noting
   * the byte span of each top-level value relative to {@code start}; spans are null when a key repeats.
   * One deserialization context serves every field, as one {@code readValue} of the whole object would.
   */
  private Spanned readFields(JsonParser p, long start) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    int[] spans = new int[32];
    int n = 0;
    if (p.currentToken() == JsonToken.FIELD_NAME) {
      DefaultDeserializationContext ctxt = ((DefaultDeserializationContext) mapper.getDeserializationContext())
          .createInstance(mapper.getDeserializationConfig(), p, mapper.getInjectableValues());
      JsonDeserializer<Object> any = ctxt.findRootValueDeserializer(OBJECT);
      for (JsonToken t = p.currentToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        p.nextToken();
        int from = (int) (offset(p.currentTokenLocation()) - start);
        Object value = any.deserialize(p, ctxt);
        if (n + 2 > spans.length) spans = Arrays.copyOf(spans, spans.length * 2);
        spans[n++] = from;
        spans[n++] = (int) (offset(p.currentLocation()) - start);
        fields.put(name, value);
      }
    }
    return new Spanned(fields, fields.size() * 2 == n ? Arrays.copyOf(spans, n) : null);
  }

  private static boolean isContainerKey(String name) {
    return "Findings".equals(name) || "findings".equals(name);
  }

  private static long offset(JsonLocation at) {
    long bytes = at.getByteOffset();
    return bytes >= 0 ? bytes : at.getCharOffset();
  }

  private static String describe(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) return "a string";
    if (t == JsonToken.START_ARRAY) return "an array";
    if (t != null && t.isNumeric()) return "a number";
    if (t != null && t.isBoolean()) return "a boolean";
    return String.valueOf(p.getText());
  }
}
