package dev.riskline.route;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Where targets may send: https (http only when the target allows it), and never to a link-local address
 * (169.254.0.0/16, fe80::/10) or a cloud metadata service, whose credentials a forged URL could read. The
 * host is checked when the configuration is loaded and again before each send. Messages show the scheme
 * and host, never the path or query, which may hold a token. Stateless.
 */
final class UrlCheck {
  private static final Set<String> METADATA_HOSTS = Set.of("metadata", "metadata.google.internal", "metadata.goog",
      "instance-data", "instance-data.ec2.internal", "metadata.azure.com");
  /** AWS's metadata service over IPv6. */
  private static final String AWS_METADATA_V6 = "fd00:ec2:0:0:0:0:0:254";

  private UrlCheck() {}

  /** What is wrong with the URL as configured, or null. An unknown host is left to the send-time check. */
  static String problem(URI url, boolean allowInsecureHttp) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return "expected an https URL but the scheme was " + (scheme.isEmpty() ? "missing" : scheme);
    }
    if (scheme.equals("http") && !allowInsecureHttp) {
      return "expected an https URL but was http; set allowInsecureHttp: true to send in clear text";
    }
    if (url.getHost() == null || url.getHost().isBlank()) return "expected a URL with a host";
    try {
      return addressProblem(url.getHost());
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * What is wrong with where the host resolves now, or null.
   *
   * @throws UnknownHostException when it does not resolve
   */
  static String addressProblem(String host) throws UnknownHostException {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) name = name.substring(0, name.length() - 1);
    if (METADATA_HOSTS.contains(name)) return "the host " + name + " is a cloud metadata service; sending there is refused";
    for (InetAddress a : InetAddress.getAllByName(host)) {
      if (a.isLinkLocalAddress() || a.getHostAddress().equals(AWS_METADATA_V6)) {
        return "the host " + name + " resolves to the link-local address " + a.getHostAddress()
            + " (cloud metadata lives there); sending there is refused";
      }
    }
    return null;
  }

  /** The scheme, host and port of a URL: what messages may show of it. */
  static String origin(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }
}
