package dev.riskline.cli;

import dev.riskline.finding.RisklineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code riskline} command. */
@Command(name = "riskline",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
        "Triage and response for cloud security findings: reads Security Hub, Inspector, EventBridge and "
            + "OCSF findings, applies Security Hub's import semantics and automation rules, rates each finding "
            + "(likelihood x impact, with its reasons), gives it a due date, keeps it in a store, and tells the "
            + "right people once, through routes and a durable outbox.", ""},
    subcommands = {TriageCommand.class, IngestCommand.class, FindingsCommand.class, ReportCommand.class,
        ExplainCommand.class, RulesCommand.class, PlaybooksCommand.class, AcceptCommand.class, AcceptancesCommand.class,
        DeliveriesCommand.class, WorkerCommand.class, IntelCommand.class, DemoCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 ok, 2 bad input (the rest was still processed), 1 failure.",
        "Start with: riskline demo"})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** Runs the command line with its messages going to {@code out} and {@code err}; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(Main::onError);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static int onError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof UncheckedIOException u && u.getCause() instanceof java.nio.file.FileSystemException cause) {
      e = cause;
    }
    if (e instanceof RisklineException re) {
      err.println("riskline: " + re.getMessage());
      if (re.hint() != null) err.println(re.hint());
      err.flush();
      return re.badInput() ? 2 : 1;
    }
    if (e instanceof java.nio.file.FileSystemException fs) {
      String why = fs instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
          : fs instanceof java.nio.file.AccessDeniedException ? "permission denied" : fs.getReason();
      err.println("riskline: cannot open " + fs.getFile() + ": " + why);
      err.println("Check the path, and that its folder exists and can be written.");
      err.flush();
      return 2;
    }
    if (e instanceof java.io.FileNotFoundException fnf) {
      err.println("riskline: cannot open " + fnf.getMessage());
      err.println("Check the path, and that its folder exists and can be written.");
      err.flush();
      return 2;
    }
    if (e instanceof UncheckedIOException io) {
      err.println("riskline: " + io.getMessage() + ": " + io.getCause().getMessage());
      err.flush();
      return 1;
    }
    err.println("riskline: internal error: " + e);
    for (StackTraceElement s : e.getStackTrace()) {
      if (s.getClassName().startsWith("dev.riskline")) {
        err.println("  at " + s);
      }
    }
    err.println("This is a bug in Riskline; please report it with the command you ran.");
    err.flush();
    return 1;
  }

  /** The version from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"riskline " + version(), "Java " + System.getProperty("java.version")};
    }

    static String version() {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("/riskline-version.properties")) {
        if (in != null) p.load(in);
      } catch (IOException e) {
        return "unknown";
      }
      return p.getProperty("version", "unknown");
    }
  }
}
