"""A draft survives closing the window, and the process dying, and resumes where it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

DRIVER = Path(__file__).resolve().parent / "resume_driver.py"


def _run(*args: str) -> tuple[int, list[dict]]:
    proc = subprocess.run([sys.executable, str(DRIVER), *args], capture_output=True, text=True,
                          timeout=120, env=dict(os.environ))
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode not in (0, -9):
        raise AssertionError(proc.stderr[-3000:])
    return proc.returncode, lines


@pytest.mark.parametrize("mode", ["close", "kill"])
def test_draft_survives_and_resumes_at_its_page(db_path, mode):
    code, out = _run(mode, str(db_path))
    assert code == (-9 if mode == "kill" else 0)
    assert out and out[0]["uuid"]
    _code, seen = _run("check", str(db_path))
    assert seen[0] == {"page": 2, "mujeres": "9", "hombres": "11", "tipo_org": "opp_2",
                       "socias": "40"}
