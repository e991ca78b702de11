package dev.riskline.finding;

import dev.riskline.finding.Asff.ComplianceStatus;
import dev.riskline.finding.Asff.RecordState;
import dev.riskline.finding.Asff.SeverityLabel;
import dev.riskline.finding.Asff.WorkflowStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Security Hub's import semantics ({@code BatchImportFindings}, reference §3.2 and §1.4), the same for
 * one in-memory {@code triage} run and for the store:
 *
 * <ul>
 *   <li>identity is ({@code ProductArn}, {@code Id}); an update whose {@code UpdatedAt} is not newer than
 *       the held one is ignored, so of two records with one identity and one {@code UpdatedAt} the first
 *       wins;
 *   <li>a provider update never changes {@code Note}, {@code UserDefinedFields}, {@code VerificationState}
 *       or {@code Workflow} of an existing finding, nor {@code ProductName}, {@code CompanyName},
 *       {@code Region};
 *   <li>{@code FindingProviderFields} and the top-level {@code Confidence}, {@code Criticality},
 *       {@code RelatedFindings}, {@code Severity}, {@code Types} are merged by the three documented cases;
 *       a top-level value a customer set (BatchUpdateFindings) is kept. Where the import gives neither
 *       form, the held values stay (our choice; the documentation is silent);
 *   <li>{@code Severity.Label} and {@code Normalized} fill each other; {@code Workflow.Status} starts
 *       {@code NEW} and {@code RecordState} {@code ACTIVE};
 *   <li>the automatic workflow transitions: T1 archived → active and T2 passed → failing set NOTIFIED or
 *       RESOLVED back to NEW (SUPPRESSED stays); T4 a passing Security Hub control finding becomes RESOLVED
 *       unless it is SUPPRESSED (our choice where the documentation is silent). T5 and T6 (archiving after
 *       days without updates) are Security Hub's own timers and reach us as ARCHIVED records.
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class Imports {
  /** The attributes a provider mirrors in {@code FindingProviderFields}. */
  static final List<String> MIRRORED = List.of("Confidence", "Criticality", "RelatedFindings", "Severity", "Types");
  /** The attributes only customers (and automation rules) change once a finding exists. */
  static final List<String> CUSTOMER_ONLY = List.of("Note", "UserDefinedFields", "VerificationState", "Workflow");
  private static final List<String> SECURITY_HUB_OWNED = List.of("ProductName", "CompanyName", "Region");

  private Imports() {}

  /** What an import did. */
  public enum Outcome {
    /** The identity was new. */
    CREATED,
    /** The record was newer than the held finding and replaced it. */
    UPDATED,
    /** The record's {@code UpdatedAt} was not newer than the held finding's: ignored. */
    STALE
  }

  /**
   * A held finding and the top-level attributes customers have set on it through BatchUpdateFindings
   * (names from {@link #MIRRORED}), whose values provider updates must not overwrite.
   */
  public record Held(Finding finding, Set<String> customerSet) {
    public Held {
      Objects.requireNonNull(finding, "finding");
      customerSet = Set.copyOf(customerSet);
    }

    public static Held of(Finding finding) {
      return new Held(finding, Set.of());
    }
  }

  /** The outcome and the finding now held (the held one, unchanged, when STALE). */
  public record Result(Outcome outcome, Finding finding) {}

  /**
   * Imports one valid finding (see {@link Asff#validate}) from a provider.
   *
   * @param held what is held for the same identity, or null
   * @param incoming the provider's record
   */
  public static Result apply(Held held, Finding incoming) {
    if (held == null) return new Result(Outcome.CREATED, create(incoming));
    Instant before = held.finding().updatedAt();
    Instant after = incoming.updatedAt();
    if (before != null && (after == null || !after.isAfter(before))) {
      return new Result(Outcome.STALE, held.finding());
    }
    return new Result(Outcome.UPDATED, update(held, incoming));
  }

  private static Finding create(Finding incoming) {
    if (complete(incoming)) return incoming;
    Map<String, Object> t = incoming.edit();
    Map<String, Object> given = Finding.map(t.get("FindingProviderFields"));
    Map<String, Object> fpf = new LinkedHashMap<>(given);
    for (String x : MIRRORED) {
      Object fromProvider = fpf.get(x);
      Object top = t.get(x);
      if (fromProvider != null) {
        Object value = x.equals("Severity") ? mergeSeverity(top, fromProvider) : fromProvider;
        if (!value.equals(top)) t.put(x, value);
      } else if (top != null) {
        fpf.put(x, top);
      }
    }
    if (!fpf.isEmpty() && !fpf.equals(given)) t.put("FindingProviderFields", fpf);
    fillSeverity(t);
    t.putIfAbsent("RecordState", RecordState.ACTIVE.name());
    if (!(t.get("Workflow") instanceof Map<?, ?> w) || w.get("Status") == null) {
      setWorkflow(t, WorkflowStatus.NEW);
    }
    Finding created = Finding.of(t);
    if (created.isControlFinding() && created.complianceStatus() == ComplianceStatus.PASSED
        && created.workflowStatus() != WorkflowStatus.SUPPRESSED
        && created.workflowStatus() != WorkflowStatus.RESOLVED) {
      setWorkflow(t, WorkflowStatus.RESOLVED);
    }
    return Finding.derived(t, incoming);
  }

  /**
   * True when a new finding needs nothing filled in: provider fields mirror the top level, the severity
   * has both forms, record state and workflow are set and no transition applies. Most exports are like
   * that; they are then taken as they are, without a copy.
   */
  private static boolean complete(Finding f) {
    Map<String, Object> t = f.json();
    Map<String, Object> fpf = Finding.map(t.get("FindingProviderFields"));
    if (fpf.isEmpty() || t.get("RecordState") == null) return false;
    for (String x : MIRRORED) {
      Object fromProvider = fpf.get(x);
      Object top = t.get(x);
      if (fromProvider == null) {
        if (top != null) return false;
        continue;
      }
      boolean same = x.equals("Severity") ? severityKept(top, fromProvider) : fromProvider.equals(top);
      if (!same) return false;
    }
    Map<String, Object> severity = Finding.map(t.get("Severity"));
    if (severity.get("Label") == null || severity.get("Normalized") == null) return false;
    if (!(t.get("Workflow") instanceof Map<?, ?> w) || w.get("Status") == null) return false;
    WorkflowStatus status = f.workflowStatus();
    return !(f.isControlFinding() && f.complianceStatus() == ComplianceStatus.PASSED
        && status != WorkflowStatus.SUPPRESSED && status != WorkflowStatus.RESOLVED);
  }

  private static Finding update(Held held, Finding incoming) {
    Map<String, Object> old = held.finding().json();
    Map<String, Object> t = incoming.edit();
    for (String k : CUSTOMER_ONLY) {
      if (old.containsKey(k)) t.put(k, old.get(k));
      else t.remove(k);
    }
    for (String k : SECURITY_HUB_OWNED) {
      if (old.containsKey(k)) t.put(k, old.get(k));
    }
    Map<String, Object> oldFpf = Finding.map(old.get("FindingProviderFields"));
    Map<String, Object> fpf = new LinkedHashMap<>(Finding.map(t.get("FindingProviderFields")));
    for (String x : MIRRORED) {
      Object fromProvider = fpf.get(x);
      Object top = t.get(x);
      boolean customerSet = held.customerSet().contains(x);
      if (fromProvider == null && top == null) {
        putOrRemove(fpf, x, oldFpf.get(x));
        putOrRemove(t, x, old.get(x));
        continue;
      }
      if (fromProvider == null) fpf.put(x, top);
      Object newTop = top != null ? top : fromProvider;
      if (x.equals("Severity") && top == null) newTop = mergeSeverity(null, fromProvider);
      putOrRemove(t, x, customerSet ? old.get(x) : newTop);
    }
    if (!fpf.isEmpty()) t.put("FindingProviderFields", fpf);
    fillSeverity(t);
    t.putIfAbsent("RecordState", RecordState.ACTIVE.name());
    if (!t.containsKey("Workflow")) setWorkflow(t, WorkflowStatus.NEW);
    transitions(held.finding(), t);
    return Finding.derived(t, incoming);
  }

  /** The automatic workflow transitions T1, T2 and T4 of reference §1.4. */
  private static void transitions(Finding before, Map<String, Object> t) {
    Finding after = Finding.of(t);
    WorkflowStatus status = after.workflowStatus();
    boolean notifiedOrResolved = status == WorkflowStatus.NOTIFIED || status == WorkflowStatus.RESOLVED;
    boolean reactivated = before.recordState() == RecordState.ARCHIVED && after.recordState() == RecordState.ACTIVE;
    ComplianceStatus was = before.complianceStatus();
    ComplianceStatus now = after.complianceStatus();
    boolean failsAgain = was == ComplianceStatus.PASSED && now != null && now != ComplianceStatus.PASSED;
    if (notifiedOrResolved && (reactivated || failsAgain)) {
      setWorkflow(t, WorkflowStatus.NEW);
    } else if (after.isControlFinding() && now == ComplianceStatus.PASSED
        && (status == WorkflowStatus.NEW || status == WorkflowStatus.NOTIFIED)) {
      setWorkflow(t, WorkflowStatus.RESOLVED);
    }
  }

  private static void setWorkflow(Map<String, Object> t, WorkflowStatus status) {
    Map<String, Object> w = new LinkedHashMap<>(Finding.map(t.get("Workflow")));
    w.put("Status", status.name());
    t.put("Workflow", w);
  }

  /** True when {@link #mergeSeverity} would give {@code top} back unchanged; decided without building it. */
  private static boolean severityKept(Object top, Object fromProvider) {
    Map<String, Object> t = Finding.map(top);
    Map<String, Object> provider = Finding.map(fromProvider);
    if (t.isEmpty()) return false;
    for (Map.Entry<String, Object> e : provider.entrySet()) {
      if (!e.getValue().equals(t.get(e.getKey()))) return false;
    }
    Object label = provider.get("Label");
    if (label == null) return true;
    Double normalized = Values.number(t.get("Normalized"));
    return Asff.parse(SeverityLabel.class, label)
        .map(l -> normalized != null && normalized.intValue() == l.normalized() && t.get("Normalized") instanceof Integer)
        .orElse(t.get("Normalized") == null);
  }

  /** A provider severity ({@code Label}, {@code Original}) laid over a top-level one (which may carry more). */
  private static Object mergeSeverity(Object top, Object fromProvider) {
    Map<String, Object> merged = new LinkedHashMap<>(Finding.map(top));
    Map<String, Object> provider = Finding.map(fromProvider);
    if (provider.containsKey("Label")) merged.remove("Normalized");
    merged.putAll(provider);
    if (!merged.containsKey("Normalized")) {
      Asff.parse(SeverityLabel.class, merged.get("Label")).ifPresent(l -> merged.put("Normalized", l.normalized()));
    }
    return merged.equals(top) ? top : merged;
  }

  /** Label and Normalized fill each other (reference §1.3). */
  private static void fillSeverity(Map<String, Object> t) {
    if (!(t.get("Severity") instanceof Map<?, ?>)) return;
    Map<String, Object> sev = new LinkedHashMap<>(Finding.map(t.get("Severity")));
    Object label = sev.get("Label");
    Object normalized = sev.get("Normalized");
    if (label == null && normalized != null) {
      Double n = Values.number(normalized);
      if (n != null) sev.put("Label", SeverityLabel.fromNormalized(n.intValue()).name());
    } else if (label != null && normalized == null) {
      Asff.parse(SeverityLabel.class, label).ifPresent(l -> sev.put("Normalized", l.normalized()));
    } else {
      return;
    }
    t.put("Severity", sev);
  }

  private static void putOrRemove(Map<String, Object> m, String key, Object value) {
    if (value == null) m.remove(key);
    else m.put(key, value);
  }
}
