package dev.riskline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** FindingQuery checks its values, and becomes SQL that carries them as parameters only. */
class StoreQueryTest {
  @Test
  void a_severity_that_is_not_an_asff_label_is_refused_with_the_labels() {
    assertThatThrownBy(() -> FindingQuery.all().withSeverities("CRITICAL", "critical"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Expected one of [INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL] but was critical in FindingQuery.severities");
    assertThatThrownBy(() -> FindingQuery.all().withWorkflowStatuses("OPEN"))
        .hasMessage("Expected one of [NEW, NOTIFIED, RESOLVED, SUPPRESSED] but was OPEN in FindingQuery.workflowStatuses");
    assertThatThrownBy(() -> FindingQuery.all().withRecordStates("DELETED"))
        .hasMessage("Expected one of [ACTIVE, ARCHIVED] but was DELETED in FindingQuery.recordStates");
    assertThatThrownBy(() -> FindingQuery.all().withComplianceStatuses("FAIL"))
        .hasMessage("Expected one of [PASSED, WARNING, FAILED, NOT_AVAILABLE] but was FAIL in FindingQuery.complianceStatuses");
    assertThatThrownBy(() -> FindingQuery.all().withLimit(-1))
        .hasMessage("Expected a limit of 0 (no limit) or more but was -1 in FindingQuery.limit");
  }

  @Test
  void each_copy_changes_one_filter_and_blank_text_does_not_filter() {
    FindingQuery q = FindingQuery.all().withSeverities("HIGH").withAccounts("111122223333").withText("  ").withLimit(5);

    assertThat(q.severities()).containsExactly("HIGH");
    assertThat(q.accounts()).containsExactly("111122223333");
    assertThat(q.text()).isNull();
    assertThat(q.limit()).isEqualTo(5);
    assertThat(q.withProducts("Inspector").severities()).containsExactly("HIGH");
  }

  @Test
  void values_travel_as_parameters_and_like_wildcards_are_escaped() {
    QuerySql sql = QuerySql.of(FindingQuery.all().withAccounts("1' OR '1'='1").withText("50%_\\'; DROP TABLE findings; --"));

    assertThat(sql.sql()).isEqualTo("SELECT finding_key, body, risk_rating, clock_start, due_at, state, resolved_at FROM findings WHERE account_id IN (?) AND"
        + " (LOWER(title) LIKE ? ESCAPE '\\' OR LOWER(finding_id) LIKE ? ESCAPE '\\' OR LOWER(resource_id) LIKE ? ESCAPE '\\')"
        + " ORDER BY severity_rank DESC, updated_at DESC NULLS LAST, finding_key");
    String pattern = "%50\\%\\_\\\\'; drop table findings; --%";
    assertThat(sql.params()).isEqualTo(List.of("1' OR '1'='1", pattern, pattern, pattern));
  }
}
