"""An import killed (SIGKILL) at random moments leaves the database as before or as after,
never in between, and sound."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fieldapp.store.database import open_db
from fieldapp.sync import ImportOptions, import_bundle
from tests.synclab import clone, content, coordinator, export, fill, technician_from

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import sys
from fieldapp.store.database import open_db
from fieldapp.sync import ImportOptions, import_bundle
db = open_db(sys.argv[1])
print("ready", flush=True)
report = import_bundle(db, sys.argv[2], ImportOptions(trust=True))
print(report.status, flush=True)
"""


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    folder = tmp_path_factory.mktemp("faults")
    coord = coordinator(folder)
    setup = export(coord, folder / "setup", setup=True)
    tech = technician_from(setup, folder, "ana")
    fill(tech, 40)
    bundle = export(tech, folder / "stick")
    before = content(coord)
    after_db = clone(coord, folder / "after.db")
    assert import_bundle(after_db, bundle, ImportOptions(trust=True)).added == 40
    after = content(after_db)
    after_db.close()
    start = time.perf_counter()
    probe = clone(coord, folder / "probe.db")
    import_bundle(probe, bundle, ImportOptions(trust=True))
    probe.close()
    took = time.perf_counter() - start
    yield {"folder": folder, "coord": coord, "bundle": bundle, "before": before,
           "after": after, "took": took}
    coord.close()


def _kill_once(scene, n: int, rng: random.Random) -> str:
    target = scene["folder"] / f"kill-{n}.db"
    clone(scene["coord"], target).close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen([sys.executable, "-c", CHILD, str(target), str(scene["bundle"])],
                          stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, scene["took"] * 1.3))
        child.send_signal(signal.SIGKILL)
        child.wait()
    db = open_db(target)
    try:
        assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        found = content(db)
        assert found in (scene["before"], scene["after"]), f"kill {n}: half-written"
        return "after" if found == scene["after"] else "before"
    finally:
        db.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)


def test_a_few_kills(scene):
    rng = random.Random(9)
    seen = [_kill_once(scene, n, rng) for n in range(5)]
    assert set(seen) <= {"before", "after"}


@pytest.mark.slow
def test_two_hundred_kills(scene, request):
    if "slow" not in (request.config.option.markexpr or "") and not os.environ.get(
            "FIELDAPP_SLOW"):
        pytest.skip("200 kills take minutes: run with -m slow (or FIELDAPP_SLOW=1)")
    rng = random.Random(2024)
    seen = [_kill_once(scene, n, rng) for n in range(200)]
    assert seen.count("before") and seen.count("after")
