"""File → Add a form…: a coordinator's workbook is checked off the Tk thread and registered."""

from __future__ import annotations

import tkinter.filedialog
from pathlib import Path

import pytest
from guidrive import screenshot, settle

from tests.xlsform_md import md_to_xlsx

pytestmark = pytest.mark.gui

FORM = """
| survey   |
|          | type    | name  | label      |
|          | integer | socios | ¿Cuántos socios? |
| settings |
|          | form_id | version | form_title |
|          | censo   | 3       | Censo de socios |
"""


def _texts(widget) -> str:
    """Every text shown in ``widget`` and below it."""
    found = []
    try:
        found.append(str(widget.cget("text")))
    except Exception:  # widgets without a text option
        pass
    for child in widget.winfo_children():
        found.append(_texts(child))
    return " ".join(found)


def _menu_command(shell, label: str):
    return next(c.handler for c in shell.commands if c.label == label)


def test_adding_a_workbook_gives_a_start_button(shell, tmp_path, monkeypatch):
    from fieldapp.gui.dialogs import open_dialogs
    from fieldapp.store.formsreg import find_form

    path = md_to_xlsx(FORM, tmp_path / "censo.xlsx")
    monkeypatch.setattr(tkinter.filedialog, "askopenfilename", lambda **kw: str(path))
    _menu_command(shell, "Add a form…")()
    settle(shell.root)
    assert find_form(shell.db, "censo", "3") is not None
    dialogs = open_dialogs()
    assert dialogs and "Censo de socios" in _texts(dialogs[0].body)
    for dialog in dialogs:
        dialog.close()
    settle(shell.root)
    assert "censo" in shell.screen.start_buttons


def test_a_broken_workbook_is_refused_with_its_location(shell, tmp_path, monkeypatch):
    from fieldapp.gui.dialogs import open_dialogs
    from fieldapp.store.formsreg import find_form

    path = md_to_xlsx(FORM.replace("integer", "integr"), tmp_path / "roto.xlsx")
    monkeypatch.setattr(tkinter.filedialog, "askopenfilename", lambda **kw: str(path))
    _menu_command(shell, "Add a form…")()
    settle(shell.root)
    assert find_form(shell.db, "censo") is None
    dialogs = open_dialogs()
    assert dialogs and "integr" in _texts(dialogs[0].body)
    for dialog in dialogs:
        dialog.close()


PULLDATA = """
| survey   |
|          | type      | name  | label | calculation                                   |
|          | text      | code  | Code  |                                               |
|          | calculate | price |       | pulldata('prices', 'price', 'code', ${code})  |
|          | note      | show  | Price: ${price} |                                     |
"""


def test_a_form_whose_media_file_is_missing_opens_and_says_so(shell, tmp_path, monkeypatch):
    from guidrive import shown

    from fieldapp.gui.opening import preview_workbook

    preview_workbook(shell, md_to_xlsx(PULLDATA, tmp_path / "precios.xlsx"))
    settle(shell.root)
    view = shell.form_view
    assert view is not None and shown(view.problems_bar)
    assert "prices" in str(view.problems_bar.cget("text"))
    screenshot(shell.root, Path(__file__).resolve().parents[2] / "screenshots" /
               "expression_problem_es.png")
