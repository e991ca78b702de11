/**
 * Reading findings: each input format is mapped record by record to an ASFF finding tree, or rejected with
 * a {@link dev.riskline.read.BadRecord} that lists every problem with its JSON path inside the record.
 * Format mappings: {@code InspectorMapping} (Amazon Inspector v2 findings, from the API, the CLI or
 * EventBridge events) and {@code OcsfMapping} (OCSF Detection and Compliance Findings, as Prowler 4+
 * writes them). They take the untyped trees Jackson reads ({@code Map}, {@code List}, {@code String},
 * {@code Number}, {@code Boolean}, {@code null}) and never change them.
 */
package dev.riskline.read;
