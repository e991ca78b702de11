/**
 * The benchmark harness and the generator of realistic findings it runs on. {@link
 * dev.riskline.bench.FindingGenerator} makes seeded, reproducible ASFF findings with the field mix and sizes of
 * real Security Hub exports (control findings, Amazon Inspector vulnerabilities, GuardDuty threats, IAM Access
 * Analyzer, Macie and custom-product findings), one at a time or streamed to a file of any length. {@link
 * dev.riskline.bench.RuleGenerator} writes seeded Security Hub automation rules about the same estate, for
 * benchmarking triage with rules.
 */
package dev.riskline.bench;
