package dev.riskline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.Config;
import dev.riskline.Riskline;
import dev.riskline.finding.Finding;
import dev.riskline.rules.Applied;
import dev.riskline.rules.FieldChange;
import dev.riskline.rules.RuleSet;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code riskline rules test}: which rules match each finding and what they change. */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = {"Apply rules to findings read from files or stdin (any accepted format) and show, per finding, "
        + "the rules that matched in the order they ran and every value they changed, with the rule that changed "
        + "it. Each record is taken as its provider sent it; nothing is stored.", ""},
    footer = {"", "Examples:",
        "  riskline rules test --rules automation-rules/ findings.json",
        "  riskline rules test --rules prod.json --now 2026-12-01T00:00:00Z exports/",
        "  aws securityhub get-findings --output json | riskline rules test --rules prod.json --format ndjson",
        "", "Text: one block per finding that matched a rule, then how many matched none.",
        "NDJSON: one object per finding: {\"Id\", \"ProductArn\", \"MatchedRules\", \"Changes\": [{\"Rule\", "
            + "\"Field\", \"Before\", \"After\"}]}; absent values are null.",
        "Exit codes: 0 ok, 2 some input rejected or rules that do not load, 1 failure."})
final class RuleTestCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Output formats of this command. */
  enum Format { text, ndjson }

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--rules", paramLabel = "PATH", required = true,
      description = "Rule files (JSON or YAML) or folders of them. Repeatable.")
  List<Path> rules;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text or ndjson. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Mixin
  Options.NowOption now = new Options.NowOption();

  @Parameters(paramLabel = "FINDINGS", arity = "0..*",
      description = "Files or folders of findings (.json, .ndjson, .jsonl, optionally .gz); - or none for stdin.")
  List<String> files;

  @Override
  public Integer call() {
    Config config = now.apply(Config.defaults());
    Instant at = config.clock().instant();
    RuleSet set = RuleSet.load(rules);
    PrintWriter out = spec.commandLine().getOut();
    Inputs inputs = new Inputs(files);
    long[] unmatched = {0};
    inputs.read(Riskline.create(config).reader(), f -> {
      Applied applied = set.apply(f, at);
      if (!applied.matched()) unmatched[0]++;
      if (format == Format.ndjson) out.println(ndjson(f, applied));
      else if (applied.matched()) text(out, f, applied);
    }, spec.commandLine().getErr());
    if (format == Format.text) {
      out.printf("%s of %s matched no rule%n", String.format(java.util.Locale.ROOT, "%,d", unmatched[0]),
          RulesCommand.count(inputs.findings(), "finding"));
    }
    out.flush();
    return inputs.rejections() > 0 ? 2 : 0;
  }

  private static void text(PrintWriter out, Finding f, Applied applied) {
    out.println(Text.safe(String.valueOf(f.id()), 500) + "  (" + Text.safe(String.valueOf(f.productArn()), 500) + ")");
    List<String> names = new ArrayList<>();
    for (String r : applied.matchedRules()) names.add(quoted(r));
    out.println("  matched: " + String.join(", ", names));
    for (FieldChange c : applied.changes()) {
      out.println("  " + c.field() + ": " + show(c.before()) + " → " + show(c.after()) + " (rule " + quoted(c.rule())
          + ")");
    }
    if (applied.changes().isEmpty()) out.println("  no changes: the values were already set");
    out.println();
  }

  private static String ndjson(Finding f, Applied applied) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("Id", f.id());
    line.put("ProductArn", f.productArn());
    line.put("MatchedRules", applied.matchedRules());
    List<Map<String, Object>> changes = new ArrayList<>();
    for (FieldChange c : applied.changes()) {
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("Rule", c.rule());
      change.put("Field", c.field());
      change.put("Before", c.before());
      change.put("After", c.after());
      changes.add(change);
    }
    line.put("Changes", changes);
    return json(line);
  }

  /** A changed value as text: strings as they are, numbers in decimal, lists and objects as JSON. */
  static String show(Object value) {
    if (value == null) return "(absent)";
    String s = value instanceof String || value instanceof Number ? value.toString() : json(value);
    return Text.safe(s, 200);
  }

  static String quoted(String name) {
    return "\"" + Text.safe(name, 200) + "\"";
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
