package dev.riskline.route;

import dev.riskline.risk.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values of the configuration that may be secret: {@code ${NAME}} is replaced by the environment variable
 * NAME, and a whole value {@code file:/path} by the file's text (trimmed). A problem names the setting and
 * the variable or file, never a value. Stateless apart from the environment it is given.
 */
final class Secrets {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private final Map<String, String> env;

  /** @param env the environment variables ({@code System.getenv()}; a map in tests) */
  Secrets(Map<String, String> env) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
  }

  /** The environment variable's value, or null. */
  String env(String name) {
    return env.get(name);
  }

  /** Whether the text refers to a variable or a file rather than holding the value itself. */
  static boolean refers(String text) {
    return text.startsWith("file:") || VARIABLE.matcher(text).find();
  }

  /**
   * The value at {@code key} with its variables (and a {@code file:} reference) resolved, or null when it is
   * absent or has a problem (added to the settings with the path).
   */
  String resolve(Settings s, String key) {
    Object raw = s.raw(key);
    if (raw == null) return null;
    if (!(raw instanceof String text) || text.isBlank()) {
      s.problem(s.at(key), "expected a non-empty string, ${ENV_VAR} or file:/path but was " + kind(raw));
      return null;
    }
    return resolve(s, s.at(key), text);
  }

  /** {@code text} of the setting at {@code where} resolved, or null after adding a problem. */
  String resolve(Settings s, String where, String text) {
    if (text.startsWith("file:")) {
      Path file = Path.of(text.substring("file:".length()));
      try {
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) s.problem(where, "the file " + file + " is empty");
        return value.isEmpty() ? null : value;
      } catch (IOException | RuntimeException e) {
        s.problem(where, "cannot read the file " + file + " (" + e.getClass().getSimpleName() + ")");
        return null;
      }
    }
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    boolean ok = true;
    while (m.find()) {
      String value = env.get(m.group(1));
      if (value == null || value.isEmpty()) {
        s.problem(where, "the environment variable " + m.group(1) + " is not set");
        ok = false;
        value = "";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return ok ? out.toString() : null;
  }

  /**
   * The value of the secret at {@code key} that must be written as a whole {@code ${NAME}} (tokens and
   * passwords of the SIEM and e-mail targets), or null: when absent (a problem if {@code required}), when
   * written in the file itself, or when the variable is unset or empty (each a problem, never the value).
   *
   * @param what what the secret is, for messages ("the HEC token")
   * @param env resolves an environment variable's name to its value (null when unset)
   */
  static String read(Settings s, String key, String what, boolean required, java.util.function.UnaryOperator<String> env) {
    Object v = s.raw(key);
    if (v == null) {
      if (required) s.problem(s.at(key), "missing; expected ${NAME}, the environment variable that holds " + what);
      return null;
    }
    Matcher m = v instanceof String text ? VARIABLE.matcher(text.strip()) : null;
    if (m == null || !m.matches()) {
      s.problem(s.at(key), "expected ${NAME}, the environment variable that holds " + what
          + ", but was a value written in the file (not shown); keep secrets out of riskline.yaml");
      return null;
    }
    String value = env.apply(m.group(1));
    if (value == null || value.isEmpty()) {
      s.problem(s.at(key), "environment variable " + m.group(1) + " is not set or empty; expected it to hold "
          + what);
      return null;
    }
    return value;
  }

  private static String kind(Object raw) {
    if (raw instanceof String) return "an empty string";
    if (raw instanceof Map<?, ?>) return "an object";
    if (raw instanceof java.util.List<?>) return "a list";
    return "a " + raw.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }
}
