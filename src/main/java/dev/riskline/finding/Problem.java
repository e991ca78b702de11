package dev.riskline.finding;

import java.util.Objects;

/**
 * One thing wrong with one record: where (a JSON path relative to the record, such as
 * {@code Compliance.Status} or {@code Resources[0].Id}) and what was found against what was expected.
 *
 * @param path JSON path inside the record; empty for the record as a whole
 * @param message what was expected and what was found
 */
public record Problem(String path, String message) {
  public Problem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /**
   * The problem "{@code <expected> but was <actual>}", with the value shown as every error message shows
   * values: strings quoted, escaped and cut at 80 characters; objects and arrays by kind only.
   */
  /**
   * A value as error messages show it: strings quoted, escaped and cut at 80 characters (hostile input
   * never reaches a terminal raw); objects and arrays by kind only.
   */
  public static String describe(Object value) {
    return Values.describe(value);
  }

  public static Problem expected(String path, String expected, Object actual) {
    return new Problem(path, expected + " but was " + Values.describe(actual));
  }

  /** The problem with its path prefixed, as used when a record is nested in an envelope. */
  public Problem under(String prefix) {
    if (prefix.isEmpty()) return this;
    return new Problem(path.isEmpty() ? prefix : prefix + (path.startsWith("[") ? "" : ".") + path, message);
  }

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
