package dev.riskline.risk;

import dev.riskline.finding.Problem;
import dev.riskline.finding.RisklineException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * One threat-intelligence file being read: its bytes (gunzipped when they start with the gzip magic bytes,
 * whatever the file's name) and every problem found in it, each line naming the file, where in it, what
 * was found and what was expected. The first {@value #SHOWN} problems are kept, the rest counted. One per
 * load; not thread-safe.
 */
final class IntelFile {
  static final int SHOWN = 20;
  private final Path path;
  private final String hint;
  private final List<String> shown = new ArrayList<>();
  private int count;

  /**
   * @param path the file
   * @param hint one line on how to fix a bad file, for the exception
   */
  IntelFile(Path path, String hint) {
    this.path = path;
    this.hint = hint;
  }

  Path path() {
    return path;
  }

  /** The file's bytes, gunzipped if they are gzip; a file that cannot be opened is bad input. */
  InputStream open() {
    try {
      InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
      in.mark(2);
      int b1 = in.read();
      int b2 = in.read();
      in.reset();
      return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    } catch (IOException e) {
      throw RisklineException.badInput(path + ": " + cannotRead(e), hint);
    }
  }

  /** Why reading failed, as a message: "expected a readable file but ...". */
  static String cannotRead(IOException e) {
    if (e instanceof NoSuchFileException) return "expected a file but nothing is there";
    if (e instanceof AccessDeniedException) return "expected a readable file but permission is denied";
    return "expected a readable file (gzip: complete) but reading failed: " + e.getMessage();
  }

  /** Adds {@code <file>: <where>: <message>}, or {@code <file>: <message>} when where is empty. */
  void add(String where, String message) {
    count++;
    if (shown.size() < SHOWN) shown.add(path + ": " + (where.isEmpty() ? "" : where + ": ") + message);
  }

  /** Adds {@code <file>: <where>: <expected> but was <value>}, the value shown as every error shows values. */
  void expected(String where, String expected, Object actual) {
    add(where, expected + " but was " + Problem.describe(actual));
  }

  /** Problems found so far. */
  int count() {
    return count;
  }

  /** Throws bad input listing the problems, one a line, when there are any. */
  void check() {
    if (count > 0) throw failure();
  }

  /** Bad input listing the problems found, one a line. */
  RisklineException failure() {
    List<String> lines = new ArrayList<>(shown);
    if (count > SHOWN) {
      int more = count - SHOWN;
      lines.add(path + ": ... and " + more + " more problem" + (more == 1 ? "" : "s"));
    }
    return RisklineException.badInput(String.join(System.lineSeparator(), lines), hint);
  }
}
