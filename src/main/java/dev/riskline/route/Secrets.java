package dev.riskline.route;

import dev.riskline.risk.Settings;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secret settings (tokens, passwords): written in {@code riskline.yaml} as {@code ${NAME}} and read from
 * that environment variable, so the file holds no secret. Problems name the setting and the variable,
 * never a value. Stateless.
 */
final class Secrets {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private Secrets() {}

  /**
   * The value of the secret at {@code key}, or null: when absent (a problem if {@code required}), when not
   * written as {@code ${NAME}}, or when the variable is unset or empty (each a problem).
   *
   * @param what what the secret is, for messages ("the HEC token")
   * @param env resolves an environment variable's name to its value (null when unset)
   */
  static String read(Settings s, String key, String what, boolean required, UnaryOperator<String> env) {
    Object v = s.raw(key);
    if (v == null) {
      if (required) s.problem(s.at(key), "missing; expected ${NAME}, the environment variable that holds " + what);
      return null;
    }
    Matcher m = v instanceof String text ? REFERENCE.matcher(text.strip()) : null;
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
}
