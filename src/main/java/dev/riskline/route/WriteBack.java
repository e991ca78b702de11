package dev.riskline.route;

import dev.riskline.finding.Asff.WorkflowStatus;
import dev.riskline.finding.Finding;
import dev.riskline.risk.Assessment;
import dev.riskline.schedule.Scheduled;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Riskline would write back to Security Hub for a routed change, as the request body of
 * {@code BatchUpdateFindings}: the finding's identifiers, {@code Workflow.Status} NOTIFIED when someone was
 * told of a NEW (or reopened, or escalated) finding still in workflow NEW, a {@code Note} saying the rating,
 * due date and where it went (with the links of the finding's tickets, when ticket targets made them), and
 * {@code UserDefinedFields}
 * {@code riskline.rating} and {@code riskline.due}. Data only: the AWS adapter sends it. Stateless.
 */
public final class WriteBack {
  private static final int NOTE_MAX = 512; // Security Hub's limit for Note.Text

  private WriteBack() {}

  /**
   * The request, or null when nothing is to be written (no change, or a change no route took).
   *
   * @param tickets links to the finding's tickets (one per ticket target that has one), or none
   */
  public static Map<String, Object> of(Finding f, Assessment risk, Scheduled schedule, Change change,
      List<String> routes, List<String> tickets) {
    if (change == null || routes.isEmpty()) return null;
    Map<String, Object> body = new LinkedHashMap<>();
    Map<String, Object> id = new LinkedHashMap<>();
    id.put("Id", f.id());
    id.put("ProductArn", f.productArn());
    body.put("FindingIdentifiers", List.of(id));
    boolean told = change == Change.NEW || change == Change.REOPENED || change == Change.ESCALATED;
    if (told && f.workflowStatus() == WorkflowStatus.NEW) body.put("Workflow", Map.of("Status", "NOTIFIED"));
    StringBuilder note = new StringBuilder("Riskline: ").append(risk.rating());
    if (schedule.due() != null) note.append(", due ").append(schedule.due().toString(), 0, 10);
    note.append(" (").append(change.name()).append("); sent to ").append(String.join(", ", routes));
    if (!tickets.isEmpty()) note.append(tickets.size() == 1 ? "; ticket " : "; tickets ").append(String.join(", ", tickets));
    String text = note.length() > NOTE_MAX ? note.substring(0, NOTE_MAX - 1) + "…" : note.toString();
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("Text", text);
    n.put("UpdatedBy", "riskline");
    body.put("Note", n);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("riskline.rating", risk.rating());
    if (schedule.due() != null) fields.put("riskline.due", schedule.due().toString());
    body.put("UserDefinedFields", fields);
    return body;
  }
}
