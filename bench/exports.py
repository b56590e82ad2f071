"""Benchmark of ``export csv``: the livelihood survey of 300 organizations (30,000 final
submissions, built through the capture path and kept for later runs) exported with every
table, next to the cheapest way to write the same rows — one SQL query, a dict per
submission, and a bare ``csv.writer`` — pair by pair (see ``bench/pairs.py``).

Run: .venv/bin/python bench/exports.py [--folder DIR] [--quick]   (prints a table; exits 0)

DIR (default: a temporary folder) keeps the built databases between runs. Target (issue 10):
``export csv`` ≤ 3× the bare csv.writer (median of per-pair ratios); the time at 3,000 and
30,000 submissions is printed to show the cost grows linearly.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere
sys.path.insert(0, str(ROOT / "bench"))

from pairs import Table, alternate, timed  # noqa: E402

from fieldapp.capture.fill import fill_submission  # noqa: E402
from fieldapp.demo import ORGANIZATIONS, SURVEY, _respondent  # noqa: E402
from fieldapp.exports.csvfiles import export_csv  # noqa: E402
from fieldapp.exports.rows import select_records  # noqa: E402
from fieldapp.exports.csvfiles import export_forms  # noqa: E402
from fieldapp.store import atomic  # noqa: E402
from fieldapp.store.database import open_db  # noqa: E402
from fieldapp.store.identity import set_technician  # noqa: E402
from fieldapp.store.orgs import add_organization  # noqa: E402
from fieldapp.store.rounds import add_round  # noqa: E402

SEED = 2024
PER_ORG = 100
ROUNDS = [("LB2022", "Línea base 2022", 2022, True), ("R2024", "Seguimiento 2024", 2024, False)]


def build(path: Path, organizations: int) -> None:
    """``organizations`` organizations with PER_ORG livelihood respondents each, half in
    each round, written through ``fill_submission`` (the path of ``demo`` and ``fill``)."""
    rng = random.Random(SEED)
    db = open_db(path)
    try:
        set_technician(db, "Bench")
        for round_id, name, year, baseline in ROUNDS:
            add_round(db, id=round_id, name=name, year=year, baseline=baseline)
        for n in range(organizations):
            model = ORGANIZATIONS[n % len(ORGANIZATIONS)]
            org_id = f"ORG-{n:03d}"
            with atomic(db):
                add_organization(db, id=org_id, name=f"{model.name} {n}", type=model.type,
                                 country=model.country, products=model.product,
                                 women=model.women, men=model.men)
                for i in range(PER_ORG):
                    round_id, _name, year, _b = ROUNDS[i % 2]
                    answers = _respondent(rng, model, model.wellbeing + (i % 2) * 0.2, year,
                                          i + 1)
                    fill_submission(db, SURVEY, org_id=org_id, round_id=round_id,
                                    answers=answers, finalize=True)
    finally:
        db.conn.close()


def database(folder: Path, submissions: int) -> Path:
    """The benchmark database with ``submissions`` respondents (built once per folder)."""
    path = folder / f"exports-{submissions}.db"
    if not path.exists():
        started = time.perf_counter()
        temp = path.with_suffix(".building")
        for leftover in folder.glob(temp.name + "*"):
            leftover.unlink()
        build(temp, submissions // PER_ORG)
        temp.replace(path)
        print(f"built {path.name} in {time.perf_counter() - started:.0f} s", flush=True)
    return path


_ANSWERS = """
SELECT a.uuid, a.path, a.value FROM answers a JOIN submissions s ON s.uuid = a.uuid
WHERE s.form_id = ? AND s.status = 'final' AND s.deleted = 0 ORDER BY a.uuid
"""


def bare_export(db, form_id: str, out: Path) -> None:
    """The cheapest way to the same wide and long rows: one query, a dict per submission,
    csv.writer; no skip logic, no typing, no formula guard, no dictionary, no scores."""
    records = {r.uuid: r for r in select_records(db, form_id)}
    layout, _forms = export_forms(db, form_id, list(records.values()))
    paths = [c.path for c in layout.wide.columns]
    with open(out / "wide.csv", "w", encoding="utf-8-sig", newline="") as wide_file, \
            open(out / "long.csv", "w", encoding="utf-8-sig", newline="") as long_file:
        wide, long_ = csv.writer(wide_file), csv.writer(long_file)
        wide.writerow(layout.wide.header)
        long_.writerow(["_uuid", "_org_id", "_round_id", "path", "value"])
        current, answers = None, {}

        def flush() -> None:
            record = records[current]
            wide.writerow(record.cells() + [answers.get(p, "") for p in paths])
            long_.writerows([current, record.org_id, record.round_id, p, v]
                            for p, v in answers.items())

        for uuid, path, value in db.conn.execute(_ANSWERS, (form_id,)):
            if uuid != current:
                if current is not None:
                    flush()
                current, answers = uuid, {}
            answers[path] = value
        if current is not None:
            flush()


def measure(folder: Path, submissions: int, rounds: int, table: Table) -> None:
    path = database(folder, submissions)
    db = open_db(path)
    out_measured, out_bare = folder / "out-measured", folder / "out-bare"

    def fresh(out: Path) -> Path:
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        return out

    try:
        export_csv(db, SURVEY, fresh(out_measured))  # warm the form cache
        pairs = alternate(lambda: timed(lambda: export_csv(db, SURVEY, fresh(out_measured))),
                          lambda: timed(lambda: bare_export(db, SURVEY, fresh(out_bare))),
                          rounds)
        n = len(select_records(db, SURVEY))
        table.ratio(f"export csv, {n:,} submissions", pairs, 3.0)
    finally:
        db.conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folder", type=Path, default=None)
    parser.add_argument("--quick", action="store_true", help="3,000 submissions only")
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="fieldapp-bench-exports-"))
    folder.mkdir(parents=True, exist_ok=True)
    table = Table("export csv next to a bare csv.writer of the same rows (issue 10)")
    measure(folder, 3000, 5, table)
    if not args.quick:
        measure(folder, 30000, 3, table)
    table.print()


if __name__ == "__main__":
    main()
