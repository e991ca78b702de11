package dev.riskline.risk;

import dev.riskline.finding.Timestamps;
import dev.riskline.risk.Intel.EpssMeta;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a FIRST EPSS scores file as Empirical Security publishes it ({@code epss_scores-YYYY-MM-DD.csv.gz}),
 * gzipped or plain: leading {@code #} lines of comma-separated {@code key:value} pairs, which must give
 * {@code model_version} and {@code score_date} (an ISO-8601 date-time ending in {@code Z} or an offset such
 * as {@code +0000}), then the header {@code cve,epss,percentile}, then one row per CVE with two numbers from
 * 0 to 1. Every bad row is reported with its line; each CVE may appear once; blank lines are skipped.
 * Thread-safe.
 */
final class EpssReader {
  static final String HINT = "Use an EPSS file as published (epss_scores-YYYY-MM-DD.csv.gz; riskline intel update "
      + "downloads the current one), or fix the lines above.";
  static final String HEADER = "cve,epss,percentile";
  private static final String METADATA = "#model_version:v2025.03.14,score_date:2026-05-18T00:00:00+0000";

  private EpssReader() {}

  /** The scores in the file, fully checked; bad input listing every problem otherwise. */
  static EpssTable read(Path path) {
    IntelFile file = new IntelFile(path, HINT);
    Map<String, String> meta = new HashMap<>();
    Map<String, Integer> metaLines = new HashMap<>();
    EpssRows rows = new EpssRows();
    boolean header = false;
    int lines = 0;
    try (InputStream in = file.open()) {
      Lines line = new Lines(in);
      while (line.next()) {
        lines = line.number();
        if (header) {
          if (line.end() > line.start()) rows.add(file, line);
          continue;
        }
        String text = line.text();
        if (lines == 1 && text.startsWith("\uFEFF")) text = text.substring(1);
        if (text.startsWith("#")) {
          metadata(text, lines, meta, metaLines);
        } else if (text.strip().equals(HEADER)) {
          header = true;
        } else {
          file.expected("line " + lines, "expected the header " + HEADER + " after the # lines", text);
          break;
        }
      }
    } catch (IOException e) {
      file.add(lines == 0 ? "" : "after line " + lines, IntelFile.cannotRead(e));
      throw file.failure();
    }
    if (lines == 0) {
      file.add("", "expected an EPSS CSV (" + METADATA + ", then " + HEADER + ", then rows) but the file is empty");
      throw file.failure();
    }
    String model = meta.get("model_version");
    if (model == null || model.isEmpty()) {
      file.add("", "expected model_version in the # lines before the header (such as " + METADATA
          + ") but it is missing");
    }
    Instant scoreDate = scoreDate(file, meta, metaLines);
    if (header && rows.size() == 0 && file.count() == 0) {
      file.add("", "expected rows after the header " + HEADER + " but there are none");
    } else if (!header && file.count() == 0) {
      file.add("", "expected the header " + HEADER + " but the file ends after line " + lines);
    }
    rows.sort(file);
    file.check();
    return rows.table(new EpssMeta(model, scoreDate, rows.size(), path));
  }

  /** Reads the key:value pairs of a # line; pieces without a colon are comments. */
  private static void metadata(String line, int n, Map<String, String> meta, Map<String, Integer> lines) {
    for (String piece : line.substring(1).split(",")) {
      int colon = piece.indexOf(':');
      if (colon <= 0) continue;
      String key = piece.substring(0, colon).strip();
      meta.put(key, piece.substring(colon + 1).strip());
      lines.put(key, n);
    }
  }

  private static Instant scoreDate(IntelFile file, Map<String, String> meta, Map<String, Integer> lines) {
    String text = meta.get("score_date");
    if (text == null) {
      file.add("", "expected score_date in the # lines before the header (such as " + METADATA + ") but it is missing");
      return null;
    }
    Instant at = Timestamps.parse(text).orElse(null);
    if (at == null) {
      file.expected("line " + lines.get("score_date") + ": score_date",
          "expected an ISO-8601 date-time such as 2026-05-18T00:00:00+0000 or 2026-10-04T12:00:21Z", text);
    }
    return at;
  }
}
