package dev.riskline.route;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deliveries as the outbox holds them, for the AWS targets' tests. */
final class AwsDeliveries {
  static final Instant FOUND = Instant.parse("2026-12-01T08:30:00Z");
  static final String FINDING_KEY = "arn:aws:inspector2:us-east-1:111122223333:finding/abc";

  private AwsDeliveries() {}

  /** A NEW, CRITICAL, OPEN finding with the title given, routed by "critical" to {@code target}. */
  static Delivery delivery(String target, String title) {
    Map<String, Object> finding = new LinkedHashMap<>();
    finding.put("Id", FINDING_KEY);
    finding.put("AwsAccountId", "111122223333");
    finding.put("Title", title);
    finding.put("Resources", List.of(Map.of("Type", "AwsEc2Instance", "Id", "i-0abc")));
    Map<String, Object> risk = new LinkedHashMap<>();
    risk.put("Rating", "CRITICAL");
    risk.put("Reasons", List.of(Map.of("Factor", "kev", "Detail", "CVE-2021-44228 is in CISA KEV")));
    Map<String, Object> riskline = new LinkedHashMap<>();
    riskline.put("Risk", risk);
    riskline.put("Due", "2026-12-07T00:00:00Z");
    riskline.put("State", "OPEN");
    String event = TriageEvent.json(Change.NEW, finding, riskline);
    return Delivery.pending("critical", target, Change.NEW, FINDING_KEY, event, FOUND);
  }
}
