package dev.riskline.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The type-specific part of an Inspector finding in ASFF: {@code Vulnerabilities} from
 * {@code packageVulnerabilityDetails} or {@code codeVulnerabilityDetails}, {@code Network} and
 * {@code NetworkPath} from {@code networkReachabilityDetails}, {@code GeneratorDetails} from the code
 * detector. Inspector shapes: [IN2-MODEL] (reference §6.1); ASFF shapes: [SH-MODEL] {@code Vulnerability},
 * {@code Network}, {@code NetworkPathComponent}, {@code GeneratorDetails} (§1.8, §1.9). The package mapping
 * follows the documented example (§1.12, §6.3); EpssScore, ExploitAvailable, LastKnownExploitAt, the
 * adjusted-score Cvss entry, the code and the network mappings are INFERRED from member names and model
 * docs. Thread-safe: no state.
 */
final class InspectorDetails {
  private InspectorDetails() {}

  /**
   * The mapped parts; empty lists and maps for what the finding's type does not have.
   *
   * @param vulnerabilityId the CVE (package) or first CWE (code) the finding is about, or null
   */
  record Mapped(List<Map<String, Object>> vulnerabilities, String vulnerabilityId, Map<String, Object> network,
      List<Map<String, Object>> networkPath, Map<String, Object> generatorDetails) {}

  private static final Mapped NONE = new Mapped(List.of(), null, Map.of(), List.of(), Map.of());

  static Mapped map(Fields in, String type) {
    if (type == null) return NONE;
    return switch (type) {
      case "PACKAGE_VULNERABILITY" -> packageVulnerability(in);
      case "CODE_VULNERABILITY" -> codeVulnerability(in);
      default -> networkReachability(in);
    };
  }

  // ---- PACKAGE_VULNERABILITY ----

  private static Mapped packageVulnerability(Fields in) {
    if (!in.has("packageVulnerabilityDetails")) in.missing("packageVulnerabilityDetails");
    Fields d = in.object("packageVulnerabilityDetails");
    String id = in.has("packageVulnerabilityDetails") ? d.required("vulnerabilityId") : null;
    Map<String, Object> v = Tree.object();
    Tree.put(v, "Id", id);
    Tree.put(v, "VulnerablePackages", packages(d));
    Tree.put(v, "Cvss", cvss(d, in.object("inspectorScoreDetails").object("adjustedCvss")));
    Tree.put(v, "RelatedVulnerabilities", d.strings("relatedVulnerabilities"));
    Tree.put(v, "Vendor", vendor(d));
    Tree.put(v, "ReferenceUrls", d.strings("referenceUrls"));
    Tree.put(v, "FixAvailable", in.oneOf("fixAvailable", List.of("YES", "NO", "PARTIAL"), false));
    Tree.put(v, "EpssScore", in.object("epss").number("score", 0, 1));
    Tree.put(v, "ExploitAvailable", in.oneOf("exploitAvailable", List.of("YES", "NO"), false));
    Tree.putTime(v, "LastKnownExploitAt", in.object("exploitabilityDetails").time("lastKnownExploitAt", false));
    return new Mapped(List.of(v), id, Map.of(), List.of(), Map.of());
  }

  private static List<Map<String, Object>> packages(Fields d) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Fields p : d.objects("vulnerablePackages")) {
      Map<String, Object> pkg = Tree.object();
      Tree.put(pkg, "Name", p.string("name"));
      Tree.put(pkg, "Version", p.string("version"));
      Number epoch = p.integer("epoch");
      Tree.put(pkg, "Epoch", epoch == null ? null : Long.toString(epoch.longValue()));
      Tree.put(pkg, "Release", p.string("release"));
      Tree.put(pkg, "Architecture", p.string("arch"));
      Tree.put(pkg, "PackageManager", p.string("packageManager"));
      Tree.put(pkg, "FilePath", p.string("filePath"));
      Tree.put(pkg, "FixedInVersion", p.string("fixedInVersion"));
      Tree.put(pkg, "Remediation", p.string("remediation"));
      Tree.put(pkg, "SourceLayerHash", p.string("sourceLayerHash"));
      Tree.put(pkg, "SourceLayerArn", p.string("sourceLambdaLayerArn"));
      out.add(pkg);
    }
    return out;
  }

  /** The vendor and NVD scores, then Inspector's adjusted score with its {@code Adjustments} (even when none). */
  private static List<Map<String, Object>> cvss(Fields d, Fields adjusted) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Fields c : d.objects("cvss")) {
      out.add(score(c.string("version"), c.number("baseScore", 0, 10), c.string("scoringVector"), c.string("source")));
    }
    Number score = adjusted.number("score", 0, 10);
    if (score != null) {
      String source = adjusted.has("scoreSource") ? adjusted.string("scoreSource") : adjusted.string("cvssSource");
      Map<String, Object> entry = score(adjusted.string("version"), score, adjusted.string("scoringVector"), source);
      List<Map<String, Object>> adjustments = new ArrayList<>();
      for (Fields a : adjusted.objects("adjustments")) {
        Map<String, Object> adjustment = Tree.object();
        Tree.put(adjustment, "Metric", a.string("metric"));
        Tree.put(adjustment, "Reason", a.string("reason"));
        adjustments.add(adjustment);
      }
      entry.put("Adjustments", adjustments);
      out.add(entry);
    }
    return out;
  }

  private static Map<String, Object> score(String version, Number base, String vector, String source) {
    Map<String, Object> c = Tree.object();
    Tree.put(c, "Version", version);
    Tree.put(c, "BaseScore", base);
    Tree.put(c, "BaseVector", vector);
    Tree.put(c, "Source", source);
    return c;
  }

  /** {@code Vendor}, whose {@code Name} ASFF requires: none without {@code source}. */
  private static Map<String, Object> vendor(Fields d) {
    String name = d.string("source");
    Map<String, Object> v = Tree.object();
    Tree.put(v, "Name", name);
    Tree.put(v, "Url", d.string("sourceUrl"));
    Tree.put(v, "VendorSeverity", d.string("vendorSeverity"));
    Tree.putTime(v, "VendorCreatedAt", d.time("vendorCreatedAt", false));
    Tree.putTime(v, "VendorUpdatedAt", d.time("vendorUpdatedAt", false));
    return name == null ? Map.of() : v;
  }

  // ---- CODE_VULNERABILITY ----

  private static Mapped codeVulnerability(Fields in) {
    if (!in.has("codeVulnerabilityDetails")) in.missing("codeVulnerabilityDetails");
    Fields d = in.object("codeVulnerabilityDetails");
    List<String> cwes = d.strings("cwes");
    String id = cwes.isEmpty() ? d.string("detectorId") : cwes.get(0);
    if (id == null && in.has("codeVulnerabilityDetails")) {
      in.problem(in.path("codeVulnerabilityDetails"), "expected cwes or a detectorId but found neither");
    }
    Fields file = d.object("filePath");
    Map<String, Object> path = Tree.object();
    Tree.put(path, "FileName", file.string("fileName"));
    Tree.put(path, "FilePath", file.string("filePath"));
    Tree.put(path, "StartLine", file.integer("startLine"));
    Tree.put(path, "EndLine", file.integer("endLine"));
    Map<String, Object> code = Tree.object();
    Tree.put(code, "Cwes", cwes);
    Tree.put(code, "FilePath", path);
    Tree.put(code, "SourceArn", d.string("sourceLambdaLayerArn"));
    Map<String, Object> v = Tree.object();
    Tree.put(v, "Id", id);
    Tree.put(v, "ReferenceUrls", d.strings("referenceUrls"));
    Tree.put(v, "CodeVulnerabilities", code.isEmpty() ? List.of() : List.of(code));
    Map<String, Object> generator = Tree.object();
    Tree.put(generator, "Name", d.string("detectorName"));
    Tree.put(generator, "Labels", d.strings("detectorTags"));
    return new Mapped(List.of(v), id, Map.of(), List.of(), generator);
  }

  // ---- NETWORK_REACHABILITY ----

  private static Mapped networkReachability(Fields in) {
    if (!in.has("networkReachabilityDetails")) return NONE;
    Fields d = in.object("networkReachabilityDetails");
    Map<String, Object> network = Tree.object();
    Tree.put(network, "Direction", "IN");
    Tree.put(network, "Protocol", d.string("protocol"));
    Fields ports = d.object("openPortRange");
    Map<String, Object> range = Tree.object();
    Tree.put(range, "Begin", ports.integer("begin"));
    Tree.put(range, "End", ports.integer("end"));
    Tree.put(network, "OpenPortRange", range);
    List<Map<String, Object>> path = new ArrayList<>();
    for (Fields step : d.object("networkPath").objects("steps")) {
      Map<String, Object> component = Tree.object();
      Tree.put(component, "ComponentId", step.string("componentId"));
      Tree.put(component, "ComponentType", step.string("componentType"));
      path.add(component);
    }
    return new Mapped(List.of(), null, network, path, Map.of());
  }
}
