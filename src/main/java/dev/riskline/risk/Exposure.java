package dev.riskline.risk;

import dev.riskline.finding.Asff.ComplianceStatus;
import dev.riskline.finding.Finding;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether a finding's resource can be reached from the internet, and why: from the finding itself (an
 * Inspector network path, a public IP address, a security group open to {@code 0.0.0.0/0}, an
 * internet-facing load balancer, a publicly accessible database, a failed public-access control) and from
 * configuration (accounts and resource tags known to face the internet). Immutable and thread-safe.
 */
final class Exposure {
  /** Security Hub controls whose failure means something is open to the internet or to everyone. */
  static final List<String> PUBLIC_CONTROLS = List.of(
      "S3.1", "S3.2", "S3.3", "S3.8", "S3.19", "EC2.1", "EC2.2", "EC2.9", "EC2.13", "EC2.14", "EC2.18",
      "EC2.19", "EC2.21", "EC2.53", "EC2.54", "RDS.1", "RDS.2", "Lambda.1", "Redshift.1", "DMS.1", "SSM.4",
      "ES.2", "Opensearch.2", "SageMaker.1", "EMR.1", "EMR.2", "EKS.1", "SQS.3", "SNS.4", "KMS.5",
      "Neptune.3", "DocumentDB.3");

  private final Set<String> publicControls;
  private final Set<String> accounts;
  private final Map<String, String> tags;

  Exposure(List<String> publicControls, List<String> accounts, Map<String, String> tags) {
    this.publicControls = Set.copyOf(publicControls);
    this.accounts = Set.copyOf(accounts);
    this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags)); // file order: the first listed is named
  }

  static Exposure defaults() {
    return new Exposure(PUBLIC_CONTROLS, List.of(), Map.of());
  }

  static Exposure read(Settings s) {
    s.allow("accounts", "tags", "publicControls");
    return new Exposure(s.strings("publicControls", PUBLIC_CONTROLS), s.strings("accounts", List.of()),
        s.stringMap("tags", Map.of()));
  }

  /** True when the control's failure itself is an exposure (by list, or a Prowler-style check id). */
  boolean isPublicControl(String controlId) {
    if (controlId == null) return false;
    if (publicControls.contains(controlId)) return true;
    if (controlId.indexOf('_') < 0) return false; // Security Hub ids are listed; check ids read by words
    String id = controlId.toLowerCase(Locale.ROOT);
    return id.contains("public") || id.contains("internet") || id.contains("0_0_0_0");
  }

  /** Why the finding's resource is exposed, or null when nothing says it is. */
  String why(Finding f) {
    String control = f.controlId();
    if (control != null && f.complianceStatus() == ComplianceStatus.FAILED && isPublicControl(control)) {
      return "control " + control + " failed: " + shortTitle(f);
    }
    Map<String, Object> tree = f.json();
    Object network = tree.get("Network");
    if (network instanceof Map<?, ?> n && "IN".equals(n.get("Direction")) && n.get("OpenPortRange") instanceof Map<?, ?> r) {
      return "open network path from the internet to " + ports(r.get("Begin"), r.get("End"));
    }
    for (String type : f.types()) {
      if (type.endsWith("/Network Reachability")) return "network reachability finding (" + type + ")";
    }
    if (!accounts.isEmpty()) {
      if (f.awsAccountId() != null && accounts.contains(f.awsAccountId())) {
        return "account " + f.awsAccountId() + " is configured as internet-facing";
      }
      if (f.awsAccountName() != null && accounts.contains(f.awsAccountName())) {
        return "account " + f.awsAccountName() + " is configured as internet-facing";
      }
    }
    Object resources = tree.get("Resources");
    if (resources instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> r) {
          String why = resource(r);
          if (why != null) return why;
        }
      }
    }
    return null;
  }

  private String resource(Map<?, ?> r) {
    Object id = r.get("Id");
    if (!tags.isEmpty() && r.get("Tags") instanceof Map<?, ?> t) {
      for (Map.Entry<String, String> want : tags.entrySet()) {
        Object v = t.get(want.getKey());
        if (v != null && (want.getValue().equals("*") || want.getValue().equals(v))) {
          return "resource " + id + " is tagged " + want.getKey() + "=" + v;
        }
      }
    }
    if (!(r.get("Details") instanceof Map<?, ?> details)) return null;
    for (Map.Entry<?, ?> e : details.entrySet()) {
      if (!(e.getValue() instanceof Map<?, ?> d)) continue;
      String why = switch (String.valueOf(e.getKey())) {
        case "AwsEc2Instance" -> publicAddress(d.get("IpV4Addresses"), id);
        case "AwsEc2SecurityGroup" -> openIngress(d.get("IpPermissions"), id);
        case "AwsElbv2LoadBalancer", "AwsElbLoadBalancer" ->
            "internet-facing".equals(d.get("Scheme")) ? "load balancer " + id + " is internet-facing" : null;
        case "AwsRdsDbInstance" ->
            Boolean.TRUE.equals(d.get("PubliclyAccessible")) ? "database " + id + " is publicly accessible" : null;
        case "AwsEc2NetworkInterface" -> d.get("PublicIp") != null ? "network interface " + id + " has a public IP" : null;
        default -> null;
      };
      if (why != null) return why;
    }
    return null;
  }

  private static String publicAddress(Object addresses, Object id) {
    if (!(addresses instanceof List<?> list)) return null;
    for (Object a : list) {
      if (a instanceof String ip && isPublicIpv4(ip)) return "instance " + id + " has the public IP address " + ip;
    }
    return null;
  }

  private static String openIngress(Object permissions, Object id) {
    if (!(permissions instanceof List<?> list)) return null;
    for (Object p : list) {
      if (!(p instanceof Map<?, ?> perm)) continue;
      if (anyCidr(perm.get("IpRanges"), "CidrIp", "0.0.0.0/0") || anyCidr(perm.get("Ipv6Ranges"), "CidrIpv6", "::/0")) {
        // IpProtocol -1 is all traffic: its ports, when given at all, are -1
        boolean all = "-1".equals(String.valueOf(perm.get("IpProtocol")));
        String ports = all ? "all ports" : ports(perm.get("FromPort"), perm.get("ToPort"));
        return "security group " + id + " allows ingress from anywhere to " + ports;
      }
    }
    return null;
  }

  /** {@code port 22}, {@code ports 1024-65535}, or {@code all ports} when none are given. */
  private static String ports(Object from, Object to) {
    if (from == null) return "all ports";
    return from.equals(to) || to == null ? "port " + from : "ports " + from + "-" + to;
  }

  private static boolean anyCidr(Object ranges, String key, String open) {
    if (!(ranges instanceof List<?> list)) return false;
    for (Object o : list) {
      if (o instanceof Map<?, ?> m && open.equals(m.get(key))) return true;
    }
    return false;
  }

  /** An IPv4 address outside the private, loopback, link-local, shared and multicast ranges. */
  static boolean isPublicIpv4(String ip) {
    int[] o = new int[4];
    int part = 0;
    int digits = 0;
    for (int i = 0; i < ip.length(); i++) {
      char c = ip.charAt(i);
      if (c == '.') {
        if (digits == 0 || ++part > 3) return false;
        digits = 0;
      } else if (c >= '0' && c <= '9' && digits < 3) {
        o[part] = o[part] * 10 + (c - '0');
        digits++;
      } else {
        return false;
      }
    }
    if (part != 3 || digits == 0 || o[0] > 255 || o[1] > 255 || o[2] > 255 || o[3] > 255) return false;
    return !(o[0] == 10 || o[0] == 127 || o[0] == 0 || o[0] >= 224
        || (o[0] == 172 && o[1] >= 16 && o[1] <= 31)
        || (o[0] == 192 && o[1] == 168)
        || (o[0] == 169 && o[1] == 254)
        || (o[0] == 100 && o[1] >= 64 && o[1] <= 127));
  }


  private static String shortTitle(Finding f) {
    String t = f.title();
    if (t == null) return "public access";
    return t.length() > 100 ? t.substring(0, 97) + "..." : t;
  }
}
