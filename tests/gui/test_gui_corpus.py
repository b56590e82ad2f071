"""Every corpus workbook pyxform accepts opens in the form window and all its pages show."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from guidrive import click, close_app, key, pump, settle, start_app

pytestmark = pytest.mark.gui

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "xlsform-corpus"
MAX_PAGES = 400


def _accepted() -> list[str]:
    table = CORPUS / "expected.tsv"
    if not table.exists():
        return []
    with table.open(encoding="utf-8") as f:
        return [row["file"] for row in csv.DictReader(f, delimiter="\t")
                if row["pyxform_result"] == "ok"]


@pytest.fixture(scope="module")
def app(xvfb, tmp_path_factory):
    from guidrive import seed

    path = tmp_path_factory.mktemp("corpus") / "field.db"
    seed(path)
    shell = start_app(path, "es")
    yield shell
    close_app(shell)


@pytest.mark.parametrize("name", _accepted() or ["(no corpus)"])
def test_corpus_workbook_walks_every_page(app, name):
    from fieldapp.forms.workbooks import check_workbook
    from fieldapp.gui.dialogs import open_dialogs
    from fieldapp.gui.opening import preview_workbook

    if not CORPUS.exists():
        pytest.skip("the shared XLSForm corpus is not present (it sits beside the project as ../shared)")
    path = CORPUS / name
    app.show_home()
    app.reporter.shown.clear()
    preview_workbook(app, path)
    pump(app.root, until=lambda: app.form_view is not None or open_dialogs())
    settle(app.root)
    if app.form_view is None:
        # fieldapp refuses it (its checks, or an expression it cannot run) with a message a
        # coordinator can act on, never an internal error
        assert not check_workbook(path).ok or app.reporter.shown
        assert app.reporter.shown and "Internal error" not in app.reporter.shown[-1]
        open_dialogs()[-1].close()
        return
    view = app.form_view
    if not view.pages:  # only calculations: nothing to show, and the window says so
        assert view.page_label.cget("text")
        return
    seen = {view.current}
    added = set()
    for _step in range(MAX_PAGES):
        page = view.pages[view.current]
        add = getattr(view.page_view, "add_button", None)
        if page.kind == "repeat" and page.path not in added and add is not None \
                and add.winfo_exists():
            added.add(page.path)
            click(add)  # one entry, to walk its pages too
            continue
        before = view.current
        key(view.page_view.area.inner, "Alt-Right")
        if view.current == before:
            break
        seen.add(view.current)
        assert not app.reporter.shown, app.reporter.shown
    assert not app.reporter.shown, app.reporter.shown
    key(view.page_view.area.inner, "Alt-Left")
    for dialog in open_dialogs():
        dialog.close()
    assert not app.reporter.shown, app.reporter.shown
    assert len(seen) >= 1
