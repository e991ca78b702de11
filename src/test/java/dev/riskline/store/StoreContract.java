package dev.riskline.store;

import static dev.riskline.store.TestFindings.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.riskline.finding.Finding;
import dev.riskline.finding.FindingId;
import dev.riskline.finding.Imports;
import dev.riskline.finding.Imports.Outcome;
import dev.riskline.risk.Assessment;
import dev.riskline.risk.Reason;
import dev.riskline.route.Change;
import dev.riskline.route.Delivery;
import dev.riskline.route.Tickets;
import dev.riskline.schedule.Previous;
import dev.riskline.schedule.Scheduled;
import dev.riskline.schedule.State;
import dev.riskline.finding.RisklineException;
import dev.riskline.schedule.Acceptance;
import dev.riskline.schedule.Acceptance.Scope;
import dev.riskline.schedule.AcceptancePolicy;
import dev.riskline.schedule.AcceptanceRequest;
import dev.riskline.schedule.Acceptances;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every store has, whatever its database. Each test starts with a new, empty store. */
abstract class StoreContract {
  static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
  static final Instant T1 = Instant.parse("2026-02-02T08:00:00Z");

  private final List<Store> opened = new ArrayList<>();
  String url;
  Store store;

  /** The URL of a new, empty store, unique to this call. */
  abstract String newStoreUrl();

  /** Why a batch fails whose record findings[2] has a ProductArn of 2103 characters, and where if told. */
  abstract String productArnTooLong();

  /** Drops what {@link #newStoreUrl} made, after every store of the test is closed. */
  void dropStores() {}

  @BeforeEach
  void openStore() {
    url = newStoreUrl();
    store = open(url);
  }

  @AfterEach
  void closeStores() {
    opened.forEach(Store::close);
    dropStores();
  }

  Store open(String storeUrl) {
    Store s = Store.open(storeUrl);
    opened.add(s);
    return s;
  }

  @Test
  void the_decision_is_stored_with_the_finding_and_seen_by_its_next_import() {
    Instant due = Instant.parse("2026-02-08T00:00:00Z");
    Assessment risk = new Assessment("CRITICAL", "HIGH", "CRITICAL", "matrix",
        List.of(new Reason("severity", "severity CRITICAL → impact CRITICAL")), null);
    Scheduled scheduled = new Scheduled(Instant.parse("2026-02-01T00:00:00Z"), due, State.OPEN, null, null, null, List.of());
    List<Previous> seen = new ArrayList<>();
    Store.Triager triager = (provider, imported, previous) -> {
      seen.add(previous);
      return new Store.Triaged(imported, risk, 3, scheduled);
    };

    store.importBatch(List.of(finding("f-1", "2026-01-05T10:00:00.000Z")), T0, triager);
    store.importBatch(List.of(finding("f-1", "2026-01-06T10:00:00.000Z")), T1, triager);
    List<Previous> walked = new ArrayList<>();
    store.forEachScheduled(FindingQuery.all(), (f, previous) -> walked.add(previous));

    Previous expected = new Previous("CRITICAL", Instant.parse("2026-02-01T00:00:00Z"), due, State.OPEN, null);
    assertThat(seen).containsExactly(null, expected);
    assertThat(walked).containsExactly(expected);
  }

  @Test
  void a_new_finding_is_created_with_one_history_row() {
    Finding f = finding("f-1", "2026-01-05T10:00:00.000Z");

    ImportBatch batch = store.importBatch(List.of(f), T0);

    assertThat(batch.results()).extracting(Imports.Result::outcome).containsExactly(Outcome.CREATED);
    assertThat(store.count()).isEqualTo(1);
    Imports.Held held = store.find(f.identity()).orElseThrow();
    assertThat(held.finding()).isEqualTo(batch.results().get(0).finding());
    assertThat(held.finding().workflowStatus().name()).isEqualTo("NEW");
    assertThat(held.finding().productFields()).containsEntry("riskline/test", "unknown fields survive");
    assertThat(held.customerSet()).isEmpty();
    List<HistoryEntry> history = store.history(f.identity());
    assertThat(history).singleElement().satisfies(h -> {
      assertThat(h.change()).isEqualTo("CREATED");
      assertThat(h.recordedAt()).isEqualTo(T0);
      assertThat(h.updatedAt()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
      assertThat(h.finding()).isEqualTo(held.finding());
    });
  }

  @Test
  void reimporting_the_same_record_is_stale_and_writes_nothing() {
    Finding f = finding("f-1", "2026-01-05T10:00:00.000Z");
    store.importBatch(List.of(f), T0);
    Finding held = store.find(f.identity()).orElseThrow().finding();

    ImportBatch again = store.importBatch(List.of(f), T1);

    assertThat(again.stale()).isEqualTo(1);
    assertThat(again.results().get(0).finding()).isEqualTo(held);
    assertThat(store.history(f.identity())).hasSize(1);
    assertThat(lastSeenAt(f)).isEqualTo(T0);
  }

  @Test
  void a_newer_updated_at_updates_and_keeps_workflow_note_user_defined_fields_and_verification_state() {
    Finding first = finding("f-1", "2026-01-05T10:00:00.000Z", """
        {"Workflow": {"Status": "NOTIFIED"}, "Note": {"Text": "ticket SEC-12", "UpdatedBy": "alice",
         "UpdatedAt": "2026-01-05T11:00:00Z"}, "UserDefinedFields": {"team": "storage"},
         "VerificationState": "TRUE_POSITIVE"}
        """);
    Finding update = finding("f-1", "2026-01-06T10:00:00.000Z", """
        {"Title": "S3 buckets should block public access", "Workflow": {"Status": "NEW"},
         "Note": {"Text": "from the provider", "UpdatedBy": "provider", "UpdatedAt": "2026-01-06T10:00:00Z"},
         "UserDefinedFields": {"team": "other"}, "VerificationState": "FALSE_POSITIVE"}
        """);
    store.importBatch(List.of(first), T0);

    ImportBatch batch = store.importBatch(List.of(update), T1);

    assertThat(batch.updated()).isEqualTo(1);
    Finding held = store.find(first.identity()).orElseThrow().finding();
    assertThat(held.title()).isEqualTo("S3 buckets should block public access");
    assertThat(held.workflowStatus().name()).isEqualTo("NOTIFIED");
    assertThat(held.noteText()).isEqualTo("ticket SEC-12");
    assertThat(held.userDefinedFields()).containsExactlyEntriesOf(Map.of("team", "storage"));
    assertThat(held.verificationState().name()).isEqualTo("TRUE_POSITIVE");
    assertThat(store.history(first.identity())).extracting(HistoryEntry::change).containsExactly("CREATED", "UPDATED");
    assertThat(lastSeenAt(first)).isEqualTo(T1);
    assertThat(firstSeenAt(first)).isEqualTo(T0);
  }

  @Test
  void an_older_updated_at_is_stale() {
    store.importBatch(List.of(finding("f-1", "2026-01-06T10:00:00.000Z")), T0);

    ImportBatch batch = store.importBatch(List.of(finding("f-1", "2026-01-05T10:00:00.000Z",
        """
        {"Title": "older"}
        """)), T1);

    assertThat(batch.results()).extracting(Imports.Result::outcome).containsExactly(Outcome.STALE);
    FindingId id = new FindingId(TestFindings.PRODUCT_ARN, "f-1");
    assertThat(store.find(id).orElseThrow().finding().updatedAt()).isEqualTo(Instant.parse("2026-01-06T10:00:00Z"));
    assertThat(store.history(id)).hasSize(1);
  }

  @Test
  void of_two_records_of_one_identity_in_one_batch_the_first_wins_when_updated_at_is_equal() {
    Finding first = finding("f-1", "2026-01-05T10:00:00.000Z", """
        {"Title": "first"}
        """);
    Finding second = finding("f-1", "2026-01-05T10:00:00.000Z", """
        {"Title": "second"}
        """);

    ImportBatch batch = store.importBatch(List.of(first, second), T0);

    assertThat(batch.results()).extracting(Imports.Result::outcome).containsExactly(Outcome.CREATED, Outcome.STALE);
    assertThat(store.find(first.identity()).orElseThrow().finding().title()).isEqualTo("first");
    assertThat(store.history(first.identity())).hasSize(1);
  }

  @Test
  void a_later_record_of_one_identity_in_one_batch_sees_the_earlier_one() {
    Finding first = finding("f-1", "2026-01-05T10:00:00.000Z", """
        {"Workflow": {"Status": "SUPPRESSED"}}
        """);
    Finding newer = finding("f-1", "2026-01-06T10:00:00.000Z", """
        {"Title": "newer"}
        """);

    ImportBatch batch = store.importBatch(List.of(first, newer), T0);

    assertThat(batch.results()).extracting(Imports.Result::outcome).containsExactly(Outcome.CREATED, Outcome.UPDATED);
    Finding held = store.find(first.identity()).orElseThrow().finding();
    assertThat(held.title()).isEqualTo("newer");
    assertThat(held.workflowStatus().name()).isEqualTo("SUPPRESSED");
    assertThat(store.count()).isEqualTo(1);
    assertThat(store.history(first.identity())).extracting(h -> h.finding().title())
        .containsExactly("S3 general purpose buckets should block public access", "newer");
  }

  @Test
  void a_severity_set_by_a_customer_survives_a_provider_update() throws SQLException {
    Finding created = store.importBatch(List.of(finding("f-1", "2026-01-05T10:00:00.000Z")), T0)
        .results().get(0).finding();
    Map<String, Object> lowered = created.edit();
    lowered.put("Severity", Map.of("Label", "LOW", "Normalized", 1));
    // what a BatchUpdateFindings of Severity leaves in the store
    sql("UPDATE findings SET customer_set = 'Severity', severity_label = 'LOW', severity_rank = 1, body = ?"
        + " WHERE finding_key = ?", TestFindings.toJson(Finding.of(lowered)), created.identity().key());

    store.importBatch(List.of(finding("f-1", "2026-01-06T10:00:00.000Z", """
        {"Severity": {"Label": "CRITICAL"}}
        """)), T1);

    Imports.Held held = store.find(created.identity()).orElseThrow();
    assertThat(held.customerSet()).containsExactly("Severity");
    assertThat(held.finding().severityLabel().name()).isEqualTo("LOW");
    assertThat(((Map<?, ?>) held.finding().json().get("FindingProviderFields")).get("Severity"))
        .isEqualTo(Map.of("Label", "CRITICAL"));
    assertThat(store.countBy("severity")).containsExactlyEntriesOf(Map.of("LOW", 1L));
  }

  @Test
  void a_batch_with_a_failing_row_rolls_back_entirely() {
    Finding a = finding("a", "2026-01-05T10:00:00.000Z");
    store.importBatch(List.of(a), T0);
    Finding tooLong = Finding.of(withProductArn(finding("c", "2026-01-05T10:00:00.000Z"),
        TestFindings.PRODUCT_ARN + "/" + "x".repeat(2048)));
    List<Finding> batch = List.of(finding("b", "2026-01-05T10:00:00.000Z"),
        finding("a", "2026-01-06T10:00:00.000Z", """
            {"Title": "changed"}
            """), tooLong);

    assertThatThrownBy(() -> store.importBatch(batch, T1))
        .isInstanceOf(StoreException.class)
        .hasMessage("Cannot import 3 findings into store " + Urls.redact(url) + ": " + productArnTooLong()
            + ". Nothing of this batch was stored.");

    assertThat(store.count()).isEqualTo(1);
    assertThat(store.find(batch.get(0).identity())).isEmpty();
    assertThat(store.find(a.identity()).orElseThrow().finding().title()).isNotEqualTo("changed");
    assertThat(store.history(a.identity())).hasSize(1);
    assertThat(store.importBatch(batch.subList(0, 2), T1).results()).extracting(Imports.Result::outcome)
        .containsExactly(Outcome.CREATED, Outcome.UPDATED);
  }

  @Test
  void each_filter_narrows_the_result() {
    store.importBatch(List.of(
        finding("critical-prod", "2026-01-05T10:00:00.000Z", """
            {"Severity": {"Label": "CRITICAL"}, "AwsAccountId": "444455556666"}
            """),
        finding("medium-inspector", "2026-01-05T10:00:00.000Z", """
            {"Severity": {"Label": "MEDIUM"}, "ProductName": "Inspector", "Title": "CVE-2024-3094 in xz-utils",
             "GeneratorId": "arn:aws:inspector2", "Compliance": null,
             "Resources": [{"Type": "AwsEc2Instance", "Id": "arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc"}]}
            """),
        finding("high-iam", "2026-01-05T10:00:00.000Z", """
            {"Compliance": {"Status": "PASSED", "SecurityControlId": "IAM.6"}, "RecordState": "ARCHIVED"}
            """)), T0);

    assertThat(ids(FindingQuery.all())).containsExactly("critical-prod", "high-iam", "medium-inspector");
    assertThat(ids(FindingQuery.all().withSeverities("CRITICAL", "MEDIUM"))).containsExactly("critical-prod", "medium-inspector");
    assertThat(ids(FindingQuery.all().withAccounts("444455556666"))).containsExactly("critical-prod");
    assertThat(ids(FindingQuery.all().withProducts("Inspector"))).containsExactly("medium-inspector");
    assertThat(ids(FindingQuery.all().withControlIds("IAM.6"))).containsExactly("high-iam");
    assertThat(ids(FindingQuery.all().withComplianceStatuses("FAILED"))).containsExactly("critical-prod");
    assertThat(ids(FindingQuery.all().withRecordStates("ARCHIVED"))).containsExactly("high-iam");
    assertThat(ids(FindingQuery.all().withWorkflowStatuses("RESOLVED"))).containsExactly("high-iam");
    assertThat(ids(FindingQuery.all().withText("cve-2024"))).containsExactly("medium-inspector");
    assertThat(ids(FindingQuery.all().withText("I-0ABC"))).containsExactly("medium-inspector");
    assertThat(ids(FindingQuery.all().withText("HIGH-"))).containsExactly("high-iam");
    assertThat(ids(FindingQuery.all().withSeverities("HIGH").withAccounts("444455556666"))).isEmpty();
    assertThat(ids(FindingQuery.all().withLimit(2))).containsExactly("critical-prod", "high-iam");
  }

  @Test
  void hostile_text_is_harmless() {
    String hostile = "'; DROP TABLE findings; --";
    store.importBatch(List.of(finding("plain", "2026-01-05T10:00:00.000Z"),
        finding("quoted", "2026-01-05T10:00:00.000Z", """
            {"Title": "Title with '; DROP TABLE findings; -- in it, 100% and a_b"}
            """)), T0);

    assertThat(ids(FindingQuery.all().withText(hostile))).containsExactly("quoted");
    assertThat(ids(FindingQuery.all().withAccounts(hostile).withProducts(hostile).withControlIds(hostile))).isEmpty();
    assertThat(ids(FindingQuery.all().withText("100%"))).containsExactly("quoted");
    assertThat(ids(FindingQuery.all().withText("a_b"))).containsExactly("quoted");
    assertThat(ids(FindingQuery.all().withText("%"))).containsExactly("quoted");
    assertThat(store.count()).isEqualTo(2);
  }

  @Test
  void for_each_streams_20000_findings_in_work_list_order() {
    String[] labels = {"INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"};
    List<Finding> batch = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      batch.add(finding("bulk-" + i, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i % 977).toString(),
          "{\"Severity\": {\"Label\": \"" + labels[i % labels.length] + "\"}}"));
      if (batch.size() == 500) {
        store.importBatch(batch, T0);
        batch.clear();
      }
    }
    Comparator<Finding> workList = Comparator.<Finding>comparingInt(f -> -f.severityLabel().ordinal())
        .thenComparing(Finding::updatedAt, Comparator.reverseOrder())
        .thenComparing(f -> f.identity().key());
    long[] seen = new long[1];
    Finding[] previous = new Finding[1];
    List<String> outOfOrder = new ArrayList<>();

    store.forEach(FindingQuery.all(), f -> {
      if (previous[0] != null && workList.compare(previous[0], f) > 0) outOfOrder.add(previous[0].id() + " before " + f.id());
      previous[0] = f;
      seen[0]++;
    });

    assertThat(seen[0]).isEqualTo(20_000);
    assertThat(outOfOrder).isEmpty();
    assertThat(previous[0].severityLabel().name()).isEqualTo("INFORMATIONAL");
  }

  @Test
  void history_lists_every_accepted_import_in_order() {
    store.importBatch(List.of(finding("f-1", "2026-01-05T10:00:00.000Z")), T0);
    store.importBatch(List.of(finding("f-1", "2026-01-04T10:00:00.000Z"), finding("f-2", "2026-01-05T10:00:00.000Z"),
        finding("f-1", "2026-01-06T10:00:00.000Z")), T1);
    store.importBatch(List.of(finding("f-1", "2026-01-07T10:00:00.000Z", """
        {"RecordState": "ARCHIVED"}
        """)), T1.plusSeconds(60));

    List<HistoryEntry> history = store.history(new FindingId(TestFindings.PRODUCT_ARN, "f-1"));

    assertThat(history).extracting(HistoryEntry::change).containsExactly("CREATED", "UPDATED", "UPDATED");
    assertThat(history).extracting(HistoryEntry::recordedAt).containsExactly(T0, T1, T1.plusSeconds(60));
    assertThat(history).extracting(HistoryEntry::updatedAt).containsExactly(Instant.parse("2026-01-05T10:00:00Z"),
        Instant.parse("2026-01-06T10:00:00Z"), Instant.parse("2026-01-07T10:00:00Z"));
    assertThat(history).extracting(HistoryEntry::seq).isSorted().doesNotHaveDuplicates();
    assertThat(history.get(2).finding().recordState().name()).isEqualTo("ARCHIVED");
    assertThat(store.history(new FindingId(TestFindings.PRODUCT_ARN, "never"))).isEmpty();
  }

  @Test
  void reopening_the_store_keeps_the_data_and_runs_migrations_once() throws SQLException {
    Finding f = finding("f-1", "2026-01-05T10:00:00.000Z");
    store.importBatch(List.of(f), T0);
    Acceptance a = store.acceptances().accept(request(Scope.CONTROL, "S3.8", null), AcceptancePolicy.DEFAULT, T0);
    store.close();

    try (Store again = Store.open(url)) {
      assertThat(again.count()).isEqualTo(1);
      assertThat(again.history(f.identity())).hasSize(1);
      assertThat(again.acceptances().list(true, T0)).containsExactly(a);
      assertThat(again.acceptances().history(a.id())).hasSize(1);
    }
    try (Store third = Store.open(url)) {
      assertThat(third.find(f.identity())).isPresent();
    }
    assertThat(queryLong("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '1' AND \"success\" = TRUE"))
        .isEqualTo(1);
    assertThat(queryLong("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '3' AND \"success\" = TRUE"))
        .isEqualTo(1);
  }

  @Test
  void opening_a_new_store_prints_nothing() {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      open(newStoreUrl()).count();
    } finally {
      System.setOut(out);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void count_by_counts_findings_per_value_and_names_the_valid_columns() {
    store.importBatch(List.of(finding("a", "2026-01-05T10:00:00.000Z"), finding("b", "2026-01-05T10:00:00.000Z"),
        finding("c", "2026-01-05T10:00:00.000Z", """
            {"Severity": {"Label": "CRITICAL"}, "Compliance": null, "GeneratorId": "x"}
            """)), T0);

    assertThat(store.countBy("severity")).containsExactly(Map.entry("HIGH", 2L), Map.entry("CRITICAL", 1L));
    assertThat(store.countBy("compliance")).containsExactly(Map.entry("FAILED", 2L), Map.entry("", 1L));
    assertThat(store.countBy("account")).containsExactly(Map.entry("111122223333", 3L));
    assertThat(store.countBy("product")).containsExactly(Map.entry("Security Hub", 3L));
    assertThat(store.countBy("workflow")).containsExactly(Map.entry("NEW", 3L));
    assertThat(store.countBy("record_state")).containsExactly(Map.entry("ACTIVE", 3L));
    assertThatThrownBy(() -> store.countBy("title; DROP TABLE findings"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Expected one of [severity, workflow, record_state, compliance, account, product]"
            + " but was title; DROP TABLE findings as the column to count by");
  }

  @Test
  void the_action_of_for_each_may_not_call_the_store_and_its_exceptions_reach_the_caller() {
    store.importBatch(List.of(finding("a", "2026-01-05T10:00:00.000Z"), finding("b", "2026-01-05T10:00:00.000Z")), T0);

    assertThatThrownBy(() -> store.forEach(FindingQuery.all(), f -> store.count()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("The action of Store.forEach called the store " + Urls.redact(url)
            + "; collect what it needs and call the store after forEach returns");
    RuntimeException stop = new RuntimeException("stop");
    assertThatThrownBy(() -> store.forEach(FindingQuery.all(), f -> {
      throw stop;
    })).isSameAs(stop);
    assertThat(store.count()).isEqualTo(2);
  }

  @Test
  void the_action_of_for_each_may_not_call_the_parts_of_the_store_either() {
    store.importBatch(List.of(finding("a", "2026-01-05T10:00:00.000Z")), T0);
    String message = "The action of Store.forEach called the store " + Urls.redact(url)
        + "; collect what it needs and call the store after forEach returns";

    assertThatThrownBy(() -> store.forEach(FindingQuery.all(), f -> store.outbox().nextDue()))
        .isInstanceOf(IllegalStateException.class).hasMessage(message);
    assertThatThrownBy(() -> store.forEach(FindingQuery.all(), f -> store.tickets().tickets("k1")))
        .isInstanceOf(IllegalStateException.class).hasMessage(message);
    assertThatThrownBy(() -> store.forEach(FindingQuery.all(), f -> store.acceptances().list(true, T0)))
        .isInstanceOf(IllegalStateException.class).hasMessage(message);
  }

  @Test
  void the_parts_of_a_store_wait_for_its_lock_while_another_thread_uses_its_connection() throws Exception {
    store.importBatch(List.of(finding("a", "2026-01-05T10:00:00.000Z")), T0);
    store.outbox().enqueue(List.of(delivery("a", "r", Change.NEW, T0)));
    java.util.concurrent.atomic.AtomicReference<Object> got = new java.util.concurrent.atomic.AtomicReference<>();
    Thread other = new Thread(() -> {
      try {
        got.set(store.outbox().nextDue());
      } catch (RuntimeException e) {
        got.set(e);
      }
    });
    List<Thread.State> whileWalking = new ArrayList<>();

    store.forEach(FindingQuery.all(), f -> {
      other.start();
      // the other thread may not use the connection while the walk does: it waits for the store's lock
      while (other.isAlive() && other.getState() != Thread.State.BLOCKED) Thread.onSpinWait();
      whileWalking.add(other.getState());
    });
    other.join();

    assertThat(whileWalking).containsExactly(Thread.State.BLOCKED);
    assertThat(got.get()).as("then it read when the delivery is due").isEqualTo(java.util.Optional.of(T0));
  }

  @Test
  void an_unknown_identity_is_not_found() {
    assertThat(store.find(new FindingId(TestFindings.PRODUCT_ARN, "nothing"))).isEmpty();
    assertThat(store.count()).isZero();
    assertThat(store.importBatch(List.of(), T0).results()).isEmpty();
  }

  // ---- risk acceptances ----

  private static AcceptanceRequest request(Scope scope, String value, Instant expiresAt) {
    return new AcceptanceRequest(scope, value, "platform-team", "Recorded by the org-wide aggregator", expiresAt);
  }

  @Test
  void accepting_stores_the_acceptance_with_a_short_id_and_a_created_event() {
    Acceptance a = store.acceptances().accept(request(Scope.CONTROL, "Config.1", null), AcceptancePolicy.DEFAULT, T0);

    assertThat(a.id()).matches("acc-[0-9a-f]{8}");
    assertThat(a).isEqualTo(new Acceptance(a.id(), Scope.CONTROL, "Config.1", "platform-team",
        "Recorded by the org-wide aggregator", T0, T0.plus(Duration.ofDays(90)), null, null, null));
    assertThat(store.acceptances().find(a.id())).contains(a);
    assertThat(store.acceptances().list(false, T1)).containsExactly(a);
    assertThat(store.acceptances().history(a.id())).singleElement().satisfies(e -> {
      assertThat(e.acceptanceId()).isEqualTo(a.id());
      assertThat(e.at()).isEqualTo(T0);
      assertThat(e.event()).isEqualTo("CREATED");
      assertThat(e.actor()).isEqualTo("platform-team");
      assertThat(e.detail()).isEqualTo("Recorded by the org-wide aggregator");
    });
    assertThat(store.acceptances().find("acc-00000000")).isEmpty();
    assertThat(store.acceptances().history("acc-00000000")).isEmpty();
  }

  @Test
  void an_expiry_beyond_the_policy_maximum_is_bad_input_and_stores_nothing() {
    Instant tooLate = T0.plus(Duration.ofDays(90)).plusSeconds(1);

    assertThatThrownBy(() -> store.acceptances().accept(request(Scope.CVE, "CVE-2024-3094", tooLate), AcceptancePolicy.DEFAULT, T0))
        .isInstanceOfSatisfying(RisklineException.class, e -> assertThat(e.badInput()).isTrue())
        .hasMessage("acceptance expiry: expected at most 90 days from now, so no later than 2026-05-02T08:00:00Z, but"
            + " was 2026-05-02T08:00:01Z");
    Acceptance longer = store.acceptances().accept(request(Scope.CVE, "CVE-2024-3094", tooLate), new AcceptancePolicy(30, 180), T0);

    assertThat(store.acceptances().list(true, T0)).containsExactly(longer);
    assertThat(longer.expiresAt()).isEqualTo(tooLate);
  }

  @Test
  void acceptances_lists_the_active_ones_soonest_expiry_first_or_all_of_them() {
    StoreAcceptances acceptances = store.acceptances();
    Acceptance later = acceptances.accept(request(Scope.CONTROL, "S3.8", T0.plus(Duration.ofDays(60))), AcceptancePolicy.DEFAULT, T0);
    Acceptance sooner = acceptances.accept(request(Scope.FINDING, "f-1", T0.plus(Duration.ofDays(2))), AcceptancePolicy.DEFAULT, T0);
    Acceptance revoked = acceptances.revoke(acceptances.accept(request(Scope.CVE, "CVE-2024-3094", null), AcceptancePolicy.DEFAULT,
        T0).id(), "alice", "patched", T1);
    Acceptance pending = acceptances.accept(request(Scope.CONTROL, "IAM.6", null), AcceptancePolicy.DEFAULT, T1);
    Instant threeDaysOn = T0.plus(Duration.ofDays(3));

    assertThat(acceptances.list(false, T0)).containsExactly(sooner, later, revoked);
    assertThat(acceptances.list(false, T1)).containsExactly(sooner, later, pending);
    assertThat(acceptances.list(false, threeDaysOn)).containsExactly(later, pending);
    assertThat(acceptances.list(true, threeDaysOn)).containsExactly(sooner, later, revoked, pending);
    assertThat(acceptances.active(threeDaysOn).all()).containsExactly(later, pending);
  }

  @Test
  void revoking_records_who_why_and_when_and_the_acceptance_covers_nothing_more() {
    Finding f = finding("f-1", "2026-01-05T10:00:00.000Z");
    store.importBatch(List.of(f), T0);
    Acceptance a = store.acceptances().accept(request(Scope.CONTROL, "S3.8", null), AcceptancePolicy.DEFAULT, T0);
    assertThat(store.acceptances().active(T1).covering(f, T1)).contains(a);

    Acceptance revoked = store.acceptances().revoke(a.id(), "alice", "The bucket is public by mistake", T1);

    assertThat(revoked.revokedAt()).isEqualTo(T1);
    assertThat(revoked.revokedBy()).isEqualTo("alice");
    assertThat(revoked.revokeReason()).isEqualTo("The bucket is public by mistake");
    assertThat(store.acceptances().find(a.id())).contains(revoked);
    assertThat(store.acceptances().active(T1).covering(f, T1)).isEmpty();
    assertThat(store.acceptances().history(a.id())).extracting(AcceptanceEvent::event, AcceptanceEvent::actor,
        AcceptanceEvent::at, AcceptanceEvent::detail).containsExactly(
        tuple("CREATED", "platform-team", T0, "Recorded by the org-wide aggregator"),
        tuple("REVOKED", "alice", T1, "The bucket is public by mistake"));
    assertThat(store.acceptances().history(a.id())).extracting(AcceptanceEvent::seq).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void revoking_an_unknown_revoked_or_expired_acceptance_is_bad_input_and_changes_nothing() {
    Acceptance a = store.acceptances().accept(request(Scope.CONTROL, "S3.8", T0.plus(Duration.ofDays(1))), AcceptancePolicy.DEFAULT, T0);
    Acceptance b = store.acceptances().accept(request(Scope.CONTROL, "S3.9", null), AcceptancePolicy.DEFAULT, T0);
    store.acceptances().revoke(b.id(), "alice", "fixed", T0.plusSeconds(60));

    assertBadInput(() -> store.acceptances().revoke("acc-00000000", "bob", "r", T1), "No acceptance acc-00000000 in the store");
    assertBadInput(() -> store.acceptances().revoke(b.id(), "bob", "again", T1), "Acceptance " + b.id()
        + " was already revoked at 2026-02-01T08:01:00Z by alice: fixed");
    assertBadInput(() -> store.acceptances().revoke(a.id(), "bob", "late", T1), "Acceptance " + a.id()
        + " expired at 2026-02-02T08:00:00Z; only an active acceptance can be revoked");
    assertBadInput(() -> store.acceptances().revoke(a.id(), "bob", " ", T0.plusSeconds(1)), "acceptance " + a.id()
        + ": revokeReason: expected why it is revoked but was blank");

    assertThat(store.acceptances().find(a.id()).orElseThrow().revokedAt()).isNull();
    assertThat(store.acceptances().find(b.id()).orElseThrow().revokedBy()).isEqualTo("alice");
    assertThat(store.acceptances().history(a.id())).hasSize(1);
    assertThat(store.acceptances().history(b.id())).hasSize(2);
  }

  @Test
  void active_acceptances_tell_which_covers_each_stored_finding() {
    store.importBatch(List.of(
        finding("s3", "2026-01-05T10:00:00.000Z"),
        finding("config-10", "2026-01-05T10:00:00.000Z", """
            {"Compliance": {"Status": "FAILED", "SecurityControlId": "Config.10"}}
            """),
        finding("xz", "2026-01-05T10:00:00.000Z", """
            {"Compliance": null, "GeneratorId": "arn:aws:inspector2", "Vulnerabilities": [{"Id": "CVE-2024-3094"}]}
            """),
        finding("sandbox", "2026-01-05T10:00:00.000Z", """
            {"Compliance": null, "GeneratorId": "custom", "Resources": [{"Type": "AwsEc2Instance", "Id": "i-1", "Tags": {"env": "sandbox"}}]}
            """)), T0);
    Acceptance control = store.acceptances().accept(request(Scope.CONTROL, "Config.1", null), AcceptancePolicy.DEFAULT, T0);
    Acceptance s3 = store.acceptances().accept(request(Scope.CONTROL, "S3.8", null), AcceptancePolicy.DEFAULT, T0);
    Acceptance cve = store.acceptances().accept(request(Scope.CVE, "CVE-2024-3094", null), AcceptancePolicy.DEFAULT, T0);
    Acceptance pattern = store.acceptances().accept(request(Scope.PATTERN, """
        {"Resources": {"Tags": {"env": ["sandbox"]}}}
        """, null), AcceptancePolicy.DEFAULT, T0);
    Acceptances active = store.acceptances().active(T1);
    Map<String, String> covering = new java.util.TreeMap<>();

    store.forEach(FindingQuery.all(), f -> covering.put(f.id(), active.covering(f, T1).map(Acceptance::id).orElse("-")));

    assertThat(covering).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("s3", s3.id(), "config-10", "-",
        "xz", cve.id(), "sandbox", pattern.id())));
    assertThat(pattern.value()).isEqualTo("{\"Resources\":{\"Tags\":{\"env\":[\"sandbox\"]}}}");
    assertThat(active.all()).contains(control);
  }

  @Test
  void acceptances_keep_long_patterns_unicode_and_hostile_text_and_times_to_the_microsecond() {
    String values = java.util.stream.IntStream.range(0, 1_000).mapToObj(i -> "\"acct-" + i + "\"")
        .collect(java.util.stream.Collectors.joining(", "));
    String longPattern = "{\"AwsAccountName\": [" + values + "]}";
    Instant now = Instant.parse("2026-02-01T08:00:00.123456789Z");
    AcceptanceRequest hostile = new AcceptanceRequest(Scope.PATTERN, longPattern, "équipe '; DROP TABLE acceptances; --",
        "Risque accepté — 100% « sandbox » ✓", now.plus(Duration.ofDays(10)));

    Acceptance a = store.acceptances().accept(hostile, AcceptancePolicy.DEFAULT, now);

    assertThat(a.value()).hasSizeGreaterThan(10_000);
    assertThat(a.createdAt()).isEqualTo(Instant.parse("2026-02-01T08:00:00.123456Z"));
    assertThat(a.expiresAt()).isEqualTo(Instant.parse("2026-02-11T08:00:00.123456Z"));
    assertThat(store.acceptances().find(a.id())).contains(a);
    assertThat(store.acceptances().history(a.id()).get(0).at()).isEqualTo(a.createdAt());
  }

  @Test
  void many_acceptances_get_distinct_ids() {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      ids.add(store.acceptances().accept(request(Scope.FINDING, "f-" + i, null), AcceptancePolicy.DEFAULT, T0).id());
    }

    assertThat(ids).hasSize(200);
    assertThat(store.acceptances().list(false, T0)).hasSize(200);
  }

  private static Delivery delivery(String findingKey, String route, Change change, Instant now) {
    return Delivery.pending(route, "chat", change, findingKey, "{\"source\":\"riskline\",\"n\":\"" + findingKey + "\"}", now);
  }

  private static List<Delivery> deliveries(String prefix, int n, Instant now) {
    List<Delivery> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(delivery(prefix + i, "critical-to-chat", Change.NEW, now));
    return out;
  }

  @Test
  void deliveries_are_enqueued_with_the_finding_and_a_reimport_of_the_same_change_adds_none() {
    Store.Triager triager = (provider, imported, previous) -> new Store.Triaged(imported, null, -1, null,
        List.of(delivery(imported.identity().key(), "critical-to-chat", Change.NEW, T0)));

    store.importBatch(List.of(finding("f-1", "2026-01-05T10:00:00.000Z")), T0, triager);
    store.importBatch(List.of(finding("f-1", "2026-01-06T10:00:00.000Z")), T1, triager);

    List<Delivery> held = store.outbox().deliveries(List.of(), 10);
    String key = finding("f-1", "2026-01-05T10:00:00.000Z").identity().key();
    assertThat(held).extracting(Delivery::key, Delivery::status, Delivery::attempts, Delivery::nextAttemptAt)
        .containsExactly(tuple(key + "/critical-to-chat/chat/NEW/2026-02-01T08:00:00Z", Delivery.Status.PENDING, 0, T0));
    assertThat(held.get(0).event()).isEqualTo("{\"source\":\"riskline\",\"n\":\"" + key + "\"}");
  }

  @Test
  void a_failed_import_enqueues_nothing() {
    Store.Triager triager = (provider, imported, previous) -> {
      if (imported.id().equals("f-2")) throw new IllegalStateException("triage failed");
      return new Store.Triaged(imported, null, -1, null, deliveries(imported.id(), 1, T0));
    };

    assertThatThrownBy(() -> store.importBatch(List.of(finding("f-1", "2026-01-05T10:00:00.000Z"),
        finding("f-2", "2026-01-05T10:00:00.000Z")), T0, triager)).hasMessage("triage failed");

    assertThat(store.count()).isZero();
    assertThat(store.outbox().deliveries(List.of(), 10)).isEmpty();
  }

  @Test
  void enqueueing_the_same_idempotency_key_twice_keeps_one_row() {
    assertThat(store.outbox().enqueue(List.of(delivery("k1", "r", Change.NEW, T0), delivery("k1", "r", Change.NEW, T0),
        delivery("k1", "r", Change.ESCALATED, T0)))).isEqualTo(2);
    assertThat(store.outbox().enqueue(List.of(delivery("k1", "r", Change.NEW, T0)))).isZero();

    assertThat(store.outbox().deliveries(List.of(), 10)).extracting(Delivery::key)
        .containsExactly("k1/r/chat/ESCALATED/2026-02-01T08:00:00Z", "k1/r/chat/NEW/2026-02-01T08:00:00Z");
  }

  @Test
  void a_claim_hands_out_due_deliveries_once_until_its_lease_is_over() {
    store.outbox().enqueue(List.of(delivery("a", "r", Change.NEW, T0), delivery("b", "r", Change.NEW, T0.plusSeconds(60))));
    Store other = open(url);

    List<Delivery> first = store.outbox().claimDue(T0, 10, Duration.ofMinutes(5));
    List<Delivery> second = other.outbox().claimDue(T0.plusSeconds(10), 10, Duration.ofMinutes(5));
    List<Delivery> afterLease = other.outbox().claimDue(T0.plusSeconds(301), 10, Duration.ofMinutes(5));

    assertThat(first).extracting(Delivery::findingKey).containsExactly("a");
    assertThat(second).isEmpty();
    // the first claimer sent "a" and stopped before recording it: once the lease is over it is claimed again
    assertThat(afterLease).extracting(Delivery::findingKey).containsExactly("a", "b");
  }

  @Test
  void concurrent_claimers_never_get_the_same_delivery() throws Exception {
    store.outbox().enqueue(deliveries("f-", 300, T0));
    Store other = open(url);
    java.util.concurrent.ConcurrentLinkedQueue<Long> claimed = new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (Store s : List.of(store, other)) {
        done.add(pool.submit(() -> {
          List<Delivery> got;
          while (!(got = s.outbox().claimDue(T0, 7, Duration.ofMinutes(5))).isEmpty()) {
            got.forEach(d -> claimed.add(d.id()));
          }
        }));
      }
      for (java.util.concurrent.Future<?> f : done) f.get(60, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    assertThat(claimed).hasSize(300).doesNotHaveDuplicates();
  }

  @Test
  void attempts_are_recorded_as_retry_sent_or_dead_and_dead_ones_can_be_retried_and_purged() {
    store.outbox().enqueue(List.of(delivery("a", "r", Change.NEW, T0), delivery("b", "r", Change.NEW, T0),
        delivery("c", "r", Change.NEW, T0)));
    Map<String, Long> ids = new java.util.HashMap<>();
    store.outbox().claimDue(T0, 10, Duration.ofMinutes(1)).forEach(d -> ids.put(d.findingKey(), d.id()));

    assertThat(store.outbox().markRetry(ids.get("a"), T0.plusSeconds(2), "HTTP 503")).isTrue();
    assertThat(store.outbox().markSent(ids.get("b"), T0.plusSeconds(1), "HTTP 200")).isTrue();
    assertThat(store.outbox().markDead(ids.get("c"), "HTTP 404: no such hook")).isTrue();
    assertThat(store.outbox().markRetry(ids.get("b"), T0, "late")).as("a SENT delivery stays SENT").isFalse();

    assertThat(store.outbox().claimDue(T0.plusSeconds(1), 10, Duration.ofMinutes(1))).as("a is not due yet").isEmpty();
    assertThat(store.outbox().claimDue(T0.plusSeconds(2), 10, Duration.ofMinutes(1))).extracting(Delivery::findingKey,
        Delivery::attempts, Delivery::lastError).containsExactly(tuple("a", 1, "HTTP 503"));
    assertThat(store.outbox().deliveries(List.of(Delivery.Status.SENT), 10)).extracting(Delivery::findingKey,
        Delivery::attempts, Delivery::sentAt).containsExactly(tuple("b", 1, T0.plusSeconds(1)));
    assertThat(store.outbox().deliveries(List.of(Delivery.Status.DEAD), 10)).extracting(Delivery::findingKey,
        Delivery::lastError).containsExactly(tuple("c", "HTTP 404: no such hook"));

    assertThat(store.outbox().retry(null, T1)).isEqualTo(1);
    assertThat(store.outbox().retry(List.of(ids.get("b")), T1)).as("only DEAD ones are retried").isZero();
    assertThat(store.outbox().claimDue(T1, 10, Duration.ofMinutes(1))).extracting(Delivery::findingKey, Delivery::attempts)
        .as("a's lease is over; c keeps its attempt").containsExactly(tuple("a", 1), tuple("c", 1));

    assertThat(store.outbox().purge(T0, List.of(Delivery.Status.SENT))).as("sent at T0+1s, not before T0").isZero();
    assertThat(store.outbox().purge(T1, List.of(Delivery.Status.SENT, Delivery.Status.DEAD))).isEqualTo(1);
    assertThat(store.outbox().deliveries(List.of(), 10)).extracting(Delivery::findingKey).containsExactly("c", "a");
  }

  @Test
  void a_long_error_is_cut_and_kept() {
    store.outbox().enqueue(List.of(delivery("a", "r", Change.NEW, T0)));
    long id = store.outbox().claimDue(T0, 1, Duration.ofMinutes(1)).get(0).id();

    store.outbox().markDead(id, "x".repeat(5000));

    assertThat(store.outbox().deliveries(List.of(), 1).get(0).lastError()).hasSize(2000);
  }

  @Test
  void a_saved_ticket_is_found_by_target_and_finding_and_only_there() {
    Tickets.Ticket ticket = new Tickets.Ticket("jira", "k1", "SEC-1", "SEC-1", "https://acme.atlassian.net/browse/SEC-1",
        Tickets.Status.OPEN, T0, T0);

    store.tickets().saveTicket(ticket);

    assertThat(store.tickets().ticket("jira", "k1")).contains(ticket);
    assertThat(store.tickets().ticket("jira", "k2")).isEmpty();
    assertThat(store.tickets().ticket("snow", "k1")).isEmpty();
    assertThat(open(url).tickets().ticket("jira", "k1")).as("seen by another store on the same database").contains(ticket);
  }

  @Test
  void saving_a_ticket_again_replaces_it_keeps_its_creation_time_and_keeps_one_row() throws SQLException {
    store.tickets().saveTicket(new Tickets.Ticket("snow", "k1", "sys-1", "INC0010001", null, Tickets.Status.OPEN, T0, T0));
    store.tickets().saveTicket(new Tickets.Ticket("snow", "k1", "sys-1", "INC0010001", null, Tickets.Status.RESOLVED,
        T1, T1.plusNanos(1_500)));

    assertThat(store.tickets().ticket("snow", "k1")).contains(new Tickets.Ticket("snow", "k1", "sys-1", "INC0010001", null,
        Tickets.Status.RESOLVED, T0, T1.plusNanos(1_000)));
    assertThat(queryLong("SELECT COUNT(*) FROM tickets")).isEqualTo(1);
  }

  @Test
  void ticket_links_keep_hostile_and_unicode_text() {
    String target = "t'; DROP TABLE tickets; --";
    Tickets.Ticket ticket = new Tickets.Ticket(target, "k1", "ÉQUIPE-7", "Équipe ✓ 7", "https://x.test/?a='b'",
        Tickets.Status.OPEN, T0, T0);

    store.tickets().saveTicket(ticket);

    assertThat(store.tickets().ticket(target, "k1")).contains(ticket);
  }

  @Test
  void the_first_reservation_wins_the_second_is_busy_until_the_lease_ends_and_a_linked_ticket_ends_it() {
    Store other = open(url);
    Duration lease = Duration.ofMinutes(5);

    Tickets.Reservation won = store.tickets().reserve("jira", "k1", T0, lease);
    Tickets.Reservation lost = other.tickets().reserve("jira", "k1", T0.plusSeconds(1), lease);

    assertThat(won.kind()).isEqualTo(Tickets.Reservation.Kind.RESERVED);
    assertThat(won.until()).isEqualTo(T0.plus(lease));
    assertThat(lost.kind()).isEqualTo(Tickets.Reservation.Kind.BUSY);
    assertThat(lost.until()).isEqualTo(T0.plus(lease));
    assertThat(store.tickets().ticket("jira", "k1")).as("a reservation is no ticket").isEmpty();
    assertThat(store.tickets().reserve("snow", "k1", T0, lease).kind()).as("another target").isEqualTo(Tickets.Reservation.Kind.RESERVED);

    Tickets.Ticket ticket = new Tickets.Ticket("jira", "k1", "SEC-1", "SEC-1", "https://acme.atlassian.net/browse/SEC-1",
        Tickets.Status.OPEN, T0.plusSeconds(2), T0.plusSeconds(2));
    store.tickets().saveTicket(ticket);
    Tickets.Reservation linked = other.tickets().reserve("jira", "k1", T0.plusSeconds(3), lease);

    assertThat(linked.kind()).isEqualTo(Tickets.Reservation.Kind.LINKED);
    assertThat(linked.ticket()).isEqualTo(new Tickets.Ticket("jira", "k1", "SEC-1", "SEC-1",
        "https://acme.atlassian.net/browse/SEC-1", Tickets.Status.OPEN, T0, T0.plusSeconds(2)));
    assertThat(other.tickets().ticket("jira", "k1")).contains(linked.ticket());
  }

  @Test
  void a_follow_up_is_reserved_once_cancelled_taken_over_after_its_lease_and_ended_by_linking_it() {
    Store other = open(url);
    Duration lease = Duration.ofMinutes(5);
    Tickets.Ticket old = new Tickets.Ticket("jira", "k1", "SEC-1", "SEC-1", null, Tickets.Status.RESOLVED, T0, T0);
    store.tickets().saveTicket(old);

    Tickets.Reservation won = store.tickets().reserveFollowUp("jira", "k1", "SEC-1", T0, lease);
    Tickets.Reservation lost = other.tickets().reserveFollowUp("jira", "k1", "SEC-1", T0.plusSeconds(1), lease);

    assertThat(won.kind()).isEqualTo(Tickets.Reservation.Kind.RESERVED);
    assertThat(lost.kind()).isEqualTo(Tickets.Reservation.Kind.BUSY);
    assertThat(lost.until()).isEqualTo(T0.plus(lease));
    assertThat(other.tickets().ticket("jira", "k1")).as("the old ticket stays linked meanwhile").contains(old);
    store.tickets().cancel(won);
    Tickets.Reservation again = other.tickets().reserveFollowUp("jira", "k1", "SEC-1", T0.plusSeconds(2), lease);
    assertThat(again.kind()).as("after a cancel").isEqualTo(Tickets.Reservation.Kind.RESERVED);
    Tickets.Reservation taken = store.tickets().reserveFollowUp("jira", "k1", "SEC-1", T0.plus(lease).plusSeconds(2), lease);
    assertThat(taken.kind()).as("after its lease").isEqualTo(Tickets.Reservation.Kind.TAKEN_OVER);
    other.tickets().cancel(again);
    assertThat(other.tickets().reserveFollowUp("jira", "k1", "SEC-1", T0.plus(lease).plusSeconds(3), lease).kind())
        .as("the old creator's cancel left the new reservation").isEqualTo(Tickets.Reservation.Kind.BUSY);

    store.tickets().saveTicket(new Tickets.Ticket("jira", "k1", "SEC-2", "SEC-2", null, Tickets.Status.OPEN, T0,
        T0.plus(lease).plusSeconds(4)));
    Tickets.Reservation linked = other.tickets().reserveFollowUp("jira", "k1", "SEC-1", T0.plus(lease).plusSeconds(5), lease);

    assertThat(linked.kind()).isEqualTo(Tickets.Reservation.Kind.LINKED);
    assertThat(linked.ticket().number()).isEqualTo("SEC-2");
    assertThat(other.tickets().reserveFollowUp("jira", "k1", "SEC-2", T0.plus(lease).plusSeconds(5), lease).kind())
        .as("the follow-up's own follow-up, once it is closed").isEqualTo(Tickets.Reservation.Kind.RESERVED);
  }

  @Test
  void a_save_naming_the_linked_ticket_applies_keeps_the_creation_time_and_another_follow_ups_reservation() {
    Store other = open(url);
    Duration lease = Duration.ofMinutes(5);
    store.tickets().saveTicket(new Tickets.Ticket("jira", "k1", "SEC-1", "SEC-1", null, Tickets.Status.OPEN, T0, T0));
    Tickets.Reservation followUp = other.tickets().reserveFollowUp("jira", "k1", "SEC-1", T1, lease);
    assertThat(followUp.kind()).isEqualTo(Tickets.Reservation.Kind.RESERVED);

    boolean applied = store.tickets().saveTicket(new Tickets.Ticket("jira", "k1", "SEC-1", "SEC-1", null,
        Tickets.Status.RESOLVED, T1, T1.plusSeconds(1)), "SEC-1");

    assertThat(applied).isTrue();
    assertThat(store.tickets().ticket("jira", "k1")).contains(new Tickets.Ticket("jira", "k1", "SEC-1", "SEC-1", null,
        Tickets.Status.RESOLVED, T0, T1.plusSeconds(1)));
    assertThat(store.tickets().reserveFollowUp("jira", "k1", "SEC-1", T1.plusSeconds(2), lease).kind())
        .as("the follow-up's reservation is still the other creator's").isEqualTo(Tickets.Reservation.Kind.BUSY);
    other.tickets().saveTicket(new Tickets.Ticket("jira", "k1", "SEC-2", "SEC-2", null, Tickets.Status.OPEN, T0,
        T1.plusSeconds(3)));
    assertThat(store.tickets().ticket("jira", "k1")).get().extracting(Tickets.Ticket::key).isEqualTo("SEC-2");
  }

  @Test
  void a_save_naming_a_ticket_no_longer_linked_changes_nothing() throws SQLException {
    Duration lease = Duration.ofMinutes(5);
    Tickets.Ticket followUp = new Tickets.Ticket("jira", "k1", "SEC-2", "SEC-2", null, Tickets.Status.OPEN, T0, T1);
    store.tickets().saveTicket(followUp);
    Tickets.Reservation next = store.tickets().reserveFollowUp("jira", "k1", "SEC-2", T1, lease);

    boolean applied = open(url).tickets().saveTicket(new Tickets.Ticket("jira", "k1", "SEC-1", "SEC-1", null,
        Tickets.Status.RESOLVED, T1, T1.plusSeconds(1)), "SEC-1");

    assertThat(applied).isFalse();
    assertThat(store.tickets().ticket("jira", "k1")).contains(followUp);
    assertThat(store.tickets().reserveFollowUp("jira", "k1", "SEC-2", T1.plusSeconds(2), lease).kind())
        .as("the follow-up's own reservation stays").isEqualTo(Tickets.Reservation.Kind.BUSY);
    store.tickets().cancel(next);
    assertThat(store.tickets().saveTicket(new Tickets.Ticket("jira", "k2", "SEC-3", "SEC-3", null,
        Tickets.Status.RESOLVED, T1, T1), "SEC-3")).as("no link at all: nothing inserted").isFalse();
    Tickets.Reservation creating = store.tickets().reserve("jira", "k3", T1, lease);
    assertThat(store.tickets().saveTicket(new Tickets.Ticket("jira", "k3", "SEC-4", "SEC-4", null,
        Tickets.Status.OPEN, T1, T1), "SEC-4")).as("a reservation of the first ticket is no link").isFalse();
    assertThat(store.tickets().reserve("jira", "k3", T1.plusSeconds(1), lease).kind())
        .as("the first ticket's reservation stays").isEqualTo(Tickets.Reservation.Kind.BUSY);
    assertThat(creating.held()).isTrue();
    assertThat(queryLong("SELECT COUNT(*) FROM tickets")).isEqualTo(2);
  }

  @Test
  void a_reservation_left_past_its_lease_is_taken_over_once_and_the_old_one_can_no_longer_be_cancelled() {
    Store other = open(url);
    Store third = open(url);
    Duration lease = Duration.ofMinutes(5);
    Tickets.Reservation stopped = store.tickets().reserve("jira", "k1", T0, lease);

    Tickets.Reservation taken = other.tickets().reserve("jira", "k1", T0.plus(lease), lease);
    Tickets.Reservation late = third.tickets().reserve("jira", "k1", T0.plus(lease).plusSeconds(1), lease);
    store.tickets().cancel(stopped);

    assertThat(taken.kind()).isEqualTo(Tickets.Reservation.Kind.TAKEN_OVER);
    assertThat(taken.token()).isNotEqualTo(stopped.token());
    assertThat(late.kind()).isEqualTo(Tickets.Reservation.Kind.BUSY);
    assertThat(late.until()).isEqualTo(T0.plus(lease).plus(lease));
    assertThat(third.tickets().reserve("jira", "k1", T0.plus(lease).plusSeconds(2), lease).kind())
        .as("the old creator's cancel left the new reservation").isEqualTo(Tickets.Reservation.Kind.BUSY);
  }

  @Test
  void a_cancelled_reservation_may_be_made_again_at_once() throws SQLException {
    Tickets.Reservation first = store.tickets().reserve("snow", "k1", T0, Duration.ofMinutes(5));

    store.tickets().cancel(first);

    assertThat(queryLong("SELECT COUNT(*) FROM tickets")).isZero();
    assertThat(open(url).tickets().reserve("snow", "k1", T0.plusSeconds(1), Duration.ofMinutes(5)).kind())
        .isEqualTo(Tickets.Reservation.Kind.RESERVED);
  }

  @Test
  void concurrent_reservers_of_one_ticket_let_exactly_one_win() throws Exception {
    List<Store> stores = List.of(store, open(url), open(url), open(url));
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(stores.size());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(stores.size());
    List<Tickets.Reservation.Kind> kinds = new java.util.concurrent.CopyOnWriteArrayList<>();
    try {
      for (int round = 0; round < 20; round++) {
        String key = "k" + round;
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (Store s : stores) {
          done.add(pool.submit(() -> {
            together.await(30, java.util.concurrent.TimeUnit.SECONDS);
            return kinds.add(s.tickets().reserve("jira", key, T0, Duration.ofMinutes(5)).kind());
          }));
        }
        for (java.util.concurrent.Future<?> f : done) f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(kinds).hasSize(80);
    assertThat(kinds.stream().filter(k -> k == Tickets.Reservation.Kind.RESERVED)).hasSize(20);
    assertThat(kinds.stream().filter(k -> k == Tickets.Reservation.Kind.BUSY)).hasSize(60);
  }

  @Test
  void the_tickets_of_a_finding_are_its_linked_ones_by_target() {
    store.tickets().saveTicket(new Tickets.Ticket("snow", "k1", "sys-1", "INC0010001", "https://acme.service-now.com/x",
        Tickets.Status.OPEN, T0, T0));
    store.tickets().saveTicket(new Tickets.Ticket("jira", "k1", "SEC-1", "SEC-1", "https://acme.atlassian.net/browse/SEC-1",
        Tickets.Status.RESOLVED, T0, T0));
    store.tickets().saveTicket(new Tickets.Ticket("jira", "k2", "SEC-2", "SEC-2", null, Tickets.Status.OPEN, T0, T0));
    store.tickets().reserve("teams-jira", "k1", T0, Duration.ofMinutes(5));

    assertThat(store.tickets().tickets("k1")).extracting(Tickets.Ticket::number).containsExactly("SEC-1", "INC0010001");
    assertThat(store.tickets().tickets("k3")).isEmpty();
  }

  private static Delivery member(String findingKey, String image, Instant at, int rank) {
    Delivery.Group g = new Delivery.Group("per-image/chat/" + image, "{\"/detail/finding/Resources/0/Id\":\"" + image
        + "\"}", Duration.ofMinutes(15), null, rank);
    return Delivery.pending("per-image", "chat", Change.NEW, findingKey, "{\"n\":\"" + findingKey + "\"}", at)
        .inGroup(g);
  }

  @Test
  void digest_members_join_the_open_window_of_their_group_and_a_due_group_is_claimed_whole_once() {
    Instant t5 = T0.plus(Duration.ofMinutes(5));
    Instant t15 = T0.plus(Duration.ofMinutes(15));
    store.outbox().enqueue(List.of(member("a1", "a", T0, 2), member("b1", "b", T0, 1), delivery("single", "r", Change.NEW, T0)));
    store.outbox().enqueue(List.of(member("a2", "a", t5, 3), member("a3", "a", T0.plus(Duration.ofSeconds(899)), 0)));
    store.outbox().enqueue(List.of(member("a4", "a", t15, 1))); // the window of 08:00 closed at 08:15: a new one
    Store other = open(url);

    List<Delivery> early = store.outbox().claimDue(t5, 10, Duration.ofHours(1));
    List<Delivery> due = store.outbox().claimDue(t15, 1, Duration.ofMinutes(5));
    List<Delivery> again = other.outbox().claimDue(t15, 10, Duration.ofMinutes(5));

    assertThat(early).extracting(Delivery::findingKey).as("the windows are open").containsExactly("single");
    assertThat(due).extracting(Delivery::findingKey).as("one group counts once towards max")
        .containsExactly("a1", "a2", "a3");
    assertThat(due).allSatisfy(d -> {
      assertThat(d.group().start()).isEqualTo(T0);
      assertThat(d.group().end()).isEqualTo(t15);
      assertThat(d.nextAttemptAt()).isEqualTo(t15);
      assertThat(d.group().values()).isEqualTo("{\"/detail/finding/Resources/0/Id\":\"a\"}");
    });
    assertThat(due).extracting(d -> d.group().rank()).containsExactly(2, 3, 0);
    assertThat(again).extracting(Delivery::findingKey).containsExactly("b1");
    assertThat(store.outbox().deliveries(List.of(), 10)).filteredOn(d -> d.findingKey().equals("a4")).singleElement()
        .satisfies(d -> assertThat(d.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(30))));
  }

  @Test
  void a_group_is_recorded_together_held_back_without_an_attempt_and_counted_once_as_sent() {
    store.outbox().enqueue(List.of(member("a1", "a", T0, 0), member("a2", "a", T0, 0), member("a3", "a", T0, 0),
        Delivery.pending("per-image", "chat", Change.NEW, "single", "{}", T0)));
    Instant t15 = T0.plus(Duration.ofMinutes(15));
    List<Long> group = store.outbox().claimDue(t15, 10, Duration.ofMinutes(5)).stream().filter(d -> d.group() != null)
        .map(Delivery::id).toList();

    assertThat(store.outbox().markRetry(group, t15.plusSeconds(1), "HTTP 503")).isEqualTo(3);
    List<Delivery> retried = store.outbox().claimDue(t15.plusSeconds(1), 10, Duration.ofMinutes(5));
    assertThat(retried).extracting(Delivery::findingKey, Delivery::attempts)
        .containsExactly(tuple("a1", 1), tuple("a2", 1), tuple("a3", 1));
    assertThat(store.outbox().postpone(group, T1)).isEqualTo(3);
    assertThat(store.outbox().claimDue(t15.plusSeconds(2), 10, Duration.ofMinutes(5))).as("held back until T1").isEmpty();
    List<Delivery> atT1 = store.outbox().claimDue(T1, 10, Duration.ofMinutes(5));
    assertThat(atT1).filteredOn(d -> d.group() != null).extracting(Delivery::attempts).as("holding back is no attempt").containsExactly(1, 1, 1);
    assertThat(store.outbox().markSent(group, T1, "HTTP 200")).isEqualTo(3);
    long single = store.outbox().deliveries(List.of(Delivery.Status.SENT), 10).size();

    assertThat(single).isEqualTo(3);
    assertThat(store.outbox().sentSince("per-image", "chat", T0, 10)).as("the digest is one message").containsExactly(T1);
    assertThat(store.outbox().sentSince("per-image", "chat", T1, 10)).as("after since only").isEmpty();
    assertThat(store.outbox().sentSince("per-image", "other", T0, 10)).isEmpty();
  }

  @Test
  void retrying_one_dead_member_of_a_digest_revives_its_group() {
    store.outbox().enqueue(List.of(member("a1", "a", T0, 0), member("a2", "a", T0, 0), member("b1", "b", T0, 0)));
    List<Delivery> all = store.outbox().claimDue(T1, 10, Duration.ofMinutes(5));
    store.outbox().markDead(all.stream().map(Delivery::id).toList(), "HTTP 404");

    int revived = store.outbox().retry(List.of(all.get(1).id()), T1);

    assertThat(revived).isEqualTo(2);
    assertThat(store.outbox().claimDue(T1, 10, Duration.ofMinutes(5))).extracting(Delivery::findingKey)
        .containsExactly("a1", "a2");
  }

  @Test
  void concurrent_claimers_never_split_a_digest_group() throws Exception {
    List<Delivery> members = new ArrayList<>();
    for (int g = 0; g < 12; g++) {
      for (int m = 0; m < 25; m++) members.add(member("f-" + g + "-" + m, "image-" + g, T0, m % 4));
    }
    store.outbox().enqueue(members);
    Store other = open(url);
    Map<String, java.util.Set<Integer>> claimers = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.ConcurrentLinkedQueue<Long> claimed = new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Store s = i == 0 ? store : other;
        int who = i;
        done.add(pool.submit(() -> {
          List<Delivery> got;
          while (!(got = s.outbox().claimDue(T1, 2, Duration.ofMinutes(5))).isEmpty()) {
            for (Delivery d : got) {
              claimed.add(d.id());
              claimers.computeIfAbsent(d.group().key(), k -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(who);
            }
          }
        }));
      }
      for (java.util.concurrent.Future<?> f : done) f.get(60, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    assertThat(claimed).hasSize(300).doesNotHaveDuplicates();
    assertThat(claimers).hasSize(12).allSatisfy((group, who) -> assertThat(who).hasSize(1));
  }

  @Test
  void the_next_due_time_is_the_earliest_pending_one_a_running_lease_pushed_to_its_end() {
    assertThat(store.outbox().nextDue()).as("nothing pending").isEmpty();
    store.outbox().enqueue(List.of(delivery("a", "r", Change.NEW, T0), delivery("b", "r", Change.NEW, T0.plusSeconds(60))));
    assertThat(store.outbox().nextDue()).contains(T0);

    long a = store.outbox().claimDue(T0, 1, Duration.ofSeconds(90)).get(0).id();
    assertThat(store.outbox().nextDue()).as("a is claimed until T0+90s; b is due at T0+60s").contains(T0.plusSeconds(60));

    store.outbox().markSent(a, T0, "HTTP 200");
    long b = store.outbox().claimDue(T0.plusSeconds(60), 1, Duration.ofSeconds(90)).get(0).id();
    assertThat(store.outbox().nextDue()).as("b is claimed until T0+150s").contains(T0.plusSeconds(150));

    store.outbox().markDead(b, "HTTP 404");
    assertThat(store.outbox().nextDue()).as("nothing pending").isEmpty();
  }

  @Test
  void dead_looks_up_only_the_ids_it_is_given_and_answers_those_that_are_dead() {
    store.outbox().enqueue(deliveries("f-", 3, T0));
    List<Delivery> claimed = store.outbox().claimDue(T0, 10, Duration.ofMinutes(5));
    store.outbox().markDead(claimed.get(1).id(), "HTTP 404");
    store.outbox().markSent(claimed.get(2).id(), T0, "HTTP 200");

    assertThat(store.outbox().dead(List.of(claimed.get(0).id(), claimed.get(1).id(), claimed.get(2).id(), 999L)))
        .containsExactly(claimed.get(1).id());
    assertThat(store.outbox().dead(List.of())).isEmpty();
  }

  @Test
  void released_deliveries_may_be_claimed_again_at_once() {
    store.outbox().enqueue(deliveries("f-", 3, T0));
    List<Delivery> claimed = store.outbox().claimDue(T0, 10, Duration.ofMinutes(5));
    store.outbox().markSent(claimed.get(0).id(), T0, "HTTP 200");

    assertThat(store.outbox().release(claimed.stream().map(Delivery::id).toList())).as("the SENT one stays SENT").isEqualTo(2);

    assertThat(store.outbox().nextDue()).contains(T0);
    assertThat(store.outbox().claimDue(T0, 10, Duration.ofMinutes(5))).extracting(Delivery::findingKey)
        .containsExactly("f-1", "f-2");
    assertThat(store.outbox().release(List.of())).isZero();
  }

  private static void assertBadInput(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(RisklineException.class, e -> assertThat(e.badInput()).as("bad input").isTrue())
        .hasMessage(message);
  }

  private List<String> ids(FindingQuery query) {
    List<String> ids = new ArrayList<>();
    store.forEach(query, f -> ids.add(f.id()));
    return ids;
  }

  private static Map<String, Object> withProductArn(Finding f, String arn) {
    Map<String, Object> tree = f.edit();
    tree.put("ProductArn", arn);
    return tree;
  }

  private Instant lastSeenAt(Finding f) {
    return queryInstant("SELECT last_seen_at FROM findings WHERE finding_key = ?", f.identity().key());
  }

  private Instant firstSeenAt(Finding f) {
    return queryInstant("SELECT first_seen_at FROM findings WHERE finding_key = ?", f.identity().key());
  }

  /** A statement on a connection of its own, as another writer of the same database. */
  void sql(String statement, Object... params) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(statement)) {
      for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
      ps.executeUpdate();
    }
  }

  private long queryLong(String query) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(query);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Instant queryInstant(String query, String key) {
    try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(query)) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
