-- Each finding's risk and schedule as last decided: the work list orders by due date, and the next import
-- keeps the clock (a due date is never pushed out; a reopened finding restarts or keeps its clock).
ALTER TABLE findings ADD COLUMN risk_rating VARCHAR(32);
ALTER TABLE findings ADD COLUMN risk_rank INT;
ALTER TABLE findings ADD COLUMN likelihood VARCHAR(32);
ALTER TABLE findings ADD COLUMN impact VARCHAR(32);
ALTER TABLE findings ADD COLUMN clock_start TIMESTAMP WITH TIME ZONE;
ALTER TABLE findings ADD COLUMN due_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE findings ADD COLUMN state VARCHAR(16);
ALTER TABLE findings ADD COLUMN resolved_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE findings ADD COLUMN sla_met BOOLEAN;

CREATE INDEX findings_due ON findings (due_at);
CREATE INDEX findings_state ON findings (state);
