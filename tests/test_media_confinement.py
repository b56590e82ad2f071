"""Media files a form reads (issue 12, item 3): only plain names inside the form's own media
folder; a name reaching elsewhere is refused when the form is loaded, naming sheet and row,
and nothing outside the folder is ever read into a submission."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.forms.loader import parse_workbook
from fieldapp.forms.session import FormSession
from fieldapp.forms.workbooks import check_workbook
from tests.xlsform_md import md_to_xlsx

ROOT = Path(__file__).resolve().parents[1]
SECRET = "name,code,price\nx,A,secreto-del-laptop\n"

HOSTILE = """
| survey |
|        | type      | name  | label | calculation                                            |
|        | text      | code  | Code  |                                                        |
|        | calculate | price |       | pulldata('{name}', 'price', 'code', ${{code}})          |
"""
FROM_FILE = """
| survey |
|        | type                              | name  | label |
|        | select_one_from_file {name}       | cual  | Which |
"""


@pytest.fixture
def laptop(tmp_path):
    """A form folder, and a private CSV elsewhere on the same laptop."""
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "secret.csv").write_text(SECRET, encoding="utf-8")
    forms = tmp_path / "forms"
    (forms / "f-media").mkdir(parents=True)
    return tmp_path, forms


@pytest.mark.parametrize("name", ["../../private/secret", "../private/secret.csv"])
def test_pulldata_out_of_the_media_folder_is_refused_at_load(laptop, name):
    root, forms = laptop
    path = md_to_xlsx(HOSTILE.format(name=name), forms / "f.xlsx")
    result = check_workbook(path)
    assert not result.ok
    error = next(e for e in result.errors if e.code == "FORM_040")
    assert error.context["sheet"] == "survey" and error.context["row"] == 3
    assert name in error.message


def test_an_absolute_or_climbing_itemset_file_is_refused_from_the_cli(laptop):
    root, forms = laptop
    for name in (str(root / "private" / "secret.csv"), "../../private/secret.csv"):
        path = md_to_xlsx(FROM_FILE.format(name=name), forms / "f.xlsx")
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--lang", "en", "forms",
                               "check", str(path)], capture_output=True, text=True,
                              timeout=120, cwd=root, env={**os.environ})
        assert done.returncode == 1
        assert "outside the form's media folder" in done.stdout + done.stderr
        assert "row 2" in done.stdout + done.stderr


def test_a_link_out_of_the_media_folder_is_not_followed(laptop):
    root, forms = laptop
    (forms / "f-media" / "prices.csv").symlink_to(root / "private" / "secret.csv")
    path = md_to_xlsx(HOSTILE.format(name="prices"), forms / "f.xlsx")
    form = parse_workbook(path.read_bytes(), path)
    session = FormSession(form)
    session.set("code", "A")
    assert "secreto" not in session.value("price")


def test_a_plain_name_in_the_media_folder_still_works(laptop):
    root, forms = laptop
    (forms / "f-media" / "prices.csv").write_text("name,code,price\nx,A,12\n", encoding="utf-8")
    path = md_to_xlsx(HOSTILE.format(name="prices"), forms / "f.xlsx")
    assert check_workbook(path).ok
    session = FormSession(parse_workbook(path.read_bytes(), path))
    session.set("code", "A")
    assert session.value("price") == "12"
