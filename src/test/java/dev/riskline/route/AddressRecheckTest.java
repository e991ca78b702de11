package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The address check before each send, with host names that resolve where this test says: the JVM reads
 * names from the hosts file named by {@code jdk.net.hosts.file} and keeps no answer ({@code
 * sun.net.inetaddr.ttl=0}), set by the pom for a JVM of this test alone. A name that pointed at 127.0.0.1 when
 * the configuration was loaded and at 169.254.169.254 later (DNS rebinding) is refused at the second send.
 *
 * <p>The targets' HTTP client goes through a proxy that is the test's own server on 127.0.0.1, so no request
 * leaves this machine even if a check were missing: the server would receive it, and the test would fail.
 */
@EnabledIfSystemProperty(named = "jdk.net.hosts.file", matches = ".+")
class AddressRecheckTest {
  private final Path hosts = Path.of(System.getProperty("jdk.net.hosts.file", "unset"));
  private final Clock clock = Clock.fixed(HttpAnswersTest.T0, ZoneOffset.UTC);
  private final TicketTargetContract.MemoryTickets tickets = new TicketTargetContract.MemoryTickets();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private HttpClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", x -> {
      try (x) {
        x.getRequestBody().readAllBytes();
        received.add(x.getRequestMethod() + " " + x.getRequestURI());
        x.sendResponseHeaders(200, -1);
      }
    });
    server.start();
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
        .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", server.getAddress().getPort()))).build();
    tickets.saveTicket(new Tickets.Ticket("jira", HttpAnswersTest.FINDING_KEY, "SEC-1", "SEC-1", null,
        Tickets.Status.OPEN, HttpAnswersTest.T0, HttpAnswersTest.T0));
    tickets.saveTicket(new Tickets.Ticket("servicenow", HttpAnswersTest.FINDING_KEY, "6816f79cc0a8016401c5a33be04be441",
        "INC0010001", null, Tickets.Status.OPEN, HttpAnswersTest.T0, HttpAnswersTest.T0));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void resolve(String... lines) throws IOException {
    Files.writeString(hosts, String.join("\n", lines) + "\n");
  }

  private String base(String host) {
    return "http://" + host + ":" + server.getAddress().getPort();
  }

  private Target target(HttpAnswersTest.Kind kind, String base) {
    if (kind == HttpAnswersTest.Kind.SPLUNK) { // read from settings, it would build a client of its own
      return new SplunkHecTarget("splunk", URI.create(base + SplunkHecTarget.EVENT_PATH), HttpAnswersTest.HEC_TOKEN,
          null, SplunkHecTarget.DEFAULT_SOURCETYPE, new Http(client, Duration.ofSeconds(1), clock), clock);
    }
    return HttpAnswersTest.target(kind, base, client, clock);
  }

  @ParameterizedTest
  @EnumSource(HttpAnswersTest.Kind.class)
  void a_host_that_resolves_to_the_metadata_address_since_load_is_refused_before_the_send(HttpAnswersTest.Kind kind)
      throws IOException {
    resolve("127.0.0.1 far.rebind.test");
    Target t = target(kind, base("far.rebind.test"));
    Target.Outcome first = t.send(HttpAnswersTest.delivery(), tickets);

    resolve("169.254.169.254 far.rebind.test");
    Target.Outcome second = t.send(HttpAnswersTest.delivery(), tickets);

    assertThat(first.sent()).as(first.detail()).isTrue();
    assertThat(second.permanent()).isTrue();
    assertThat(second.detail()).startsWith(kind.type() + " " + kind.type() + " (" + base("far.rebind.test") + ")")
        .endsWith(": the host far.rebind.test resolves to the link-local address 169.254.169.254 (cloud metadata"
            + " lives there); sending there is refused");
    // everything received came from the first send (a Jira escalation: the fields, then the comment)
    assertThat(received).hasSize(kind == HttpAnswersTest.Kind.JIRA ? 2 : 1);
  }

  @Test
  void loading_resolves_no_name_so_a_name_of_the_metadata_address_loads_and_is_refused_at_the_send()
      throws IOException {
    resolve("169.254.169.254 meta.rebind.test");
    List<Problem> problems = new ArrayList<>();
    Map<String, Target> targets = Targets.read(Settings.root(Map.of("targets", Map.of("hook", Map.of("type", "webhook",
        "url", base("meta.rebind.test") + "/hook", "allowInsecureHttp", true))), problems).section("targets"),
        Map.of(), client, clock);

    Target.Outcome o = targets.get("hook").send(HttpAnswersTest.delivery());

    assertThat(problems).isEmpty();
    assertThat(o.permanent()).isTrue();
    assertThat(o.detail()).isEqualTo("webhook hook (" + base("meta.rebind.test") + "): the host meta.rebind.test"
        + " resolves to the link-local address 169.254.169.254 (cloud metadata lives there); sending there is refused");
    assertThat(received).isEmpty();
  }

  @Test
  void a_name_that_does_not_resolve_loads_and_its_send_is_retried() throws IOException {
    resolve("127.0.0.1 other.rebind.test");
    Target t = target(HttpAnswersTest.Kind.WEBHOOK, base("nowhere.rebind.test"));

    Target.Outcome o = t.send(HttpAnswersTest.delivery());

    assertThat(o).extracting(Target.Outcome::sent, Target.Outcome::permanent).containsExactly(false, false);
    assertThat(o.detail()).endsWith(": cannot resolve the host nowhere.rebind.test");
    assertThat(received).isEmpty();
  }

  @Test
  void ipv6_link_local_and_metadata_addresses_and_ipv4_inside_ipv6_are_refused_where_a_name_resolves()
      throws IOException {
    resolve("fe80::1 v6.rebind.test", "fd00:ec2::254 aws6.rebind.test", "100.100.100.200 ali.rebind.test",
        "::169.254.169.254 compat.rebind.test", "127.0.0.1 ok.rebind.test");

    assertThat(UrlCheck.addressProblem("v6.rebind.test")).isEqualTo("the host v6.rebind.test resolves to the"
        + " link-local address fe80:0:0:0:0:0:0:1 (cloud metadata lives there); sending there is refused");
    assertThat(UrlCheck.addressProblem("aws6.rebind.test")).isEqualTo("the host aws6.rebind.test resolves to the"
        + " cloud metadata address fd00:ec2:0:0:0:0:0:254; sending there is refused");
    assertThat(UrlCheck.addressProblem("ali.rebind.test")).isEqualTo("the host ali.rebind.test resolves to the"
        + " cloud metadata address 100.100.100.200; sending there is refused");
    assertThat(UrlCheck.addressProblem("compat.rebind.test")).isEqualTo("the host compat.rebind.test resolves to"
        + " the link-local address 169.254.169.254 (cloud metadata lives there); sending there is refused");
    assertThat(UrlCheck.addressProblem("ok.rebind.test")).isNull();
  }

  @Test
  void an_aws_endpoint_is_checked_where_it_resolves_before_each_call() throws IOException {
    resolve("127.0.0.1 sns.rebind.test");
    List<Problem> problems = new ArrayList<>();
    Settings s = Settings.root(Map.of("targets", Map.of("aws", Map.of("type", "sns", "endpoint",
        base("sns.rebind.test"), "allowInsecureHttp", true, "accessKeyId", "${ID}", "secretAccessKey", "${KEY}"))),
        problems).section("targets").section("aws");
    AwsSetup setup = AwsSetup.read(s, "sns alerts", "us-east-1", "topicArn",
        n -> Map.of("ID", "AKIAIOSFODNN7EXAMPLE", "KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").get(n));
    Target.Outcome before = setup.recheck();

    resolve("169.254.169.254 sns.rebind.test");
    Target.Outcome after = setup.recheck();

    assertThat(problems).isEmpty();
    assertThat(before).isNull();
    assertThat(after).extracting(Target.Outcome::permanent, Target.Outcome::detail).containsExactly(true,
        "sns alerts: the host sns.rebind.test resolves to the link-local address 169.254.169.254 (cloud metadata"
            + " lives there); sending there is refused");
  }
}
