"""Benchmark of the indicators: the network table over the livelihood survey of 300
organizations (30,000 final submissions, half in each round, built through the capture path
by ``bench/exports.py``'s builder and kept for later runs) next to one SQL query counting the
same stored rows, pair by pair (see ``bench/pairs.py``); the same at 3,000 submissions to show
the cost grows linearly; and ``scores`` for one organization holding 30,000 submissions.

Run: .venv/bin/python bench/indicators.py [--folder DIR] [--quick]   (prints a table; exits 0)

Targets (issue 10): the network table under 10 s at 30,000 submissions; its time per
submission at 30,000 at most 1.5× that at 3,000 (linear cost); ``scores`` for one
organization with 30,000 submissions under 1 s. The ratio to the bare query is printed for
information: the table does every indicator, breakdown, interval and test the query does not.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere
sys.path.insert(0, str(ROOT / "bench"))

from exports import database  # noqa: E402  (the 300-organization database, built once)
from pairs import Table, alternate, ms, timed  # noqa: E402

from click.testing import CliRunner  # noqa: E402

from fieldapp.analysis.indicators import indicator_table  # noqa: E402
from fieldapp.cli import cli  # noqa: E402
from fieldapp.store.database import open_db  # noqa: E402

ROUND, BASELINE = "R2024", "LB2022"
SURVEY, ASSESSMENT = "medios_de_vida", "desarrollo_organizacional"
_COUNT = """
SELECT s.round_id, count(*), sum(sc.value) FROM submissions s
JOIN submission_scores sc ON sc.uuid = s.uuid AND sc.revision = s.revision
WHERE s.form_id IN (?, ?) AND s.round_id IN (?, ?) AND s.status = 'final' AND s.deleted = 0
GROUP BY s.round_id
"""


def bare_count(db) -> list:
    """The cheapest look at the same rows: one query counting the stored scores the table
    reads, per round."""
    return db.conn.execute(_COUNT, (SURVEY, ASSESSMENT, ROUND, BASELINE)).fetchall()


def network_table(folder: Path, submissions: int, rounds: int, table: Table) -> float:
    """Time the network table against the bare count; return its median seconds."""
    db = open_db(database(folder, submissions))
    try:
        indicator_table(db, ROUND)  # warm the parsed-form cache
        pairs = alternate(lambda: timed(lambda: indicator_table(db, ROUND)),
                          lambda: timed(lambda: bare_count(db)), rounds)
        median = statistics.median(pairs.measured)
        table.info(f"network table, {submissions:,} submissions", ms(median),
                   f"{pairs.ratio:.3g}× one counting query ({ms(statistics.median(pairs.baseline))})")
        return median
    finally:
        db.conn.close()


def one_organization(folder: Path, submissions: int) -> Path:
    """A copy of the benchmark database whose livelihood submissions all belong to one
    organization and round (the stored scores stay valid: they do not depend on either)."""
    path = folder / f"one-org-{submissions}.db"
    if not path.exists():
        temp = path.with_suffix(".building")
        shutil.copy(database(folder, submissions), temp)
        conn = open_db(temp).conn
        with conn:
            conn.execute("UPDATE submissions SET org_id = 'ORG-000', round_id = ?"
                         " WHERE form_id = ?", (ROUND, SURVEY))
        conn.close()
        temp.replace(path)
    return path


def scores_command(folder: Path, submissions: int, rounds: int, table: Table) -> None:
    path = one_organization(folder, submissions)
    runner = CliRunner()

    def run() -> None:
        result = runner.invoke(cli, ["--db", str(path), "scores", "--org", "ORG-000",
                                     "--round", ROUND], catch_exceptions=False)
        assert result.exit_code == 0, result.output

    run()  # warm
    db = open_db(path)
    try:
        pairs = alternate(lambda: timed(run), lambda: timed(lambda: bare_count(db)), rounds)
    finally:
        db.conn.close()
    table.limit(f"scores, one organization with {submissions:,} submissions",
                statistics.median(pairs.measured), 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folder", type=Path, default=None)
    parser.add_argument("--quick", action="store_true", help="3,000 submissions only")
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="fieldapp-bench-indicators-"))
    folder.mkdir(parents=True, exist_ok=True)
    table = Table("indicators: the network table and scores over stored scores (issue 10)")
    small = network_table(folder, 3000, 7, table)
    if not args.quick:
        large = network_table(folder, 30000, 5, table)
        table.limit("network table, 30,000 submissions", large, 10.0)
        growth = (large / 30000) / (small / 3000)
        table.rows.append(("cost per submission, 30,000 vs 3,000", f"{growth:.2f}×", "", "",
                           "≤ 1.5× (linear)", "PASS" if growth <= 1.5 else "FAIL"))
        scores_command(folder, 30000, 5, table)
    else:
        scores_command(folder, 3000, 5, table)
    table.print()


if __name__ == "__main__":
    main()
