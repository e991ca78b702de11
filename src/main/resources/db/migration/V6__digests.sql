-- Digests: a delivery of a route with a digest is a member of a group, one message for all members.
-- digest_key is the group (route, target and a hash of the values of the route's digest.by); a window
-- opens with its first member at digest_start and closes at digest_end, when every member is due.
-- digest_values holds those values as a JSON object, digest_rank the member's rating on the scale
-- (higher first in the message). All null for a delivery that is its own message.
ALTER TABLE deliveries ADD COLUMN digest_key VARCHAR(512);
ALTER TABLE deliveries ADD COLUMN digest_values ${body_type};
ALTER TABLE deliveries ADD COLUMN digest_start TIMESTAMP WITH TIME ZONE;
ALTER TABLE deliveries ADD COLUMN digest_end TIMESTAMP WITH TIME ZONE;
ALTER TABLE deliveries ADD COLUMN digest_rank INT;

CREATE INDEX deliveries_digest ON deliveries (digest_key, digest_start);
-- Rate limits count the messages a route sent to a target recently.
CREATE INDEX deliveries_sent ON deliveries (route, target, sent_at);
