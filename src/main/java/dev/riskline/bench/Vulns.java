package dev.riskline.bench;

import dev.riskline.bench.Vuln.Package;
import dev.riskline.bench.Vuln.Score;
import dev.riskline.bench.VulnCatalog.Known;
import dev.riskline.bench.VulnCatalog.Pkg;
import dev.riskline.bench.VulnCatalog.Vector;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the vulnerabilities found on a {@link Target}: about one in twenty a well-known CVE from the CISA KEV
 * catalog when one fits the target's packages, the rest synthetic but well-formed ({@code CVE-2024-31337}) with
 * realistic packages, CVSS vectors, vendors, references and EPSS scores. Not thread-safe.
 */
final class Vulns {
  private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)(\\D*)$");
  private static final List<String> WEAKNESSES = List.of("heap-based buffer overflow", "use-after-free",
      "integer overflow", "NULL pointer dereference", "out-of-bounds read", "out-of-bounds write",
      "improper input validation", "uncontrolled resource consumption", "path traversal",
      "improper certificate validation", "inefficient regular expression complexity", "HTTP request smuggling",
      "deserialization of untrusted data", "race condition", "improper neutralization of special elements");

  private final Fleet fleet;
  private final Rand rand;

  Vulns(Fleet fleet) {
    this.fleet = fleet;
    this.rand = fleet.rand();
  }

  /** A vulnerability on the target first seen at the given time, whose CVE is not in {@code taken}. */
  Vuln next(Target t, Instant firstSeen, Set<String> taken) {
    if (rand.chance(0.065)) {
      List<Known> fitting = VulnCatalog.kev().stream()
          .filter(k -> t.fits(k.family()) && !taken.contains(k.cve())).toList();
      if (!fitting.isEmpty()) return known(t, rand.pick(fitting), firstSeen);
    }
    return synthetic(t, firstSeen);
  }

  /** The vulnerability of a well-known CVE on the target. */
  Vuln known(Target t, Known k, Instant firstSeen) {
    String manager = k.family().equals("AL") || k.family().equals("DEB") ? "OS" : t.appManager();
    Package p = pkg(t, k.pkg(), manager, k.fixed());
    int year = Integer.parseInt(k.cve().substring(4, 8));
    Instant created = vendorCreated(year, firstSeen);
    boolean nvd = !manager.equals("OS");
    String source = nvd ? "NVD" : vendor(t);
    List<Score> cvss = new ArrayList<>();
    cvss.add(new Score("3.1", k.score(), k.vector(), source));
    if (!nvd) cvss.add(new Score("3.1", k.score(), k.vector(), "NVD"));
    double epss = k.kev() ? Rand.round(rand.between(0.55, 0.975), 5) : Rand.round(rand.between(0.05, 0.4), 5);
    return new Vuln(k.cve(), k.description(), List.of(p), cvss, source, sourceUrl(source, k.cve()),
        severityWord(source, k.score()), created, updated(created, firstSeen), references(t, !nvd, k.cve(), year),
        related(t, !nvd, year), epss, true, k.kev() ? rand.between(created, firstSeen) : null, "YES", k.kev());
  }

  private Vuln synthetic(Target t, Instant firstSeen) {
    boolean os = t.osFamily() != null && (t.appManager() == null || rand.chance(0.5));
    String manager = os ? "OS" : t.appManager();
    Pkg base = rand.pick(os ? VulnCatalog.OS_PACKAGES.get(t.osFamily()) : VulnCatalog.APP_PACKAGES.get(manager));
    String fix = switch (rand.weighted(76, 15, 9)) {
      case 0 -> "YES";
      case 1 -> "NO";
      default -> "PARTIAL";
    };
    List<Package> packages = new ArrayList<>();
    packages.add(pkg(t, base, manager, fix.equals("NO") ? null : fixedVersion(t, base, os)));
    if (fix.equals("PARTIAL") || (os && rand.chance(0.15))) {
      Pkg sibling = new Pkg(base.name() + (os ? "-devel" : "-core"), base.version(), base.release());
      packages.add(pkg(t, sibling, manager, fix.equals("YES") ? fixedVersion(t, sibling, os) : null));
    }
    int year = cveYear();
    String cve = "CVE-" + year + "-" + rand.between(1000, 49999);
    Vector v3 = rand.pick(VulnCatalog.V3);
    String source = os ? vendor(t) : "NVD";
    List<Score> cvss = new ArrayList<>();
    cvss.add(new Score("3.1", v3.score(), v3.vector(), source));
    if (!source.equals("NVD")) cvss.add(new Score("3.1", v3.score(), v3.vector(), "NVD"));
    if (year < 2022 && rand.chance(0.7)) {
      Vector v2 = rand.pick(VulnCatalog.V2);
      cvss.add(0, new Score("2.0", v2.score(), v2.vector(), "NVD"));
    }
    double epss = epss();
    boolean exploit = rand.chance(epss > 0.1 ? 0.6 : 0.05);
    Instant created = vendorCreated(year, firstSeen);
    return new Vuln(cve, description(base.name(), packages.get(0).version(), v3), packages, cvss, source,
        sourceUrl(source, cve), severityWord(source, v3.score()), created, updated(created, firstSeen),
        references(t, os, cve, year), related(t, os, year), epss, exploit, null, fix, false);
  }

  private Package pkg(Target t, Pkg p, String manager, String fixed) {
    boolean os = manager.equals("OS");
    String remediation = fixed == null ? null : remediation(t, os, p.name(), fixed);
    String layer = t.ecr() ? "sha256:" + rand.hex(64) : null;
    boolean epoch = os && !"ALPINE".equals(t.osFamily());
    return new Package(p.name(), p.version(), epoch ? "0" : null, os ? p.release() : null,
        os ? (t.osFamily().equals("AL2") || rand.chance(0.7) ? "X86_64" : "AARCH64") : null, manager, fixed,
        remediation, os ? null : filePath(t, manager, p), layer);
  }

  private static String remediation(Target t, boolean os, String name, String fixed) {
    if (os) {
      return switch (t.osFamily()) {
        case "AL2" -> "yum update " + name;
        case "AL2023" -> "dnf update " + name;
        case "ALPINE" -> "apk upgrade " + name;
        default -> "apt-get update && apt-get upgrade";
      };
    }
    return "Update " + name + " to " + fixed + " or later.";
  }

  private static String fixedVersion(Target t, Pkg p, boolean os) {
    if (!os) return bump(p.version().startsWith("v") ? p.version().substring(1) : p.version());
    String fixed = p.version() + "-" + bump(p.release());
    return "ALPINE".equals(t.osFamily()) ? fixed : "0:" + fixed;
  }

  /** The version with its last number raised by one: {@code 24.amzn2.0.7} becomes {@code 24.amzn2.0.8}. */
  static String bump(String version) {
    Matcher m = LAST_NUMBER.matcher(version);
    if (!m.find()) return version + ".1";
    long next = Long.parseLong(m.group(1)) + 1;
    return version.substring(0, m.start()) + next + m.group(2);
  }

  private String filePath(Target t, String manager, Pkg p) {
    String root = t.lambda() ? "var/task/" : "app/";
    return switch (manager) {
      case "NODEPKG" -> root + "node_modules/" + p.name() + "/package.json";
      case "PYTHONPKG" -> (t.lambda() ? root : "usr/local/lib/python3.11/site-packages/") + p.name() + "-"
          + p.version() + ".dist-info/METADATA";
      case "JAR" -> root + (t.lambda() ? "lib/" : t.component() + ".jar/BOOT-INF/lib/")
          + p.name().substring(p.name().indexOf(':') + 1) + "-" + p.version() + ".jar";
      default -> "usr/local/bin/" + t.component();
    };
  }

  private String vendor(Target t) {
    return switch (t.osFamily()) {
      case "AL2", "AL2023" -> "AMAZON_CVE";
      case "UBUNTU" -> "UBUNTU_CVE";
      case "DEBIAN" -> "DEBIAN_CVE";
      default -> "NVD";
    };
  }

  private static String sourceUrl(String source, String cve) {
    return switch (source) {
      case "AMAZON_CVE" -> "https://alas.aws.amazon.com/cve/html/" + cve + ".html";
      case "UBUNTU_CVE" -> "https://people.canonical.com/~ubuntu-security/cve/" + cve.substring(4, 8) + "/" + cve
          + ".html";
      case "DEBIAN_CVE" -> "https://security-tracker.debian.org/tracker/" + cve;
      default -> "https://nvd.nist.gov/vuln/detail/" + cve;
    };
  }

  private static String severityWord(String source, double score) {
    String word = score >= 9 ? "CRITICAL" : score >= 7 ? "HIGH" : score >= 4 ? "MEDIUM" : "LOW";
    return source.equals("NVD") ? word : word.toLowerCase();
  }

  private List<String> references(Target t, boolean os, String cve, int year) {
    List<String> urls = new ArrayList<>();
    urls.add("https://nvd.nist.gov/vuln/detail/" + cve);
    if (os) distroAdvisory(t, year, urls);
    else urls.add("https://github.com/advisories/GHSA-" + ghsa());
    if (rand.chance(0.5)) urls.add("https://www.openwall.com/lists/oss-security/" + year + "/"
        + String.format("%02d/%02d/%d", rand.between(1, 12), rand.between(1, 28), rand.between(1, 9)));
    if (rand.chance(0.35)) urls.add("https://security.netapp.com/advisory/ntap-" + year
        + String.format("%02d%02d-%04d/", rand.between(1, 12), rand.between(1, 28), rand.between(1, 20)));
    return urls;
  }

  private void distroAdvisory(Target t, int year, List<String> urls) {
    if ("AL2".equals(t.osFamily())) urls.add("https://alas.aws.amazon.com/AL2/ALAS2-" + year + "-"
        + rand.between(1500, 2700) + ".html");
    if ("AL2023".equals(t.osFamily())) urls.add("https://alas.aws.amazon.com/AL2023/ALAS2023-" + year + "-"
        + rand.between(100, 900) + ".html");
    if ("UBUNTU".equals(t.osFamily())) urls.add("https://ubuntu.com/security/notices/USN-" + rand.between(5000, 7200)
        + "-1");
    if ("DEBIAN".equals(t.osFamily())) urls.add("https://www.debian.org/security/" + year + "/dsa-"
        + rand.between(5000, 5900));
  }

  private List<String> related(Target t, boolean os, int year) {
    if (!os) return List.of();
    if ("UBUNTU".equals(t.osFamily())) return List.of("USN-" + rand.between(5000, 7200) + "-1");
    if ("AL2".equals(t.osFamily())) return List.of("ALAS2-" + year + "-" + rand.between(1500, 2700));
    return List.of();
  }

  private String ghsa() {
    String alphabet = "23456789cfghjmpqrvwx";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      if (i > 0 && i % 4 == 0) b.append('-');
      b.append(alphabet.charAt(rand.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private int cveYear() {
    int baseYear = fleet.base().atZone(ZoneOffset.UTC).getYear();
    return baseYear - rand.weighted(12, 30, 25, 13, 8, 6, 4, 2);
  }

  private Instant vendorCreated(int year, Instant firstSeen) {
    Instant start = LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant latest = firstSeen.minus(Duration.ofDays(1));
    return rand.between(start, end.isBefore(latest) ? end : latest).truncatedTo(ChronoUnit.MINUTES);
  }

  private Instant updated(Instant vendorCreated, Instant firstSeen) {
    return rand.between(vendorCreated, firstSeen).truncatedTo(ChronoUnit.MINUTES);
  }

  /** EPSS is heavily skewed: most CVEs are unlikely to be exploited, a few very likely. */
  private double epss() {
    double e = switch (rand.weighted(80, 15, 5)) {
      case 0 -> rand.between(0.0002, 0.005);
      case 1 -> rand.between(0.005, 0.1);
      default -> rand.between(0.1, 0.9);
    };
    return Rand.round(e, 5);
  }

  private String description(String pkg, String version, Vector v) {
    String weakness = rand.pick(WEAKNESSES);
    String who = v.vector().contains("AV:N") ? "a remote attacker" : "a local user";
    String what;
    if (v.vector().contains("C:H/I:H/A:H")) what = "execute arbitrary code or escalate privileges";
    else if (v.vector().endsWith("C:N/I:N/A:H")) what = "cause a denial of service (crash or resource exhaustion)";
    else if (v.vector().contains("C:H")) what = "read sensitive information from process memory";
    else what = "bypass intended restrictions or inject content";
    String article = "aeiou".indexOf(weakness.charAt(0)) >= 0 ? "An " : "A ";
    return article + weakness + " flaw was found in " + pkg + ". When processing specially crafted input, " + who
        + " could exploit this flaw to " + what + ". This issue affects " + pkg + " versions up to and including "
        + version + "." + (v.score() >= 7 ? " The highest threat from this vulnerability is to data confidentiality"
        + " and integrity as well as system availability." : "");
  }
}
