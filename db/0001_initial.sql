-- fieldapp schema, version 1. Never edit once released: add db/0002_….sql instead.
-- Timestamps are ISO-8601 UTC with milliseconds and 'Z' (2024-05-01T12:34:56.789Z).
-- A submission is identified by its UUID everywhere (sync bundles, reports, audit).

-- This laptop's identity and settings: device_id (uuid4, created on first open),
-- technician, ui_language, and whatever the GUI needs to remember.
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE organizations (
    id TEXT PRIMARY KEY CHECK (id <> ''),
    name TEXT NOT NULL CHECK (name <> ''),
    type TEXT NOT NULL
        CHECK (type IN ('spo', 'cooperative', 'workers_association', 'second_level')),
    country TEXT NOT NULL CHECK (length(country) = 2),  -- ISO 3166-1 alpha-2
    country_name TEXT NOT NULL DEFAULT '',              -- in Spanish, for reports
    products TEXT NOT NULL DEFAULT '',                  -- "café, cacao"
    members_women INTEGER CHECK (members_women >= 0),
    members_men INTEGER CHECK (members_men >= 0),
    members_total INTEGER CHECK (members_total >= 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE rounds (
    id TEXT PRIMARY KEY CHECK (id <> ''),
    name TEXT NOT NULL CHECK (name <> ''),
    year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
    is_baseline INTEGER NOT NULL DEFAULT 0 CHECK (is_baseline IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- At most one baseline; the code keeps it at exactly one once a round exists.
CREATE UNIQUE INDEX rounds_one_baseline ON rounds (is_baseline) WHERE is_baseline = 1;

-- Every version of every form ever used, with its workbook, so an old submission stays
-- readable after the form changes.
CREATE TABLE forms (
    form_id TEXT NOT NULL,
    version TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL,
    workbook BLOB NOT NULL,
    file_name TEXT NOT NULL,
    added_at TEXT NOT NULL,
    builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    PRIMARY KEY (form_id, version)
);

CREATE TABLE submissions (
    uuid TEXT PRIMARY KEY,
    form_id TEXT NOT NULL,
    form_version TEXT NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations (id) ON UPDATE CASCADE,
    round_id TEXT NOT NULL REFERENCES rounds (id) ON UPDATE CASCADE,
    respondent TEXT,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finalized_at TEXT,
    device_id TEXT NOT NULL,        -- the laptop that created it
    technician TEXT NOT NULL DEFAULT '',
    revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    content_hash TEXT NOT NULL,     -- SHA-256 of the canonical answers
    prev_hash TEXT,                 -- content_hash before the latest revision
    current_page TEXT,              -- where the draft was left, to resume there
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),  -- a tombstone, for sync
    FOREIGN KEY (form_id, form_version) REFERENCES forms (form_id, version)
);
CREATE INDEX submissions_org_round ON submissions (org_id, round_id);
CREATE INDEX submissions_round ON submissions (round_id);
CREATE INDEX submissions_form ON submissions (form_id, form_version);

-- One row per answered field; path = instance path with repeat indexes (grp/rep[2]/q).
CREATE TABLE answers (
    uuid TEXT NOT NULL REFERENCES submissions (uuid),
    path TEXT NOT NULL CHECK (path <> ''),
    value TEXT NOT NULL,
    PRIMARY KEY (uuid, path)
) WITHOUT ROWID;

-- The content hash after each revision: sync tells a merely older copy (its hash is in
-- this history) from one edited elsewhere (it is not).
CREATE TABLE revisions (
    uuid TEXT NOT NULL REFERENCES submissions (uuid),
    revision INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    action TEXT NOT NULL,
    PRIMARY KEY (uuid, revision)
) WITHOUT ROWID;

-- Files stored once by content; a rowid table because rows hold large blobs.
CREATE TABLE attachments (
    sha256 TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    mime TEXT NOT NULL DEFAULT 'application/octet-stream',
    size INTEGER NOT NULL CHECK (size >= 0),
    added_at TEXT NOT NULL
);

-- A submission's files by their name in the submission (the answer's value, as in ODK),
-- so moving an answer between repeat instances keeps its file.
CREATE TABLE submission_attachments (
    uuid TEXT NOT NULL REFERENCES submissions (uuid),
    file_name TEXT NOT NULL CHECK (file_name <> ''),
    path TEXT NOT NULL,             -- the field it was attached to
    sha256 TEXT NOT NULL REFERENCES attachments (sha256),
    original_name TEXT NOT NULL,    -- the file's name on the technician's disk
    added_at TEXT NOT NULL,
    PRIMARY KEY (uuid, file_name)
);
CREATE INDEX submission_attachments_sha ON submission_attachments (sha256);

-- Append-only: who changed what, when. Rows are never updated or deleted.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    technician TEXT NOT NULL DEFAULT '',
    uuid TEXT,                      -- the submission (NULL for other records)
    path TEXT,                      -- the field (NULL for whole-submission actions)
    old TEXT,
    new TEXT,
    action TEXT NOT NULL,           -- create, set, finalize, reopen, delete, attach, …
    revision INTEGER,               -- the submission's revision after this change
    note TEXT                       -- the stated reason (reopen, delete)
);
CREATE INDEX audit_uuid ON audit (uuid, id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
