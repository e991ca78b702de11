package dev.riskline.finding;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;

/**
 * Timestamps as findings carry them. Accepted: ISO-8601 with {@code Z}, {@code +HH:MM}, {@code +HHMM},
 * {@code +HH} or no offset (read as UTC), a space instead of {@code T}, fractions of up to 9 digits
 * ({@code 2026-03-13 22:38:57.161000+01:00}); and the form of Amazon Inspector's EventBridge events
 * ({@code Wed Sep 04 16:59:44.356 UTC 2024}). Security Hub's own rules: [API-Welcome] "Timestamps".
 * Thread-safe.
 */
public final class Timestamps {
  private static final DateTimeFormatter ISO_FLEXIBLE = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HH", "Z").optionalEnd()
      .toFormatter(Locale.ROOT)
      .withResolverStyle(ResolverStyle.STRICT);

  private static final DateTimeFormatter INSPECTOR_EVENT = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .appendPattern("EEE MMM dd HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
      .appendLiteral(' ').appendZoneText(java.time.format.TextStyle.SHORT)
      .appendLiteral(' ').appendPattern("uuuu")
      .toFormatter(Locale.ROOT)
      .withResolverStyle(ResolverStyle.STRICT);

  private Timestamps() {}

  /** The instant, or empty when the text is none of the accepted forms. */
  public static Optional<Instant> parse(String text) {
    if (text == null) return Optional.empty();
    String s = text.strip();
    Instant canonical = canonicalUtc(s);
    if (canonical != null) return Optional.of(canonical);
    if (s.length() >= 10 && Character.isDigit(s.charAt(0))) {
      try {
        TemporalAccessor t = ISO_FLEXIBLE.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
        if (t instanceof OffsetDateTime odt) return Optional.of(odt.toInstant());
        return Optional.of(((LocalDateTime) t).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(ZonedDateTime.parse(s, INSPECTOR_EVENT).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The common form {@code YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z}, read digit by digit (most findings carry only
   * this form, and a finding carries five timestamps); null for anything else, which the general
   * parsers then read.
   */
  private static Instant canonicalUtc(String s) {
    int n = s.length();
    if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
        || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    int nanos = 0;
    if (n > 20) {
      int fraction = n - 21;
      if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) return null;
      int f = digits(s, 20, fraction);
      if (f < 0) return null;
      nanos = f;
      for (int i = fraction; i < 9; i++) nanos *= 10;
    } else if (s.charAt(19) != 'Z') {
      return null;
    }
    if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
        || hour > 23 || minute > 59 || second > 59 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return null;
    }
    long days = java.time.LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(days * 86_400L + hour * 3600L + minute * 60L + second, nanos);
  }

  /** The decimal number in {@code s[from, from + count)}, or -1 if a character is not a digit. */
  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) return -1;
      v = v * 10 + d;
    }
    return v;
  }

  /** ISO-8601 in UTC with millisecond precision, the form Security Hub writes. */
  public static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }
}
