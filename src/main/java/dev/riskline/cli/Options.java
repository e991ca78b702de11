package dev.riskline.cli;

import dev.riskline.Config;
import dev.riskline.finding.RisklineException;
import dev.riskline.finding.Timestamps;
import dev.riskline.risk.Intel;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import picocli.CommandLine.Option;

/** Options several commands share. */
final class Options {
  private Options() {}

  /** Output formats. */
  enum Format { table, ndjson, json, csv }

  /** {@code --config FILE}: the configuration file, {@code riskline.yaml}. */
  static final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
        description = "The configuration file. Default: $RISKLINE_CONFIG, else ./riskline.yaml when it exists, "
            + "else the built-in defaults.")
    Path file;

    /** The configuration: the file's, or the defaults. */
    Config load() {
      Path f = file;
      if (f == null && System.getenv("RISKLINE_CONFIG") != null && !System.getenv("RISKLINE_CONFIG").isBlank()) {
        f = Path.of(System.getenv("RISKLINE_CONFIG"));
      }
      f = dev.riskline.ConfigFile.locate(f);
      return f == null ? Config.defaults() : dev.riskline.ConfigFile.load(f, Config.defaults());
    }
  }

  /** {@code --store URL}: the store to use. */
  static final class StoreOption {
    @Option(names = "--store", paramLabel = "URL",
        description = "JDBC URL of the store (jdbc:postgresql://host/db?user=u or jdbc:h2:file:/path). "
            + "Default: $RISKLINE_STORE, else the embedded H2 store in ./.riskline/")
    String url;

    Config apply(Config config) {
      String u = url != null ? url : System.getenv("RISKLINE_STORE");
      return u == null || u.isBlank() ? config : config.withStoreUrl(u);
    }
  }

  /** {@code --now INSTANT}: the evaluation clock. */
  static final class NowOption {
    @Option(names = "--now", paramLabel = "INSTANT",
        description = "Evaluate as of this instant (ISO-8601, e.g. 2026-12-01T00:00:00Z). Default: now.")
    String now;

    Config apply(Config config) {
      if (now == null) return config;
      Instant at = Timestamps.parse(now).orElseThrow(() -> RisklineException.badInput(
          "--now: expected an ISO-8601 instant such as 2026-12-01T00:00:00Z but was '" + now + "'",
          "Give a date and time with its offset, e.g. --now 2026-12-01T00:00:00Z."));
      return config.withClock(Clock.fixed(at, ZoneOffset.UTC));
    }
  }

  /** {@code --rules PATH}: Security Hub automation rule files or folders. */
  static final class RulesOption {
    @Option(names = "--rules", paramLabel = "PATH",
        description = "Security Hub automation rules to apply on import: a rule file (JSON or YAML: one rule, "
            + "a list, {\"Rules\": [...]} or batch-get-automation-rules output) or a folder of them. Repeatable.")
    java.util.List<Path> paths = java.util.List.of();

    Config apply(Config config) {
      return paths.isEmpty() ? config : config.withRules(dev.riskline.rules.RuleSet.load(paths));
    }
  }

  /**
   * {@code --kev FILE}, {@code --epss FILE}: the threat intelligence. A file given replaces what the
   * configuration has; for one not given and not configured, the copy {@code riskline intel update} keeps in
   * the intel folder ({@code <home>/intel}) is loaded when it is there.
   */
  static final class IntelOption {
    /** The KEV catalog's name in the intel folder. */
    static final String KEV_FILE = "known_exploited_vulnerabilities.json";
    /** The EPSS scores' name in the intel folder. */
    static final String EPSS_FILE = "epss_scores-current.csv.gz";

    @Option(names = "--kev", paramLabel = "FILE",
        description = "CISA KEV catalog (JSON). Default: the copy that riskline intel update keeps, if any.")
    Path kev;

    @Option(names = "--epss", paramLabel = "FILE",
        description = "FIRST EPSS scores (CSV, gzipped or not). Default: the copy that riskline intel update "
            + "keeps, if any.")
    Path epss;

    /** The intel folder of a home folder. */
    static Path folder(Config config) {
      return config.home().resolve("intel");
    }

    /** The KEV file to load: the one given, else the default in the folder. */
    Path kevFile(Path folder) {
      return kev != null ? kev : folder.resolve(KEV_FILE);
    }

    /** The EPSS file to load: the one given, else the default in the folder. */
    Path epssFile(Path folder) {
      return epss != null ? epss : folder.resolve(EPSS_FILE);
    }

    /**
     * The intelligence with the files given loaded over {@code base}; for a kind not given and not in
     * {@code base}, the default file in the folder when it exists.
     */
    Intel load(Intel base, Path folder) {
      Intel intel = base;
      Path k = kevFile(folder);
      Path e = epssFile(folder);
      if (kev != null || base.kevCatalog() == null && java.nio.file.Files.exists(k)) intel = intel.withKev(k);
      if (epss != null || base.epssMeta() == null && java.nio.file.Files.exists(e)) intel = intel.withEpss(e);
      return intel;
    }

    Config apply(Config config) {
      Intel intel = load(config.intel(), folder(config));
      return intel == config.intel() ? config : config.withIntel(intel);
    }
  }

  /** {@code --out FILE}: where the output goes (stdout by default). */
  static final class OutOption {
    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the output to FILE instead of stdout.")
    Path out;

    /** Fails before any work when the output's folder does not exist. */
    void check() {
      if (out == null) return;
      Path folder = out.toAbsolutePath().getParent();
      if (folder != null && !java.nio.file.Files.isDirectory(folder)) {
        throw RisklineException.badInput("cannot open " + out + ": no such folder " + folder,
            "Check the path, and that its folder exists and can be written.");
      }
    }

    OutputStream open() throws IOException {
      return new BufferedOutputStream(out == null ? new FileOutputStream(java.io.FileDescriptor.out)
          : new FileOutputStream(out.toFile()), 1 << 16);
    }
  }

  /** The default format: a table on a terminal, NDJSON into a pipe or file. */
  static Format defaultFormat(Path out) {
    return out == null && System.console() != null ? Format.table : Format.ndjson;
  }
}
