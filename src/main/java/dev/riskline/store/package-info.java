/**
 * Persistence of findings and their history over JDBC: embedded H2 by default, PostgreSQL for teams, one
 * schema migrated by Flyway from the same scripts. {@link dev.riskline.store.Store} is the front door: it
 * imports batches with Security Hub's import semantics in one transaction each, finds, streams, counts and
 * summarises findings, and lists a finding's history; it keeps risk acceptances and who made or revoked
 * them; it is the outbox of deliveries and holds each finding's ticket in each ticket target. The few
 * places where the two databases differ are kept in one dialect class; everything else is plain
 * parameterised SQL.
 */
package dev.riskline.store;
