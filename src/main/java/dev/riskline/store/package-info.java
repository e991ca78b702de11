/**
 * Persistence of findings and their history over JDBC: embedded H2 by default, PostgreSQL for teams, one
 * schema migrated by Flyway from the same scripts. {@link dev.riskline.store.Store} is the front door: it
 * owns the one connection, the migrations, opening and closing, and the findings: it imports batches with
 * Security Hub's import semantics in one transaction each, finds, streams, counts and summarises findings,
 * and lists a finding's history. Each other concept has a class of its own over the same connection and
 * lock, reached from the store: {@link dev.riskline.store.StoreAcceptances} (risk acceptances and who made
 * or revoked them), {@link dev.riskline.store.StoreOutbox} (the outbox of deliveries, the dispatcher's
 * {@code Outbox}) and {@link dev.riskline.store.StoreTickets} (each finding's ticket in each ticket target,
 * the dispatcher's {@code Tickets}). The SQL of each concept is in its {@code *Rows} class. The few places
 * where the two databases differ are kept in one dialect class; everything else is plain parameterised
 * SQL.
 */
package dev.riskline.store;
