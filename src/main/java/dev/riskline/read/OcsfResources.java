package dev.riskline.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code resources} of an OCSF finding as ASFF {@code Resources}. OCSF {@code resource_details}
 * ({@code uid}, {@code name}, {@code type}, {@code region}, {@code cloud_partition}, {@code labels},
 * {@code tags}) as Prowler 4+ writes them ({@code prowler/lib/outputs/ocsf/ocsf.py}: the type is Prowler's
 * check metadata {@code ResourceType}, already an ASFF name such as {@code AwsS3Bucket}; tags are unrolled
 * into {@code "key:value"} labels). ASFF side: [SH-MODEL] {@code Resource} (reference §1.6).
 * Thread-safe: no state.
 */
final class OcsfResources {
  /** ASFF resource type names: {@code AwsS3Bucket}, {@code AwsEc2Instance}, {@code AwsAccount}, ... */
  private static final Pattern AWS_TYPE = Pattern.compile("Aws[A-Z][A-Za-z0-9]*");
  private static final int MAX_RESOURCES = 32;
  private static final int MAX_TAG_VALUE = 256;

  private OcsfResources() {}

  /**
   * The ASFF resources. A finding without resources is about its account, as Security Hub's own
   * account-level findings are: {@code AwsAccount} {@code AWS::::Account:<id>} (INFERRED).
   */
  static List<Map<String, Object>> map(Fields in, String partition, String region, String account) {
    List<Fields> items = in.objects("resources");
    if (items.size() > MAX_RESOURCES) {
      in.problem(in.path("resources"), "expected at most " + MAX_RESOURCES + " resources but found " + items.size());
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Fields r : items) {
      String id = r.has("uid") ? r.required("uid") : r.text("name");
      if (id == null && !r.has("uid")) r.missing("uid");
      String type = r.string("type");
      String asffType = type != null && AWS_TYPE.matcher(type).matches() ? type : "Other";
      Map<String, Object> res = Tree.object();
      res.put("Type", asffType);
      Tree.put(res, "Id", id);
      Tree.put(res, "Partition", r.text("cloud_partition") != null ? r.text("cloud_partition") : partition);
      Tree.put(res, "Region", r.text("region") != null ? r.text("region") : region);
      Tree.put(res, "Tags", tags(r));
      if ("Other".equals(asffType) && type != null && !type.equals("Other")) {
        res.put("Details", Map.of("Other", Map.of("Type", type)));
      }
      out.add(res);
    }
    if (out.isEmpty() && account != null) out.add(account(partition, region, account));
    return out;
  }

  private static Map<String, Object> account(String partition, String region, String account) {
    Map<String, Object> res = Tree.object();
    res.put("Type", "AwsAccount");
    res.put("Id", "AWS::::Account:" + account);
    Tree.put(res, "Partition", partition);
    Tree.put(res, "Region", region);
    return res;
  }

  /**
   * Tags from Prowler's {@code labels} ({@code "key:value"}; older versions {@code "key: value"}) and from
   * OCSF {@code tags} ({@code [{name, value}]} or an object). A label is split at its first colon: Prowler
   * joins key and value with a colon, so a key that itself holds one ({@code aws:cloudformation:stack-name})
   * cannot be told apart from its value and comes out split at the wrong place. Values are cut to ASFF's
   * 256 characters.
   */
  static Map<String, String> tags(Fields r) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String label : r.strings("labels")) {
      int colon = label.indexOf(':');
      if (colon < 0) {
        tags.put(label, "");
      } else {
        tags.put(label.substring(0, colon), Tree.cut(label.substring(colon + 1).strip(), MAX_TAG_VALUE));
      }
    }
    Object raw = r.raw("tags");
    if (raw instanceof List<?>) {
      for (Fields t : r.objects("tags")) {
        String key = t.has("name") ? t.string("name") : t.string("key");
        String value = t.string("value");
        if (key != null) tags.put(key, Tree.cut(value == null ? "" : value, MAX_TAG_VALUE));
      }
    } else if (raw != null) {
      r.stringMap("tags").forEach((k, v) -> tags.put(k, Tree.cut(v, MAX_TAG_VALUE)));
    }
    return tags;
  }
}
