package dev.riskline.bench;

import static dev.riskline.bench.Tree.list;
import static dev.riskline.bench.Tree.obj;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.riskline.bench.Fleet.Account;
import dev.riskline.bench.Fleet.Observed;
import dev.riskline.bench.Fleet.Scope;
import dev.riskline.bench.InspectorNative.Style;
import dev.riskline.finding.Asff.ComplianceStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the files of {@code examples/} from one seed: a Security Hub export, an Inspector finding list, an
 * EventBridge stream with new findings and updates of exported ones, and a Prowler OCSF report. Run {@link #main}
 * (or the example files test with {@code -Driskline.examples.write=true}) to regenerate them.
 */
final class ExampleFiles {
  static final long SEED = 20261101L;
  static final String SECURITY_HUB = "securityhub-findings.json";
  static final String INSPECTOR = "inspector-findings.json";
  static final String EVENTS = "eventbridge-events.ndjson";
  static final String PROWLER = "prowler-output.ocsf.json";
  static final List<String> FILES = List.of(SECURITY_HUB, INSPECTOR, EVENTS, PROWLER);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectWriter PRETTY = JSON.writer(new CliPrinter());

  private final FindingGenerator generator = new FindingGenerator(SEED, FindingGenerator.DEFAULT_BASE);
  private final Fleet fleet = generator.fleet();
  private final Rand rand = fleet.rand();
  private final Instant base = fleet.base();
  private final Scope paymentsProd = scope("acme-payments-prod", "us-east-1");
  private final Scope webProd = scope("acme-web-prod", "us-west-2");
  private final Scope identityProd = scope("acme-identity-prod", "us-east-1");
  private final Scope dataProd = scope("acme-data-prod", "eu-west-1");
  private final Scope dataDev = scope("acme-data-dev", "eu-west-1");
  private final Map<String, Map<String, Object>> curated = new LinkedHashMap<>();

  public static void main(String[] args) throws IOException {
    writeAll(Path.of(args.length == 0 ? "examples" : args[0]));
  }

  /** Writes every example file into the folder. */
  static void writeAll(Path dir) throws IOException {
    Files.createDirectories(dir);
    ExampleFiles x = new ExampleFiles();
    List<Map<String, Object>> findings = x.securityHubFindings();
    Map<String, Object> export = new LinkedHashMap<>();
    export.put("Findings", findings);
    export.put("NextToken", null);
    write(dir.resolve(SECURITY_HUB), export);
    write(dir.resolve(INSPECTOR), obj("findings", x.inspectorFindings()));
    List<Map<String, Object>> events = x.events();
    StringBuilder ndjson = new StringBuilder();
    for (Map<String, Object> e : events) ndjson.append(JSON.writeValueAsString(e)).append('\n');
    Files.writeString(dir.resolve(EVENTS), ndjson);
    Account webDev = account("acme-web-dev");
    write(dir.resolve(PROWLER), ProwlerSample.findings(x.fleet, account("acme-payments-prod"), webDev,
        x.base.minus(Duration.ofHours(30))));
  }

  private static void write(Path file, Object tree) throws IOException {
    Files.writeString(file, PRETTY.writeValueAsString(tree) + "\n");
  }

  private static Account account(String name) {
    return Fleet.ACCOUNTS.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
  }

  private static Scope scope(String account, String region) {
    return new Scope(account(account), region);
  }

  // ---- securityhub-findings.json ----

  /** 230 generated findings and 20 chosen ones, newest update first, as the console lists them. */
  List<Map<String, Object>> securityHubFindings() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < 230; i++) out.add(generator.next());
    addKevImages();
    addHosts();
    addControls();
    addThreats();
    out.addAll(curated.values());
    out.sort(Comparator.comparing((Map<String, Object> f) -> (String) f.get("UpdatedAt")).reversed());
    return out;
  }

  private void addKevImages() {
    InspectorFindings inspector = generator.inspector();
    Target api = inspector.ecrTarget(paymentsProd, "DEBIAN_12", "JAR");
    curated.put("log4shell", known(api, "CVE-2021-44228"));
    curated.put("spring4shell", known(api, "CVE-2022-22965"));
    for (int i = 0; i < 3; i++) curated.put("payments-image-" + i, some(api));
    Target web = inspector.ecrTarget(webProd, "DEBIAN_12", "NODEPKG");
    curated.put("libwebp", known(web, "CVE-2023-4863"));
    for (int i = 0; i < 2; i++) curated.put("web-image-" + i, some(web));
    curated.put("xz", known(inspector.ecrTarget(dataDev, "DEBIAN_12", "PYTHONPKG"), "CVE-2024-3094"));
  }

  private void addHosts() {
    InspectorFindings inspector = generator.inspector();
    Target host = inspector.ec2Target(identityProd, "AMAZON_LINUX_2", null);
    curated.put("sudo", known(host, "CVE-2021-3156"));
    curated.put("kernel", known(host, "CVE-2024-1086"));
    curated.put("lambda", known(inspector.lambdaTarget(paymentsProd, "java17"), "CVE-2022-22963"));
  }

  private void addControls() {
    ControlFindings controls = generator.controls();
    curated.put("IAM.4", controls.of(ControlCatalog.byId("IAM.4"), ComplianceStatus.FAILED, identityProd));
    curated.put("IAM.6", controls.of(ControlCatalog.byId("IAM.6"), ComplianceStatus.FAILED, paymentsProd));
    curated.put("S3.8", controls.of(ControlCatalog.byId("S3.8"), ComplianceStatus.FAILED, webProd));
    curated.put("EC2.53", controls.of(ControlCatalog.byId("EC2.53"), ComplianceStatus.FAILED, paymentsProd));
    curated.put("CloudTrail.1", controls.of(ControlCatalog.byId("CloudTrail.1"), ComplianceStatus.FAILED,
        paymentsProd));
    curated.put("KMS.4", controls.of(ControlCatalog.byId("KMS.4"), ComplianceStatus.FAILED, dataProd));
  }

  private void addThreats() {
    ThreatFindings threats = generator.threats();
    curated.put("ssh", threats.of(threat("UnauthorizedAccess:EC2/SSHBruteForce"), paymentsProd));
    curated.put("exfiltration", threats.of(
        threat("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS"), paymentsProd));
  }

  private static ThreatFindings.ThreatType threat(String type) {
    return ThreatFindings.TYPES.stream().filter(t -> t.type().equals(type)).findFirst().orElseThrow();
  }

  private Map<String, Object> known(Target t, String cve) {
    Observed seen = fleet.observed();
    Vuln v = generator.inspector().vulns().known(t, VulnCatalog.known(cve), seen.first());
    return generator.inspector().asff(t, v, "ACTIVE", seen);
  }

  private Map<String, Object> some(Target t) {
    Observed seen = fleet.observed();
    Vuln v = generator.inspector().vulns().next(t, seen.first(), java.util.Set.of());
    return generator.inspector().asff(t, v, "ACTIVE", seen);
  }

  // ---- inspector-findings.json ----

  /** 30 Inspector findings in Inspector's own shape: packages on five targets, and open ports. */
  List<Object> inspectorFindings() {
    InspectorFindings inspector = generator.inspector();
    List<Object> out = new ArrayList<>();
    Scope mobile = scope("acme-mobile-prod", "eu-central-1");
    Scope ml = scope("acme-ml-dev", "us-east-1");
    Target host = inspector.ec2Target(mobile, "AMAZON_LINUX_2", null);
    Target ubuntu = inspector.ec2Target(ml, "UBUNTU_22_04", null);
    Target gateway = inspector.ecrTarget(mobile, "DEBIAN_12", "GOBINARY");
    Target worker = inspector.ecrTarget(ml, "AMAZON_LINUX_2023", "PYTHONPKG");
    Target function = inspector.lambdaTarget(mobile, "nodejs18.x");
    out.add(nativeKnown(host, "CVE-2021-4034", "ACTIVE"));
    out.add(nativeKnown(gateway, "CVE-2023-44487", "ACTIVE"));
    List<Target> targets = List.of(host, ubuntu, gateway, worker, function);
    String[] statuses = {"ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "CLOSED", "ACTIVE", "SUPPRESSED"};
    for (int i = 0; i < 24; i++) {
      out.add(nativeSome(targets.get(i % targets.size()), statuses[i % statuses.length], Style.CLI));
    }
    out.add(nativeReachability(host, 22, "MEDIUM", "ACTIVE"));
    out.add(nativeReachability(host, 3389, "MEDIUM", "ACTIVE"));
    out.add(nativeReachability(ubuntu, 23, "HIGH", "ACTIVE"));
    out.add(nativeReachability(ubuntu, 5432, "MEDIUM", "CLOSED"));
    return out;
  }

  private Map<String, Object> nativeKnown(Target t, String cve, String status) {
    Observed seen = fleet.observed();
    Vuln v = generator.inspector().vulns().known(t, VulnCatalog.known(cve), seen.first());
    return InspectorNative.packageFinding(t, v, InspectorNative.findingArn(t, rand), status, seen, Style.CLI);
  }

  private Map<String, Object> nativeSome(Target t, String status, Style style) {
    Observed seen = fleet.observed();
    Vuln v = generator.inspector().vulns().next(t, seen.first(), java.util.Set.of());
    return InspectorNative.packageFinding(t, v, InspectorNative.findingArn(t, rand), status, seen, style);
  }

  private Map<String, Object> nativeReachability(Target t, int port, String severity, String status) {
    return InspectorNative.reachability(t, port, severity, InspectorNative.findingArn(t, rand), status,
        fleet.observed(), Style.CLI, rand);
  }

  // ---- eventbridge-events.ndjson ----

  /**
   * 20 events, oldest first: 10 new findings and 3 updates of exported ones (a control now PASSED, a patched
   * host's CVE CLOSED, a brute force still going on) imported into Security Hub, one custom action, and 6
   * Inspector findings.
   */
  List<Map<String, Object>> events() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < 10; i++) out.add(imported(generator.next()));
    out.add(imported(Updates.passed(curated.get("CloudTrail.1"), halfway(curated.get("CloudTrail.1")))));
    out.add(imported(Updates.closed(curated.get("sudo"), halfway(curated.get("sudo")))));
    out.add(imported(Updates.seenAgain(curated.get("ssh"), halfway(curated.get("ssh")), 87)));
    out.add(customAction(curated.get("log4shell")));
    InspectorFindings inspector = generator.inspector();
    Scope erp = scope("acme-legacy-erp-prod", "ap-northeast-1");
    Target host = inspector.ec2Target(erp, "AMAZON_LINUX_2023", "JAR");
    Target image = inspector.ecrTarget(scope("acme-web-staging", "us-west-2"), "ALPINE_3_18", "NODEPKG");
    out.add(inspectorEvent(host, nativeSome(host, "ACTIVE", Style.EVENT)));
    out.add(inspectorEvent(host, nativeSome(host, "ACTIVE", Style.EVENT)));
    out.add(inspectorEvent(host, nativeSome(host, "CLOSED", Style.EVENT)));
    out.add(inspectorEvent(image, nativeSome(image, "ACTIVE", Style.EVENT)));
    out.add(inspectorEvent(image, nativeSome(image, "ACTIVE", Style.EVENT)));
    out.add(inspectorEvent(host, InspectorNative.reachability(host, 22, "MEDIUM",
        InspectorNative.findingArn(host, rand), "ACTIVE", fleet.observed(), Style.EVENT, rand)));
    out.sort(Comparator.comparing(e -> (String) e.get("time")));
    return out;
  }

  /** Halfway between the finding's last update and the base instant: always newer, never in the future. */
  private Instant halfway(Map<String, Object> finding) {
    Instant updated = Instant.parse((String) finding.get("UpdatedAt"));
    return updated.plus(Duration.between(updated, base).dividedBy(2)).truncatedTo(ChronoUnit.MILLIS);
  }

  private Map<String, Object> envelope(String detailType, String source, String account, String region,
      Instant time, List<Object> resources, Map<String, Object> detail) {
    return obj("version", "0", "id", rand.uuid(), "detail-type", detailType, "source", source, "account", account,
        "time", time.truncatedTo(ChronoUnit.SECONDS).toString(), "region", region, "resources", resources,
        "detail", detail);
  }

  private Map<String, Object> imported(Map<String, Object> finding) {
    Instant updated = Instant.parse((String) finding.get("UpdatedAt")).plusSeconds(rand.between(1, 20));
    return envelope("Security Hub Findings - Imported", "aws.securityhub", (String) finding.get("AwsAccountId"),
        (String) finding.get("Region"), updated, list(finding.get("ProductArn") + "/" + finding.get("Id")),
        obj("findings", list(finding)));
  }

  private Map<String, Object> customAction(Map<String, Object> finding) {
    String account = (String) finding.get("AwsAccountId");
    String region = (String) finding.get("Region");
    Instant at = Instant.parse((String) finding.get("UpdatedAt")).plus(Duration.ofMinutes(rand.between(5, 90)));
    return envelope("Security Hub Findings - Custom Action", "aws.securityhub", account, region,
        at.isAfter(base) ? base.minusSeconds(60) : at,
        list("arn:aws:securityhub:" + region + ":" + account + ":action/custom/SendToJira"),
        obj("actionName", "SendToJira", "actionDescription", "Open a Jira issue for the selected findings",
            "findings", list(Tree.copy(finding))));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> inspectorEvent(Target t, Map<String, Object> detail) {
    Map<String, Object> resource = (Map<String, Object>) ((List<Object>) detail.get("resources")).get(0);
    Instant updated = dev.riskline.finding.Timestamps.parse((String) detail.get("updatedAt")).orElseThrow();
    return envelope("Inspector2 Finding", "aws.inspector2", t.scope().accountId(), t.scope().region(),
        updated.plusSeconds(rand.between(1, 60)), list(resource.get("id")), detail);
  }

  /**
   * Four-space indents, {@code "key": value} and {@code []} for empty arrays, as the AWS CLI and Prowler print
   * JSON (Python's {@code json.dumps(indent=4)}).
   */
  static final class CliPrinter extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;

    CliPrinter() {
      super(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
      indentObjectsWith(new DefaultIndenter("    ", "\n"));
      indentArraysWith(new DefaultIndenter("    ", "\n"));
    }

    private CliPrinter(CliPrinter base) {
      super(base);
    }

    @Override
    public CliPrinter createInstance() {
      return new CliPrinter(this);
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
      if (nrOfValues > 0) {
        super.writeEndArray(g, nrOfValues);
        return;
      }
      if (!_arrayIndenter.isInline()) --_nesting;
      g.writeRaw(']');
    }

    @Override
    public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
      if (nrOfEntries > 0) {
        super.writeEndObject(g, nrOfEntries);
        return;
      }
      if (!_objectIndenter.isInline()) --_nesting;
      g.writeRaw('}');
    }
  }
}
