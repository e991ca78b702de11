package dev.riskline.finding;

import dev.riskline.finding.Asff.ComplianceStatus;
import dev.riskline.finding.Asff.RecordState;
import dev.riskline.finding.Asff.SeverityLabel;
import dev.riskline.finding.Asff.VerificationState;
import dev.riskline.finding.Asff.WorkflowStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One ASFF finding. It holds the whole JSON tree it was read from, so fields the engine does not know
 * survive a round trip unchanged, and gives typed access to the fields the engine reads.
 *
 * <p>Immutable and thread-safe by contract: {@link #of} takes ownership of the tree, which nobody may
 * change afterwards; {@link #json()} is a read-only view. To change a finding, {@link #edit()} a copy.
 * The typed accessors read the tree on each call; they never throw on a valid finding (see
 * {@link Asff#validate}) and return empty or null for absent attributes.
 */
public final class Finding {
  private final Map<String, Object> tree;
  /** The record's JSON as read, and the tree it was read into; both null when not known. */
  private final byte[] raw;
  private final Map<String, Object> rawTree;
  /** Start and end, in {@code raw}, of each top-level value of {@code rawTree}, in order; or null. */
  private final int[] spans;
  /** {@link #vulnerabilities()}, read once. */
  private List<Vulnerability> vulnerabilities;

  private Finding(Map<String, Object> tree, byte[] raw, Map<String, Object> rawTree, int[] spans) {
    this.tree = tree;
    this.raw = raw;
    this.rawTree = rawTree;
    this.spans = spans;
  }

  /** The finding over this tree, which the caller hands over and must not change afterwards. */
  public static Finding of(Map<String, Object> tree) {
    return new Finding(Objects.requireNonNull(tree, "tree"), null, null, null);
  }

  /**
   * The finding over this tree, read from {@code json} (one JSON object, UTF-8, owned by the finding
   * from now on). Writing the finding out can then copy the record's bytes instead of writing each value.
   */
  public static Finding of(Map<String, Object> tree, byte[] json) {
    return of(tree, json, null);
  }

  /**
   * As {@link #of(Map, byte[])}, with the byte span of each top-level value: {@code spans[2i]} and
   * {@code spans[2i + 1]} are where the i-th field's value starts and ends in {@code json}. Writers can
   * then copy the values that did not change, field by field.
   */
  public static Finding of(Map<String, Object> tree, byte[] json, int[] spans) {
    Objects.requireNonNull(tree, "tree");
    boolean fits = json != null && spans != null && spans.length == tree.size() * 2;
    return new Finding(tree, json, json == null ? null : tree, fits ? spans : null);
  }

  /**
   * A finding over {@code tree}, a changed copy of this finding's tree (see {@link #edit()}), that still
   * knows the record this one was read from, so writers can copy the values that did not change.
   */
  public Finding changedTo(Map<String, Object> tree) {
    return derived(tree, this);
  }

  /** A finding over {@code tree}, a changed copy of {@code from}'s tree, that still knows {@code from}'s record. */
  static Finding derived(Map<String, Object> tree, Finding from) {
    return new Finding(Objects.requireNonNull(tree, "tree"), from.raw, from.rawTree, from.spans);
  }

  /**
   * The record's JSON as read, when this finding is that record with fields appended at its end and
   * every field of the record unchanged; null otherwise. {@code fields} of this finding's fields, in
   * order, are the record's; writers copy the bytes (up to the closing brace) and write only the rest.
   *
   * @param json the record as read, one JSON object
   * @param fields how many leading fields of {@link #json()} the bytes hold
   */
  public record Source(byte[] json, int fields) {}

  /**
   * The record this finding was read from, field by field: for each of this finding's fields, in order,
   * where its unchanged value sits in the record's bytes ({@code [start, end)}), or {@code -1, -1} when
   * the value changed or is new. Null when the record's bytes or their spans are not known.
   *
   * @param json the record as read
   * @param spans two entries per field of {@link #json()}, in its order
   */
  public record Fields(byte[] json, int[] spans) {}

  /** See {@link Fields}. */
  public Fields fields() {
    if (raw == null || spans == null) return null;
    int[] out = new int[tree.size() * 2];
    var theirs = rawTree.entrySet().iterator();
    int j = 0;
    Map.Entry<String, Object> next = theirs.hasNext() ? theirs.next() : null;
    int i = 0;
    for (Map.Entry<String, Object> e : tree.entrySet()) {
      while (next != null && !next.getKey().equals(e.getKey()) && !tree.containsKey(next.getKey())) {
        next = theirs.hasNext() ? theirs.next() : null;
        j++;
      }
      boolean same = next != null && next.getKey().equals(e.getKey()) && next.getValue() == e.getValue();
      out[i++] = same ? spans[2 * j] : -1;
      out[i++] = same ? spans[2 * j + 1] : -1;
      if (next != null && next.getKey().equals(e.getKey())) {
        next = theirs.hasNext() ? theirs.next() : null;
        j++;
      }
    }
    return new Fields(raw, out);
  }

  /** See {@link Source}; null when the record's bytes are not known or its fields changed. */
  public Source source() {
    if (raw == null || rawTree.size() > tree.size()) return null;
    var mine = tree.entrySet().iterator();
    for (Map.Entry<String, Object> theirs : rawTree.entrySet()) {
      Map.Entry<String, Object> e = mine.next();
      if (!e.getKey().equals(theirs.getKey()) || e.getValue() != theirs.getValue()) return null;
    }
    return new Source(raw, rawTree.size());
  }

  /** The whole ASFF tree, read-only. */
  public Map<String, Object> json() {
    return Collections.unmodifiableMap(tree);
  }

  /** A copy of the top-level map to build a changed finding from; nested values are shared, replace them, never change them. */
  public Map<String, Object> edit() {
    return new LinkedHashMap<>(tree);
  }

  // ---- identity ----

  public FindingId identity() {
    return new FindingId(productArn(), id());
  }

  public String id() {
    return str(tree.get("Id"));
  }

  public String productArn() {
    return str(tree.get("ProductArn"));
  }

  public String generatorId() {
    return str(tree.get("GeneratorId"));
  }

  public String awsAccountId() {
    return str(tree.get("AwsAccountId"));
  }

  public String awsAccountName() {
    return str(tree.get("AwsAccountName"));
  }

  public String title() {
    return str(tree.get("Title"));
  }

  public String description() {
    return str(tree.get("Description"));
  }

  /** {@code ProductName}, else the {@code aws/securityhub/ProductName} product field. */
  public String productName() {
    String name = str(tree.get("ProductName"));
    return name != null ? name : productFields().get("aws/securityhub/ProductName");
  }

  public String companyName() {
    return str(tree.get("CompanyName"));
  }

  /** {@code Region}, else the region in the product ARN, else the first resource's region. */
  public String region() {
    String region = str(tree.get("Region"));
    if (region != null) return region;
    String arn = productArn();
    if (arn != null) {
      String[] parts = arn.split(":", 5);
      if (parts.length > 3 && !parts[3].isEmpty()) return parts[3];
    }
    List<Resource> res = resources();
    return res.isEmpty() ? null : res.get(0).region();
  }

  // ---- severity, state ----

  /** {@code Severity.Label}, else derived from {@code Severity.Normalized}; null when neither is valid. */
  public SeverityLabel severityLabel() {
    Map<String, Object> sev = map(tree.get("Severity"));
    Optional<SeverityLabel> label = Asff.parse(SeverityLabel.class, sev.get("Label"));
    if (label.isPresent()) return label.get();
    Double n = Values.number(sev.get("Normalized"));
    return n == null ? null : SeverityLabel.fromNormalized(n.intValue());
  }

  /** {@code Severity.Normalized}, else derived from the label; -1 when neither is valid. */
  public int severityNormalized() {
    Map<String, Object> sev = map(tree.get("Severity"));
    Double n = Values.number(sev.get("Normalized"));
    if (n != null) return n.intValue();
    SeverityLabel label = Asff.parse(SeverityLabel.class, sev.get("Label")).orElse(null);
    return label == null ? -1 : label.normalized();
  }

  public String severityOriginal() {
    return str(map(tree.get("Severity")).get("Original"));
  }

  /** {@code Workflow.Status}; NEW when absent, as Security Hub starts every finding. */
  public WorkflowStatus workflowStatus() {
    return Asff.parse(WorkflowStatus.class, map(tree.get("Workflow")).get("Status")).orElse(WorkflowStatus.NEW);
  }

  /** {@code RecordState}; ACTIVE when absent. */
  public RecordState recordState() {
    return Asff.parse(RecordState.class, tree.get("RecordState")).orElse(RecordState.ACTIVE);
  }

  public VerificationState verificationState() {
    return Asff.parse(VerificationState.class, tree.get("VerificationState")).orElse(null);
  }

  public Integer confidence() {
    Double d = Values.number(tree.get("Confidence"));
    return d == null ? null : d.intValue();
  }

  public Integer criticality() {
    Double d = Values.number(tree.get("Criticality"));
    return d == null ? null : d.intValue();
  }

  // ---- compliance ----

  /** {@code Compliance.Status}, or null for findings that are not checks (GuardDuty, Inspector). */
  public ComplianceStatus complianceStatus() {
    return Asff.parse(ComplianceStatus.class, map(tree.get("Compliance")).get("Status")).orElse(null);
  }

  /**
   * {@code Compliance.SecurityControlId}; for findings of the older per-standard format, the control
   * part of {@code ProductFields.ControlId} or of a {@code GeneratorId} such as
   * {@code security-control/Config.1}.
   */
  public String controlId() {
    String id = str(map(tree.get("Compliance")).get("SecurityControlId"));
    if (id != null) return id;
    String gen = generatorId();
    if (gen != null && gen.startsWith("security-control/")) return gen.substring("security-control/".length());
    return str(map(tree.get("ProductFields")).get("ControlId"));
  }

  /** {@code Compliance.AssociatedStandards[].StandardsId}. */
  public List<String> associatedStandards() {
    List<String> out = new ArrayList<>();
    for (Object o : list(map(tree.get("Compliance")).get("AssociatedStandards"))) {
      String id = str(map(o).get("StandardsId"));
      if (id != null) out.add(id);
    }
    return out;
  }

  public List<String> relatedRequirements() {
    return strings(map(tree.get("Compliance")).get("RelatedRequirements"));
  }

  /** True for findings of Security Hub's own controls (product {@code aws/securityhub} with a compliance result). */
  public boolean isControlFinding() {
    String arn = productArn();
    return arn != null && arn.endsWith("::product/aws/securityhub") && tree.get("Compliance") instanceof Map<?, ?>;
  }

  // ---- resources, types, times ----

  public List<String> types() {
    return strings(tree.get("Types"));
  }

  public List<Resource> resources() {
    List<Resource> out = new ArrayList<>();
    for (Object o : list(tree.get("Resources"))) {
      Map<String, Object> r = map(o);
      out.add(new Resource(str(r.get("Type")), str(r.get("Id")), str(r.get("Region")),
          str(r.get("Partition")), stringMap(r.get("Tags"))));
    }
    return out;
  }

  public Instant createdAt() {
    return instant("CreatedAt");
  }

  public Instant updatedAt() {
    return instant("UpdatedAt");
  }

  public Instant firstObservedAt() {
    return instant("FirstObservedAt");
  }

  public Instant lastObservedAt() {
    return instant("LastObservedAt");
  }

  // ---- vulnerabilities ----

  public List<Vulnerability> vulnerabilities() {
    List<Vulnerability> v = vulnerabilities;
    if (v == null) {
      v = readVulnerabilities();
      vulnerabilities = v; // racy but safe: an immutable list of immutable records, the same each time
    }
    return v;
  }

  private List<Vulnerability> readVulnerabilities() {
    if (!(tree.get("Vulnerabilities") instanceof List<?> l) || l.isEmpty()) return List.of();
    List<Vulnerability> out = new ArrayList<>();
    for (Object o : list(tree.get("Vulnerabilities"))) {
      Map<String, Object> v = map(o);
      List<Cvss> cvss = new ArrayList<>();
      for (Object c : list(v.get("Cvss"))) {
        Map<String, Object> cm = map(c);
        cvss.add(new Cvss(str(cm.get("Version")), Values.number(cm.get("BaseScore")), str(cm.get("BaseVector")),
            str(cm.get("Source"))));
      }
      List<Package> packages = new ArrayList<>();
      for (Object p : list(v.get("VulnerablePackages"))) {
        Map<String, Object> pm = map(p);
        packages.add(new Package(str(pm.get("Name")), str(pm.get("Version")), str(pm.get("FixedInVersion")),
            str(pm.get("PackageManager")), str(pm.get("Remediation"))));
      }
      out.add(new Vulnerability(str(v.get("Id")), cvss, Values.number(v.get("EpssScore")),
          str(v.get("ExploitAvailable")), str(v.get("FixAvailable")), packages));
    }
    return List.copyOf(out);
  }

  // ---- maps, note ----

  public Map<String, String> productFields() {
    return stringMap(tree.get("ProductFields"));
  }

  public Map<String, String> userDefinedFields() {
    return stringMap(tree.get("UserDefinedFields"));
  }

  /** {@code Note.Text}, or null. */
  public String noteText() {
    return str(map(tree.get("Note")).get("Text"));
  }

  public String noteUpdatedBy() {
    return str(map(tree.get("Note")).get("UpdatedBy"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Finding f && tree.equals(f.tree);
  }

  @Override
  public int hashCode() {
    return tree.hashCode();
  }

  @Override
  public String toString() {
    return "Finding[" + productArn() + " " + id() + "]";
  }

  // ---- records ----

  /** One of {@code Resources}: type, id (an ARN for AWS resources), region, partition and tags. */
  public record Resource(String type, String id, String region, String partition, Map<String, String> tags) {
    public Resource {
      tags = tags == null ? Map.of() : Collections.unmodifiableMap(tags);
    }
  }

  /** One of {@code Vulnerabilities}: the CVE (or other) id, CVSS scores, EPSS, exploit and fix availability, packages. */
  public record Vulnerability(String id, List<Cvss> cvss, Double epssScore, String exploitAvailable,
      String fixAvailable, List<Package> packages) {
    public Vulnerability {
      cvss = List.copyOf(cvss);
      packages = List.copyOf(packages);
    }

    /** The highest CVSS base score of the newest CVSS version given, or null. */
    public Double cvssBaseScore() {
      Cvss best = null;
      for (Cvss c : cvss) {
        if (c.baseScore() == null) continue;
        if (best == null || compareVersions(c.version(), best.version()) > 0
            || (compareVersions(c.version(), best.version()) == 0 && c.baseScore() > best.baseScore())) {
          best = c;
        }
      }
      return best == null ? null : best.baseScore();
    }

    private static int compareVersions(String a, String b) {
      return String.valueOf(a).compareTo(String.valueOf(b));
    }
  }

  /** A CVSS score as ASFF carries it. */
  public record Cvss(String version, Double baseScore, String baseVector, String source) {}

  /** A vulnerable package. */
  public record Package(String name, String version, String fixedInVersion, String packageManager,
      String remediation) {}

  // ---- tree helpers ----

  private Instant instant(String key) {
    Object v = tree.get(key);
    return v instanceof String s ? Timestamps.parse(s).orElse(null) : null;
  }

  static String str(Object o) {
    return o instanceof String s ? s : null;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  static List<?> list(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }

  static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    for (Object e : list(o)) {
      if (e instanceof String s) out.add(s);
    }
    return out;
  }

  static Map<String, String> stringMap(Object o) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map(o).entrySet()) {
      if (e.getValue() instanceof String s) out.put(e.getKey(), s);
    }
    return out;
  }
}
