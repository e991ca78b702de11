package dev.riskline.bench;

import static dev.riskline.bench.Tree.obj;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The estate the generated findings are about: an organisation of twenty accounts (production, staging and
 * development, each owned by a team), the Regions they use, resource names and tags, and when things were seen.
 * Not thread-safe: it draws from the generator's {@link Rand}.
 */
final class Fleet {
  /** How far back findings go before the base instant: Security Hub keeps findings 90 days. */
  static final Duration WINDOW = Duration.ofDays(90);

  /** One AWS account: its 12-digit id, name, environment, application, owning team and home Region. */
  record Account(String id, String name, String env, String app, String owner, String homeRegion) {
    boolean production() {
      return env.equals("prod");
    }
  }

  /** Where a finding is: an account and a Region. */
  record Scope(Account account, String region) {
    String accountId() {
      return account.id();
    }
  }

  /** When a finding was first and last seen, and when Security Hub processed its last update. */
  record Observed(Instant first, Instant last, Instant processed) {}

  static final List<Account> ACCOUNTS = List.of(
      new Account("318406725541", "acme-payments-prod", "prod", "payments", "payments-team@acme.example", "us-east-1"),
      new Account("562193870427", "acme-payments-staging", "staging", "payments", "payments-team@acme.example",
          "us-east-1"),
      new Account("740935162288", "acme-payments-dev", "dev", "payments", "payments-team@acme.example", "us-east-1"),
      new Account("205817364490", "acme-identity-prod", "prod", "identity", "iam-team@acme.example", "us-east-1"),
      new Account("871260439315", "acme-identity-dev", "dev", "identity", "iam-team@acme.example", "us-east-2"),
      new Account("439127608853", "acme-web-prod", "prod", "storefront", "web-team@acme.example", "us-west-2"),
      new Account("690382514176", "acme-web-staging", "staging", "storefront", "web-team@acme.example", "us-west-2"),
      new Account("124578903362", "acme-web-dev", "dev", "storefront", "web-team@acme.example", "us-west-2"),
      new Account("958631207744", "acme-data-prod", "prod", "analytics", "data-platform@acme.example", "eu-west-1"),
      new Account("307215948861", "acme-data-dev", "dev", "analytics", "data-platform@acme.example", "eu-west-1"),
      new Account("583047196220", "acme-ml-prod", "prod", "recommendations", "ml-team@acme.example", "us-east-1"),
      new Account("816492730158", "acme-ml-dev", "dev", "recommendations", "ml-team@acme.example", "us-east-1"),
      new Account("472069381537", "acme-mobile-prod", "prod", "mobile-api", "mobile-team@acme.example", "eu-central-1"),
      new Account("235719846602", "acme-mobile-dev", "dev", "mobile-api", "mobile-team@acme.example", "eu-central-1"),
      new Account("649205817733", "acme-shared-services", "prod", "platform", "platform-team@acme.example",
          "us-east-1"),
      new Account("780314926645", "acme-network-prod", "prod", "network", "network-team@acme.example", "us-east-1"),
      new Account("197346820519", "acme-security-tooling", "prod", "security", "secops@acme.example", "us-east-1"),
      new Account("364850271986", "acme-log-archive", "prod", "logging", "secops@acme.example", "us-east-1"),
      new Account("821573609414", "acme-sandbox-1", "dev", "sandbox", "cloud-center@acme.example", "ap-southeast-2"),
      new Account("506938142277", "acme-legacy-erp-prod", "prod", "erp", "erp-team@acme.example", "ap-northeast-1"));

  static final List<String> REGIONS = List.of(
      "us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1");

  private final Rand rand;
  private final Instant base;

  Fleet(Rand rand, Instant base) {
    this.rand = rand;
    this.base = base;
  }

  Rand rand() {
    return rand;
  }

  Instant base() {
    return base;
  }

  /** An account and a Region: mostly the account's home Region, sometimes another one it uses. */
  Scope scope() {
    Account a = rand.pick(ACCOUNTS);
    return new Scope(a, rand.chance(0.7) ? a.homeRegion() : rand.pick(REGIONS));
  }

  /** First and last seen within the 90 days before the base instant; last is never before first. */
  Observed observed() {
    Instant latest = base.minus(Duration.ofMinutes(10));
    Instant first = rand.before(latest, WINDOW.minus(Duration.ofMinutes(10)));
    Instant last = rand.chance(0.25) ? first : rand.between(first, latest);
    return new Observed(first, last, last.plusMillis(rand.between(800, 45_000)));
  }

  /** The tags a team puts on its resources, with the resource's name when it has one. */
  Map<String, Object> tags(Scope s, String name) {
    Account a = s.account();
    return obj(
        "Name", name,
        "Environment", a.env(),
        "Application", a.app(),
        "Owner", a.owner(),
        "criticality", criticality(a),
        "CostCenter", rand.chance(0.4) ? "cc-" + (4100 + a.app().length() * 37) : null,
        "ManagedBy", rand.chance(0.5) ? "terraform" : null);
  }

  private String criticality(Account a) {
    return switch (a.env()) {
      case "prod" -> rand.pick("high", "high", "medium", "critical");
      case "staging" -> rand.pick("medium", "low");
      default -> "low";
    };
  }

  String instanceId() {
    return "i-0" + rand.hex(16);
  }

  String vpcId() {
    return "vpc-0" + rand.hex(16);
  }

  String subnetId() {
    return "subnet-0" + rand.hex(16);
  }

  String securityGroupId() {
    return "sg-0" + rand.hex(16);
  }

  String amiId() {
    return "ami-0" + rand.hex(16);
  }

  String privateIp() {
    return "10." + rand.between(0, 63) + "." + rand.between(0, 255) + "." + rand.between(4, 250);
  }

  /** A public address from the AWS-looking 3.x to 54.x space, never a documentation range. */
  String publicIp() {
    int first = rand.pick(3, 18, 34, 44, 52, 54);
    return first + "." + rand.between(0, 255) + "." + rand.between(0, 255) + "." + rand.between(1, 254);
  }

  String bucketName(Scope s) {
    String purpose = rand.pick("invoices", "exports", "uploads", "backups", "static-assets", "reports", "datalake-raw",
        "access-logs", "terraform-state", "ml-artifacts", "customer-documents", "athena-results");
    return "acme-" + s.account().app() + "-" + s.account().env() + "-" + purpose + "-" + rand.hex(6);
  }

  String userName() {
    return rand.pick("alice.martin", "bob.nguyen", "carol.schmidt", "dmitri.ivanov", "erin.okafor", "farid.haddad",
        "grace.lee", "svc-ci-deploy", "svc-backup", "svc-reporting", "terraform", "jenkins", "legacy-ftp-sync");
  }

  String roleName(Scope s) {
    return rand.pick(s.account().app() + "-app-role", s.account().app() + "-ecs-task-role", "AdminRole",
        "ReadOnlyAuditRole", "ci-deploy-role", "OrganizationAccountAccessRole", s.account().app() + "-lambda-exec");
  }

  String appComponent(Scope s) {
    return s.account().app() + "-" + rand.pick("api", "worker", "web", "batch", "scheduler", "gateway", "ingest");
  }

  String accountResourceId(Scope s) {
    return "AWS::::Account:" + s.accountId();
  }
}
