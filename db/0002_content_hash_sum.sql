-- fieldapp schema, version 2: content hashes become a sum of per-answer hashes
-- (fieldapp/store/contenthash.py has the definition), so an autosave updates the hash from
-- the changed answers alone instead of re-reading and re-hashing the whole submission.
-- The aggregates are registered on every connection by fieldapp.store.database; over no
-- rows they give NULL, and no answers hash to 64 zeros.

-- The current hash, from the stored answers.
UPDATE submissions SET content_hash = coalesce((
    SELECT fieldapp_content_hash(path, value) FROM answers WHERE answers.uuid = submissions.uuid
), printf('%064d', 0));

-- The history: the answers after each revision, replayed from the audit log (every answer
-- change is audited with its path, new value and revision), so a copy of the same revision on
-- another laptop, migrated too, still finds its hash here.
UPDATE revisions SET content_hash = coalesce((
    SELECT fieldapp_replayed_hash(path, new, id) FROM audit
    WHERE audit.uuid = revisions.uuid AND audit.path IS NOT NULL
      AND audit.revision <= revisions.revision
), printf('%064d', 0));

-- The latest revision is the stored answers themselves (the audit agrees unless it was cut
-- short; the answers win).
UPDATE revisions SET content_hash = (
    SELECT content_hash FROM submissions WHERE submissions.uuid = revisions.uuid
) WHERE revision = (SELECT revision FROM submissions WHERE submissions.uuid = revisions.uuid);

UPDATE submissions SET prev_hash = (
    SELECT content_hash FROM revisions
    WHERE revisions.uuid = submissions.uuid AND revisions.revision = submissions.revision - 1
) WHERE prev_hash IS NOT NULL;
