"""Benchmark of capture: the latency of one autosaved answer next to a bare SQLite commit on
the same disk, and the size of a database holding 1,000 livelihood surveys.

Run: .venv/bin/python bench/capture.py [--folder DIR]   (prints a table; always exits 0)

DIR (default: a temporary folder) should be on the disk the app uses. Targets (issue 4): one
autosaved answer ≤ 3× the bare commit, p99 < 20 ms.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from fieldapp.capture import start_capture  # noqa: E402
from fieldapp.capture.fill import fill_submission  # noqa: E402
from fieldapp.store.database import JOURNAL_SIZE_LIMIT, open_db  # noqa: E402
from fieldapp.store.orgs import add_organization  # noqa: E402
from fieldapp.store.rounds import add_round  # noqa: E402

WRITES = 2000
SURVEYS = 1000
SEED = 2024
LIKERT = [f"B{d}_{i}" for d in range(1, 7) for i in range(1, 4)]


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50/p95/p99 in milliseconds."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": cuts[49] * 1000, "p95": cuts[94] * 1000, "p99": cuts[98] * 1000}


def new_store(path: Path):
    db = open_db(path)
    add_organization(db, id="C1", name="Cooperativa Sol", type="cooperative", country="PE")
    add_round(db, id="R24", name="2024", year=2024)
    return db


def autosave_latency(folder: Path) -> list[float]:
    """Seconds per ``CaptureSession.set`` (answer + audit row, one transaction)."""
    path = folder / "autosave.db"
    db = new_store(path)
    capture = start_capture(path, "medios_de_vida", org_id="C1", round_id="R24", db=db)
    capture.set("codigo", "R-1")
    capture.set("consentimiento", "si")
    rng = random.Random(SEED)
    samples = []
    for i in range(WRITES):
        field = LIKERT[i % len(LIKERT)]
        old = capture.session.get(field)
        value = rng.choice([v for v in "12345" if v != old])  # always a real change
        start = time.perf_counter()
        capture.set(field, value)
        samples.append(time.perf_counter() - start)
    capture.close()
    return samples


def bare_commit_latency(folder: Path) -> list[float]:
    """Seconds per bare ``INSERT …; COMMIT`` of one row, with the app's durability pragmas
    (WAL, synchronous=FULL), on the same disk."""
    conn = sqlite3.connect(folder / "bare.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT:d}")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, path TEXT, value TEXT)")
    samples = []
    for i in range(WRITES):
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO t (path, value) VALUES (?, ?)", (f"dim_B1/B1_{i}", "4"))
        conn.execute("COMMIT")
        samples.append(time.perf_counter() - start)
    conn.close()
    return samples


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


def database_size(folder: Path) -> tuple[int, float]:
    """Bytes of a database holding SURVEYS livelihood surveys; seconds per survey filled."""
    path = folder / "surveys.db"
    db = new_store(path)
    before = path.stat().st_size
    rng = random.Random(SEED)
    start = time.perf_counter()
    for n in range(SURVEYS):
        fill_submission(db, "medios_de_vida", org_id="C1", round_id="R24",
                        answers=survey_answers(rng, n), respondent=f"R-{n:04d}",
                        finalize=n % 4 != 0)
    per_survey = (time.perf_counter() - start) / SURVEYS
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.folder) as work:
        folder = Path(work)
        bare = percentiles(bare_commit_latency(folder))
        saved = percentiles(autosave_latency(folder))
        added, size, per_survey, tables = database_size(folder)
    print(f"folder: {folder.parent}   ({WRITES} writes each; WAL, synchronous=FULL)")
    print(f"{'':<34}{'p50':>9}{'p95':>9}{'p99':>9}")
    print("-" * 61)
    print(f"{'bare INSERT; COMMIT (ms)':<34}" + "".join(f"{bare[k]:>9.3f}" for k in bare))
    print(f"{'CaptureSession.set autosave (ms)':<34}" + "".join(f"{saved[k]:>9.3f}" for k in saved))
    ratios = {k: saved[k] / bare[k] for k in bare}
    print(f"{'ratio autosave / bare':<34}" + "".join(f"{ratios[k]:>8.2f}×" for k in ratios))
    print("")
    verdict_ratio = "OK" if ratios["p50"] <= 3 else "MISSED"
    verdict_p99 = "OK" if saved["p99"] < 20 else "MISSED"
    print(f"target ratio ≤ 3× (p50): {ratios['p50']:.2f}× {verdict_ratio}; "
          f"target p99 < 20 ms: {saved['p99']:.2f} ms {verdict_p99}")
    print(f"database after {SURVEYS} livelihood surveys: {size / 1e6:.2f} MB "
          f"({added / SURVEYS / 1024:.1f} KB per survey; {per_survey * 1000:.1f} ms to fill each)")
    if tables:
        print("  by table: " + ", ".join(f"{name} {size / 1e6:.2f} MB"
                                          for name, size in list(tables.items())[:5]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
