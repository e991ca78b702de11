-- The tickets Riskline opened: at most one per (ticket target, finding identity), whatever happens to the
-- finding later (escalated, resolved, reopened: the same ticket is commented, resolved and reopened).
-- ticket_key is what the far side's API names it by (a Jira issue key, a ServiceNow sys_id); ticket_number
-- is what people read (SEC-12, INC0010001); status is what Riskline last made of it.
CREATE TABLE tickets (
  target        VARCHAR(256)             NOT NULL,
  finding_key   VARCHAR(64)              NOT NULL,
  ticket_key    VARCHAR(256)             NOT NULL,
  ticket_number VARCHAR(256)             NOT NULL,
  url           VARCHAR(2048),
  status        VARCHAR(16)              NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (target, finding_key)
);
