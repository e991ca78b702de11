package dev.riskline.cli;

import dev.riskline.Config;
import dev.riskline.Riskline;
import dev.riskline.Triage;
import dev.riskline.TriageResult;
import dev.riskline.risk.Intel;
import dev.riskline.route.Dispatcher;
import dev.riskline.route.Message;
import dev.riskline.route.Playbooks;
import dev.riskline.schedule.Acceptance;
import dev.riskline.schedule.AcceptancePolicy;
import dev.riskline.schedule.AcceptanceRequest;
import dev.riskline.schedule.State;
import dev.riskline.store.FindingQuery;
import java.time.Duration;
import java.time.Instant;
import dev.riskline.rules.RuleSet;
import dev.riskline.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code riskline demo}: the main job on the bundled examples, with embedded defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run Riskline on the bundled examples (Security Hub control findings including CIS "
        + "AWS Foundations, Inspector CVEs on EC2, ECR and Lambda, GuardDuty, EventBridge events, Prowler "
        + "OCSF) and six Security Hub automation rules: read every format, apply the rules, triage, then "
        + "ingest twice into a demo store to show that re-ingesting changes nothing, and send what three routes "
        + "queued to a webhook the demo runs on 127.0.0.1. Nothing to install, nothing leaves the machine; "
        + "the demo store is ./.riskline/demo/.", ""},
    footer = {"", "Examples:", "  riskline demo", "  riskline demo --now 2026-12-01T00:00:00Z"})
final class DemoCommand implements Callable<Integer> {
  /** The bundled example files, in the order the demo reads them. */
  static final List<String> EXAMPLES = List.of("securityhub-findings.json", "inspector-findings.json",
      "eventbridge-events.ndjson", "prowler-output.ocsf.json");
  /** The bundled automation rules. */
  static final String RULES = "rules/automation-rules.json";
  /** The bundled threat intelligence: CISA's KEV catalog as published, and sample EPSS scores. */
  static final List<String> INTEL = List.of("intel/known_exploited_vulnerabilities.json",
      "intel/epss_scores-sample.csv");
  /** Routes the demo's ingest enqueues deliveries for, to a webhook the demo runs on 127.0.0.1 at {@code url}. */
  static String routes(String url) {
    return String.join("\n",
        "targets:",
        "  soc-webhook: {type: webhook, url: \"" + url + "\", allowInsecureHttp: true}",
        "routes:",
        "  - name: critical-new",
        "    pattern: {\"detail-type\": [\"Riskline Finding NEW\"], \"detail\": {\"riskline\": {\"Risk\": {\"Rating\": [\"CRITICAL\"]}}}}",
        "    targets: [soc-webhook]",
        "  - name: known-exploited",
        "    pattern: {\"detail\": {\"riskline\": {\"Risk\": {\"Reasons\": {\"Factor\": [\"kev\"]}}}}}",
        "    targets: [soc-webhook]",
        "  - name: public-s3",
        "    pattern: {\"detail\": {\"finding\": {\"Compliance\": {\"SecurityControlId\": [\"S3.1\", \"S3.2\", \"S3.8\"]}}}}",
        "    targets: [soc-webhook]");
  }

  /** The bundled starter playbooks. */
  static final List<String> PLAYBOOKS = List.of("acme-accounts", "cis-iam-credentials", "cis-iam-permissions",
      "cis-iam-root", "cis-logging", "cis-monitoring", "cis-networking", "cis-storage", "cve-patching",
      "guardduty-threats").stream().map(n -> "playbooks/" + n + ".md").toList();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  Options.NowOption now = new Options.NowOption();

  @picocli.CommandLine.Option(names = "--dir", paramLabel = "DIR", defaultValue = ".riskline/demo",
      description = "Where the demo puts its copy of the examples and its store. Default: ${DEFAULT-VALUE}.")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path home = dir;
    Path examples = home.resolve("examples");
    Path storeDir = home.resolve("store");
    deleteTree(storeDir);
    Files.createDirectories(examples.resolve("rules"));
    Files.createDirectories(examples.resolve("intel"));
    for (String name : EXAMPLES) extract(name, examples.resolve(name));
    extract(RULES, examples.resolve(RULES));
    for (String name : INTEL) extract(name, examples.resolve(name));
    Files.createDirectories(examples.resolve("playbooks"));
    for (String name : PLAYBOOKS) extract(name, examples.resolve(name));

    RuleSet rules = RuleSet.load(List.of(examples.resolve("rules")));
    Intel intel = Intel.load(examples.resolve(INTEL.get(0)), examples.resolve(INTEL.get(1)));
    Playbooks playbooks = Playbooks.load(examples.resolve("playbooks"));
    try (DemoWebhook hook = DemoWebhook.start()) {
      return show(home, examples, storeDir, rules, intel, playbooks, hook, out, err);
    }
  }

  private int show(Path home, Path examples, Path storeDir, RuleSet rules, Intel intel, Playbooks playbooks,
      DemoWebhook hook, PrintWriter out, PrintWriter err) throws IOException {
    Config config = now.apply(dev.riskline.ConfigFile.parse("demo routes", routes(hook.url()), null, Config.defaults())
        .withHome(storeDir).withRules(rules).withIntel(intel).withPlaybooks(playbooks));
    Riskline engine = Riskline.create(config);
    out.printf("Riskline demo: the bundled examples, copied to %s%n%n", examples);

    out.println("1. Triage in memory with " + rules.size() + " Security Hub automation rules and threat intelligence");
    out.println("   (riskline triage --format table --rules " + examples.resolve("rules") + " --kev ... --epss ... "
        + examples + "/*)");
    for (String line : IntelText.lines(intel)) out.println("   " + line);
    out.println("   Risk = likelihood (CISA KEV, EPSS, exploits, exposure) × impact (severity after the rules) on the "
        + engine.config().risk().matrix().name() + " matrix; due = first seen + the days of the rating");
    Inputs inputs = new Inputs(EXAMPLES.stream().map(n -> examples.resolve(n).toString()).toList());
    try (Triage run = engine.newTriage()) {
      inputs.read(engine.reader(), run::offer, err);
      out.printf("   read %,d findings from %d files in 4 formats (ASFF get-findings output, Inspector v2, "
          + "EventBridge NDJSON, Prowler OCSF); %,d rejected%n", inputs.findings(), EXAMPLES.size(),
          inputs.rejections());
      out.printf("   %,d distinct findings; %,d later records updated earlier ones, %,d were stale%n%n",
          run.size(), run.updated(), run.stale());
      Summary summary = new Summary(engine.config().risk().matrix(), 10);
      Map<String, Integer> matched = new LinkedHashMap<>();
      rules.evaluationOrder().forEach(name -> matched.put(name, 0));
      run.forEach((f, r) -> {
        summary.add(f, r);
        if (r.get("Rules") instanceof List<?> names) names.forEach(n -> matched.merge(String.valueOf(n), 1, Integer::sum));
      });
      out.println("   Automation rules matched:");
      matched.forEach((name, n) -> out.printf("   %6d  %s%n", n, name));
      out.println();
      out.print(indent(summary.render()));
    }

    out.println();
    out.println("2. Ingest into the embedded store with the same rules and three routes (riskline ingest "
        + "--config riskline.yaml ...), twice");
    try (Store db = engine.openStore()) {
      for (int pass = 1; pass <= 2; pass++) {
        Inputs again = new Inputs(EXAMPLES.stream().map(n -> examples.resolve(n).toString()).toList());
        int before = db.outbox().deliveries(List.of(), 1_000_000).size();
        IngestCommand.Counts c = IngestCommand.ingest(engine, db, again, err);
        int queued = db.outbox().deliveries(List.of(), 1_000_000).size() - before;
        out.printf("   pass %d: ingested %d, unchanged %d, rejected %d; %d deliveries queued%n", pass, c.ingested,
            c.unchanged, again.rejections(), queued);
      }
      out.printf("   the store holds %,d findings, their history, risk and due dates%n", db.count());
      Map<String, Integer> perRoute = new LinkedHashMap<>();
      for (var d : db.outbox().deliveries(List.of(), 1_000_000)) perRoute.merge(d.route(), 1, Integer::sum);
      out.println("   the outbox by route (riskline deliveries list):");
      perRoute.forEach((route, n) -> out.printf("   %6d  %s%n", n, route));
      dispatch(db, config, hook, out);

      Riskline stored = engine.withAcceptancesFrom(db);
      TriageResult[] first = {null};
      db.forEachScheduled(FindingQuery.all(), (f, previous) -> {
        TriageResult r = stored.evaluate(f, previous);
        if (r.risk().kev() != null && (first[0] == null || r.risk().kev().dateAdded().isAfter(first[0].risk().kev().dateAdded()))) {
          first[0] = r;
        }
      });
      if (first[0] != null) {
        out.println();
        out.println("3. Why is it rated so? (riskline explain ID): a finding with a CVE in CISA KEV");
        out.print(indent(ExplainCommand.render(first[0], config, true)));
      }

      out.println();
      String control = "EC2.19";
      out.println("4. Accept a risk for 30 days (riskline accept --control " + control + " --owner ... --reason ... --for 30)");
      Instant at = config.clock().instant();
      Acceptance a = db.acceptances().accept(new AcceptanceRequest(Acceptance.Scope.CONTROL, control, "network-team",
          "Legacy ports closed at the firewall; security groups cleaned up next sprint", at.plus(Duration.ofDays(30))),
          AcceptancePolicy.DEFAULT, at);
      Riskline accepted = engine.withAcceptancesFrom(db);
      long[] covered = {0};
      db.forEachScheduled(FindingQuery.all().withControlIds(control), (f, previous) -> {
        if (accepted.evaluate(f, previous).state() == State.ACCEPTED) covered[0]++;
      });
      out.printf("   %s: %d %s findings are ACCEPTED until %s, then due again%n", a.id(), covered[0], control,
          a.expiresAt().toString().substring(0, 10));

      Path report = home.resolve("report.html");
      HtmlReport html = new HtmlReport(config.risk().matrix(), config.sla(), 500);
      db.forEachScheduled(FindingQuery.all(), (f, previous) -> html.add(f, accepted.evaluate(f, previous).riskline()));
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(report))) {
        html.write(w, at, "the demo store", IntelText.lines(intel));
      }
      out.println();
      out.println("5. The HTML report (riskline report --out FILE): heat map, work list, overdue, reasons, intel");
      out.println("   wrote " + report.toAbsolutePath());
    }
    String url = Store.defaultUrl(storeDir);
    out.println();
    out.println("Next:");
    out.println("  ./riskline findings list --store '" + url + "' --state OVERDUE,DUE_SOON");
    out.println("  ./riskline explain --store '" + url + "' ID");
    out.println("  ./riskline rules test --rules " + examples.resolve("rules") + " " + examples.resolve("securityhub-findings.json"));
    out.println("  ./riskline rules simulate --rules " + examples.resolve("rules") + " --store '" + url + "'");
    out.println("  ./riskline --help");
    out.flush();
    return inputs.rejections() > 0 ? 2 : 0;
  }

  /** Sends the outbox to the demo's webhook, as {@code riskline worker} does, and shows what arrived. */
  private static void dispatch(Store db, Config config, DemoWebhook hook, PrintWriter out) {
    Dispatcher.Counts c = Riskline.create(config).dispatcher(db).dispatch();
    List<DemoWebhook.Received> received = hook.received();
    out.println("   dispatched to a webhook the demo runs on " + hook.url() + " (riskline worker does it continuously):");
    out.printf("   sent %d deliveries to the demo webhook, %d to retry, %d dead; it received %d POSTs, each with its"
        + " Idempotency-Key%n", c.sent(), c.retried(), c.dead(), received.size());
    if (received.isEmpty()) return;
    Message m = Message.of(received.get(0).body());
    out.printf("   first: %s %s %s, due %s, playbook %s%n", m.rating(), m.change(), m.title(), m.due(), m.playbook());
  }

  private static String indent(String text) {
    return text.lines().map(l -> "   " + l).reduce("", (a, b) -> a + b + System.lineSeparator());
  }

  private static void extract(String name, Path target) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream("/examples/" + name)) {
      if (in == null) throw new IOException("the bundled example " + name + " is missing from the jar");
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
