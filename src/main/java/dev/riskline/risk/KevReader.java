package dev.riskline.risk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.riskline.finding.Timestamps;
import dev.riskline.risk.Intel.KevCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads CISA's Known Exploited Vulnerabilities catalog ({@code known_exploited_vulnerabilities.json}, schema
 * {@code known_exploited_vulnerabilities_schema.json}) and checks it against the schema: the four required
 * top-level fields, {@code count} equal to the number of entries, and in every entry the required strings, a
 * {@code cveID} matching {@code ^CVE-[0-9]{4}-[0-9]{4,19}$} and used once, the dates, and
 * {@code knownRansomwareCampaignUse} {@code Known} or {@code Unknown} when given. A {@code dueDate} before
 * {@code dateAdded} is accepted: the published catalog has such entries. Thread-safe.
 */
final class KevReader {
  static final String HINT = "Use CISA's known_exploited_vulnerabilities.json as published "
      + "(riskline intel update downloads it), or fix the lines above.";
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final Pattern CVE = Pattern.compile("^CVE-[0-9]{4}-[0-9]{4,19}$");
  private static final List<String> REQUIRED_TEXT = List.of("vendorProject", "product", "vulnerabilityName",
      "shortDescription", "requiredAction");
  private static final String DATE = "a date YYYY-MM-DD";

  /** A loaded catalog: its header and its entries by CVE id. */
  record Kev(KevCatalog catalog, Map<String, KevEntry> entries) {}

  private KevReader() {}

  /** The catalog in the file, fully checked; bad input listing every problem otherwise. */
  static Kev read(Path path) {
    IntelFile file = new IntelFile(path, HINT);
    Object tree;
    try (InputStream in = file.open()) {
      tree = JSON.readValue(in, Object.class);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      file.add(at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr(),
          "expected a KEV catalog in JSON but the JSON is malformed: " + e.getOriginalMessage());
      throw file.failure();
    } catch (IOException e) {
      file.add("", IntelFile.cannotRead(e));
      throw file.failure();
    }
    if (!(tree instanceof Map<?, ?> top)) {
      file.expected("", "expected a KEV catalog object with catalogVersion, dateReleased, count and vulnerabilities",
          tree);
      throw file.failure();
    }
    String version = text(file, top, "", "catalogVersion");
    Instant released = instant(file, top, "dateReleased");
    Object count = top.get("count");
    Object list = top.get("vulnerabilities");
    Map<String, KevEntry> entries = new HashMap<>();
    if (!(list instanceof List<?> vulnerabilities)) {
      expected(file, top, "vulnerabilities", "an array of vulnerabilities");
    } else {
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < vulnerabilities.size(); i++) {
        KevEntry e = entry(file, "vulnerabilities[" + i + "]", vulnerabilities.get(i));
        if (e == null) continue;
        Integer earlier = seen.putIfAbsent(e.cveId(), i);
        if (earlier != null) {
          file.add("vulnerabilities[" + i + "].cveID", "expected each CVE once but " + e.cveId()
              + " is also at vulnerabilities[" + earlier + "]");
        }
        entries.put(e.cveId(), e);
      }
      if (!(count instanceof Integer || count instanceof Long)) {
        expected(file, top, "count", "an integer");
      } else if (((Number) count).longValue() != vulnerabilities.size()) {
        file.expected("count", "expected the number of entries in vulnerabilities (" + vulnerabilities.size() + ")",
            count);
      }
    }
    file.check();
    return new Kev(new KevCatalog(version, released, entries.size(), path), Map.copyOf(entries));
  }

  private static KevEntry entry(IntelFile file, String where, Object value) {
    if (!(value instanceof Map<?, ?> v)) {
      file.expected(where, "expected a vulnerability object", value);
      return null;
    }
    int before = file.count();
    String cve = text(file, v, where, "cveID");
    if (cve != null && !CVE.matcher(cve).matches()) {
      file.expected(where + ".cveID", "expected a CVE id matching ^CVE-[0-9]{4}-[0-9]{4,19}$", cve);
    }
    String[] texts = new String[REQUIRED_TEXT.size()];
    for (int i = 0; i < texts.length; i++) texts[i] = text(file, v, where, REQUIRED_TEXT.get(i));
    LocalDate added = date(file, v, where, "dateAdded");
    LocalDate due = date(file, v, where, "dueDate");
    boolean ransomware = false;
    Object use = v.get("knownRansomwareCampaignUse");
    if (use != null) {
      if ("Known".equals(use)) ransomware = true;
      else if (!"Unknown".equals(use)) file.expected(where + ".knownRansomwareCampaignUse", "expected Known or Unknown", use);
    }
    if (file.count() != before) return null;
    return new KevEntry(cve, texts[0], texts[1], texts[2], added, due, ransomware);
  }

  /** A required non-blank string, or null after adding a problem. */
  private static String text(IntelFile file, Map<?, ?> object, String where, String field) {
    Object v = object.get(field);
    if (v instanceof String s && !s.isBlank()) return s;
    expected(file, object, path(where, field), "a non-empty string");
    return null;
  }

  private static LocalDate date(IntelFile file, Map<?, ?> object, String where, String field) {
    Object v = object.get(field);
    if (v instanceof String s) {
      try {
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    expected(file, object, path(where, field), DATE);
    return null;
  }

  private static Instant instant(IntelFile file, Map<?, ?> object, String field) {
    Object v = object.get(field);
    if (v instanceof String s) {
      Instant at = Timestamps.parse(s).orElse(null);
      if (at != null) return at;
    }
    expected(file, object, field, "an ISO-8601 date-time such as 2025-08-25T17:04:19.9796Z");
    return null;
  }

  /** "expected X but was V", or "expected X but the field is missing". */
  private static void expected(IntelFile file, Map<?, ?> object, String path, String what) {
    String field = path.substring(path.lastIndexOf('.') + 1);
    if (!object.containsKey(field)) file.add(path, "expected " + what + " but the field is missing");
    else file.expected(path, "expected " + what, object.get(field));
  }

  private static String path(String where, String field) {
    return where.isEmpty() ? field : where + "." + field;
  }
}
