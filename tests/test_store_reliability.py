"""Killing the process (SIGKILL) in the middle of a stream of autosaves, many times: the
database stays sound and holds every answer whose save had returned."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fieldapp.store.database import integrity_problems, open_db
from fieldapp.store.submissions import get_submission, load_answers

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)"),
]

# The write stream, shared by the driver and the test: every write changes something
# (``n…`` takes a new value each time), some delete and some move across repeat instances.
WRITES = '''
def writes_for(i):
    writes = {f"n{i % 5}": str(i), f"g/r[{i % 7 + 1}]/q{i % 3}": f"v{i} ñ\\nsegunda línea"}
    if i % 4 == 0:
        writes[f"g/r[{(i + 3) % 7 + 1}]/q{(i + 1) % 3}"] = None
    return writes
'''

DRIVER = WRITES + '''
import sys
from fieldapp.store.database import open_db
from fieldapp.store.formsreg import register_form
from fieldapp.store.orgs import add_organization, find_organization
from fieldapp.store.rounds import add_round, find_round
from fieldapp.store.submissions import apply_writes, create_submission

db = open_db(sys.argv[1])
if find_organization(db, "C1") is None:
    add_organization(db, id="C1", name="Coop", type="spo", country="PE")
if find_round(db, "R1") is None:
    add_round(db, id="R1", name="2024", year=2024)
register_form(db, form_id="f", version="1", workbook=b"wb", file_name="f.xlsx")
uuid = create_submission(db, form_id="f", form_version="1", org_id="C1", round_id="R1")
print("uuid", uuid, flush=True)
i = 0
while True:
    i += 1
    result = apply_writes(db, uuid, writes_for(i))
    print("ok", i, result.revision, flush=True)
'''

RUNS = 24


def _expected(n: int, writes_for) -> dict[str, str]:
    answers: dict[str, str] = {}
    for i in range(1, n + 1):
        for path, value in writes_for(i).items():
            if value is None:
                answers.pop(path, None)
            else:
                answers[path] = value
    return answers


def _run_and_kill(db_path: Path, delay: float, early: bool) -> list[str]:
    """Start the driver, kill it ``delay`` s after its first answer (or after start when
    ``early``), and return the complete lines it printed."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(db_path)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        if not early:
            ready, _w, _x = select.select([proc.stdout], [], [], 20)
            assert ready, "the driver did not start"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL, err.decode(errors="replace")
    text = out.decode("utf-8")
    return text.split("\n")[:-1]  # the last piece is a partial line (or empty)


def test_sigkill_during_autosaves_loses_no_acknowledged_answer(tmp_path):
    namespace: dict = {}
    exec(WRITES, namespace)
    writes_for = namespace["writes_for"]
    rng = random.Random(20240501)
    db_path = tmp_path / "fieldapp.db"
    started = time.monotonic()
    checked = 0
    for run in range(RUNS):
        early = run % 6 == 0  # some kills land while the database is opened or migrated
        lines = _run_and_kill(db_path, rng.uniform(0, 0.15), early)
        with open_db(db_path) as db:
            assert integrity_problems(db) == []
            assert db.conn.execute("PRAGMA foreign_key_check").fetchall() == []
            if not lines:
                continue
            uuid = lines[0].split()[1]
            acked = int(lines[-1].split()[1]) if len(lines) > 1 else 0
            sub = get_submission(db, uuid)
            # The write in flight may have committed before the kill, never half of it.
            n = sub.revision - 1
            assert n in (acked, acked + 1), (run, acked, sub.revision)
            assert load_answers(db, uuid) == _expected(n, writes_for)
            count = db.conn.execute("SELECT count(*) FROM revisions WHERE uuid = ?", [uuid])
            assert count.fetchone()[0] == sub.revision
            checked += acked
    assert checked > 100, "the kills all landed before any write: raise the delays"
    # ~12 s on an idle 2-core machine; ~40 s when several test suites share it
    assert time.monotonic() - started < 90
