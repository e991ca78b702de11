/**
 * The front door: {@link dev.riskline.Riskline#create} builds the engine from a {@link dev.riskline.Config};
 * {@link dev.riskline.Triage} is one in-memory triage run with Security Hub's import semantics. The
 * domain packages ({@code finding}, {@code read}, {@code schedule}, {@code store}) hold the parts.
 */
package dev.riskline;
