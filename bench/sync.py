"""Benchmark of sync: 100 bundles holding 30,000 livelihood submissions imported into an empty
database, next to a baseline in the same run that loads the same CSV rows into the same tables
with bare ``csv`` + ``executemany`` in one transaction; then the same 100 bundles imported again
(everything skipped), the export of 30,000 submissions, and peak memory for 10 bundles against
100 (it must not grow with the number of bundles) and for one bundle holding all 30,000 (a
coordinator forwarding everything: the largest bundle a laptop meets).

Run: .venv/bin/python bench/sync.py [--bundles 100] [--submissions 30000 | --per-bundle 300]
     [--pairs 3] [--folder DIR]   (prints a table and PASS/FAIL per target; always exits 0)

Targets (issue 9): import ≤ 3× the baseline; re-import of everything < 0.3× the first import;
peak memory for 100 bundles ≤ 1.25× the peak for 10; peak memory of an import within a
cheap laptop's means (4 GB of RAM shared with Windows and the rest: ≤ 300 MB). Pairs
alternate baseline and measured work, and the ratios are medians over the pairs.

Peak memory is the importing process's own high-water mark (``VmHWM``). Not ``ru_maxrss``:
Linux carries a parent's peak over ``exec`` into the child's, so a child started by this
script (which holds every row of the 30,000 submissions while preparing them) reported this
script's ~1 GB instead of its own.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid as uuidlib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from fieldapp.capture.fill import fill_submission  # noqa: E402
from fieldapp.demo import ORGANIZATIONS, SURVEY, _respondent  # noqa: E402
from fieldapp.registry import ensure_builtin_forms  # noqa: E402
from fieldapp.store.database import open_db  # noqa: E402
from fieldapp.store.identity import set_technician  # noqa: E402
from fieldapp.store.orgs import add_organization  # noqa: E402
from fieldapp.store.rounds import add_round  # noqa: E402
from fieldapp.store.contenthash import content_hash  # noqa: E402
from fieldapp.sync import ImportOptions, export_bundle, import_bundles  # noqa: E402
from fieldapp.sync import tables as T  # noqa: E402

SEED = 2024
TEMPLATES = 40  # real interviews filled through the form session, varied into many more
ROUND = "R2024"

MEMORY_CHILD = """
import resource, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from fieldapp.store.database import open_db
from fieldapp.sync import ImportOptions, import_bundles
db = open_db(sys.argv[2])
files = sorted(Path(sys.argv[3]).glob("*.zip"))[: int(sys.argv[4])]
reports = import_bundles(db, files, ImportOptions(trust=True, score=False))
assert all(r.error is None for r in reports), [str(r.error) for r in reports if r.error]
try:  # this process's own peak, in KiB (see the module docstring)
    with open("/proc/self/status") as status:
        print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
MEMORY_LIMIT_MB = 300


def base_db(path: Path, technician: str):
    """A laptop with the built-in forms, the demo's organizations and the 2024 round."""
    db = open_db(path)
    set_technician(db, technician)
    ensure_builtin_forms(db)
    add_round(db, id=ROUND, name="Seguimiento 2024", year=2024)
    for org in ORGANIZATIONS:
        add_organization(db, id=org.id, name=org.name, type=org.type, country=org.country,
                         products=org.product, women=org.women, men=org.men)
    return db


def templates(folder: Path) -> list[dict[str, str]]:
    """Answer sets of real interviews, as the capture path stores them."""
    db = base_db(folder / "templates.db", "plantilla")
    rng = random.Random(SEED)
    found = []
    for i in range(TEMPLATES):
        org = ORGANIZATIONS[i % len(ORGANIZATIONS)]
        answers = _respondent(rng, org, 3.0 + (i % 5) * 0.3, 2024, i + 1)
        uuid = fill_submission(db, SURVEY, org_id=org.id, round_id=ROUND, answers=answers,
                               finalize=True)
        row = db.conn.execute("SELECT org_id, form_version FROM submissions WHERE uuid = ?",
                              (uuid,)).fetchone()
        found.append((row[0], row[1], dict(db.conn.execute(
            "SELECT path, value FROM answers WHERE uuid = ?", (uuid,)))))
    db.close()
    return found


def stamp(rng: random.Random) -> str:
    return (f"2024-{rng.randint(3, 10):02d}-{rng.randint(1, 28):02d}T"
            f"{rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}."
            f"{rng.randint(0, 999):03d}Z")


def laptop(path: Path, name: str, count: int, shapes: list, rng: random.Random) -> None:
    """A technician's laptop holding ``count`` final interviews, with the rows the store
    writes for each (revisions create + finalize, an audit row per answer)."""
    db = base_db(path, name)
    device = db.conn.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()[0]
    subs, answers, revisions, audit = [], [], [], []
    for n in range(count):
        org_id, version, shape = rng.choice(shapes)
        uuid = str(uuidlib.uuid4())
        values = dict(shape)
        values["codigo"] = f"{name}-{n:05d}"
        values["meta/instanceID"] = f"uuid:{uuid}"
        values["meta/instanceName"] = f"{org_id} – {values['codigo']}"
        digest = content_hash(values)
        created = stamp(rng)
        subs.append((uuid, SURVEY, version, org_id, ROUND, values["codigo"], "final", created,
                     created, created, device, name, 2, digest, digest, None, 0))
        answers += [(uuid, p, v) for p, v in values.items()]
        revisions += [(uuid, 1, digest, created, device, "create"),
                      (uuid, 2, digest, created, device, "finalize")]
        audit.append((created, device, name, uuid, None, None, None, "create", 1, None))
        audit += [(created, device, name, uuid, p, None, v, "set", 1, None)
                  for p, v in values.items()]
        audit.append((created, device, name, uuid, None, None, None, "finalize", 2, None))
    with db.conn:
        db.conn.executemany(f"INSERT INTO submissions ({', '.join(T.SUBMISSIONS.names)})"
                            f" VALUES ({', '.join('?' * 17)})", subs)
        db.conn.executemany("INSERT INTO answers VALUES (?, ?, ?)", answers)
        db.conn.executemany("INSERT INTO revisions VALUES (?, ?, ?, ?, ?, ?)", revisions)
        db.conn.executemany("INSERT INTO audit (at, device_id, technician, uuid, path, old, new,"
                            " action, revision, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            audit)
    return db


def make_bundles(folder: Path, bundles: int, total: int) -> tuple[Path, Path]:
    """``bundles`` field bundles from as many laptops, and one laptop holding everything."""
    shapes = templates(folder)
    rng = random.Random(SEED)
    stick = folder / "stick"
    stick.mkdir()
    per = total // bundles
    for i in range(bundles):
        db = laptop(folder / f"laptop-{i:03d}.db", f"tec{i:03d}", per, shapes, rng)
        export_bundle(db, stick)
        db.close()
    big = laptop(folder / "everything.db", "todos", total, shapes, rng)
    big.close()
    return stick, folder / "everything.db"


def baseline_import(path: Path, files: list[Path]) -> float:
    """Bare csv + executemany of the same rows into the same tables, one transaction."""
    db = open_db(path)
    conn = db.conn
    start = time.perf_counter()
    conn.execute("BEGIN")
    for file in files:
        with zipfile.ZipFile(file) as zf:
            with zf.open(T.FORMS.member) as raw:
                reader = csv.reader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""))
                next(reader)
                conn.executemany(
                    "INSERT OR IGNORE INTO forms (form_id, version, title, sha256, file_name,"
                    " added_at, builtin, workbook) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(*r[:7], zf.read(r[7])) for r in reader])
            for table in T.FIELD_TABLES:
                if table in (T.FORMS, T.ATTACHMENTS):
                    continue
                with zf.open(table.member) as raw:
                    reader = csv.reader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""))
                    names = next(reader)
                    if table is T.REVISIONS:
                        names = names[:-1]
                        rows = (r[:-1] for r in reader)
                    else:
                        rows = reader
                    conn.executemany(
                        f"INSERT OR IGNORE INTO {table.member[:-4]} ({', '.join(names)})"
                        f" VALUES ({', '.join('?' * len(names))})", rows)
    conn.execute("COMMIT")
    took = time.perf_counter() - start
    db.close()
    return took


def measured_import(path: Path, files: list[Path]) -> tuple[float, float, int]:
    """fieldapp's import of the bundles, then the same bundles again; seconds each."""
    db = open_db(path)
    options = ImportOptions(trust=True, score=False)
    start = time.perf_counter()
    reports = import_bundles(db, files, options)
    first = time.perf_counter() - start
    assert all(r.error is None for r in reports), [str(r.error) for r in reports if r.error]
    added = sum(r.added for r in reports)
    start = time.perf_counter()
    again = import_bundles(db, files, options)
    second = time.perf_counter() - start
    assert all(r.added == 0 for r in again)
    db.close()
    return first, second, added


def scoring_time(path: Path, sample: int = 300) -> float:
    """Seconds per submission to store the scores of imported ones (a sample): the work
    ``import_bundles`` does after the import, which the baseline has no counterpart for."""
    from fieldapp import storedscores
    from fieldapp.store.database import atomic

    db = open_db(path)
    uuids = [r[0] for r in db.conn.execute("SELECT uuid FROM submissions LIMIT ?", (sample,))]
    forms: storedscores.FormCache = {}
    start = time.perf_counter()
    with atomic(db):
        for uuid in uuids:
            storedscores.store_scores(db, uuid, forms=forms)
    took = (time.perf_counter() - start) / max(len(uuids), 1)
    db.close()
    return took


def baseline_export(source: Path, target: Path) -> float:
    """Bare SELECT + csv.writer of the same tables into a zip."""
    conn = sqlite3.connect(source)
    start = time.perf_counter()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for table, sql in ((T.SUBMISSIONS, "SELECT * FROM submissions"),
                           (T.ANSWERS, "SELECT * FROM answers"),
                           (T.REVISIONS, "SELECT *, 'main' FROM revisions"),
                           (T.AUDIT, f"SELECT {', '.join(T.AUDIT.names)} FROM audit")):
            with zf.open(table.member, "w", force_zip64=True) as member:
                text = io.TextIOWrapper(member, encoding="utf-8-sig", newline="")
                writer = csv.writer(text)
                writer.writerow(table.names)
                writer.writerows(conn.execute(sql))
                text.flush()
                text.detach()
    took = time.perf_counter() - start
    conn.close()
    return took


def measured_export(source: Path, folder: Path) -> float:
    db = open_db(source)
    start = time.perf_counter()
    export_bundle(db, folder, everything=True)
    took = time.perf_counter() - start
    db.close()
    return took


def peak_memory(folder: Path, stick: Path, count: int, name: str = "") -> int:
    """Peak resident memory (KiB) of a process importing the first ``count`` bundles."""
    target = folder / f"memory-{name}{count}.db"
    out = subprocess.run([sys.executable, "-c", MEMORY_CHILD, str(ROOT), str(target),
                          str(stick), str(count)], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1])


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=int, default=100)
    parser.add_argument("--submissions", type=int, default=30_000)
    parser.add_argument("--per-bundle", type=int, default=None,
                        help="submissions per bundle (instead of --submissions in all)")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=None,
                        help="where to write bundles and databases (default: a temp folder)")
    args = parser.parse_args()
    if args.per_bundle is not None:
        args.submissions = args.per_bundle * args.bundles
    with tempfile.TemporaryDirectory(dir=args.folder) as work:
        folder = Path(work)
        print(f"preparing {args.bundles} bundles of {args.submissions // args.bundles}"
              " livelihood submissions …", flush=True)
        stick, everything = make_bundles(folder, args.bundles, args.submissions)
        files = sorted(stick.glob("*.zip"))
        stats = {"answers": 0, "audit": 0}
        probe = sqlite3.connect(everything)
        for table in stats:
            stats[table] = probe.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        probe.close()
        size = sum(f.stat().st_size for f in files)
        print(f"{len(files)} bundles, {size / 1e6:.1f} MB; {args.submissions} submissions,"
              f" {stats['answers']:,} answers, {stats['audit']:,} audit rows")
        rows = []
        for pair in range(args.pairs):
            base = baseline_import(folder / f"base-{pair}.db", files)
            first, again, added = measured_import(folder / f"import-{pair}.db", files)
            assert added == args.submissions // args.bundles * args.bundles
            bexp = baseline_export(everything, folder / f"base-export-{pair}.zip")
            out = folder / f"export-{pair}"
            out.mkdir()
            mexp = measured_export(everything, out)
            rows.append((base, first, again, bexp, mexp))
            print(f"pair {pair + 1}: baseline {base:.1f} s, import {first:.1f} s,"
                  f" again {again:.1f} s; export baseline {bexp:.1f} s, export {mexp:.1f} s",
                  flush=True)
        per_score = scoring_time(folder / "import-0.db")
        few = max(1, args.bundles // 10)
        memory_few = peak_memory(folder, stick, few)
        memory_all = peak_memory(folder, stick, args.bundles)
        # the bundle of everything exported in the first pair
        memory_whole = peak_memory(folder, folder / "export-0", 1, "whole-")
    ratio_import = statistics.median(r[1] / r[0] for r in rows)
    ratio_again = statistics.median(r[2] / r[1] for r in rows)
    ratio_export = statistics.median(r[4] / r[3] for r in rows)
    ratio_memory = memory_all / memory_few
    print("")
    print(f"{'':<44}{'median':>10}{'target':>10}")
    print("-" * 72)
    print(f"{'import / bare csv+executemany':<44}{ratio_import:>9.2f}×{'≤ 3×':>10}"
          f"  {verdict(ratio_import <= 3)}")
    print(f"{'re-import (all skipped) / first import':<44}{ratio_again:>9.2f}×{'< 0.3×':>10}"
          f"  {verdict(ratio_again < 0.3)}")
    print(f"{f'peak memory {args.bundles} / {few} bundles':<44}{ratio_memory:>9.2f}×{'≤ 1.25×':>10}"
          f"  {verdict(ratio_memory <= 1.25)}   ({memory_all / 1024:.0f} MB vs"
          f" {memory_few / 1024:.0f} MB)")
    largest = max(memory_all, memory_whole) / 1024
    print(f"{'peak memory of an import (largest above)':<44}{largest:>8.0f}MB"
          f"{f'≤ {MEMORY_LIMIT_MB} MB':>10}  {verdict(largest <= MEMORY_LIMIT_MB)}"
          f"   (one bundle of all {args.submissions}: {memory_whole / 1024:.0f} MB)")
    print(f"{'export of all / bare SELECT+csv+zip':<44}{ratio_export:>9.2f}×{'(info)':>10}"
          f"   ({statistics.median(r[4] for r in rows):.1f} s for {args.submissions}"
          " submissions)")
    print(f"then scoring the arrived submissions (outside the import transaction):"
          f" {per_score * 1000:.1f} ms each, about {per_score * args.submissions:.0f} s for all")
    print(json.dumps({"import_ratio": round(ratio_import, 3),
                      "reimport_ratio": round(ratio_again, 3),
                      "memory_ratio": round(ratio_memory, 3),
                      "memory_mb": {"few": memory_few // 1024, "all": memory_all // 1024,
                                    "one_bundle": memory_whole // 1024},
                      "export_ratio": round(ratio_export, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
