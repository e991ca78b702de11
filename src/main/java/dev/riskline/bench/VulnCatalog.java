package dev.riskline.bench;

import java.util.List;
import java.util.Map;

/**
 * What the vulnerability findings are made of: well-known CVEs (most of them in the CISA KEV catalog, with
 * KEV's own short description), the packages each platform ships, and realistic CVSS vectors with their scores.
 * Immutable.
 */
final class VulnCatalog {
  /** A package as a scanner finds it installed: name, version and, for OS packages, the release. */
  record Pkg(String name, String version, String release) {}

  /**
   * A well-known CVE with the package it is found in.
   *
   * @param family where the package lives: {@code AL} (Amazon Linux), {@code DEB} (Debian, Ubuntu), {@code JAR},
   *     {@code GO}
   * @param kev whether the CVE is in the CISA KEV catalog (snapshot 2025.08.25)
   */
  record Known(String cve, String family, Pkg pkg, String fixed, double score, String vector, boolean kev,
      String description) {}

  /** A CVSS v3.1 or v2.0 vector with its base score. */
  record Vector(String vector, double score) {}

  private static final String NET_FULL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
  private static final String NET_SCOPE = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H";
  private static final String LOCAL_PRIV = "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H";

  static final List<Known> KNOWN = List.of(
      new Known("CVE-2021-44228", "JAR", new Pkg("org.apache.logging.log4j:log4j-core", "2.14.1", null), "2.15.0",
          10.0, NET_SCOPE, true, "Apache Log4j2 contains a vulnerability where JNDI features do not protect against"
              + " attacker-controlled JNDI-related endpoints, allowing for remote code execution."),
      new Known("CVE-2021-45046", "JAR", new Pkg("org.apache.logging.log4j:log4j-core", "2.15.0", null), "2.16.0",
          9.0, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H", true, "Apache Log4j2 contains a deserialization of"
              + " untrusted data vulnerability due to the incomplete fix of CVE-2021-44228, where the Thread Context"
              + " Lookup Pattern is vulnerable to remote code execution in certain non-default configurations."),
      new Known("CVE-2023-4863", "DEB", new Pkg("libwebp7", "1.2.4", "0.2"), "0:1.2.4-0.2+deb12u1", 8.8,
          "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", true, "Google Chromium WebP contains a heap-based buffer"
              + " overflow vulnerability that allows a remote attacker to perform an out-of-bounds memory write via a"
              + " crafted HTML page. This vulnerability can affect applications that use the WebP Codec."),
      new Known("CVE-2022-22965", "JAR", new Pkg("org.springframework:spring-beans", "5.3.17", null), "5.3.18", 9.8,
          NET_FULL, true, "Spring MVC or Spring WebFlux application running on JDK 9+ may be vulnerable to remote"
              + " code execution (RCE) via data binding."),
      new Known("CVE-2023-44487", "GO", new Pkg("golang.org/x/net", "v0.15.0", null), "0.17.0", 7.5,
          "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", true, "HTTP/2 contains a rapid reset vulnerability that"
              + " allows for a distributed denial-of-service attack (DDoS)."),
      new Known("CVE-2021-3156", "AL", new Pkg("sudo", "1.8.23", "10.amzn2.1"), "0:1.8.23-10.amzn2.2", 7.8,
          LOCAL_PRIV, true, "Sudo contains an off-by-one error that can result in a heap-based buffer overflow,"
              + " which allows for privilege escalation."),
      new Known("CVE-2021-4034", "AL", new Pkg("polkit", "0.112", "26.amzn2"), "0:0.112-26.amzn2.1", 7.8,
          LOCAL_PRIV, true, "The Red Hat polkit pkexec utility contains an out-of-bounds read and write"
              + " vulnerability that allows for privilege escalation with administrative rights."),
      new Known("CVE-2022-0847", "AL", new Pkg("kernel", "5.10.96", "90.460.amzn2"), "0:5.10.102-99.473.amzn2", 7.8,
          LOCAL_PRIV, true, "Linux kernel contains an improper initialization vulnerability where an unprivileged"
              + " local user could escalate their privileges on the system. This vulnerability has the moniker of"
              + " \"Dirty Pipe.\""),
      new Known("CVE-2014-6271", "AL", new Pkg("bash", "4.2.45", "5.amzn2"), "0:4.2.46-34.amzn2", 9.8, NET_FULL, true,
          "GNU Bash through 4.3 processes trailing strings after function definitions in the values of environment"
              + " variables, which allows remote attackers to execute code."),
      new Known("CVE-2017-5638", "JAR", new Pkg("org.apache.struts:struts2-core", "2.5.10", null), "2.5.10.1", 10.0,
          NET_SCOPE, true, "Apache Struts Jakarta Multipart parser allows for malicious file upload using the"
              + " Content-Type value, leading to remote code execution."),
      new Known("CVE-2023-46604", "JAR", new Pkg("org.apache.activemq:activemq-client", "5.18.2", null), "5.18.3",
          9.8, NET_FULL, true, "Apache ActiveMQ contains a deserialization of untrusted data vulnerability that may"
              + " allow a remote attacker with network access to a broker to run shell commands by manipulating"
              + " serialized class types in the OpenWire protocol to cause the broker to instantiate any class on the"
              + " classpath."),
      new Known("CVE-2021-42013", "AL", new Pkg("httpd", "2.4.50", "1.amzn2"), "0:2.4.51-1.amzn2", 9.8, NET_FULL,
          true, "Apache HTTP Server contains a path traversal vulnerability that allows an attacker to perform"
              + " remote code execution if files outside directories configured by Alias-like directives are not"
              + " under default require all denied or if CGI scripts are enabled. This CVE ID resolves an incomplete"
              + " patch for CVE-2021-41773."),
      new Known("CVE-2022-22963", "JAR",
          new Pkg("org.springframework.cloud:spring-cloud-function-context", "3.2.2", null), "3.2.3", 9.8, NET_FULL,
          true, "When using routing functionality in VMware Tanzu's Spring Cloud Function, it is possible for a user"
              + " to provide a specially crafted SpEL as a routing-expression that may result in remote code"
              + " execution and access to local resources."),
      new Known("CVE-2020-1938", "JAR", new Pkg("org.apache.tomcat.embed:tomcat-embed-core", "9.0.30", null),
          "9.0.31", 9.8, NET_FULL, true, "Apache Tomcat treats Apache JServ Protocol (AJP) connections as having"
              + " higher trust than, for example, a similar HTTP connection. If such connections are available to an"
              + " attacker, they can be exploited."),
      new Known("CVE-2024-1086", "AL", new Pkg("kernel", "5.10.205", "195.807.amzn2"), "0:5.10.209-198.858.amzn2",
          7.8, LOCAL_PRIV, true, "Linux kernel contains a use-after-free vulnerability in the netfilter: nf_tables"
              + " component that allows an attacker to achieve local privilege escalation."),
      new Known("CVE-2025-24813", "JAR", new Pkg("org.apache.tomcat.embed:tomcat-embed-core", "10.1.34", null),
          "10.1.35", 9.8, NET_FULL, true, "Apache Tomcat contains a path equivalence vulnerability that allows a"
              + " remote attacker to execute code, disclose information, or inject malicious content via a partial"
              + " PUT request."),
      new Known("CVE-2020-17530", "JAR", new Pkg("org.apache.struts:struts2-core", "2.5.25", null), "2.5.26", 9.8,
          NET_FULL, true, "Forced Object-Graph Navigation Language (OGNL) evaluation in Apache Struts, when evaluated"
              + " on raw user input in tag attributes, can lead to remote code execution."),
      new Known("CVE-2024-38475", "AL", new Pkg("httpd", "2.4.59", "1.amzn2023"), "0:2.4.62-1.amzn2023", 9.1,
          "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N", true, "Apache HTTP Server contains an improper escaping of"
              + " output vulnerability in mod_rewrite that allows an attacker to map URLs to filesystem locations"
              + " that are permitted to be served by the server but are not intentionally/directly reachable by any"
              + " URL, resulting in code execution or source code disclosure."),
      new Known("CVE-2024-3094", "DEB", new Pkg("liblzma5", "5.6.0", "0.1"), "0:5.6.1+really5.4.5-1", 10.0,
          NET_SCOPE, false, "Malicious code was discovered in the upstream tarballs of xz, starting with version"
              + " 5.6.0. Through a series of complex obfuscations, the liblzma build process extracts a prebuilt"
              + " object file from a disguised test file existing in the source code, which is then used to modify"
              + " specific functions in the liblzma code."));

  /** OS packages by platform family. */
  static final Map<String, List<Pkg>> OS_PACKAGES = Map.of(
      "AL2", List.of(new Pkg("kernel", "5.10.210", "201.852.amzn2"), new Pkg("openssl", "1.0.2k", "24.amzn2.0.7"),
          new Pkg("glibc", "2.26", "64.amzn2.0.1"), new Pkg("curl", "8.3.0", "1.amzn2.0.4"),
          new Pkg("python3", "3.7.16", "1.amzn2.0.4"), new Pkg("expat", "2.1.0", "15.amzn2.0.3"),
          new Pkg("libxml2", "2.9.1", "6.amzn2.5.8"), new Pkg("vim-minimal", "9.0.2153", "1.amzn2.0.1"),
          new Pkg("openssh", "7.4p1", "22.amzn2.0.5"), new Pkg("bind-libs", "9.11.4", "26.P2.amzn2.13"),
          new Pkg("nss", "3.90.0", "2.amzn2.0.1"), new Pkg("krb5-libs", "1.15.1", "55.amzn2.2.7"),
          new Pkg("git", "2.40.1", "1.amzn2.0.1"), new Pkg("sqlite", "3.7.17", "8.amzn2.1.2")),
      "AL2023", List.of(new Pkg("kernel", "6.1.72", "96.166.amzn2023"),
          new Pkg("openssl-libs", "3.0.8", "1.amzn2023.0.9"), new Pkg("glibc", "2.34", "52.amzn2023.0.7"),
          new Pkg("curl-minimal", "8.3.0", "1.amzn2023.0.5"), new Pkg("python3", "3.9.16", "1.amzn2023.0.6"),
          new Pkg("expat", "2.5.0", "1.amzn2023.0.3"), new Pkg("libxml2", "2.10.4", "1.amzn2023.0.5"),
          new Pkg("openssh", "8.7p1", "8.amzn2023.0.8"), new Pkg("libnghttp2", "1.57.0", "1.amzn2023.0.1"),
          new Pkg("krb5-libs", "1.21", "3.amzn2023.0.3"), new Pkg("sqlite-libs", "3.40.0", "1.amzn2023.0.3")),
      "UBUNTU", List.of(new Pkg("openssl", "3.0.2", "0ubuntu1.12"), new Pkg("libc6", "2.35", "0ubuntu3.4"),
          new Pkg("curl", "7.81.0", "1ubuntu1.14"), new Pkg("snapd", "2.58+22.04.1", "0ubuntu1"),
          new Pkg("libssh-4", "0.9.6", "2ubuntu0.22.04.1"), new Pkg("vim", "8.2.3995", "1ubuntu2.13"),
          new Pkg("libxml2", "2.9.13+dfsg", "1ubuntu0.3"), new Pkg("python3.10", "3.10.12", "1~22.04.2"),
          new Pkg("git", "2.34.1", "1ubuntu1.10"), new Pkg("sudo", "1.9.9", "1ubuntu2.3")),
      "DEBIAN", List.of(new Pkg("libssl3", "3.0.11", "1~deb12u1"), new Pkg("zlib1g", "1.2.13.dfsg", "1"),
          new Pkg("libc6", "2.36", "9+deb12u3"), new Pkg("libexpat1", "2.5.0", "1"),
          new Pkg("libsqlite3-0", "3.40.1", "2"), new Pkg("libgnutls30", "3.7.9", "2"),
          new Pkg("libcurl4", "7.88.1", "10+deb12u4"), new Pkg("perl-base", "5.36.0", "7+deb12u1"),
          new Pkg("libtiff6", "4.5.0", "6"), new Pkg("openssh-client", "9.2p1", "2+deb12u1"),
          new Pkg("libgcrypt20", "1.10.1", "3")),
      "ALPINE", List.of(new Pkg("busybox", "1.36.1", "r2"), new Pkg("libcrypto3", "3.1.4", "r0"),
          new Pkg("libssl3", "3.1.4", "r0"), new Pkg("musl", "1.2.4", "r1"), new Pkg("zlib", "1.2.13", "r1"),
          new Pkg("libcurl", "8.4.0", "r0"), new Pkg("expat", "2.5.0", "r1")));

  /** Application packages by Inspector package manager. */
  static final Map<String, List<Pkg>> APP_PACKAGES = Map.of(
      "NODEPKG", pkgs("lodash 4.17.20", "axios 0.21.1", "express 4.17.1", "jsonwebtoken 8.5.1", "semver 7.5.1",
          "ws 8.11.0", "follow-redirects 1.15.2", "tough-cookie 4.1.2", "braces 3.0.2", "word-wrap 1.2.3",
          "undici 5.26.3", "body-parser 1.20.1", "path-to-regexp 0.1.7", "cross-spawn 7.0.3", "ip 1.1.8"),
      "JAR", pkgs("com.fasterxml.jackson.core:jackson-databind 2.13.4", "org.springframework:spring-web 5.3.27",
          "io.netty:netty-codec-http 4.1.93.Final", "org.yaml:snakeyaml 1.33",
          "org.apache.commons:commons-compress 1.21", "com.google.guava:guava 31.1-jre",
          "ch.qos.logback:logback-core 1.2.11", "org.postgresql:postgresql 42.5.0", "com.h2database:h2 2.1.210",
          "org.bouncycastle:bcprov-jdk15on 1.70", "net.minidev:json-smart 2.4.8", "com.nimbusds:nimbus-jose-jwt 9.22",
          "io.netty:netty-handler 4.1.94.Final"),
      "PYTHONPKG", pkgs("requests 2.28.1", "urllib3 1.26.12", "cryptography 39.0.1", "Jinja2 3.1.2",
          "Werkzeug 2.2.2", "Pillow 9.4.0", "certifi 2022.12.7", "idna 3.6", "setuptools 65.5.0", "PyYAML 5.3.1",
          "aiohttp 3.8.4", "Django 4.1.7", "gunicorn 20.1.0", "sqlparse 0.4.3"),
      "GOBINARY", pkgs("stdlib go1.20.5", "golang.org/x/net v0.10.0", "google.golang.org/grpc v1.56.1",
          "golang.org/x/crypto v0.14.0", "github.com/docker/docker v20.10.24+incompatible",
          "google.golang.org/protobuf v1.31.0", "github.com/golang-jwt/jwt/v4 v4.4.2", "golang.org/x/text v0.3.7"));

  /** CVSS v3.1 vectors with their base scores, the common ones listed more than once. */
  static final List<Vector> V3 = List.of(
      new Vector(NET_FULL, 9.8), new Vector(NET_FULL, 9.8),
      new Vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5),
      new Vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5),
      new Vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5),
      new Vector(LOCAL_PRIV, 7.8), new Vector(LOCAL_PRIV, 7.8),
      new Vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8),
      new Vector("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8),
      new Vector("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H", 5.5),
      new Vector("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H", 5.5),
      new Vector("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9),
      new Vector("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", 5.9),
      new Vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1),
      new Vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", 5.3),
      new Vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L", 7.3),
      new Vector("CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.0),
      new Vector("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N", 3.3),
      new Vector("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1));

  /** CVSS v2.0 vectors NVD gave CVEs published before 2022. */
  static final List<Vector> V2 = List.of(
      new Vector("AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5), new Vector("AV:N/AC:L/Au:N/C:N/I:N/A:P", 5.0),
      new Vector("AV:L/AC:L/Au:N/C:C/I:C/A:C", 7.2), new Vector("AV:N/AC:M/Au:N/C:P/I:P/A:P", 6.8),
      new Vector("AV:L/AC:L/Au:N/C:N/I:N/A:C", 4.9), new Vector("AV:N/AC:M/Au:N/C:N/I:P/A:N", 4.3));

  private VulnCatalog() {}

  /** The KEV entries of {@link #KNOWN}. */
  static List<Known> kev() {
    return KNOWN.stream().filter(Known::kev).toList();
  }

  /** The entry for this CVE; fails with the list of known CVEs. */
  static Known known(String cve) {
    return KNOWN.stream().filter(k -> k.cve().equals(cve)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("Expected one of " + KNOWN.stream().map(Known::cve).toList() + " but was " + cve));
  }

  private static List<Pkg> pkgs(String... nameSpaceVersion) {
    return java.util.Arrays.stream(nameSpaceVersion).map(s -> {
      int sp = s.indexOf(' ');
      return new Pkg(s.substring(0, sp), s.substring(sp + 1), null);
    }).toList();
  }
}
