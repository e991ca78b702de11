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
