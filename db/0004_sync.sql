-- Sync by USB bundles (issue 9): trusted device keys, imported bundles, what was exported to
-- each destination, histories folded in by conflict resolutions, kept conflicting copies and
-- organizations typed twice. Never edit once released: add a later numbered file instead.

-- The devices whose bundles this laptop accepts, by their Ed25519 public key (base64 of the
-- 32 raw bytes). A revoked device's bundles are refused; its earlier imports stay.
CREATE TABLE trusted_devices (
    device_id TEXT PRIMARY KEY CHECK (device_id <> ''),
    public_key TEXT NOT NULL CHECK (public_key <> ''),
    technician TEXT NOT NULL DEFAULT '',
    trusted_at TEXT NOT NULL,
    revoked_at TEXT
);

-- Every bundle imported here (a bundle is applied once; importing it again changes nothing).
CREATE TABLE bundle_imports (
    bundle_uuid TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('field', 'setup')),
    device_id TEXT NOT NULL,
    technician TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    manifest_sha256 TEXT NOT NULL,
    file_name TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    summary TEXT NOT NULL           -- JSON: added, updated, skipped, conflicts …
);

-- What the last export to each destination (a folder, e.g. a USB stick) held, so the next
-- export to it carries only what changed since.
CREATE TABLE export_marks (
    destination TEXT NOT NULL,
    uuid TEXT NOT NULL,
    revision INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (destination, uuid)
) WITHOUT ROWID;

-- Revisions of another copy that a conflict resolution folded into a submission: with
-- ``revisions`` they make the submission's ancestry, so an older copy of either side is
-- recognised as older when it arrives later.
CREATE TABLE merged_revisions (
    uuid TEXT NOT NULL REFERENCES submissions (uuid),
    revision INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    action TEXT NOT NULL,
    PRIMARY KEY (uuid, revision, content_hash)
) WITHOUT ROWID;

-- A copy of a submission edited independently of the one in ``submissions`` (neither
-- history holds the other's hash): kept whole until a person resolves the conflict.
CREATE TABLE conflicts (
    id TEXT PRIMARY KEY,
    uuid TEXT NOT NULL REFERENCES submissions (uuid),
    revision INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    device_id TEXT NOT NULL,
    technician TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    record TEXT NOT NULL,           -- JSON: the copy's submissions row
    answers TEXT NOT NULL,          -- JSON: {path: value}
    history TEXT NOT NULL,          -- JSON: its revisions and merged revisions
    attachments TEXT NOT NULL,      -- JSON: its submission_attachments rows
    detected_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    resolution TEXT,                -- local, incoming or fields
    resolved_at TEXT,
    resolved_by TEXT
);
CREATE INDEX conflicts_uuid ON conflicts (uuid, status);

-- Two organizations with the same name and different codes, typed on different laptops:
-- flagged for a person to merge, never merged silently.
CREATE TABLE org_flags (
    org_a TEXT NOT NULL REFERENCES organizations (id) ON UPDATE CASCADE,
    org_b TEXT NOT NULL REFERENCES organizations (id) ON UPDATE CASCADE,
    name TEXT NOT NULL,
    flagged_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed')),
    PRIMARY KEY (org_a, org_b),
    CHECK (org_a < org_b)
) WITHOUT ROWID;

-- Audit rows arrive again in later bundles: finding the ones already here stays fast.
CREATE INDEX audit_uuid_revision ON audit (uuid, revision);
