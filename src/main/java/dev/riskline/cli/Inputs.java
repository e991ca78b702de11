package dev.riskline.cli;

import dev.riskline.finding.Finding;
import dev.riskline.read.FindingReader;
import dev.riskline.read.Rejection;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The inputs of a command: files, folders (their {@code .json}, {@code .ndjson}, {@code .jsonl} files,
 * optionally gzipped) and {@code -} for stdin. Reads them all through the {@link FindingReader}, prints
 * rejections to stderr as they come, and shows a progress bar when the terminal is interactive.
 */
final class Inputs {
  private final List<String> names;
  private long records;
  private long findings;
  private long rejections;

  Inputs(List<String> names) {
    this.names = names == null || names.isEmpty() ? List.of("-") : names;
  }

  /** Findings read. */
  long findings() {
    return findings;
  }

  /** Rejections printed, including inputs that could not be read. */
  long rejections() {
    return rejections;
  }

  /** Reads every input in order, handing findings to the action and printing rejections to {@code err}. */
  void read(FindingReader reader, Consumer<Finding> action, PrintWriter err) {
    List<Path> files = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (String name : names) expand(name, files, labels, err);
    long total = 0;
    for (Path p : files) total += p == null ? 0 : size(p);
    FindingReader.Sink sink = new FindingReader.Sink() {
      @Override
      public void finding(Finding finding, String source, long record) {
        findings++;
        action.accept(finding);
      }

      @Override
      public void rejection(Rejection rejection) {
        rejections++;
        rejection.lines().forEach(err::println);
        err.flush();
      }
    };
    try (ProgressBar bar = progress(total)) {
      long before = 0;
      for (int i = 0; i < files.size(); i++) {
        Path file = files.get(i);
        String label = labels.get(i);
        try (InputStream raw = file == null ? System.in : Files.newInputStream(file)) {
          long base = before;
          InputStream counted = bar == null ? raw : new Counting(raw, n -> bar.stepTo(base + n));
          reader.read(label, maybeGunzip(label, counted), sink);
        } catch (IOException e) {
          sink.rejection(cannotRead(label, e));
        }
        before += file == null ? 0 : size(file);
        if (bar != null) bar.stepTo(before);
      }
    }
  }

  private void expand(String name, List<Path> files, List<String> labels, PrintWriter err) {
    if (name.equals("-")) {
      files.add(null);
      labels.add("-");
      return;
    }
    Path path = Path.of(name);
    if (Files.isDirectory(path)) {
      try (Stream<Path> s = Files.list(path)) {
        s.filter(p -> Files.isRegularFile(p) && readable(p.getFileName().toString())).sorted().forEach(p -> {
          files.add(p);
          labels.add(p.toString());
        });
      } catch (IOException e) {
        rejections++;
        cannotRead(name, e).lines().forEach(err::println);
      }
      return;
    }
    files.add(path);
    labels.add(name);
  }

  private static boolean readable(String fileName) {
    String n = fileName.endsWith(".gz") ? fileName.substring(0, fileName.length() - 3) : fileName;
    return n.endsWith(".json") || n.endsWith(".ndjson") || n.endsWith(".jsonl");
  }

  private static InputStream maybeGunzip(String label, InputStream in) throws IOException {
    return label.endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
  }

  private static Rejection cannotRead(String label, IOException e) {
    String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
        : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
    return new Rejection(label, 0, 0, 0, List.of(new dev.riskline.finding.Problem("", "cannot read: " + why)));
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  private static ProgressBar progress(long totalBytes) {
    if (System.console() == null || totalBytes < (8 << 20)) return null;
    return new ProgressBarBuilder().setTaskName("Reading").setInitialMax(totalBytes)
        .setUnit(" MB", 1 << 20).setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
        .showSpeed().build();
  }

  /** Reports how many bytes were read through it. */
  private static final class Counting extends FilterInputStream {
    private final java.util.function.LongConsumer report;
    private long count;
    private long reported;

    Counting(InputStream in, java.util.function.LongConsumer report) {
      super(in);
      this.report = report;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) advance(1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) advance(n);
      return n;
    }

    private void advance(int n) {
      count += n;
      if (count - reported >= (1 << 20)) {
        reported = count;
        report.accept(count);
      }
    }
  }
}
