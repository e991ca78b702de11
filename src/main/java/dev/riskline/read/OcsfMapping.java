package dev.riskline.read;

import dev.riskline.finding.Asff;
import dev.riskline.finding.Asff.SeverityLabel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps one OCSF Detection Finding (class_uid 2004) or Compliance Finding (2003) to an ASFF finding: the
 * records of Prowler 4+ {@code *.ocsf.json} files (a JSON array of them) and of OCSF producers such as the
 * OCSF-based Security Hub. Prowler's field use: {@code prowler/lib/outputs/ocsf/ocsf.py}; the ASFF Prowler
 * itself writes for the same check, which this mapping follows where OCSF allows:
 * {@code prowler/lib/outputs/asff/asff.py} (ProductArn {@code product/prowler/prowler}, the
 * {@code ProviderName}, {@code ProviderVersion} and {@code ProwlerResourceName} product fields, the
 * status_extended text as Description, Remediation cut to 512 characters). ASFF side: reference §1.
 *
 * <p>INFERRED: Fatal is CRITICAL and Other/Unknown INFORMATIONAL; MANUAL is Compliance WARNING (Prowler's
 * ASFF skips MANUAL results); a muted ("Suppressed") result keeps its Compliance.Status and is
 * Workflow.Status SUPPRESSED (Prowler's ASFF turns it into WARNING instead); Resolved is RESOLVED;
 * RelatedRequirements are {@code <framework>/<requirement>}; Types are the ASFF-style
 * {@code finding_info.types}, else {@code Software and Configuration Checks/Industry and Regulatory
 * Standards}; the ProductArn of other products is {@code product/<vendor>/<product>} in lower case without
 * spaces. OCSF times are epoch milliseconds but Prowler writes epoch seconds; both are read (told apart by
 * size), and the number is preferred to its {@code _dt} twin, which Prowler may write in local time without
 * an offset. Thread-safe: no state.
 */
final class OcsfMapping {
  private static final List<String> SEVERITY_NAMES =
      List.of("Unknown", "Informational", "Low", "Medium", "High", "Critical", "Fatal", "Other");
  private static final Map<Integer, String> SEVERITY_IDS = Map.of(
      0, "Unknown", 1, "Informational", 2, "Low", 3, "Medium", 4, "High", 5, "Critical", 6, "Fatal", 99, "Other");
  private static final Map<String, String> LABELS = Map.of(
      "unknown", "INFORMATIONAL", "informational", "INFORMATIONAL", "low", "LOW", "medium", "MEDIUM",
      "high", "HIGH", "critical", "CRITICAL", "fatal", "CRITICAL", "other", "INFORMATIONAL");
  private static final List<String> STATUS_CODES = List.of("FAIL", "PASS", "MANUAL");
  private static final Map<String, String> COMPLIANCE = Map.of("FAIL", "FAILED", "PASS", "PASSED", "MANUAL", "WARNING");
  private static final List<String> TYPE_NAMESPACES = List.of("Software and Configuration Checks", "TTPs", "Effects",
      "Unusual Behaviors", "Sensitive Data Identifications");
  private static final String STANDARDS_TYPE = "Software and Configuration Checks/Industry and Regulatory Standards";
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final int MAX_REQUIREMENTS = 32;

  private OcsfMapping() {}

  /** What the record says, read and checked before anything is built. */
  private record Read(String id, String productName, String vendor, String productVersion, String generatorId,
      String account, String accountName, String partition, String region, Instant created, Instant first,
      Instant last, Instant updated, String title, String description, String label, String original,
      Map<String, Object> recommendation, String statusCode, Map<String, Object> compliance, String workflow,
      List<String> types, List<Map<String, Object>> resources) {}

  /**
   * The ASFF finding for this OCSF finding, a new tree in ASFF field order.
   *
   * @throws BadRecord with every problem when a required field is missing or a field has the wrong type
   */
  static Map<String, Object> toAsff(Map<String, Object> ocsf) {
    return build(read(Fields.of(ocsf)));
  }

  private static Read read(Fields in) {
    classUid(in);
    Fields info = in.object("finding_info");
    String id = info.required("uid");
    Fields product = in.object("metadata").object("product");
    String productName = product.required("name");
    String generatorId = in.object("metadata").text("event_code");
    Fields account = in.object("cloud").object("account");
    String accountId = account(account);
    String region = region(in);
    String title = info.required("title");
    String description = orElse(in.text("status_detail"), info.text("desc"), in.text("message"), title);
    String[] severity = severity(in);
    Instant updated = time(in, "time");
    if (updated == null && !in.has("time") && !in.has("time_dt")) in.missing("time");
    Instant created = orElse(time(info, "created_time"), time(info, "first_seen_time"), updated);
    Instant first = orElse(time(info, "first_seen_time"), time(info, "created_time"), updated);
    Instant last = orElse(time(info, "last_seen_time"), updated);
    String statusCode = in.has("status_code") ? in.oneOf("status_code", STATUS_CODES, false) : null;
    String partition = partition(in, region);
    List<Map<String, Object>> resources = OcsfResources.map(in, partition, region, accountId);
    Read r = new Read(id, productName, product.text("vendor_name"), product.text("version"),
        orElse(generatorId, id), accountId, account.text("name"), partition, region, created,
        first, last, updated, title, description, severity[0], severity[1], recommendation(in.object("remediation")),
        statusCode, compliance(in, statusCode), workflow(in), types(info), resources);
    in.throwIfAny();
    return r;
  }

  private static Map<String, Object> build(Read r) {
    boolean prowler = "prowler".equalsIgnoreCase(r.productName());
    String productArn = "arn:" + r.partition() + ":securityhub:" + r.region() + "::product/"
        + (prowler ? "prowler/prowler" : slug(r.vendor() != null ? r.vendor() : r.productName()) + "/"
            + slug(r.productName()));
    Map<String, Object> f = Tree.object();
    f.put("SchemaVersion", Asff.SCHEMA_VERSION);
    f.put("Id", r.id());
    f.put("ProductArn", productArn);
    f.put("ProductName", r.productName());
    Tree.put(f, "CompanyName", r.vendor());
    f.put("Region", r.region());
    f.put("GeneratorId", Tree.cut(r.generatorId(), 512));
    f.put("AwsAccountId", r.account());
    f.put("Types", r.types());
    Tree.putTime(f, "FirstObservedAt", r.first());
    Tree.putTime(f, "LastObservedAt", r.last());
    Tree.putTime(f, "CreatedAt", r.created());
    Tree.putTime(f, "UpdatedAt", r.updated());
    f.put("Severity", severity(r, true));
    f.put("Title", Tree.cut(r.title(), 256));
    f.put("Description", Tree.cut(r.description(), 1024));
    if (!r.recommendation().isEmpty()) f.put("Remediation", Map.of("Recommendation", r.recommendation()));
    f.put("ProductFields", productFields(r, prowler));
    f.put("Resources", r.resources());
    f.put("Compliance", r.compliance());
    f.put("Workflow", Map.of("Status", r.workflow()));
    f.put("RecordState", "ACTIVE");
    Map<String, Object> fpf = Tree.object();
    fpf.put("Severity", severity(r, false));
    fpf.put("Types", r.types());
    f.put("FindingProviderFields", fpf);
    Tree.put(f, "AwsAccountName", Tree.cut(r.accountName(), 50));
    return f;
  }

  private static Map<String, Object> severity(Read r, boolean normalized) {
    Map<String, Object> s = Tree.object();
    s.put("Label", r.label());
    if (normalized) s.put("Normalized", SeverityLabel.valueOf(r.label()).normalized());
    s.put("Original", r.original());
    return s;
  }

  /** Prowler's product fields (all values strings), plus the result as given. */
  private static Map<String, String> productFields(Read r, boolean prowler) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("ProviderName", r.productName());
    if (r.productVersion() != null) p.put("ProviderVersion", r.productVersion());
    if (prowler && r.resources().get(0).get("Id") instanceof String id) p.put("ProwlerResourceName", id);
    if (r.statusCode() != null) p.put("StatusCode", r.statusCode());
    return p;
  }

  // ---- reading ----

  private static void classUid(Fields in) {
    Object uid = in.raw("class_uid");
    if (uid != null && !(uid instanceof Number n && (n.intValue() == 2003 || n.intValue() == 2004)
        && n.doubleValue() == n.intValue())) {
      in.fail("class_uid", "expected one of [2003, 2004]", uid);
    }
  }

  private static String account(Fields account) {
    String id = account.required("uid");
    if (id != null && !ACCOUNT.matcher(id).matches()) {
      account.fail("uid", "expected 12 digits", id);
      return null;
    }
    return id;
  }

  private static String region(Fields in) {
    String region = in.object("cloud").text("region");
    if (region != null) return region;
    List<?> resources = in.raw("resources") instanceof List<?> l ? l : List.of();
    if (!resources.isEmpty() && resources.get(0) instanceof Map<?, ?> m && m.get("region") instanceof String s
        && !s.isBlank()) {
      return s;
    }
    in.object("cloud").missing("region");
    return null;
  }

  /** The partition of the first resource, else the one the region belongs to. */
  private static String partition(Fields in, String region) {
    List<?> resources = in.raw("resources") instanceof List<?> l ? l : List.of();
    if (!resources.isEmpty() && resources.get(0) instanceof Map<?, ?> m
        && m.get("cloud_partition") instanceof String s && !s.isBlank()) {
      return s;
    }
    if (region == null) return "aws";
    if (region.startsWith("cn-")) return "aws-cn";
    if (region.startsWith("us-gov-")) return "aws-us-gov";
    return "aws";
  }

  /** {label, original}: from {@code severity} (any case), else {@code severity_id}. */
  private static String[] severity(Fields in) {
    if (in.has("severity")) {
      Object v = in.raw("severity");
      String label = v instanceof String s ? LABELS.get(s.toLowerCase(Locale.ROOT)) : null;
      if (label == null) in.fail("severity", "expected one of " + SEVERITY_NAMES, v);
      return new String[] {label, label == null ? null : (String) v};
    }
    if (in.has("severity_id")) {
      Object v = in.raw("severity_id");
      String name = v instanceof Number n && n.doubleValue() == n.intValue() ? SEVERITY_IDS.get(n.intValue()) : null;
      if (name == null) in.fail("severity_id", "expected one of [0, 1, 2, 3, 4, 5, 6, 99]", v);
      return new String[] {name == null ? null : LABELS.get(name.toLowerCase(Locale.ROOT)), name};
    }
    in.missing("severity");
    return new String[] {null, null};
  }

  /** An OCSF time: the number {@code key} (epoch milliseconds or seconds), else the string {@code key_dt}. */
  private static Instant time(Fields f, String key) {
    return f.has(key) ? f.time(key, false) : f.time(key + "_dt", false);
  }

  /**
   * {@code Remediation.Recommendation}: Text from {@code desc}, Url the first reference that is a web
   * address (Prowler's first reference is often a CLI command or "No command available.").
   */
  private static Map<String, Object> recommendation(Fields remediation) {
    Map<String, Object> out = Tree.object();
    Tree.put(out, "Text", Tree.cut(remediation.string("desc"), 512));
    for (String reference : remediation.strings("references")) {
      if (reference.startsWith("https://") || reference.startsWith("http://")) {
        out.put("Url", reference);
        break;
      }
    }
    return out;
  }

  /**
   * {@code Compliance}: Status from {@code status_code} (else the OCSF {@code compliance.status}),
   * RelatedRequirements from Prowler's {@code unmapped.compliance} and OCSF {@code compliance.requirements},
   * SecurityControlId and AssociatedStandards from the OCSF {@code compliance} object.
   */
  private static Map<String, Object> compliance(Fields in, String statusCode) {
    Fields ocsf = in.object("compliance");
    String status = statusCode != null ? COMPLIANCE.get(statusCode) : null;
    if (status == null && ocsf.raw("status") instanceof String s) {
      status = Map.of("pass", "PASSED", "warning", "WARNING", "fail", "FAILED").get(s.toLowerCase(Locale.ROOT));
    }
    Set<String> requirements = new LinkedHashSet<>();
    Fields frameworks = in.object("unmapped").object("compliance");
    for (String framework : frameworks.keys()) {
      List<String> ids = frameworks.raw(framework) instanceof String s ? List.of(s) : frameworks.strings(framework);
      for (String id : ids) requirements.add(framework + "/" + id);
    }
    requirements.addAll(ocsf.strings("requirements"));
    Map<String, Object> c = Tree.object();
    c.put("Status", status != null ? status : "NOT_AVAILABLE");
    Tree.put(c, "RelatedRequirements", new ArrayList<>(requirements).subList(0,
        Math.min(requirements.size(), MAX_REQUIREMENTS)));
    Tree.put(c, "SecurityControlId", ocsf.string("control"));
    List<Map<String, Object>> standards = new ArrayList<>();
    for (String standard : ocsf.strings("standards")) standards.add(Map.of("StandardsId", standard));
    Tree.put(c, "AssociatedStandards", standards);
    return c;
  }

  private static String workflow(Fields in) {
    Object status = in.raw("status");
    Object statusId = in.raw("status_id");
    boolean muted = Boolean.TRUE.equals(in.raw("muted")) || Boolean.TRUE.equals(in.object("unmapped").raw("muted"));
    if (muted || "suppressed".equalsIgnoreCase(String.valueOf(status)) || isInt(statusId, 3)) return "SUPPRESSED";
    if ("resolved".equalsIgnoreCase(String.valueOf(status)) || isInt(statusId, 4)) return "RESOLVED";
    return "NEW";
  }

  private static boolean isInt(Object v, int expected) {
    return v instanceof Number n && n.doubleValue() == expected;
  }

  /**
   * The {@code finding_info.types} (Prowler's CheckType) that are ASFF type paths with at least a category
   * ({@code Software and Configuration Checks/AWS Security Best Practices}), else the standards type. Some
   * Prowler checks list the path's parts as separate items; those become the standards type.
   */
  private static List<String> types(Fields info) {
    List<String> types = new ArrayList<>();
    for (String type : info.strings("types")) {
      for (String namespace : TYPE_NAMESPACES) {
        if (type.startsWith(namespace + "/") && types.size() < 50) types.add(type);
      }
    }
    return types.isEmpty() ? List.of(STANDARDS_TYPE) : types;
  }

  private static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "");
  }

  @SafeVarargs
  private static <T> T orElse(T... values) {
    for (T v : values) if (v != null) return v;
    return null;
  }
}
