-- A ticket's creation is reserved before it starts: the dispatcher about to create the ticket of (target,
-- finding) first inserts its row as CREATING, without a ticket yet; the primary key lets one dispatcher
-- win, the others wait and retry. The winner fills in the ticket and makes the row OPEN. reserved_by names
-- the reservation (a random token) and reserved_until ends it: a CREATING row past reserved_until was left
-- by a dispatcher that stopped, and the next one takes it over. Both are null once the ticket is linked.
-- The status CHECK changes, and its name differs between H2 and PostgreSQL, so the table is made anew.
CREATE TABLE tickets_v7 (
  target         VARCHAR(256)             NOT NULL,
  finding_key    VARCHAR(64)              NOT NULL,
  ticket_key     VARCHAR(256),
  ticket_number  VARCHAR(256),
  url            VARCHAR(2048),
  status         VARCHAR(16)              NOT NULL CHECK (status IN ('CREATING', 'OPEN', 'RESOLVED')),
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  reserved_by    VARCHAR(64),
  reserved_until TIMESTAMP WITH TIME ZONE,
  CHECK (status = 'CREATING' OR (ticket_key IS NOT NULL AND ticket_number IS NOT NULL)),
  CHECK (status <> 'CREATING' OR (reserved_by IS NOT NULL AND reserved_until IS NOT NULL)),
  PRIMARY KEY (target, finding_key)
);

INSERT INTO tickets_v7 (target, finding_key, ticket_key, ticket_number, url, status, created_at, updated_at)
  SELECT target, finding_key, ticket_key, ticket_number, url, status, created_at, updated_at FROM tickets;

DROP TABLE tickets;

ALTER TABLE tickets_v7 RENAME TO tickets;
