/**
 * The benchmark harness and the generator of realistic findings it runs on. {@link
 * dev.riskline.bench.FindingGenerator} makes seeded, reproducible ASFF findings with the field mix and sizes of
 * real Security Hub exports (control findings, Amazon Inspector vulnerabilities, GuardDuty threats, IAM Access
 * Analyzer, Macie and custom-product findings), one at a time or streamed to a file of any length.
 */
package dev.riskline.bench;
