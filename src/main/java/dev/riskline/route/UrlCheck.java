package dev.riskline.route;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where targets may send: https (http only when the target allows it), and never to a link-local address
 * (169.254.0.0/16, fe80::/10) or a cloud metadata service, whose credentials a forged URL could read.
 *
 * <p>Two checks. {@link #problem} runs when the configuration is loaded and needs no DNS: the scheme, the
 * known metadata host names, and a host written as an IP address; a host name is not looked up, so loading
 * never waits on a resolver. {@link #beforeSend} runs before each request of every HTTP and AWS target: it
 * resolves the host now (it may point elsewhere since the configuration was loaded: DNS rebinding) and
 * refuses when any of its addresses is link-local or a metadata address. The JDK keeps that answer (30 s by
 * default, {@code networkaddress.cache.ttl}), so the connection that follows goes to the address checked.
 * Messages show the scheme and host, never the path or query, which may hold a token. Stateless.
 */
final class UrlCheck {
  private static final Set<String> METADATA_HOSTS = Set.of("metadata", "metadata.google.internal", "metadata.goog",
      "instance-data", "instance-data.ec2.internal", "metadata.azure.com");
  /** Metadata services outside the link-local ranges: AWS's over IPv6, Alibaba Cloud's. */
  private static final Set<String> METADATA_ADDRESSES = Set.of("fd00:ec2:0:0:0:0:0:254", "100.100.100.200");
  private static final Pattern IPV4 = Pattern.compile(
      "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  /** What a resolver may read as an address in another notation: 2852039166, 0xa9fea9fe, 0251.0376.0251.0376. */
  private static final Pattern NUMERIC = Pattern.compile("(0x[0-9a-f]*|\\d+)(\\.(0x[0-9a-f]*|\\d+))*\\.?");

  private UrlCheck() {}

  /**
   * What is wrong with the URL as configured, or null; no DNS lookup. A host name is checked against the
   * known metadata names only; where it resolves is left to {@link #beforeSend}.
   */
  static String problem(URI url, boolean allowInsecureHttp) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return "expected an https URL but the scheme was " + (scheme.isEmpty() ? "missing" : scheme);
    }
    if (scheme.equals("http") && !allowInsecureHttp) {
      return "expected an https URL but was http; set allowInsecureHttp: true to send in clear text";
    }
    if (url.getHost() == null || url.getHost().isBlank()) return "expected a URL with a host";
    return hostProblem(url.getHost());
  }

  /** What is wrong with the host as written (a metadata name, a refused address, an odd notation), or null. */
  static String hostProblem(String host) {
    String name = name(host);
    if (METADATA_HOSTS.contains(name)) return "the host " + name + " is a cloud metadata service; sending there is refused";
    if (host.startsWith("[") || IPV4.matcher(name).matches()) {
      try {
        return addressProblem(name, InetAddress.getByName(host), true); // a literal: parsed, never looked up
      } catch (UnknownHostException e) {
        return "expected an IP address but the host " + host + " is not one";
      }
    }
    if (NUMERIC.matcher(name).matches()) {
      return "expected a host name or an IPv4 address written a.b.c.d (four decimal numbers 0-255) but the host was "
          + host;
    }
    return null;
  }

  /**
   * What is wrong with where the host resolves now, or null.
   *
   * @throws UnknownHostException when it does not resolve
   */
  static String addressProblem(String host) throws UnknownHostException {
    String problem = hostProblem(host);
    if (problem != null) return problem;
    for (InetAddress a : InetAddress.getAllByName(host)) {
      problem = addressProblem(name(host), a, false);
      if (problem != null) return problem;
    }
    return null;
  }

  /**
   * The check before a request to {@code host}: null to go on; a failure retrying cannot fix when the host is
   * (or now resolves to) a refused address; one to retry when it does not resolve.
   *
   * @param where how the outcome names the target ({@code webhook soc (https://hooks.example.com)})
   */
  static Target.Outcome beforeSend(String where, String host) {
    try {
      String problem = addressProblem(host);
      return problem == null ? null : Target.Outcome.failed(where + ": " + problem);
    } catch (UnknownHostException e) {
      return Target.Outcome.retry(null, where + ": cannot resolve the host " + name(host));
    }
  }

  /** Why an address of the host is refused, or null; {@code literal} when the host is the address itself. */
  private static String addressProblem(String name, InetAddress a, boolean literal) {
    InetAddress inner = embedded(a);
    boolean linkLocal = inner.isLinkLocalAddress();
    if (!linkLocal && !METADATA_ADDRESSES.contains(inner.getHostAddress())) return null;
    String kind = linkLocal ? "link-local address" : "cloud metadata address";
    return (literal ? "the host " + name + " is a " + kind : "the host " + name + " resolves to the " + kind + " "
        + inner.getHostAddress()) + (linkLocal ? " (cloud metadata lives there)" : "") + "; sending there is refused";
  }

  /** The IPv4 address inside an IPv4-compatible IPv6 address (::a.b.c.d), else the address itself. */
  private static InetAddress embedded(InetAddress a) {
    if (a instanceof Inet6Address v6 && v6.isIPv4CompatibleAddress()) {
      byte[] b = v6.getAddress();
      try {
        return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
      } catch (UnknownHostException e) {
        throw new IllegalStateException("four bytes are always an IPv4 address", e);
      }
    }
    return a; // the JDK already turns IPv4-mapped addresses (::ffff:a.b.c.d) into IPv4 ones
  }

  private static String name(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    return name.endsWith(".") && !NUMERIC.matcher(name).matches() ? name.substring(0, name.length() - 1) : name;
  }

  /** The scheme, host and port of a URL: what messages may show of it. */
  static String origin(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }
}
