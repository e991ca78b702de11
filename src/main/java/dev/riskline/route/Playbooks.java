package dev.riskline.route;

import dev.riskline.finding.Finding;
import dev.riskline.finding.RisklineException;
import dev.riskline.rules.LintWarning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A folder of playbooks, loaded and checked at once, and the playbook for each finding.
 *
 * <p>{@link #load} reads every {@code *.md} file of the folder (not sub-folders, hidden files or
 * {@code README.md}), sorted by name, and fails with every problem of every file, one line each — {@code
 * <file>: <key>: <what was expected> but was <what was found>} — and on duplicate ids. {@link #forFinding}
 * picks the most specific playbook: an exact control id beats a type prefix (the longer prefix first), which
 * beats a pattern; among equals, the smallest id. Immutable and thread-safe.
 */
public final class Playbooks {
  private static final String HINT = "Fix each line: it names the playbook file and the front matter key.";
  private final List<Playbook> all;
  private final Map<String, Playbook> byId;
  private final String url;

  private Playbooks(List<Playbook> all) {
    this(all, null);
  }

  private Playbooks(List<Playbook> all, String url) {
    this.all = all.stream().sorted(Comparator.comparing(Playbook::id)).toList();
    Map<String, Playbook> ids = new LinkedHashMap<>();
    for (Playbook p : this.all) ids.put(p.id(), p);
    this.byId = ids;
    this.url = url;
  }

  /**
   * These playbooks, read at {@code url}: a link with {@code {id}} where a playbook's id goes
   * ({@code https://wiki.example.com/security/playbooks/{id}}), or a base the id is appended to; null for none.
   */
  public Playbooks withUrl(String url) {
    return new Playbooks(all, url);
  }

  /** Where playbook {@code id} is read, or null when no link is configured (or no id given). */
  public String url(String id) {
    if (url == null || id == null) return null;
    String encoded = java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    return url.contains("{id}") ? url.replace("{id}", encoded) : url + encoded;
  }

  /** No playbooks: {@link #forFinding} is always null. */
  public static Playbooks none() {
    return new Playbooks(List.of());
  }

  /**
   * The playbooks of a folder.
   *
   * @throws RisklineException bad input: the folder is missing, or a file has problems (every problem, one line
   *     each, is in the message)
   */
  public static Playbooks load(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw RisklineException.badInput(folder + ": expected a folder of playbooks (*.md files) but "
          + (Files.exists(folder) ? "it is a file" : "nothing is there"),
          "Give the folder that holds the playbook Markdown files, such as examples/playbooks.");
    }
    List<String> problems = new ArrayList<>();
    List<Playbook> read = new ArrayList<>();
    Map<String, String> ids = new LinkedHashMap<>();
    for (Path file : files(folder)) {
      String source = file.toString();
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        problems.add(source + ": expected a readable UTF-8 Markdown file but reading failed: " + e.getMessage());
        continue;
      }
      Playbook p = PlaybookFile.parse(source, text, problems);
      if (p == null) continue;
      String other = ids.putIfAbsent(p.id(), source);
      if (other != null) {
        problems.add(source + ": id: expected a unique id but \"" + p.id() + "\" is also the id of " + other);
      } else {
        read.add(p);
      }
    }
    if (!problems.isEmpty()) {
      throw RisklineException.badInput(String.join(System.lineSeparator(), problems), HINT);
    }
    return new Playbooks(read);
  }

  private static List<Path> files(Path folder) {
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(Files::isRegularFile)
          .filter(f -> {
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".md") && !name.startsWith(".") && !name.equals("readme.md");
          })
          .sorted(Comparator.comparing(f -> f.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw RisklineException.badInput(folder + ": expected a readable folder of playbooks but listing failed: "
          + e.getMessage(), "Check the folder's permissions.");
    }
  }

  /**
   * What a team should look at: playbooks not reviewed within {@code maxAgeDays} of {@code today}; when findings
   * are given, playbooks none of them matches and controls whose findings have no playbook (other findings
   * without one are information, by type); when rule or route names are given, those no playbook names and
   * names in playbooks that are not among them. Null means "not given": that check is skipped.
   */
  public List<LintWarning> lint(LocalDate today, int maxAgeDays, List<Finding> findings, List<String> rules,
      List<String> routes) {
    return new PlaybookLint(all).run(today, maxAgeDays, findings, rules, routes);
  }

  /** Every playbook, by id. */
  public List<Playbook> all() {
    return all;
  }

  public int size() {
    return all.size();
  }

  /** The playbook with this id, or null. */
  public Playbook byId(String id) {
    return byId.get(id);
  }

  /**
   * The playbook for a finding — the value of {@code Riskline.Playbook} — or null when none applies: an exact
   * control id beats a type prefix (longer first), which beats a pattern; ties go to the smallest id.
   */
  public Playbook forFinding(Finding finding) {
    Playbook best = null;
    int bestScore = Playbook.NONE;
    for (Playbook p : all) {
      int score = p.specificity(finding);
      if (score > bestScore) {
        best = p;
        bestScore = score;
      }
    }
    return best;
  }
}
