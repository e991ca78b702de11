package dev.riskline.store;

import java.util.regex.Pattern;

/** JDBC URLs as they may be shown: without passwords. */
final class Urls {
  /** {@code password=...} (also {@code sslpassword}, H2's {@code PASSWORD}) in a query string or H2 settings. */
  private static final Pattern PASSWORD_SETTING = Pattern.compile("(?i)([?&;][a-z]*password=)[^&;]*");
  /** {@code user:secret@host}. */
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@?;]*:)[^/@?;]*@");

  private Urls() {}

  /** The URL with every password replaced by {@code ***}. */
  static String redact(String url) {
    String out = PASSWORD_SETTING.matcher(url).replaceAll("$1***");
    return USER_INFO.matcher(out).replaceAll("$1***@");
  }
}
