package dev.riskline.finding;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
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
      .toFormatter(Locale.ROOT);

  private static final DateTimeFormatter INSPECTOR_EVENT = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .appendPattern("EEE MMM dd HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
      .appendLiteral(' ').appendZoneText(java.time.format.TextStyle.SHORT)
      .appendLiteral(' ').appendPattern("yyyy")
      .toFormatter(Locale.ROOT);

  private Timestamps() {}

  /** The instant, or empty when the text is none of the accepted forms. */
  public static Optional<Instant> parse(String text) {
    if (text == null) return Optional.empty();
    String s = text.strip();
    if (s.length() >= 20 && s.charAt(10) == 'T' && s.charAt(s.length() - 1) == 'Z') {
      try {
        return Optional.of(Instant.parse(s));
      } catch (DateTimeParseException e) {
        // fall through to the flexible forms
      }
    }
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

  /** ISO-8601 in UTC with millisecond precision, the form Security Hub writes. */
  public static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }
}
