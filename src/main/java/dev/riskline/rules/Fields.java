package dev.riskline.rules;

import static dev.riskline.rules.Access.associatedStandards;
import static dev.riskline.rules.Access.each;
import static dev.riskline.rules.Access.elements;
import static dev.riskline.rules.Access.entries;
import static dev.riskline.rules.Access.nested;
import static dev.riskline.rules.Access.number;
import static dev.riskline.rules.Access.resourceEntries;
import static dev.riskline.rules.Access.resources;
import static dev.riskline.rules.Access.severityLabel;
import static dev.riskline.rules.Access.time;
import static dev.riskline.rules.Access.top;
import static dev.riskline.rules.Access.topOr;
import static dev.riskline.rules.Access.topOrProductField;
import static java.util.Map.entry;

import java.util.List;
import java.util.Map;

/**
 * The registry of criteria fields: the 41 members of {@code AutomationRulesFindingFilters} ([SH-MODEL],
 * reference §2.2) → filter type, value limit (100 for {@code AwsAccountId}, {@code GeneratorId},
 * {@code Title}, {@code ResourceId}; 20 for the rest, including the three fields whose limit the model does
 * not state) and the reader of the finding attribute. Constants only; thread-safe.
 */
final class Fields {
  static final Map<String, Field> ALL = Map.ofEntries(
      entry("ProductArn", strings(20, top("ProductArn"))),
      entry("AwsAccountId", strings(100, top("AwsAccountId"))),
      entry("Id", strings(20, top("Id"))),
      entry("GeneratorId", strings(100, top("GeneratorId"))),
      entry("Type", strings(20, elements("Types"))),
      entry("FirstObservedAt", dates(time("FirstObservedAt"))),
      entry("LastObservedAt", dates(time("LastObservedAt"))),
      entry("CreatedAt", dates(time("CreatedAt"))),
      entry("UpdatedAt", dates(time("UpdatedAt"))),
      entry("Confidence", new Field.OfNumbers(20, number("Confidence"))),
      entry("Criticality", new Field.OfNumbers(20, number("Criticality"))),
      entry("Title", strings(100, top("Title"))),
      entry("Description", strings(20, top("Description"))),
      entry("SourceUrl", strings(20, top("SourceUrl"))),
      entry("ProductName", strings(20, topOrProductField("ProductName", "aws/securityhub/ProductName"))),
      entry("CompanyName", strings(20, topOrProductField("CompanyName", "aws/securityhub/CompanyName"))),
      entry("SeverityLabel", strings(20, severityLabel())),
      entry("ResourceType", strings(20, resources("Type"))),
      entry("ResourceId", strings(100, resources("Id"))),
      entry("ResourcePartition", strings(20, resources("Partition"))),
      entry("ResourceRegion", strings(20, resources("Region"))),
      entry("ResourceTags", new Field.OfMaps(20, resourceEntries("Tags"))),
      entry("ResourceDetailsOther", new Field.OfMaps(20, resourceEntries("Details", "Other"))),
      entry("ComplianceStatus", strings(20, nested("Compliance", "Status"))),
      entry("ComplianceSecurityControlId", strings(20, nested("Compliance", "SecurityControlId"))),
      entry("ComplianceAssociatedStandardsId", strings(20, associatedStandards())),
      entry("VerificationState", strings(20, top("VerificationState"))),
      entry("WorkflowStatus", strings(20, nested("Workflow", "Status", "NEW"))),
      entry("RecordState", strings(20, topOr("RecordState", "ACTIVE"))),
      entry("RelatedFindingsProductArn", strings(20, each("RelatedFindings", "ProductArn"))),
      entry("RelatedFindingsId", strings(20, each("RelatedFindings", "Id"))),
      entry("NoteText", strings(20, nested("Note", "Text"))),
      entry("NoteUpdatedAt", dates(time("Note", "UpdatedAt"))),
      entry("NoteUpdatedBy", strings(20, nested("Note", "UpdatedBy"))),
      entry("UserDefinedFields", new Field.OfMaps(20, entries("UserDefinedFields"))),
      entry("ResourceApplicationArn", strings(20, resources("ApplicationArn"))),
      entry("ResourceApplicationName", strings(20, resources("ApplicationName"))),
      entry("AwsAccountName", strings(20, top("AwsAccountName"))),
      entry("ResourceProvider", strings(20, resources("Provider"))),
      entry("ResourceOwnerAccountId", strings(20, resources("Owner", "Account", "Id"))),
      entry("ResourceOwnerOrgId", strings(20, resources("Owner", "Org", "Id"))));

  /** The field names, sorted, as messages list them. */
  static final List<String> NAMES = ALL.keySet().stream().sorted().toList();

  private Fields() {}

  private static Field strings(int limit, Access.Strings read) {
    return new Field.OfStrings(limit, read);
  }

  private static Field dates(Access.Timestamp read) {
    return new Field.OfDates(20, read);
  }
}
