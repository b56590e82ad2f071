"""CSV files in the encodings and shapes people send (issue 12, item 10): the code page is
detected or the file refused with ``--encoding`` asked for; nothing garbled is ever stored."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.csvio import read_csv
from fieldapp.errors import CsvError
from fieldapp.store.database import open_db
from fieldapp.store.orgs import list_organizations

ROOT = Path(__file__).resolve().parents[1]
ROWS = ("id;nombre;tipo;país\n"
        "C1;Cooperativa Ñandú Café;cooperative;PE\n"
        "C2;Asociación de Productores de Cacao;spo;CO\n")
NAMES = ["Cooperativa Ñandú Café", "Asociación de Productores de Cacao"]


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--lang", "en", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ})


@pytest.mark.parametrize("encoding", ["cp850", "mac_roman", "cp1252", "latin-1", "utf-8",
                                      "utf-8-sig", "utf-16"])
def test_every_code_page_an_office_writes_is_read_right(encoding):
    table = read_csv(ROWS.encode(encoding), source="orgs.csv")
    assert [row.cells[1] for row in table.rows] == NAMES


def test_an_import_in_a_dos_code_page_stores_the_names_right(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_bytes(ROWS.encode("cp850"))
    done = _cli("orgs", "import", str(path), "--db", str(tmp_path / "f.db"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with contextlib.closing(open_db(tmp_path / "f.db", write=False)) as db:
        assert sorted(o.name for o in list_organizations(db)) == sorted(NAMES)


def test_when_code_pages_disagree_the_file_is_refused_and_encoding_asked_for(tmp_path):
    # byte E7 is "ç" in cp1252 and "Á" in Mac Roman: both are letters, so nothing tells
    path = tmp_path / "orgs.csv"
    path.write_bytes(b"id;nombre;tipo;pais\nC1;Coop \xe7scar;spo;PE\n")
    with pytest.raises(CsvError) as info:
        read_csv(path.read_bytes(), source="orgs.csv")
    assert info.value.code == "CSV_009"
    assert "çscar" in info.value.message and "Áscar" in info.value.message
    done = _cli("orgs", "import", str(path), "--db", str(tmp_path / "f.db"), cwd=tmp_path)
    assert done.returncode == 1
    assert "--encoding" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "f.db").exists() or _names(tmp_path / "f.db") == []
    chosen = _cli("orgs", "import", str(path), "--encoding", "cp1252", "--db",
                  str(tmp_path / "f.db"), cwd=tmp_path)
    assert chosen.returncode == 0, chosen.stderr
    assert _names(tmp_path / "f.db") == ["Coop çscar"]


def _names(db_path: Path) -> list[str]:
    with contextlib.closing(open_db(db_path, write=False)) as db:
        return [o.name for o in list_organizations(db)]


def test_an_unclosed_quote_names_the_line_it_opens_on():
    data = ("id,nombre,tipo,país\n"
            "C1,Sol,spo,PE\n"
            "C2,\"Luna,spo,PE\n"
            "C3,Mar,spo,PE\n"
            "C4,Rio,spo,PE\n").encode("utf-8")
    with pytest.raises(CsvError) as info:
        read_csv(data, source="orgs.csv")
    assert info.value.code == "CSV_006" and info.value.context["line"] == 3
    assert "line 3" in str(info.value)


def test_utf16_without_its_mark_gets_its_own_message():
    data = ROWS.encode("utf-16-le")
    with pytest.raises(CsvError) as info:
        read_csv(data, source="orgs.csv")
    assert info.value.code == "CSV_011"
    table = read_csv(data, source="orgs.csv", encoding="utf-16-le")
    assert [row.cells[1] for row in table.rows] == NAMES


def test_a_pipe_separated_file_gets_its_own_message():
    with pytest.raises(CsvError) as info:
        read_csv("id|nombre|tipo|país\nC1|Sol|spo|PE\n".encode("utf-8"), source="orgs.csv")
    assert info.value.code == "CSV_012" and "'|'" in info.value.message


def test_a_workbook_given_as_csv_gets_its_own_message(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["id", "nombre"])
    book.save(tmp_path / "orgs.csv")
    done = _cli("orgs", "import", str(tmp_path / "orgs.csv"), "--db", str(tmp_path / "f.db"),
                cwd=tmp_path)
    assert done.returncode == 1
    assert "Excel workbook, not a CSV file" in done.stderr
