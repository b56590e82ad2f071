"""Resource limits and hostile input (issue 12, items 8 and 9): each refused quickly with a
coded message naming the limit, exit 1, and nothing stored."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from fieldapp.errors import AnswerError, InputError
from fieldapp.store.submissions import apply_writes, create_submission, load_answers
from tests.test_capture import start, store  # noqa: F401  (the fixture)
from tests.xlsform_md import md_to_xlsx

ROOT = Path(__file__).resolve().parents[1]
SMALL = """
| survey |
|        | type | name | label |
|        | text | q    | Q     |
"""


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--lang", "en", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=180,
                          env={**os.environ})


def _bomb(source: Path, target: Path, sheet_bytes: int) -> None:
    """``source`` with its first sheet padded to ``sheet_bytes`` of XML (compresses to ~0)."""
    with zipfile.ZipFile(source) as book, zipfile.ZipFile(target, "w",
                                                           zipfile.ZIP_DEFLATED) as out:
        for item in book.infolist():
            data = book.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                head, _sep, tail = data.partition(b"</sheetData>")
                pad = b"<!--" + b" " * (sheet_bytes - len(data)) + b"-->"
                data = head + b"</sheetData>" + pad + tail
            out.writestr(item, data)


def test_a_small_workbook_declaring_a_huge_sheet_is_refused_at_once(tmp_path):
    source = md_to_xlsx(SMALL, tmp_path / "ok.xlsx")
    bomb = tmp_path / "bomb.xlsx"
    _bomb(source, bomb, 300 * 1024 * 1024)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    began = time.monotonic()
    done = _cli("forms", "check", str(bomb), cwd=tmp_path)
    assert time.monotonic() - began < 30
    assert done.returncode == 1
    assert "unpacks to 300 MB (at most 100 MB)" in done.stdout + done.stderr


def test_a_sheet_with_too_many_rows_is_refused_naming_it(tmp_path):
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    survey = book.create_sheet("survey")
    survey.append(["type", "name", "label"])
    for i in range(20_001):
        survey.append(["text", f"q{i}", f"Q{i}"])
    book.save(tmp_path / "long.xlsx")
    done = _cli("forms", "check", str(tmp_path / "long.xlsx"), cwd=tmp_path)
    assert done.returncode == 1
    out = done.stdout + done.stderr
    assert "sheet 'survey'" in out and "20002 rows" in out and "at most 20000" in out


def test_a_huge_workbook_file_is_refused(tmp_path):
    big = tmp_path / "big.xlsx"
    with open(big, "wb") as f:
        f.write(b"PK\x03\x04")
        f.truncate(25 * 1024 * 1024)
    done = _cli("forms", "check", str(big), cwd=tmp_path)
    assert done.returncode == 1
    assert "The file is 25 MB; fieldapp reads workbooks of at most 20 MB" in \
        done.stdout + done.stderr


def test_a_huge_answer_is_refused_and_nothing_stored(seeded_db):
    uuid = create_submission(seeded_db, form_id="f", form_version="1", org_id="C1",
                             round_id="R24", answers={"a": "1"})
    with pytest.raises(InputError) as info:
        apply_writes(seeded_db, uuid, {"note": "x" * 100_001})
    assert info.value.code == "LIMIT_004" and info.value.context["field"] == "note"
    assert "at most 100000" in info.value.message
    assert load_answers(seeded_db, uuid) == {"a": "1"}


def test_a_huge_answer_from_the_command_line_is_refused(tmp_path):
    db = str(tmp_path / "f.db")
    assert _cli("orgs", "add", "--id", "C1", "--name", "Sol", "--type", "spo", "--country",
                "PE", "--db", db, cwd=tmp_path).returncode == 0
    assert _cli("rounds", "add", "--id", "R1", "--name", "Uno", "--year", "2024", "--db", db,
                cwd=tmp_path).returncode == 0
    answers = tmp_path / "a.json"
    answers.write_text('{"datos_eval/evaluador": "%s"}' % ("x" * 150_000), encoding="utf-8")
    done = _cli("fill", "desarrollo_organizacional", "--org", "C1", "--round", "R1",
                "--answers", str(answers), "--db", db, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "150000 characters" in done.stderr and "Traceback" not in done.stderr
    listed = _cli("submissions", "list", "--db", db, "--json", cwd=tmp_path)
    assert listed.stdout.strip() == "[]"


def test_a_huge_attachment_is_refused_and_nothing_stored(store, db_path, tmp_path):
    capture = start(store, db_path)
    film = tmp_path / "film.jpg"
    with open(film, "wb") as f:
        f.truncate(51 * 1024 * 1024)  # sparse: no 51 MB written to the test disk
    with pytest.raises(AnswerError) as info:
        capture.attach("extra/foto", film)
    assert info.value.code == "LIMIT_005" and "at most 50 MB" in info.value.message
    assert store.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0


def test_a_huge_answers_file_is_refused(tmp_path):
    answers = tmp_path / "a.json"
    with open(answers, "wb") as f:
        f.write(b"{")
        f.truncate(21 * 1024 * 1024)
    done = _cli("forms", "try", str(ROOT / "forms" / "medios_de_vida.xlsx"), "--answers",
                str(answers), cwd=tmp_path)
    assert done.returncode == 1 and "at most 20 MB" in done.stderr


def test_json_nested_100000_deep_is_a_message_not_a_traceback(tmp_path):
    answers = tmp_path / "a.json"
    answers.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    done = _cli("forms", "try", str(ROOT / "forms" / "medios_de_vida.xlsx"), "--answers",
                str(answers), cwd=tmp_path)
    assert done.returncode == 1
    assert "nested too deeply" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("count", ["²", "١٢", "3²"])
def test_a_superscript_member_count_is_a_message_not_a_traceback(tmp_path, count):
    done = _cli("orgs", "add", "--id", "C1", "--name", "Sol", "--type", "spo", "--country",
                "PE", "--women", count, "--db", str(tmp_path / "f.db"), cwd=tmp_path)
    assert done.returncode == 1
    assert "is not a number of members" in done.stderr and "Traceback" not in done.stderr
