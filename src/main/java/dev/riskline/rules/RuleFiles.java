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

  /** A parsed file: its name as messages show it, and its tree (null when it could not be read). */
  record Document(String source, Object tree) {}

  private RuleFiles() {}

  /** The documents of these files and folders, in order; problems go to {@code errors}. */
  static List<Document> read(List<Path> paths, List<String> errors) {
    List<Document> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        for (Path f : folder(p, errors)) read(f, out, errors);
      } else if (Files.exists(p)) {
        read(p, out, errors);
      } else {
        errors.add(p + ": expected a rule file or a folder of rule files but nothing is there");
      }
    }
    return out;
  }

  /** The document of {@code text}, YAML when {@code source} ends in .yaml or .yml, else JSON; null after a problem. */
  static Document parse(String source, String text, List<String> errors) {
    boolean yaml = isYaml(source);
    if (text.isBlank()) {
      errors.add(source + ": expected a rule object, an array of rules or {\"Rules\": [...]} but the file is empty");
      return null;
    }
    try {
      Object tree = (yaml ? YAML : JSON).readValue(text, Object.class);
      if (tree == null) {
        errors.add(source + ": expected a rule object, an array of rules or {\"Rules\": [...]} but was null");
        return null;
      }
      return new Document(source, tree);
    } catch (JsonProcessingException e) {
      errors.add(source + location(e.getLocation()) + ": not valid " + (yaml ? "YAML" : "JSON") + ": "
          + firstLine(e.getOriginalMessage()));
      return null;
    }
  }

  private static void read(Path file, List<Document> out, List<String> errors) {
    try {
      Document d = parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), errors);
      if (d != null) out.add(d);
    } catch (IOException e) {
      errors.add(file + ": expected a readable UTF-8 rule file but reading failed: " + e);
    }
  }

  private static List<Path> folder(Path dir, List<String> errors) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .filter(f -> isYaml(f.toString()) || f.toString().toLowerCase(Locale.ROOT).endsWith(".json"))
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      errors.add(dir + ": expected a readable folder of rule files but listing failed: " + e);
      return List.of();
    }
  }

  private static boolean isYaml(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  private static String location(JsonLocation at) {
    if (at == null || at.getLineNr() < 1) return "";
    return ": line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private static String firstLine(String message) {
    if (message == null) return "unreadable";
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
