"""Benchmark of the printed reports (issue "Printed reports").

1. The batch of feedback reports for 300 organizations: each report (its content from the
   indicators and its PDF) next to a bare reportlab document with the same number of pages,
   tables (same rows, columns and text per cell), charts (same bars) and paragraphs (same
   lengths), built right after it in the same run, pair by pair. Targets: median ratio ≤ 2×, and under 0.5 s a report.
2. The network report over 30,000 livelihood submissions (300 organizations × 100, plus a
   baseline round): target under 10 s; printed next to one SQL query counting the same rows.

Run: .venv/bin/python bench/reports.py [--orgs 300] [--per-org 100] [--folder DIR]
     [--only batch|network]
(prints a table with PASS/FAIL; always exits 0).

The database: a pool of assessments and surveys goes through the real capture path
(``fill_submission``: checked, scored and stored as at finalize), then each pool submission
is copied row for row to the 300 organizations in SQL (submission, answers, stored scores)
so that building 45,000 submissions takes seconds, not a quarter of an hour.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid as uuidlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from reportlab.graphics.charts.barcharts import HorizontalBarChart  # noqa: E402
from reportlab.graphics.shapes import Drawing  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.platypus import (KeepTogether, PageBreak, Paragraph,  # noqa: E402
                                SimpleDocTemplate, Table)

from fieldapp.capture.fill import fill_submission  # noqa: E402
from fieldapp.registry import ensure_builtin_forms  # noqa: E402
from fieldapp.reports import fonts  # noqa: E402
from fieldapp.reports.coop import coop_story, write_coop_report  # noqa: E402
from fieldapp.reports.network import write_network_report  # noqa: E402
from fieldapp.reports.sources import coop_report, network_report  # noqa: E402
from fieldapp.reports.styles import make_styles  # noqa: E402
from fieldapp.store import atomic  # noqa: E402
from fieldapp.store.database import open_db  # noqa: E402
from fieldapp.store.orgs import add_organization  # noqa: E402
from fieldapp.store.rounds import add_round  # noqa: E402

SEED = 2024
POOL_ASSESSMENTS = 30
POOL_RESPONDENTS = 150
COUNTRIES = ["PE", "MX", "HN", "CO", "EC", "DO", "PY", "BO", "GT", "NI"]
TYPES = ["cooperative", "spo", "second_level", "workers_association"]
ROUNDS = [("LB2022", "Línea base 2022", 2022, True), ("R2024", "Seguimiento 2024", 2024, False)]
AREAS = {"A1": 4, "A2": 4, "A3": 4, "A4": 4, "A5": 4, "A6": 4, "A7": 5}
TARGET_RATIO, TARGET_REPORT, TARGET_NETWORK = 2.0, 0.5, 10.0


def _assessment(rng: random.Random) -> dict:
    answers: dict[str, object] = {
        "tipo_org": "opp_1", "producto": "cafe", "socios_mujeres": rng.randint(20, 300),
        "socios_hombres": rng.randint(20, 300), "fecha": "2024-05-14",
        "evaluador": "Ana Lucía Torres", "modalidad": "externa", "part_mujeres": 4,
        "part_hombres": 5, "part_otro": 0, "part_directivos": 2, "part_comites": 2,
        "part_personal": 1, "part_base": 4}
    capacity = rng.uniform(1.8, 3.8)
    for area, items in AREAS.items():
        for i in range(1, items + 1):
            level = max(1, min(4, round(rng.gauss(capacity, 0.6))))
            answers[f"{area}_{i}"] = str(level)
        answers[f"prioridad_{area}"] = rng.choice(["alta", "media", "baja"])
        answers[f"evidencias_{area}"] = "Actas revisadas; plan en elaboración. " * rng.randint(1, 4)
    return answers


def _respondent(rng: random.Random, code: str) -> dict:
    answers: dict[str, object] = {
        "codigo": code, "consentimiento": "si",
        "rol": "trabajador" if rng.random() < 0.15 else "productor",
        "genero": rng.choice(["mujer", "hombre"]), "edad": rng.choice(["18_29", "30_44",
                                                                      "45_59", "60_mas"]),
        "antiguedad": "2_5", "producto": "cafe", "personas_hogar": rng.randint(1, 9),
        "D1": rng.choice(["si", "si", "en_parte", "no", "ns"]), "D2": "igual"}
    wellbeing = rng.uniform(2, 4.5)
    for d in range(1, 7):
        for i in range(1, 4):
            answers[f"B{d}_{i}"] = str(max(1, min(5, round(rng.gauss(wellbeing, 0.8)))))
    return answers


def build(path: Path, orgs: int, per_org: int) -> None:
    """The benchmark database (see the module docstring)."""
    rng = random.Random(SEED)
    pool_db = open_db(path.with_name("pool.db"))
    with atomic(pool_db):
        add_round(pool_db, id="R2024", name="2024", year=2024)
        add_organization(pool_db, id="POOL", name="Pool", type="spo", country="PE")
        pool = {"a": [fill_submission(pool_db, "desarrollo_organizacional", org_id="POOL",
                                      round_id="R2024", answers=_assessment(rng), finalize=True)
                      for _ in range(POOL_ASSESSMENTS)],
                "b": [fill_submission(pool_db, "medios_de_vida", org_id="POOL",
                                      round_id="R2024", answers=_respondent(rng, f"P{k}"),
                                      respondent=f"P{k}", finalize=True)
                      for k in range(POOL_RESPONDENTS)]}
    db = open_db(path)
    ensure_builtin_forms(db)
    with atomic(db):
        for round_id, name, year, baseline in ROUNDS:
            add_round(db, id=round_id, name=name, year=year, baseline=baseline)
        for i in range(orgs):
            add_organization(db, id=f"ORG{i:03d}", name=f"Cooperativa de prueba número {i}",
                             type=TYPES[i % len(TYPES)], country=COUNTRIES[i % len(COUNTRIES)],
                             women=rng.randint(30, 400), men=rng.randint(30, 600))
        _clone(pool_db, db, pool, orgs, per_org, rng)
    pool_db.close()
    db.conn.execute("ANALYZE")
    db.close()


def _clone(pool_db, db, pool: dict[str, list[str]], orgs: int, per_org: int,
           rng: random.Random) -> None:
    source = pool_db.conn
    rows = {u: source.execute("SELECT * FROM submissions WHERE uuid = ?", (u,)).fetchone()
            for u in pool["a"] + pool["b"]}
    answers = {u: source.execute("SELECT path, value FROM answers WHERE uuid = ?",
                                 (u,)).fetchall() for u in rows}
    scores = {u: source.execute("SELECT * FROM submission_scores WHERE uuid = ?",
                                (u,)).fetchall() for u in rows}
    columns = [c[1] for c in source.execute("PRAGMA table_info(submissions)")]
    org_at, round_at = columns.index("org_id"), columns.index("round_id")
    subs, ans, sc = [], [], []
    for i in range(orgs):
        for round_id, _n, _y, baseline in ROUNDS:
            picks = [rng.choice(pool["a"])]
            picks += [rng.choice(pool["b"]) for _ in range(per_org // 2 if baseline else per_org)]
            for picked in picks:
                new = str(uuidlib.UUID(int=rng.getrandbits(128), version=4))
                row = list(rows[picked])
                row[0], row[org_at], row[round_at] = new, f"ORG{i:03d}", round_id
                subs.append(row)
                ans.extend((new, p, v) for p, v in answers[picked])
                sc.extend((new, *s[1:]) for s in scores[picked])
    conn = db.conn
    conn.executemany(f"INSERT INTO submissions VALUES ({', '.join('?' * len(columns))})", subs)
    conn.executemany("INSERT INTO answers VALUES (?, ?, ?)", ans)
    if sc:
        conn.executemany(f"INSERT INTO submission_scores VALUES ({', '.join('?' * len(sc[0]))})",
                         sc)


@dataclass
class Census:
    """What a story holds: paragraphs (their lengths), tables (rows, columns, cell text
    length) and charts (their bars)."""

    paragraphs: list[int] = field(default_factory=list)
    tables: list[tuple[int, int, int]] = field(default_factory=list)
    charts: list[int] = field(default_factory=list)


def census(story: list, found: Census | None = None) -> Census:
    found = found or Census()
    for item in story:
        if isinstance(item, KeepTogether):
            census(item._content, found)
        elif isinstance(item, Paragraph):
            found.paragraphs.append(len(item.getPlainText()))
        elif isinstance(item, Table):
            cells = [c for row in item._cellvalues for c in row]
            chars = sum(len(c.getPlainText()) if isinstance(c, Paragraph) else len(str(c))
                        for c in cells)
            rows, cols = len(item._cellvalues), len(item._cellvalues[0])
            found.tables.append((rows, cols, max(1, chars // max(1, rows * cols))))
        elif isinstance(item, Drawing):
            found.charts.append(max(2, len(item.contents) // 4))
    return found


def _words(length: int) -> str:
    return ("señal acción más " * (length // 17 + 1))[:length]


def bare_document(out: Path, pages: int, found: Census) -> None:
    """A plain reportlab document of ``pages`` pages with as many paragraphs (of the same
    lengths), tables (same rows, columns and text per cell) and charts (same bars)."""
    styles = make_styles()
    flow: list = [Paragraph(_words(n), styles.body) for n in found.paragraphs]
    for rows, cols, chars in found.tables:
        flow.append(Table([[_words(chars) for _c in range(cols)] for _r in range(rows)]))
    for bars in found.charts:
        drawing = Drawing(400, 20 * bars)
        chart = HorizontalBarChart()
        chart.width, chart.height = 380, 18 * bars
        chart.data = [[(j * 37) % 100 for j in range(bars)]]
        drawing.add(chart)
        flow.append(drawing)
    step = max(1, len(flow) // max(pages, 1))
    story: list = []
    for k, item in enumerate(flow):
        story.append(item)
        if (k + 1) % step == 0 and sum(isinstance(x, PageBreak) for x in story) < pages - 1:
            story.append(PageBreak())
    SimpleDocTemplate(str(out), pagesize=A4).build(story)


def feedback_batch(db_path: Path, orgs: int, folder: Path) -> tuple[list[float], list[float]]:
    """Seconds per report and per bare document, alternating pair by pair."""
    from pypdf import PdfReader

    fonts.register()
    db = open_db(db_path)
    ours, bare = [], []
    try:
        for i in range(orgs):
            org_id = f"ORG{i:03d}"
            out = folder / f"{org_id}.pdf"
            start = time.perf_counter()
            content = coop_report(db, org_id, "R2024", lang="es")
            write_coop_report(content, out, lang="es", paper="a4")
            ours.append(time.perf_counter() - start)
            pages = len(PdfReader(out).pages)
            found = census(coop_story(content, lang="es", paper="a4"))
            start = time.perf_counter()
            bare_document(folder / f"bare-{org_id}.pdf", pages, found)
            bare.append(time.perf_counter() - start)
    finally:
        db.close()
    return ours, bare


def network(db_path: Path, folder: Path) -> tuple[float, float, int]:
    db = open_db(db_path)
    try:
        start = time.perf_counter()
        count = db.conn.execute(
            "SELECT COUNT(*) FROM submissions s JOIN submission_scores sc ON sc.uuid = s.uuid"
            " WHERE s.form_id = 'medios_de_vida' AND s.round_id = 'R2024'"
            " AND s.status = 'final' AND sc.name = 'sust_D' AND sc.value = 1").fetchone()[0]
        query = time.perf_counter() - start
        start = time.perf_counter()
        content = network_report(db, "R2024", lang="es")
        write_network_report(content, folder / "network.pdf", lang="es")
        ours = time.perf_counter() - start
        total = db.conn.execute("SELECT COUNT(*) FROM submissions WHERE form_id = "
                                "'medios_de_vida' AND round_id = 'R2024'").fetchone()[0]
    finally:
        db.close()
    return ours, query, total if count >= 0 else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=300)
    parser.add_argument("--per-org", type=int, default=100)
    parser.add_argument("--folder", type=Path, default=None)
    parser.add_argument("--only", choices=["batch", "network"], default=None,
                        help="run one of the two measures")
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="fieldapp-bench-reports-"))
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "bench.db"
    for old in (db_path, folder / "pool.db"):
        if old.exists():
            old.unlink()
    start = time.perf_counter()
    build(db_path, args.orgs, args.per_org)
    print(f"database: {args.orgs} organizations, {args.orgs * args.per_org:,} livelihood "
          f"submissions in R2024 (+ baseline), built in {time.perf_counter() - start:.1f} s")

    if args.only != "network":
        batch(db_path, args.orgs, folder)
    if args.only != "batch":
        network_line(db_path, folder)
    return 0


def batch(db_path: Path, orgs: int, folder: Path) -> None:
    ours, bare = feedback_batch(db_path, orgs, folder)
    ratios = [o / b for o, b in zip(ours, bare)]
    median_ours, ratio = statistics.median(ours), statistics.median(ratios)
    print(f"feedback reports ({len(ours)}), per report:")
    print(f"  fieldapp (content + PDF)   {median_ours:6.3f} s   target < {TARGET_REPORT} s   "
          f"{'PASS' if median_ours < TARGET_REPORT else 'FAIL'}")
    print(f"  bare reportlab, same size  {statistics.median(bare):6.3f} s")
    print(f"  median ratio               {ratio:6.2f}×   target ≤ {TARGET_RATIO:.0f}×      "
          f"{'PASS' if ratio <= TARGET_RATIO else 'FAIL'}")
    print(f"  whole batch                {sum(ours):6.1f} s")


def network_line(db_path: Path, folder: Path) -> None:
    seconds, query, total = network(db_path, folder)
    print(f"network report over {total:,} livelihood submissions:")
    print(f"  fieldapp (content + PDF)   {seconds:6.2f} s   target < {TARGET_NETWORK:.0f} s    "
          f"{'PASS' if seconds < TARGET_NETWORK else 'FAIL'}")
    print(f"  one SQL count of the rows  {query:6.3f} s   ratio {seconds / max(query, 1e-9):,.0f}×")


if __name__ == "__main__":
    sys.exit(main())
