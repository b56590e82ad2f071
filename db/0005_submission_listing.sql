-- fieldapp schema, version 5: an index in the order lists show submissions (one form of an
-- organization and round, newest change first), so the home screen reads the first page of
-- 30,000 submissions without sorting them all.
CREATE INDEX submissions_listing ON submissions (org_id, round_id, form_id, updated_at, uuid);
