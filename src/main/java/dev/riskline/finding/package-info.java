/**
 * The ASFF finding: a JSON tree that keeps every field it was given, with typed access to the fields the
 * engine reads (identity, severity, workflow, record state, compliance, resources, vulnerabilities,
 * timestamps), the ASFF validation rules, and Security Hub's import semantics ({@link
 * dev.riskline.finding.Imports}). JDK only: no JSON library is needed here, the readers hand in trees of
 * {@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean} and {@code null}.
 */
package dev.riskline.finding;
