package dev.riskline.bench;

import dev.riskline.finding.Asff.SeverityLabel;
import java.time.Instant;
import java.util.List;

/**
 * One package vulnerability as Amazon Inspector reports it, before it is written in either shape (ASFF in Security
 * Hub, or Inspector's own finding).
 *
 * @param source the vendor whose score counts ({@code NVD}, {@code AMAZON_CVE}, {@code DEBIAN_CVE}, ...)
 * @param fixAvailable {@code YES}, {@code NO} or {@code PARTIAL}
 */
record Vuln(String id, String description, List<Package> packages, List<Score> cvss, String source, String sourceUrl,
    String vendorSeverity, Instant vendorCreatedAt, Instant vendorUpdatedAt, List<String> referenceUrls,
    List<String> relatedVulnerabilities, double epss, boolean exploitAvailable, Instant lastKnownExploitAt,
    String fixAvailable, boolean kev) {

  Vuln {
    packages = List.copyOf(packages);
    cvss = List.copyOf(cvss);
    referenceUrls = List.copyOf(referenceUrls);
    relatedVulnerabilities = List.copyOf(relatedVulnerabilities);
  }

  /** An installed package the vulnerability is in; OS packages have epoch, release and architecture. */
  record Package(String name, String version, String epoch, String release, String arch, String packageManager,
      String fixedInVersion, String remediation, String filePath, String sourceLayerHash) {}

  /** A CVSS score from one source. */
  record Score(String version, double baseScore, String vector, String source) {}

  /** The score Inspector rates with: the first CVSS v3.1 score, from the vendor when it gives one. */
  double inspectorScore() {
    return cvss.stream().filter(c -> c.version().equals("3.1")).findFirst().orElse(cvss.get(0)).baseScore();
  }

  /** Inspector's severity for the score: CVSS v3 rating bands ([INS-findings-understanding-severity]). */
  SeverityLabel severity() {
    double s = inspectorScore();
    if (s >= 9.0) return SeverityLabel.CRITICAL;
    if (s >= 7.0) return SeverityLabel.HIGH;
    if (s >= 4.0) return SeverityLabel.MEDIUM;
    if (s > 0) return SeverityLabel.LOW;
    return SeverityLabel.INFORMATIONAL;
  }

  /** The first package's name, as Inspector titles findings: {@code CVE-2023-12345 - openssl}. */
  String title() {
    StringBuilder b = new StringBuilder(id).append(" - ");
    for (int i = 0; i < packages.size(); i++) {
      if (i > 0) b.append(", ");
      b.append(packages.get(i).name());
    }
    return b.toString();
  }
}
