-- fieldapp schema, version 3: stored scores, external baselines and targets, workers per
-- organization. Never edit once released.

-- Each final submission's scores, computed once (at finalize, on bundle arrival, and again
-- when its form version's scoring changes) from the form version named here, so indicators
-- aggregate stored numbers instead of re-running every form. value NULL = no value
-- (insufficient data, not applicable, or an indicator's excluded answer: see status).
CREATE TABLE submission_scores (
    uuid TEXT NOT NULL REFERENCES submissions (uuid),
    name TEXT NOT NULL,             -- the score's name in the scoring sheet (A1, IDO, sust_D)
    form_id TEXT NOT NULL,
    form_version TEXT NOT NULL,
    revision INTEGER NOT NULL,      -- the submission's revision the scores were computed on
    kind TEXT NOT NULL,             -- mean, weighted_mean, min, indicator
    value REAL,                     -- 0–100 (or 1/0 for an indicator)
    status TEXT NOT NULL,           -- ok, partial, insufficient, not_applicable, excluded
    raw_mean REAL,                  -- on the items' own scale (3.2 on 1–4), when there is one
    answered INTEGER NOT NULL DEFAULT 0,
    applicable INTEGER NOT NULL DEFAULT 0,
    rescale TEXT NOT NULL DEFAULT 'range',  -- range or max (instruments.md §5.7)
    PRIMARY KEY (uuid, name),
    FOREIGN KEY (form_id, form_version) REFERENCES forms (form_id, version)
) WITHOUT ROWID;
CREATE INDEX submission_scores_form ON submission_scores (form_id, form_version, name);

-- Values measured outside fieldapp (a 2022 baseline on paper, an allies' survey): used where
-- no captured round is the baseline, and for indicators fieldapp does not capture (i3.3).
-- unit: '' for the network, the ISO country code, or the organization id.
CREATE TABLE external_values (
    indicator TEXT NOT NULL CHECK (indicator <> ''),
    level TEXT NOT NULL CHECK (level IN ('network', 'country', 'organization')),
    unit TEXT NOT NULL DEFAULT '',
    year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
    value REAL NOT NULL,
    n INTEGER CHECK (n >= 0),
    low REAL,
    high REAL,
    source TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (indicator, level, unit, year)
) WITHOUT ROWID;

-- A target per indicator (85 for i1.1 unless set here); NULL value = "above the baseline".
CREATE TABLE indicator_targets (
    indicator TEXT PRIMARY KEY CHECK (indicator <> ''),
    value REAL,
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- How many workers an organization employs: the weight of its workers' stratum (§5.5).
ALTER TABLE organizations ADD COLUMN workers_total INTEGER CHECK (workers_total >= 0);
