"""Commands that only read, on a database made by an older program: its built-in forms are
other versions (other workbook bytes) than the ones this program ships. They used to fail,
because reading a form registered the program's built-ins first, which writes; now they
read the shipped workbooks, write nothing, and show what a writing command shows after it
has registered them — on a writable disk and on a locked USB stick alike."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from fieldapp.forms.builtins import builtin_forms
from fieldapp.registry import ensure_builtin_forms, load_form
from fieldapp.store.database import open_db
from fieldapp.sync import ImportOptions, import_bundle
from tests.synclab import coordinator, export, fill, technician_from
from tests.test_store_opening import read_only_mount  # noqa: F401  (a fixture)

ROOT = Path(__file__).resolve().parents[1]
ORG, ROUND = "COOCAFE-PE", "R2024"
READ_COMMANDS = (
    ("indicators", "--round", ROUND),
    ("indicators", "--round", ROUND, "--org", ORG),
    ("indicators", "baselines", "list"),
    ("indicators", "targets", "list"),
    ("scores", "--org", ORG, "--round", ROUND),
    ("orgs", "list"),
    ("rounds", "list"),
    ("submissions", "list"),
    ("conflicts", "list"),
    ("devices", "list"),
    ("forms", "list"),
    ("forms", "show", "medios_de_vida"),
)


def _age(path: Path) -> dict[str, str]:
    """Make ``path`` a database of an older program: each built-in form it holds becomes
    another version with other workbook bytes, and its submissions and scores that version
    (as that program stored them). Returns form_id → the old version."""
    old_versions = {}
    with contextlib.closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT form_id, version, workbook FROM forms WHERE builtin = 1")
        for form_id, version, workbook in rows.fetchall():
            book = openpyxl.load_workbook(io.BytesIO(workbook))
            sheet = book["settings"]
            column = [c.value for c in sheet[1]].index("version") + 1
            old = f"{version}-old"
            sheet.cell(row=2, column=column, value=old)
            out = io.BytesIO()
            book.save(out)
            data = out.getvalue()
            conn.execute("UPDATE forms SET version = ?, workbook = ?, sha256 = ?"
                         " WHERE form_id = ? AND version = ?",
                         (old, data, hashlib.sha256(data).hexdigest(), form_id, version))
            for table in ("submissions", "submission_scores"):
                conn.execute(f"UPDATE {table} SET form_version = ? WHERE form_id = ?"
                             " AND form_version = ?", (old, form_id, version))
            old_versions[form_id] = old
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return old_versions


@pytest.fixture(scope="module")
def older(tmp_path_factory) -> Path:
    """A technician's database with final interviews, made by the older program."""
    folder = tmp_path_factory.mktemp("older")
    coord = coordinator(folder)
    setup = export(coord, folder / "setup", setup=True)
    coord.close()
    tech = technician_from(setup, folder, "ana")
    fill(tech, 12)
    tech.close()
    path = folder / "ana.db"
    assert _age(path) == {"medios_de_vida": "2025.1-old",
                          "desarrollo_organizacional": "2024.1-old"}
    return path


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--lang", "en", *args,
                           "--db", str(db)], capture_output=True, text=True, timeout=120,
                          env={**os.environ})


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _registered(path: Path) -> set[tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return set(conn.execute("SELECT form_id, version FROM forms"))


def test_the_older_database_lacks_the_shipped_built_ins(older):
    shipped = {(f.form_id, f.version) for f in builtin_forms()}
    assert not shipped & _registered(older)


def test_read_commands_work_and_write_nothing(older, tmp_path):
    copy = tmp_path / "ana.db"
    shutil.copy(older, copy)
    before = _digest(copy)
    outputs = {}
    for command in READ_COMMANDS:
        done = _cli(copy, *command)
        assert done.returncode == 0, (command, done.stderr)
        assert "Traceback" not in done.stderr
        outputs[command] = done.stdout
        assert _digest(copy) == before, command
    assert "medios_de_vida" in outputs[("submissions", "list")]
    assert "Sustainable livelihood" in outputs[("scores", "--org", ORG, "--round", ROUND)]
    assert not {(f.form_id, f.version) for f in builtin_forms()} & _registered(copy)

    # a command that writes registers the shipped built-ins; afterwards every read command
    # shows exactly what it showed before they were registered
    assert _cli(copy, "indicators", "recompute").returncode == 0
    assert {(f.form_id, f.version) for f in builtin_forms()} <= _registered(copy)
    for command in READ_COMMANDS:
        assert _cli(copy, *command).stdout == outputs[command], command


def test_read_commands_work_on_a_locked_usb_stick(older, tmp_path, read_only_mount):
    point, lock = read_only_mount
    stick = point / "ana.db"
    shutil.copy(older, stick)
    lock()
    before = _digest(stick)
    for command in READ_COMMANDS:
        done = _cli(stick, *command)
        assert done.returncode == 0, (command, done.stderr)
    assert _digest(stick) == before
    assert sorted(p.name for p in point.iterdir()) == ["ana.db"]


def test_a_preview_rolled_back_leaves_the_built_ins_to_register(older, tmp_path):
    """A dry-run import may register the shipped built-ins inside its transaction (a changed
    submission is scored there, which reads its form) and then rolls them back: the same
    open database must still register them when next asked, not believe it has."""
    from tests.synclab import edit, laptop

    copy = tmp_path / "ana.db"
    shutil.copy(older, copy)
    ana = open_db(copy)
    uuid = ana.conn.execute("SELECT uuid FROM submissions LIMIT 1").fetchone()[0]
    first = export(ana, tmp_path / "stick")
    edit(ana, uuid, {"codigo": "corregido"})
    second = export(ana, tmp_path / "stick")  # what changed since: the edited interview
    ana.close()

    other = laptop(tmp_path, "other")  # nothing registered yet
    quiet = ImportOptions(trust=True, score=False)
    assert import_bundle(other, first, quiet).added == 12
    preview = import_bundle(other, second, ImportOptions(trust=True, dry_run=True))
    assert preview.error is None and preview.updated == 1, preview
    shipped = next(f for f in builtin_forms() if f.form_id == "medios_de_vida")
    assert load_form(other, "medios_de_vida").version == shipped.version
    ensure_builtin_forms(other)
    assert other.conn.execute("SELECT 1 FROM forms WHERE form_id = ? AND version = ?",
                              ("medios_de_vida", shipped.version)).fetchone()
    other.close()
