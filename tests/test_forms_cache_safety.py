"""The parsed-forms cache (issue 12, item 6): a file planted in the cache folder never runs
and never replaces the workbook's form; a damaged entry is rebuilt; a cache folder that is
full or cannot be written costs time, never a traceback (item 9)."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.forms import cache
from fieldapp.forms.loader import parse_workbook
from tests.xlsform_md import md_to_xlsx

ROOT = Path(__file__).resolve().parents[1]
SMALL = """
| survey |
|        | type | name | label   |
|        | text | q    | {label} |
"""


class _Planted:
    """What an attacker pickles: unpickling it runs ``os.system``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_neither_runs_nor_replaces_the_form(tmp_path):
    path = md_to_xlsx(SMALL.format(label="From the workbook"), tmp_path / "f.xlsx")
    form = parse_workbook(path.read_bytes(), path)
    entry = cache.entry_path(form.sha256)
    marker = tmp_path / "ran"
    entry.write_bytes(pickle.dumps(_Planted(marker)))
    assert parse_workbook(path.read_bytes(), path).find("q").label == {
        "default": "From the workbook"}
    assert not marker.exists()
    # a well-formed form pickled by someone else (no signature of this installation)
    form.find("q").label = {"default": "Planted"}
    entry.write_bytes(pickle.dumps(form))
    assert parse_workbook(path.read_bytes(), path).find("q").label == {
        "default": "From the workbook"}
    # a signed entry whose bytes were changed afterwards
    data = bytearray(entry.read_bytes())
    data[-5] ^= 0xFF
    entry.write_bytes(bytes(data))
    assert parse_workbook(path.read_bytes(), path).find("q").label == {
        "default": "From the workbook"}


def _cli(*args: str, cwd: Path, cache_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--lang", "en", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=180,
                          env={**os.environ, "FIELDAPP_CACHE": str(cache_dir)})


def _commands(tmp_path: Path, cache_dir: Path) -> None:
    db = tmp_path / "f.db"
    answers = tmp_path / "a.json"
    answers.write_text('{"datos_org/socios_mujeres": 3}', encoding="utf-8")
    for command in (
        ["forms", "show", "medios_de_vida"],
        ["orgs", "add", "--id", "C1", "--name", "Sol", "--type", "spo", "--country", "PE",
         "--db", str(db)],
        ["rounds", "add", "--id", "R1", "--name", "Uno", "--year", "2024", "--db", str(db)],
        ["fill", "desarrollo_organizacional", "--org", "C1", "--round", "R1", "--answers",
         str(answers), "--db", str(db)],
    ):
        done = _cli(*command, cwd=tmp_path, cache_dir=cache_dir)
        assert "Traceback" not in done.stderr, (command, done.stderr)
        assert done.returncode == 0, (command, done.stderr)


def test_a_cache_folder_that_is_a_file_is_no_traceback(tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder", encoding="utf-8")
    _commands(tmp_path, blocker)


def test_a_full_cache_disk_is_no_traceback(tmp_path):
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small file system needs root")
    point = tmp_path / "small"
    point.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(point)],
                      capture_output=True).returncode:
        pytest.skip("this system does not allow mounting a tmpfs")
    try:
        subprocess.run(["dd", "if=/dev/zero", f"of={point / 'filler'}", "bs=1k"],
                       capture_output=True)  # until the disk is full
        assert shutil.disk_usage(point).free < 4096
        _commands(tmp_path, point)
    finally:
        subprocess.run(["umount", str(point)], capture_output=True)
