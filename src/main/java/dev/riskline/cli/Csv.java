package dev.riskline.cli;

import dev.riskline.finding.Finding;
import java.io.PrintWriter;
import java.util.List;

/**
 * Findings as CSV (RFC 4180) with one row per finding. Cells that a spreadsheet would run as a formula
 * ({@code = + - @} first) are prefixed with {@code '}.
 */
final class Csv {
  static final List<String> HEADER = List.of("ProductArn", "Id", "ProductName", "AwsAccountId", "Region",
      "SeverityLabel", "State", "WorkflowStatus", "RecordState", "ComplianceStatus", "ControlId",
      "VulnerabilityId", "ResourceType", "ResourceId", "Title", "UpdatedAt");

  private Csv() {}

  static void header(PrintWriter out) {
    out.print(String.join(",", HEADER));
    out.print("\r\n");
  }

  static void row(PrintWriter out, Finding f, String state) {
    List<Finding.Resource> res = f.resources();
    List<Finding.Vulnerability> vulns = f.vulnerabilities();
    Object[] cells = {f.productArn(), f.id(), f.productName(), f.awsAccountId(), f.region(), f.severityLabel(),
        state, f.workflowStatus(), f.recordState(), f.complianceStatus(), f.controlId(),
        vulns.isEmpty() ? null : vulns.get(0).id(), res.isEmpty() ? null : res.get(0).type(),
        res.isEmpty() ? null : res.get(0).id(), f.title(), f.json().get("UpdatedAt")};
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) b.append(',');
      b.append(cell(cells[i]));
    }
    out.print(b.append("\r\n"));
  }

  static String cell(Object value) {
    if (value == null) return "";
    String s = String.valueOf(value);
    if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) s = "'" + s;
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
