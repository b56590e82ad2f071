"""Benchmark of capture: one autosaved answer next to a bare SQLite ``INSERT; COMMIT`` on the
same disk, pair by pair (see ``bench/pairs.py``), in submissions holding about 300 values (a
livelihood survey), 1,300 and 5,000 values (a household repeat); and the size of a database
holding 1,000 livelihood surveys.

Run: .venv/bin/python bench/capture.py [--folder DIR] [--quick]   (prints a table; exits 0)

DIR (default: a temporary folder) should be on the disk the app uses. Targets (issues 4 and
14): one autosaved answer ≤ 3× the bare commit (median of per-pair ratios) at every size,
p99 < 20 ms.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere
sys.path.insert(0, str(ROOT / "bench"))

from forms import MEMBER_QUESTIONS, repeat_form  # noqa: E402
from pairs import Table, alternate, timed  # noqa: E402

from fieldapp.capture import open_capture  # noqa: E402
from fieldapp.capture.fill import fill_submission  # noqa: E402
from fieldapp.registry import add_form  # noqa: E402
from fieldapp.store.database import JOURNAL_SIZE_LIMIT, open_db  # noqa: E402
from fieldapp.store.orgs import add_organization  # noqa: E402
from fieldapp.store.rounds import add_round  # noqa: E402

WRITES = 2000
SURVEYS = 1000
SEED = 2024
LIKERT = [f"B{d}_{i}" for d in range(1, 7) for i in range(1, 4)]


def new_store(path: Path):
    db = open_db(path)
    add_organization(db, id="C1", name="Cooperativa Sol", type="cooperative", country="PE")
    add_round(db, id="R24", name="2024", year=2024)
    return db


class BareCommits:
    """The cheapest durable write: one row, ``INSERT; COMMIT``, with the app's pragmas
    (WAL, synchronous=FULL), on the same disk."""

    def __init__(self, folder: Path) -> None:
        self.conn = sqlite3.connect(folder / "bare.db", isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute(f"PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT:d}")
        self.conn.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, path TEXT,"
                          " value TEXT)")
        self.count = itertools.count()

    def __call__(self) -> float:
        i = next(self.count)

        def commit() -> None:
            self.conn.execute("BEGIN")
            self.conn.execute("INSERT INTO t (path, value) VALUES (?, ?)", (f"dim/B1_{i}", "4"))
            self.conn.execute("COMMIT")

        return timed(commit)


def survey_capture(db, path: Path):
    """A complete livelihood survey, resumed for editing, and the answers to keep changing:
    its Likert items, always to a new value."""
    rng = random.Random(SEED)
    answers = survey_answers(rng, 1)
    while answers.get("consentimiento") != "si":
        answers = survey_answers(rng, 1)
    uuid = fill_submission(db, "medios_de_vida", org_id="C1", round_id="R24", answers=answers)
    capture = open_capture(path, uuid)
    fields = itertools.cycle(LIKERT)

    def edit() -> float:
        field = next(fields)
        old = capture.session.get(field)
        value = rng.choice([v for v in "12345" if v != old])
        return timed(lambda: capture.set(field, value))

    return capture, edit


def household_capture(db, path: Path, values: int):
    """A submission of the repeat form holding ``values`` answers, resumed for editing, and
    the answer to keep changing (one question of a middle instance)."""
    instances = values // MEMBER_QUESTIONS
    answers = {f"member[{i}]/q{q}": (i + q) % 7 + 1 for i in range(1, instances + 1)
               for q in range(MEMBER_QUESTIONS)}
    uuid = fill_submission(db, "bench_repeat", org_id="C1", round_id="R24", answers=answers)
    capture = open_capture(path, uuid)
    values_ = itertools.cycle([2, 3])
    target = f"member[{instances // 2}]/q3"
    return capture, lambda: timed(lambda: capture.set(target, next(values_)))


def autosaves(table: Table, folder: Path, writes: int) -> None:
    path = folder / "autosave.db"
    db = new_store(path)
    add_form(db, repeat_form(folder))
    bare = BareCommits(folder)
    cases = [("a livelihood survey", *survey_capture(db, path))]
    for values in (1300, 5000):
        cases.append((f"a household repeat, {values:,} values",
                      *household_capture(db, path, values)))
    for name, capture, edit in cases:
        stored = db.conn.execute("SELECT count(*) FROM answers WHERE uuid = ?",
                                 [capture.uuid]).fetchone()[0]
        pairs = alternate(edit, bare, writes)
        table.ratio(f"autosave one answer / bare INSERT+COMMIT, {name} ({stored} stored)",
                    pairs, 3.0)
        table.limit("  the same autosaves' p99", statistics.quantiles(
            pairs.measured, n=100, method="inclusive")[98], 0.020, "p99")
        capture.close()
    db.close()


def survey_answers(rng: random.Random, n: int) -> dict[str, object]:
    """One plausible, complete livelihood survey (a few refusals and DK answers)."""
    if rng.random() < 0.03:
        return {"codigo": f"R-{n:04d}", "consentimiento": "no"}
    answers: dict[str, object] = {
        "codigo": f"R-{n:04d}", "consentimiento": "si",
        "rol": rng.choice(["productor", "productor", "trabajador"]),
        "genero": rng.choice(["mujer", "hombre", "mujer", "hombre", "otro", "no_dice"]),
        "edad": rng.choice(["18_29", "30_44", "45_59", "60_mas"]),
        "antiguedad": rng.choice(["menos_2", "2_5", "6_10", "mas_10"]),
        "producto": rng.choice(["cafe", "cacao", "miel", "banano", "otro"]),
        "personas_hogar": rng.randint(1, 12),
        "D1": rng.choice(["si", "si", "en_parte", "no", "ns"]),
        "D2": rng.choice(["mejor", "igual", "peor", "ns"]),
    }
    if answers["producto"] == "otro":
        answers["producto_otro"] = "panela"
    level = rng.randint(2, 5)
    for item in LIKERT:
        value = min(5, max(1, level + rng.randint(-1, 1)))
        answers[item] = "ns" if rng.random() < 0.04 else str(value)
    if rng.random() < 0.2:
        answers["B4_1"] = "na"
    return answers


def database_size(folder: Path, surveys: int = SURVEYS) -> tuple[int, int, float, dict]:
    """Bytes added by ``surveys`` livelihood surveys, the file's size, seconds per survey
    filled, bytes per table."""
    path = folder / "surveys.db"
    db = new_store(path)
    before = path.stat().st_size
    rng = random.Random(SEED)
    start = time.perf_counter()
    for n in range(surveys):
        fill_submission(db, "medios_de_vida", org_id="C1", round_id="R24",
                        answers=survey_answers(rng, n), respondent=f"R-{n:04d}",
                        finalize=n % 4 != 0)
    per_survey = (time.perf_counter() - start) / surveys
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    tables = table_sizes(db.conn)
    db.close()
    return path.stat().st_size - before, path.stat().st_size, per_survey, tables


def table_sizes(conn: sqlite3.Connection) -> dict[str, int]:
    """Bytes per table (its indexes included), largest first; {} without SQLite's dbstat."""
    try:
        found = conn.execute(
            "SELECT coalesce(m.tbl_name, s.name), sum(s.pgsize) FROM dbstat s"
            " LEFT JOIN sqlite_master m ON m.name = s.name GROUP BY 1 ORDER BY 2 DESC").fetchall()
    except sqlite3.Error:
        return {}
    return dict(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=None,
                        help="where to write the benchmark databases (default: a temp folder)")
    parser.add_argument("--quick", action="store_true", help="fewer writes (a smoke run)")
    args = parser.parse_args()
    writes = 200 if args.quick else WRITES
    table = Table(f"fieldapp capture benchmark ({writes} pairs per size; WAL, synchronous=FULL)")
    with tempfile.TemporaryDirectory(dir=args.folder) as work:
        folder = Path(work)
        autosaves(table, folder, writes)
        added, size, per_survey, tables = database_size(folder, 100 if args.quick else SURVEYS)
    table.print()
    print(f"folder: {folder.parent}")
    surveys = 100 if args.quick else SURVEYS
    print(f"database after {surveys} livelihood surveys: {size / 1e6:.2f} MB "
          f"({added / surveys / 1024:.1f} KB per survey; {per_survey * 1000:.1f} ms to fill each)")
    if tables:
        print("  by table: " + ", ".join(f"{name} {size / 1e6:.2f} MB"
                                          for name, size in list(tables.items())[:5]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
