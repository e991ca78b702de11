package dev.riskline.bench;

import static dev.riskline.bench.Resources.iso;
import static dev.riskline.bench.Tree.obj;

import dev.riskline.bench.Fleet.Observed;
import dev.riskline.bench.ThreatFindings.Origin;
import dev.riskline.bench.ThreatFindings.ThreatType;
import java.util.List;
import java.util.Map;

/** The parts of a GuardDuty finding that depend on how the threat was seen: product fields, network, action. */
final class GuardDutyDetails {
  private final Rand rand;
  private final Fleet fleet;

  GuardDutyDetails(Rand rand, Fleet fleet) {
    this.rand = rand;
    this.fleet = fleet;
  }

  Map<String, Object> productFields(ThreatType type, Observed seen, String detector, Origin origin, String findingId) {
    String prefix = "aws/guardduty/service/";
    String actionType = actionType(type);
    Map<String, Object> fields = obj(prefix + "action/actionType", actionType);
    if (!actionType.equals("DNS_REQUEST")) {
      String remote = prefix + "action/" + actionKey(actionType) + "/remoteIpDetails/";
      fields.put(remote + "country/countryName", origin.country());
      fields.put(remote + "organization/asnOrg", origin.org());
    }
    fields.putAll(obj(
        prefix + "archived", "false",
        prefix + "count", String.valueOf(rand.between(1, 400)),
        prefix + "detectorId", detector,
        prefix + "eventFirstSeen", iso(seen.first()),
        prefix + "eventLastSeen", iso(seen.last()),
        prefix + "resourceRole", "TARGET",
        prefix + "serviceName", "guardduty",
        prefix + "additionalInfo/threatListName", type.severity() >= 5 ? "ProofPoint" : null,
        "aws/guardduty/type", type.type(),
        "aws/securityhub/FindingId", findingId,
        "aws/securityhub/ProductName", "GuardDuty",
        "aws/securityhub/CompanyName", "Amazon"));
    return fields;
  }

  private static String actionType(ThreatType type) {
    int colon = type.action().indexOf(':');
    return colon < 0 ? type.action() : type.action().substring(0, colon);
  }

  private static String actionKey(String actionType) {
    return switch (actionType) {
      case "NETWORK_CONNECTION" -> "networkConnectionAction";
      case "PORT_PROBE" -> "portProbeAction";
      default -> "awsApiCallAction";
    };
  }

  /** The {@code Network} section for threats seen on the network; null for API calls. */
  @SuppressWarnings("unchecked")
  Map<String, Object> network(ThreatType type, String ip, Map<String, Object> resource) {
    String actionType = actionType(type);
    if (!actionType.equals("NETWORK_CONNECTION") && !actionType.equals("PORT_PROBE")) return null;
    Map<String, Object> ec2 = (Map<String, Object>) ((Map<String, Object>) resource.get("Details"))
        .get("AwsEc2Instance");
    List<Object> ips = (List<Object>) ec2.get("IpV4Addresses");
    return obj("Direction", "IN", "Protocol", "TCP", "SourceIpV4", ip, "SourcePort", rand.between(1024, 65535),
        "DestinationIpV4", ips.get(ips.size() - 1), "DestinationPort", port(type));
  }

  private int port(ThreatType type) {
    int colon = type.action().indexOf(':');
    return colon < 0 ? rand.pick(22, 80, 443, 3389, 8080, 5432) : Integer.parseInt(type.action().substring(colon + 1));
  }

  Map<String, Object> action(ThreatType type, String ip, Origin origin) {
    String actionType = actionType(type);
    Map<String, Object> remote = obj(
        "IpAddressV4", ip,
        "Organization", obj("Asn", origin.asn(), "AsnOrg", origin.org(), "Isp", origin.org(), "Org", origin.org()),
        "Country", obj("CountryCode", origin.code(), "CountryName", origin.country()),
        "City", obj("CityName", origin.city()),
        "GeoLocation", obj("Lat", origin.lat(), "Lon", origin.lon()));
    return switch (actionType) {
      case "NETWORK_CONNECTION" -> obj("ActionType", actionType, "NetworkConnectionAction", obj(
          "ConnectionDirection", "INBOUND", "RemoteIpDetails", remote,
          "RemotePortDetails", obj("Port", rand.between(1024, 65535), "PortName", "Unknown"),
          "LocalPortDetails", obj("Port", port(type), "PortName", port(type) == 22 ? "SSH" : "RDP"),
          "Protocol", "TCP", "Blocked", false));
      case "PORT_PROBE" -> {
        int p = port(type);
        yield obj("ActionType", actionType, "PortProbeAction", obj("PortProbeDetails", Tree.list(obj(
            "LocalPortDetails", obj("Port", p, "PortName", portName(p)),
            "LocalIpDetails", obj("IpAddressV4", fleet.privateIp()),
            "RemoteIpDetails", remote)), "Blocked", false));
      }
      case "DNS_REQUEST" -> obj("ActionType", actionType, "DnsRequestAction", obj("Domain", domain(type),
          "Protocol", "UDP", "Blocked", false));
      default -> obj("ActionType", actionType, "AwsApiCallAction", obj(
          "Api", type.action().substring(type.action().indexOf(':') + 1),
          "ServiceName", type.target().equals("S3") ? "s3.amazonaws.com" : "iam.amazonaws.com",
          "CallerType", "Remote IP", "RemoteIpDetails", remote,
          "FirstSeen", iso(fleet.base().minusSeconds(rand.between(3600, 86_400 * 60)))));
    };
  }

  private static String portName(int port) {
    return switch (port) {
      case 22 -> "SSH";
      case 80 -> "HTTP";
      case 443 -> "HTTPS";
      case 3389 -> "RDP";
      case 5432 -> "POSTGRESQL";
      default -> "Unknown";
    };
  }

  private String domain(ThreatType type) {
    if (type.type().startsWith("CryptoCurrency")) return rand.pick("xmr.pool.minergate.com", "pool.supportxmr.com");
    if (type.type().startsWith("Backdoor")) return "guarddutyc2activityb.com";
    return rand.hex(24) + ".exfil.example.net";
  }
}
