/**
 * Routing and delivery, outward first: what changed about a finding ({@link dev.riskline.route.Change}),
 * the triage event routes match (EventBridge patterns, aws event-ruler), the targets that tell people and
 * systems, and reliable delivery through the store's outbox; and the playbooks ({@link
 * dev.riskline.route.Playbooks}) that say, for each finding, what it means, how to fix it and why the automation
 * treats it as it does.
 */
package dev.riskline.route;
