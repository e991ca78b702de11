/**
 * Security Hub automation rules (V1, ASFF) with AWS's semantics, so rule JSON that runs in Security Hub
 * runs here unchanged and can be tested offline. The front door is {@link dev.riskline.rules.RuleSet}:
 * {@code load} or {@code parse} rules, then {@code apply} them to a finding with a clock, getting an
 * {@link dev.riskline.rules.Applied}. Load problems come as one {@link dev.riskline.rules.RulesException}
 * listing all of them.
 *
 * <h2>Rule files</h2>
 * A file holds one {@code CreateAutomationRule} request object, an array of them, {@code {"Rules": [...]}},
 * or the output of {@code aws securityhub batch-get-automation-rules}; JSON, or YAML with the same keys.
 * Everything is checked at load: unknown fields (the valid names are listed), types, ranges, enum values,
 * the 41 criteria fields and their value limits, the illegal comparison mixes on one field, the one
 * action, at most {@value dev.riskline.rules.RuleSet#MAX_RULES} rules. Rule names need not be unique.
 * Illegal mixes: CONTAINS with NOT_CONTAINS, EQUALS with NOT_EQUALS or PREFIX_NOT_EQUALS, and on string
 * fields also CONTAINS or NOT_CONTAINS with any other comparison ({@code StringFilter} documentation). Map
 * fields may mix CONTAINS with EQUALS and NOT_CONTAINS with NOT_EQUALS, which the {@code MapFilter}
 * documentation describes as OR-ed and AND-ed.
 *
 * <h2>Semantics taken from AWS (reference §2)</h2>
 * <ul>
 *   <li>Criteria fields are AND-ed. Within one string field the positive filters (EQUALS, PREFIX,
 *       CONTAINS) are OR-ed and the negative ones (NOT_EQUALS, PREFIX_NOT_EQUALS, NOT_CONTAINS) AND-ed; with
 *       both, the positives select and the negatives then exclude. Map filters likewise. Values are
 *       case-sensitive.
 *   <li>Enabled rules run in ascending {@code RuleOrder}; on a tie the rule with the earlier
 *       {@code UpdatedAt} runs first. Later actions overwrite earlier ones field by field. A matching
 *       {@code IsTerminal} rule stops the rules after it. {@code DISABLED} rules never run.
 *   <li>Every rule's criteria are evaluated against the finding as the provider sent it ("automation
 *       rules evaluate original, provider-supplied findings"), not as changed by earlier rules.
 *   <li>Attributes Security Hub fills in before rules run are read with that value: {@code WorkflowStatus}
 *       is NEW when absent, {@code SeverityLabel} is derived from {@code Severity.Normalized} when only that
 *       is given, {@code ProductName} and {@code CompanyName} fall back to the {@code ProductFields} entries
 *       {@code aws/securityhub/ProductName} and {@code aws/securityhub/CompanyName}.
 *   <li>A {@code Severity} update with a label sets {@code Normalized} from it (INFORMATIONAL 0, LOW 1,
 *       MEDIUM 40, HIGH 70, CRITICAL 90); {@code Normalized} alone sets the label (0, 1–39, 40–69, 70–89,
 *       90–100); {@code Product} and {@code Original} are kept unless the update gives {@code Product}.
 *       {@code Note} gets {@code UpdatedAt} = the evaluation time.
 * </ul>
 *
 * <h2>Our choices where AWS is silent</h2>
 * <ul>
 *   <li>{@code RuleStatus} defaults to ENABLED when omitted (AWS's default is undocumented).
 *   <li>Multi-valued attributes ({@code Type}, the {@code Resource*} fields over several resources,
 *       {@code RelatedFindings*}, {@code ComplianceAssociatedStandardsId}): a positive filter matches when
 *       ANY value matches, a negative filter when NO value matches (as EventBridge treats arrays).
 *   <li>An absent attribute fails positive string and map filters, passes negative ones, and fails every
 *       number and date filter. {@code RecordState} is read as ACTIVE when absent, as Security Hub stores
 *       it.
 *   <li>Number filters: the bounds of one filter object conjoin; several objects on one field are OR-ed.
 *       Date filters: {@code Start} and {@code End} are inclusive, {@code DateRange WITHIN n DAYS} means
 *       {@code date >= now - n days} and {@code OLDER_THAN n DAYS} {@code date < now - n days}; the parts of
 *       one object conjoin; several objects are OR-ed.
 *   <li>An empty {@code Criteria} object, or an empty filter list, puts no condition on the finding.
 *   <li>{@code UserDefinedFields} updates merge their keys into the finding's map; {@code Types} and
 *       {@code RelatedFindings} replace the finding's list; a {@code Severity} update giving both
 *       {@code Label} and {@code Normalized} sets both as given.
 *   <li>Criteria limits the model does not state ({@code ResourceProvider}, {@code ResourceOwnerAccountId},
 *       {@code ResourceOwnerOrgId}) are 20 values, as for most fields.
 * </ul>
 *
 * <h2>Before rules go live</h2>
 * {@link dev.riskline.rules.RuleSet#lint} finds what valid rules should not do, each as a
 * {@link dev.riskline.rules.LintWarning} that says where, what and what to do: criteria that can never match,
 * rules that never run behind an earlier terminal rule, CONTAINS or PREFIX on a control id ({@code Config.1}
 * also matches {@code Config.10}), action fields a later rule always overwrites, duplicate names and
 * {@code RuleOrder} values, {@code DISABLED} rules. Its tests of "matches every finding the other matches"
 * are sufficient, never complete: lint warns only when it is sure. {@link dev.riskline.rules.Simulation}
 * counts what a rule set would do to many findings, and what differs from an older set, in bounded memory.
 *
 * <p>Public: {@code RuleSet}, {@code Applied}, {@code FieldChange}, {@code RulesException},
 * {@code LintWarning}, {@code Simulation}. Imports {@code dev.riskline.finding} and Jackson only. Criteria
 * are compiled once at load into one matcher per field, bound to a direct reader of the finding's JSON tree:
 * no reflection, no path parsing per finding, each timestamp parsed at most once per finding whatever the
 * number of rules.
 */
package dev.riskline.rules;
