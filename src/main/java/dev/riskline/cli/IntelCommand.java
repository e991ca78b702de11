package dev.riskline.cli;

import dev.riskline.Config;
import dev.riskline.finding.RisklineException;
import dev.riskline.risk.Intel;
import dev.riskline.risk.Intel.EpssMeta;
import dev.riskline.risk.Intel.KevCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code riskline intel status|update}: the CISA KEV catalog and FIRST EPSS scores, what is loaded and a fresh copy. */
@Command(name = "intel", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    description = {"Threat intelligence: the CISA Known Exploited Vulnerabilities catalog and FIRST EPSS scores. "
        + "triage and ingest load them from --kev and --epss, or else from the copies in .riskline/intel/ "
        + "that intel update keeps.", ""},
    subcommands = {IntelCommand.Status.class, IntelCommand.Update.class},
    footer = {"", "Examples:",
        "  riskline intel update",
        "  riskline intel status",
        "  riskline intel status --epss examples/intel/epss_scores-sample.csv",
        "  riskline triage --kev known_exploited_vulnerabilities.json --epss epss_scores.csv.gz findings.json"})
final class IntelCommand implements Runnable {
  /** Days after which the KEV catalog is stale: CISA adds entries most weekdays. */
  static final int KEV_STALE_DAYS = 7;
  /** Days after which EPSS scores are stale: they are published daily. */
  static final int EPSS_STALE_DAYS = 3;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code intel status}: what is loaded, from where, how old. */
  @Command(name = "status", mixinStandardHelpOptions = true, usageHelpWidth = 100,
      description = {"Load the KEV catalog and the EPSS scores as triage and ingest would, check them, and print "
          + "what is loaded: KEV catalog version, release date, entries, file and age; EPSS model version, score "
          + "date, CVEs, file and age. Warns when the catalog is more than " + KEV_STALE_DAYS + " days old or the "
          + "scores more than " + EPSS_STALE_DAYS + ".", ""},
      footer = {"", "Examples:",
          "  riskline intel status",
          "  riskline intel status --dir /var/lib/riskline/intel",
          "  riskline intel status --now 2026-11-01T00:00:00Z --epss epss_scores-2026-10-31.csv.gz",
          "", "Exit codes: 0 ok (also when nothing is loaded), 2 a file that is not as published (each problem on stderr)."})
  static final class Status implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Options.IntelOption files = new Options.IntelOption();

    @Mixin
    Options.NowOption now = new Options.NowOption();

    @Option(names = "--dir", paramLabel = "DIR",
        description = "The intel folder, where the files not given are looked for. Default: the folder "
            + "intel in .riskline")
    Path dir;

    @Override
    public Integer call() {
      Config config = now.apply(Config.defaults());
      Path folder = dir != null ? dir : Options.IntelOption.folder(config);
      Intel intel = files.load(Intel.none(), folder);
      Instant at = config.clock().instant();
      PrintWriter out = spec.commandLine().getOut();
      KevCatalog kev = intel.kevCatalog();
      EpssMeta epss = intel.epssMeta();
      if (kev == null) {
        out.println("KEV   not loaded: no file at " + files.kevFile(folder));
      } else {
        out.println("KEV   " + describe(kev) + ", " + age(kev.dateReleased(), at));
        out.println("      file " + kev.source());
      }
      if (epss == null) {
        out.println("EPSS  not loaded: no file at " + files.epssFile(folder));
      } else {
        out.println("EPSS  " + describe(epss) + ", " + age(epss.scoreDate(), at));
        out.println("      file " + epss.source());
      }
      if (kev == null || epss == null) {
        out.println("Download them with riskline intel update, or give files with --kev FILE and --epss FILE.");
      }
      if (kev != null && days(kev.dateReleased(), at) > KEV_STALE_DAYS) {
        out.println("warning: the KEV catalog is " + age(kev.dateReleased(), at) + ", more than " + KEV_STALE_DAYS
            + " days: update it with riskline intel update");
      }
      if (epss != null && days(epss.scoreDate(), at) > EPSS_STALE_DAYS) {
        out.println("warning: the EPSS scores are " + age(epss.scoreDate(), at) + ", more than " + EPSS_STALE_DAYS
            + " days: update them with riskline intel update");
      }
      out.flush();
      return 0;
    }
  }

  /** {@code intel update}: download, check, then replace. */
  @Command(name = "update", mixinStandardHelpOptions = true, usageHelpWidth = 100,
      description = {"Download the CISA KEV catalog and the current FIRST EPSS scores into the intel folder. Each "
          + "download goes to a temporary file and is checked as a load would check it; only a valid one "
          + "replaces the last good file, in one step. A failed or invalid download keeps the last good file.", ""},
      footer = {"", "Sources by default:",
          "  " + Update.KEV_URL,
          "  " + Update.EPSS_URL,
          "", "Examples:",
          "  riskline intel update",
          "  riskline intel update --epss-url https://epss.empiricalsecurity.com/epss_scores-2026-10-31.csv.gz",
          "  riskline intel update --dir /var/lib/riskline/intel",
          "", "Exit codes: 0 both updated; 2 a download was not valid, or the server answered 4xx; 1 a download "
              + "failed (network, timeout, HTTP 5xx). Either way the last good files are kept."})
  static final class Update implements Callable<Integer> {
    static final String KEV_URL = "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json";
    static final String EPSS_URL = "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--kev-url", paramLabel = "URL", defaultValue = KEV_URL,
        description = "Where the KEV catalog (JSON) is. Default: CISA's feed, below.")
    URI kevUrl;

    @Option(names = "--epss-url", paramLabel = "URL", defaultValue = EPSS_URL,
        description = "Where the EPSS scores (CSV, gzipped or not) are. Default: the current scores, below.")
    URI epssUrl;

    @Option(names = "--dir", paramLabel = "DIR",
        description = "The intel folder to update. Default: the folder intel in .riskline")
    Path dir;

    @Override
    public Integer call() {
      check(kevUrl);
      check(epssUrl);
      Path folder = dir != null ? dir : Options.IntelOption.folder(Config.defaults());
      try {
        Files.createDirectories(folder);
      } catch (IOException e) {
        throw RisklineException.badInput("cannot create the intel folder " + folder + ": " + e,
            "Check the path, and that its parent folder can be written.");
      }
      Download download = new Download(Download.client(), Duration.ofMinutes(10),
          "riskline/" + Main.Version.version());
      int kev = fetch(download, "KEV ", kevUrl, folder.resolve(Options.IntelOption.KEV_FILE), "a KEV catalog",
          f -> describe(Intel.none().withKev(f).kevCatalog()));
      int epss = fetch(download, "EPSS", epssUrl, folder.resolve(Options.IntelOption.EPSS_FILE), "an EPSS scores file",
          f -> describe(Intel.none().withEpss(f).epssMeta()));
      return kev == 1 || epss == 1 ? 1 : Math.max(kev, epss);
    }

    private int fetch(Download download, String label, URI url, Path target, String what,
        java.util.function.Function<Path, String> check) {
      try {
        String loaded = download.replace(url, target, what, check);
        PrintWriter out = spec.commandLine().getOut();
        out.println(label + "  " + loaded);
        out.println("      saved to " + target + " from " + url);
        out.flush();
        return 0;
      } catch (RisklineException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("riskline: " + e.getMessage());
        if (e.hint() != null) err.println(e.hint());
        err.flush();
        return e.badInput() ? 2 : 1;
      }
    }

    private static void check(URI url) {
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        throw RisklineException.badInput("expected an http or https URL but was " + url,
            "Give the whole URL, such as " + KEV_URL + ".");
      }
    }
  }

  static String describe(KevCatalog kev) {
    return String.format(Locale.ROOT, "catalog %s, released %s: %,d CVEs", kev.catalogVersion(),
        kev.dateReleased().truncatedTo(ChronoUnit.SECONDS), kev.count());
  }

  static String describe(EpssMeta epss) {
    return String.format(Locale.ROOT, "model %s, scores of %s: %,d CVEs", epss.modelVersion(),
        epss.scoreDate().truncatedTo(ChronoUnit.SECONDS), epss.count());
  }

  /** Whole days from {@code from} to {@code at}. */
  static long days(Instant from, Instant at) {
    return Duration.between(from, at).toDays();
  }

  static String age(Instant from, Instant at) {
    long d = days(from, at);
    if (d < 0) return -d + " days ahead of the clock";
    return d == 1 ? "1 day old" : d + " days old";
  }
}
