-- fieldapp schema, version 6: a covering index for the submissions of one organization,
-- round and form, so "scores" aggregates 30,000 stored submissions without reading the
-- submissions table row by row. Never edit once released.
CREATE INDEX submissions_scope ON submissions (org_id, round_id, form_id, status, deleted, uuid, revision);
