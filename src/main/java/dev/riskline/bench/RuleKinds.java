package dev.riskline.bench;

import static dev.riskline.bench.Tree.list;
import static dev.riskline.bench.Tree.listOf;
import static dev.riskline.bench.Tree.obj;

import dev.riskline.bench.ControlCatalog.Control;
import dev.riskline.bench.Fleet.Account;
import dev.riskline.bench.VulnCatalog.Known;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kinds of automation rule a security team writes for the estate of {@link Fleet}, each drawn from the
 * catalogs the {@link FindingGenerator} uses, so that the rules match the generated findings about as often as a
 * real team's rules match theirs. Each kind gives a {@link Draft}: name, description, criteria and the
 * {@code FindingFieldsUpdate}. Not thread-safe: it draws from one {@link Rand}.
 */
final class RuleKinds {
  private static final String AUTOMATION = "sechub-automation";
  private static final String VULNERABILITIES = "Software and Configuration Checks/Vulnerabilities";

  /** A rule before it gets its order, status and terminal flag. */
  record Draft(String name, String description, Map<String, Object> criteria, Map<String, Object> update) {}

  private final Rand rand;
  private final List<Account> prod = new ArrayList<>();
  private final List<Account> nonProd = new ArrayList<>();
  private final List<Known> kev = new ArrayList<>();

  RuleKinds(Rand rand) {
    this.rand = rand;
    for (Account a : Fleet.ACCOUNTS) (a.production() ? prod : nonProd).add(a);
    for (Known k : VulnCatalog.KNOWN) {
      if (k.kev()) kev.add(k);
    }
  }

  /** The number of kinds {@link #draft} knows. */
  static final int KINDS = 11;

  /** A rule of kind {@code kind} (0 ≤ kind < {@link #KINDS}). */
  Draft draft(int kind) {
    return switch (kind) {
      case 0 -> productionSeverity();
      case 1 -> suppressInformational();
      case 2 -> tagCriticality();
      case 3 -> controlOwner();
      case 4 -> knownExploited();
      case 5 -> recentVulnerabilities();
      case 6 -> staleNotified();
      case 7 -> criticalResources();
      case 8 -> teamFields();
      case 9 -> identityAndCompute();
      default -> threatsInProduction();
    };
  }

  /** A narrow rule that ends evaluation: sandbox findings, or passed controls. */
  Draft terminal(int which) {
    if (which == 0) {
      Account sandbox = Fleet.ACCOUNTS.stream().filter(a -> a.app().equals("sandbox")).findFirst().orElseThrow();
      return new Draft("Close out sandbox findings", "Suppress new findings in the sandbox account "
          + sandbox.name() + "; nothing after this rule applies to them",
          obj("AwsAccountId", list(eq(sandbox.id())), "RecordState", list(eq("ACTIVE")),
              "WorkflowStatus", list(eq("NEW")), "SeverityLabel", list(ne("CRITICAL"))),
          obj("Workflow", obj("Status", "SUPPRESSED"), "Note", note("Sandbox account: suppressed, no follow-up")));
    }
    return new Draft("Resolve passed controls", "Resolve control findings that passed; no later rule applies",
        obj("ProductName", list(eq("Security Hub")), "ComplianceStatus", list(eq("PASSED")),
            "WorkflowStatus", list(ne("RESOLVED")), "RecordState", list(eq("ACTIVE"))),
        obj("Workflow", obj("Status", "RESOLVED"), "Note", note("Control passed: resolved automatically")));
  }

  private Draft productionSeverity() {
    List<Account> accounts = some(prod, 2, 4);
    String product = rand.pick("Security Hub", "Inspector");
    Map<String, Object> c = obj("ProductName", list(eq(product)), "AwsAccountId", listOf(accounts.stream()
        .map(a -> eq(a.id())).toList()), "SeverityLabel", list(eq("HIGH")), "RecordState", list(eq("ACTIVE")),
        "WorkflowStatus", rand.chance(0.5) ? list(eq("NEW")) : null);
    return new Draft("Elevate " + product + " HIGH findings in " + accounts.get(0).app() + " production",
        "Raise HIGH " + product + " findings in production accounts to CRITICAL", c,
        obj("Severity", obj("Label", "CRITICAL"), "Note", note("Production account: severity raised to CRITICAL")));
  }

  private Draft suppressInformational() {
    String product = rand.pick("GuardDuty", "Macie", "GuardDuty");
    boolean dev = rand.chance(0.5);
    Map<String, Object> c = obj("ProductName", list(eq(product)), "SeverityLabel",
        dev ? list(eq("INFORMATIONAL"), eq("LOW")) : list(eq("INFORMATIONAL")), "RecordState", list(eq("ACTIVE")),
        "WorkflowStatus", list(eq("NEW")), "AwsAccountName", dev ? list(contains("-dev")) : null);
    return new Draft("Suppress " + (dev ? "low " + product + " findings in dev accounts" : "informational " + product
        + " findings"), "Suppress " + product + " findings of little severity", c,
        obj("Workflow", obj("Status", "SUPPRESSED"), "Note", note("Suppressed: " + product + " low severity")));
  }

  private Draft tagCriticality() {
    boolean byEnv = rand.chance(0.5);
    String level = rand.pick("critical", "high");
    Map<String, Object> tag = byEnv ? mapEq("Environment", "prod") : mapEq("criticality", level);
    int criticality = byEnv ? rand.pick(80, 90) : level.equals("critical") ? 95 : 75;
    Map<String, Object> c = obj("ResourceTags", list(tag), "RecordState", list(eq("ACTIVE")),
        "SeverityLabel", list(eq(rand.pick("HIGH", "CRITICAL", "MEDIUM"))),
        "ResourceRegion", rand.chance(0.3) ? list(eq(rand.pick(Fleet.REGIONS))) : null);
    return new Draft("Criticality " + criticality + " for " + (byEnv ? "prod-tagged" : level + "-criticality")
        + " resources", "Set Criticality from the resource's tags", c, obj("Criticality", criticality));
  }

  private Draft controlOwner() {
    Control first = rand.pick(ControlCatalog.CONTROLS);
    List<Object> ids = new ArrayList<>();
    for (Control k : ControlCatalog.CONTROLS) {
      if (k.resourceType().equals(first.resourceType()) && ids.size() < 3) ids.add(eq(k.id()));
    }
    Account owner = rand.pick(prod);
    Map<String, Object> c = obj("ProductName", list(eq("Security Hub")), "ComplianceSecurityControlId", ids,
        "ComplianceStatus", list(eq("FAILED")), "RecordState", list(eq("ACTIVE")),
        "AwsAccountId", rand.chance(0.4) ? list(eq(owner.id())) : null);
    Map<String, Object> update = rand.chance(0.7)
        ? obj("UserDefinedFields", obj("owner", owner.owner(), "team", owner.app()))
        : obj("Types", list(ControlFindings.TYPE, "Software and Configuration Checks/AWS Security Best Practices"));
    return new Draft("Route " + first.resourceType() + " controls to " + owner.app(), "Tag failed "
        + first.resourceType() + " control findings with their owning team", c, update);
  }

  private Draft knownExploited() {
    Known k = rand.pick(kev);
    Map<String, Object> c = obj("ProductName", list(eq("Inspector")), "Title", list(prefix(k.cve())),
        "RecordState", list(eq("ACTIVE")), "WorkflowStatus", list(ne("SUPPRESSED")));
    return new Draft("Known exploited " + k.cve(), k.cve() + " is in the CISA KEV catalog: patch first", c,
        obj("Severity", obj("Label", "CRITICAL"), "Note", note(k.cve() + " is known to be exploited")));
  }

  private Draft recentVulnerabilities() {
    String type = rand.pick("AwsEc2Instance", "AwsEcrContainerImage", "AwsLambdaFunction");
    int days = rand.pick(7, 14, 30);
    Map<String, Object> c = obj("Type", list(prefix(VULNERABILITIES)), "ResourceType", list(eq(type)),
        "UpdatedAt", list(obj("DateRange", obj("Value", days, "Unit", "DAYS", "Comparison", "WITHIN"))),
        "SeverityLabel", list(eq("CRITICAL"), eq("HIGH")), "AwsAccountName", list(prefixNot("acme-sandbox")));
    return new Draft("Recent " + type + " vulnerabilities (" + days + " days)", "Flag vulnerabilities on "
        + type + " updated in the last " + days + " days", c, rand.chance(0.5) ? obj("Confidence", 90)
        : obj("UserDefinedFields", obj("patch-window", "next", "sla-days", rand.pick("7", "14"))));
  }

  private Draft staleNotified() {
    int days = rand.pick(30, 45, 60);
    Map<String, Object> c = obj("WorkflowStatus", list(eq("NOTIFIED")), "RecordState", list(eq("ACTIVE")),
        "UpdatedAt", list(obj("DateRange", obj("Value", days, "Unit", "DAYS", "Comparison", "OLDER_THAN"))),
        "SeverityLabel", list(ne("INFORMATIONAL")));
    return new Draft("Re-open findings notified over " + days + " days ago", "Put stale NOTIFIED findings back"
        + " to NEW", c, obj("Workflow", obj("Status", "NEW"), "Note", note("No response in " + days + " days")));
  }

  private Draft criticalResources() {
    int threshold = rand.pick(70, 80, 90);
    Map<String, Object> c = obj("Criticality", list(obj("Gte", threshold)), "SeverityLabel",
        list(eq("HIGH"), eq("CRITICAL")), "WorkflowStatus", list(eq("NEW")), "RecordState", list(eq("ACTIVE")));
    return new Draft("Notify on criticality " + threshold + "+", "Mark severe findings on critical resources"
        + " NOTIFIED", c, obj("Workflow", obj("Status", "NOTIFIED"), "Note", note("Paged the owning team")));
  }

  private Draft teamFields() {
    Account a = rand.pick(Fleet.ACCOUNTS);
    Map<String, Object> c = obj("UserDefinedFields", list(mapEq("team", a.app())), "RecordState",
        list(eq("ACTIVE")), "ResourceRegion", list(eq(a.homeRegion())),
        "ComplianceStatus", rand.chance(0.5) ? list(eq("FAILED")) : null);
    return new Draft("Escalate " + a.app() + " team findings", "Findings already routed to " + a.app()
        + " get its on-call note", c, obj("Note", note("On-call: " + a.owner())));
  }

  private Draft identityAndCompute() {
    Account excluded = rand.pick(nonProd);
    Map<String, Object> c = obj("ResourceType", list(prefix("AwsIam"), prefix("AwsEc2"), ne("AwsIamPolicy"),
        ne("AwsEc2NetworkInterface")), "AwsAccountId", list(ne(excluded.id())),
        "ProductName", list(ne("Default")), "SeverityLabel", list(eq(rand.pick("HIGH", "MEDIUM"))));
    return new Draft("IAM and EC2 findings outside " + excluded.name(), "Classify IAM and EC2 findings"
        + " except policies and network interfaces", c, obj("VerificationState", "TRUE_POSITIVE"));
  }

  private Draft threatsInProduction() {
    List<Account> accounts = some(prod, 3, 6);
    String tactic = rand.pick("TTPs/Initial Access", "TTPs/Command and Control", "Effects/Data Exfiltration",
        "TTPs/Discovery");
    Map<String, Object> c = obj("ProductName", list(eq("GuardDuty")), "Type", list(prefix(tactic)),
        "AwsAccountId", listOf(accounts.stream().map(a -> eq(a.id())).toList()),
        "RecordState", list(eq("ACTIVE")), "Title", rand.chance(0.3) ? list(notContains("PenTest")) : null);
    return new Draft("GuardDuty " + tactic + " in production", "Raise GuardDuty " + tactic
        + " threats in production accounts", c, obj("Severity", obj("Label", "HIGH"),
        "Note", note("Threat in a production account"), "Confidence", 80));
  }

  // ---- helpers ----

  private List<Account> some(List<Account> from, int min, int max) {
    List<Account> pool = new ArrayList<>(from);
    List<Account> out = new ArrayList<>();
    int n = rand.between(min, Math.min(max, pool.size()));
    while (out.size() < n) out.add(pool.remove(rand.nextInt(pool.size())));
    return out;
  }

  private static Map<String, Object> note(String text) {
    return obj("Text", text, "UpdatedBy", AUTOMATION);
  }

  private static Map<String, Object> eq(String value) {
    return obj("Value", value, "Comparison", "EQUALS");
  }

  private static Map<String, Object> ne(String value) {
    return obj("Value", value, "Comparison", "NOT_EQUALS");
  }

  private static Map<String, Object> prefix(String value) {
    return obj("Value", value, "Comparison", "PREFIX");
  }

  private static Map<String, Object> prefixNot(String value) {
    return obj("Value", value, "Comparison", "PREFIX_NOT_EQUALS");
  }

  private static Map<String, Object> contains(String value) {
    return obj("Value", value, "Comparison", "CONTAINS");
  }

  private static Map<String, Object> notContains(String value) {
    return obj("Value", value, "Comparison", "NOT_CONTAINS");
  }

  private static Map<String, Object> mapEq(String key, String value) {
    return obj("Key", key, "Value", value, "Comparison", "EQUALS");
  }
}
