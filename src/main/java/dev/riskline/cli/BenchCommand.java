package dev.riskline.cli;

import dev.riskline.Config;
import dev.riskline.Riskline;
import dev.riskline.bench.Benchmark;
import dev.riskline.bench.FindingGenerator;
import dev.riskline.bench.RuleGenerator;
import dev.riskline.rules.RuleSet;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code riskline bench}: the generator of realistic findings and the macro benchmark. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Generate realistic findings and automation rules, and measure parse-only against triage "
        + "throughput.", ""},
    subcommands = {BenchCommand.Generate.class, BenchCommand.Rules.class, BenchCommand.Run.class},
    footer = {"", "Examples:",
        "  riskline bench generate --count 1000000 --out /tmp/findings.ndjson",
        "  riskline bench rules --count 100 --out /tmp/rules.json",
        "  RISKLINE_JAVA_OPTS=-Xmx512m riskline bench run /tmp/findings.ndjson",
        "  riskline bench run --rules /tmp/rules.json /tmp/findings.ndjson",
        "  riskline bench run --count 200000"})
final class BenchCommand implements Runnable {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Write N seeded, realistic ASFF findings as NDJSON or as get-findings JSON.")
  static final class Generate implements Callable<Integer> {
    @Option(names = "--count", defaultValue = "100000", description = "How many findings. Default: ${DEFAULT-VALUE}.")
    long count;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--json", description = "Write {\"Findings\": [...]} instead of NDJSON.")
    boolean json;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
      try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
        long bytes = FindingGenerator.write(o, count, !json, seed);
        System.err.printf("wrote %,d findings (%,d bytes) to %s%n", count, bytes, out);
      }
      return 0;
    }
  }

  @Command(name = "rules", mixinStandardHelpOptions = true,
      description = {"Write N seeded, realistic Security Hub automation rules (CreateAutomationRule shape) about "
          + "the accounts, controls and vulnerabilities of the generated findings, as a JSON array.",
          "About half of the findings of 'bench generate' match one of 100 such rules."},
      footer = {"", "Examples:",
          "  riskline bench rules --count 100 --out /tmp/rules.json",
          "  riskline rules validate /tmp/rules.json"})
  static final class Rules implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--count", defaultValue = "100",
        description = "How many rules, 1..100 (Security Hub's quota). Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (count < 1 || count > RuleSet.MAX_RULES) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--count: expected 1.." + RuleSet.MAX_RULES + " but was " + count);
      }
      Files.writeString(out, RuleGenerator.rules(count, seed));
      spec.commandLine().getErr().printf("wrote %d rules to %s%n", count, out);
      return 0;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Measure, in one run over one file: a bare token scan, parse-only (each record read into "
          + "a tree with Jackson) and triage (read, validate, import, pipeline, NDJSON out).",
          "Without FILE, generates --count findings into a temporary file first."})
  static final class Run implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--count", defaultValue = "200000", description = "Findings to generate when no FILE is given. Default: ${DEFAULT-VALUE}.")
    long count;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--rules", paramLabel = "PATH",
        description = "Automation rules the triage phase applies on import: a rule file or a folder of them.")
    Path rules;

    @Option(names = "--threads",
        description = "Also print the CPU time of each thread in the triage phase, a finding at a time (Linux).")
    boolean threads;

    @Option(names = "--warmup", defaultValue = "200000", paramLabel = "N",
        description = {"Generated findings run twice through every phase before measuring, so that the figures are "
            + "those of compiled code; the first, cold triage pass is reported too. 0 measures a cold JVM. "
            + "Default: ${DEFAULT-VALUE}."})
    long warmup;

    @picocli.CommandLine.Mixin
    Options.IntelOption intel = new Options.IntelOption();

    @picocli.CommandLine.Mixin
    Options.ConfigOption configFile = new Options.ConfigOption();

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "An NDJSON (.ndjson) or JSON findings file.")
    Path file;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      if (warmup < 0) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--warmup: expected 0 or more findings but was " + warmup);
      }
      RuleSet ruleSet = rules == null ? null : RuleSet.load(List.of(rules));
      Config base = configFile.file == null ? Config.defaults() : configFile.load();
      Config config = intel.apply(ruleSet == null ? base : base.withRules(ruleSet));
      Path input = file;
      Path temp = null;
      if (input == null) {
        temp = Files.createTempFile("riskline-bench-", ".ndjson");
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 20)) {
          FindingGenerator.write(o, count, true, seed);
        }
        input = temp;
      }
      try {
        Benchmark bench = new Benchmark(Riskline.create(config));
        Benchmark.Phase cold = warmUp(bench, Benchmark.isNdjson(input));
        Map<String, Benchmark.Phase> phases = bench.run(input, threads);
        report(out, input, ruleSet, phases);
        if (cold != null) {
          out.printf("warm-up: %,d generated findings through every phase, twice, before measuring "
              + "(the first triage pass, cold: %,.0f findings/s)%n", warmup, cold.findingsPerSecond());
        } else {
          out.println("warm-up: none (--warmup 0): the figures include compiling the code");
        }
        if (threads) threadReport(out, phases.get("triage"));
        for (String line : IntelText.lines(config.intel())) out.println("intel: " + line);
        if (!config.routes().isEmpty()) out.println("routes: " + config.routes().all().size());
        out.flush();
      } finally {
        if (temp != null) Files.deleteIfExists(temp);
      }
      return 0;
    }

    /**
     * Runs the warm-up passes over findings in the measured file's layout (NDJSON or one JSON document, read by
     * different code); returns the first (cold) triage phase, or null without a warm-up.
     */
    private Benchmark.Phase warmUp(Benchmark bench, boolean ndjson) throws Exception {
      if (warmup == 0) return null;
      Path warm = Files.createTempFile("riskline-warmup-", ndjson ? ".ndjson" : ".json");
      try {
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(warm), 1 << 20)) {
          FindingGenerator.write(o, warmup, ndjson, seed + 1);
        }
        Benchmark.Phase cold = bench.run(warm).get("triage");
        bench.run(warm);
        return cold;
      } finally {
        Files.deleteIfExists(warm);
      }
    }

    /** CPU per thread in the triage phase, busiest first. */
    private static void threadReport(PrintWriter out, Benchmark.Phase triage) {
      if (triage.threadSeconds().isEmpty()) {
        out.println("CPU per thread: not available here (it is read from /proc/self/task, on Linux)");
        return;
      }
      out.println();
      out.println("CPU per thread in the triage phase:");
      Text t = new Text(false, true, true);
      t.row("THREAD", "CPU SECONDS", "µS A FINDING");
      double total = 0;
      List<Map.Entry<String, Double>> rows = new java.util.ArrayList<>(triage.threadSeconds().entrySet());
      rows.sort(Map.Entry.<String, Double>comparingByValue().reversed());
      for (Map.Entry<String, Double> e : rows) {
        total += e.getValue();
        t.row(e.getKey(), seconds(e.getValue()), perFinding(e.getValue(), triage));
      }
      t.row("all", seconds(total), perFinding(total, triage));
      t.row("wall", seconds(triage.nanos() / 1e9), perFinding(triage.nanos() / 1e9, triage));
      out.print(t.render());
    }

    private static String seconds(double s) {
      return String.format("%.2f", s);
    }

    private static String perFinding(double seconds, Benchmark.Phase phase) {
      return String.format("%.2f", seconds * 1e6 / phase.findings());
    }

    private static void report(PrintWriter out, Path input, RuleSet rules, Map<String, Benchmark.Phase> phases)
        throws Exception {
      Runtime rt = Runtime.getRuntime();
      out.printf("file: %s (%,d bytes)%n", input.getFileName(), Files.size(input));
      if (rules != null) out.printf("rules: %d (%d enabled)%n", rules.size(), rules.evaluationOrder().size());
      out.printf("machine: %d cores, Java %s, max heap %,d MB%n%n", rt.availableProcessors(),
          System.getProperty("java.version"), rt.maxMemory() >> 20);
      Text t = new Text(false, true, true, true, true, true);
      t.row("PHASE", "FINDINGS", "SECONDS", "FINDINGS/S", "MB/S", "PEAK HEAP MB");
      for (Benchmark.Phase p : phases.values()) {
        t.row(p.name(), String.format("%,d", p.findings()), String.format("%.2f", p.nanos() / 1e9),
            String.format("%,.0f", p.findingsPerSecond()), String.format("%.1f", p.megabytesPerSecond()),
            p.peakHeapBytes() >> 20);
      }
      out.print(t.render());
      double ratio = phases.get("triage").findingsPerSecond() / phases.get("parse").findingsPerSecond();
      out.printf("%ntriage / parse-only throughput: %.2f%n", ratio);
      out.flush();
    }
  }
}
