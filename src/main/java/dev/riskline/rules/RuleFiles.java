package dev.riskline.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Rule files and folders → JSON trees ({@code Map}, {@code List}, {@code String}, {@code Number},
 * {@code Boolean}). Files ending in {@code .yaml} or {@code .yml} are YAML with the same keys, anything else
 * is JSON; a folder contributes its {@code .json}, {@code .yaml} and {@code .yml} files (not sub-folders,
 * not hidden files), sorted by name. Duplicate keys are errors. Thread-safe.
 */
final class RuleFiles {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** A file: its name as messages show it, and its tree, or null and the problem that kept it from being read. */
  record Document(String source, Object tree, String problem) {
    static Document failed(String source, String problem) {
      return new Document(source, null, source + ": " + problem);
    }
  }

  private RuleFiles() {}

  /** The documents of these files and folders, in order, read or failed. */
  static List<Document> read(List<Path> paths) {
    List<Document> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        folder(p, out);
      } else if (Files.exists(p)) {
        out.add(read(p));
      } else {
        out.add(Document.failed(p.toString(), "expected a rule file or a folder of rule files but nothing is there"));
      }
    }
    return out;
  }

  /** The document of {@code text}: YAML when {@code source} ends in .yaml or .yml, else JSON. */
  static Document parse(String source, String text) {
    boolean yaml = isYaml(source);
    if (text.isBlank()) {
      return Document.failed(source, "expected a rule object, an array of rules or {\"Rules\": [...]} but the file is empty");
    }
    try {
      Object tree = (yaml ? YAML : JSON).readValue(text, Object.class);
      return new Document(source, tree, null);
    } catch (JsonProcessingException e) {
      return new Document(source, null, source + location(e.getLocation()) + ": not valid " + (yaml ? "YAML" : "JSON")
          + ": " + message(e.getOriginalMessage()));
    }
  }

  private static Document read(Path file) {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Document.failed(file.toString(), "expected a readable UTF-8 rule file but reading failed: " + e);
    }
  }

  private static void folder(Path dir, List<Document> out) {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .filter(f -> isYaml(f.toString()) || f.toString().toLowerCase(Locale.ROOT).endsWith(".json"))
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      out.add(Document.failed(dir.toString(), "expected a readable folder of rule files but listing failed: " + e));
      return;
    }
    for (Path f : files) out.add(read(f));
  }

  private static boolean isYaml(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  private static String location(JsonLocation at) {
    if (at == null || at.getLineNr() < 1) return "";
    return ": line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  /**
   * The parser's message without the source excerpts YAML adds: its unindented lines, joined by "; "
   * ({@code while parsing a flow sequence; expected ',' or ']', but got <stream end>}).
   */
  private static String message(String message) {
    if (message == null) return "unreadable";
    List<String> lines = new ArrayList<>();
    for (String line : message.split("\n")) {
      if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) lines.add(line.strip());
    }
    return String.join("; ", lines);
  }
}
