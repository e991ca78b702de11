/**
 * Routing and delivery, outward first: what changed about a finding ({@link dev.riskline.route.Change}),
 * the triage event routes match (EventBridge patterns, aws event-ruler), the targets that tell people and
 * systems, and reliable delivery through the store's outbox.
 */
package dev.riskline.route;
