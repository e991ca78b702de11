package dev.riskline.bench;

import static dev.riskline.bench.Resources.iso;
import static dev.riskline.bench.Tree.list;
import static dev.riskline.bench.Tree.obj;

import dev.riskline.bench.Fleet.Observed;
import dev.riskline.bench.Fleet.Scope;
import java.util.Map;

/**
 * What every ASFF finding starts with: its identity and product, then (in {@link #start}) the account, the
 * {@code Types} and the four timestamps, in ASFF field order. Created equals first seen, updated equals last seen.
 */
record Header(String id, String productArn, String productName, String companyName, String generatorId) {

  /** A new finding tree holding the header fields; the caller adds the rest in order. */
  Map<String, Object> start(Scope s, String type, Observed seen) {
    return obj(
        "SchemaVersion", "2018-10-08",
        "Id", id,
        "ProductArn", productArn,
        "ProductName", productName,
        "CompanyName", companyName,
        "Region", s.region(),
        "GeneratorId", generatorId,
        "AwsAccountId", s.accountId(),
        "AwsAccountName", s.account().name(),
        "Types", list(type),
        "FirstObservedAt", iso(seen.first()),
        "LastObservedAt", iso(seen.last()),
        "CreatedAt", iso(seen.first()),
        "UpdatedAt", iso(seen.last()));
  }
}
