"""Screenshots at 1366×768 for people to look at: home, a page of each built-in form in
each language, and the finalize summary. Written to ``screenshots/`` (git-ignored)."""

from __future__ import annotations

from pathlib import Path

import pytest
from guidrive import answer, click, close_app, open_new, screenshot, settle, start_app

pytestmark = pytest.mark.gui

FOLDER = Path(__file__).resolve().parents[2] / "screenshots"
# the page to show, by a field on it (pages move when a form grows: the roster of 2025.1)
FORMS = {"desarrollo_organizacional": "area_A1/A1_1", "medios_de_vida": "dim_B1/B1_1"}


def _size_ok(path: Path) -> None:
    from PIL import Image

    with Image.open(path) as image:
        assert image.size == (1366, 768)
        # not a blank screen: the window drew something with more than two colors
        assert len(image.convert("RGB").getcolors(1 << 16) or []) > 20


@pytest.mark.parametrize("lang", ["es", "en", "pt"])
def test_screenshots(db_path, lang):
    from fieldapp.gui.dialogs import open_dialogs

    shell = start_app(db_path, lang)
    try:
        click_first = shell.screen
        assert click_first is not None
        _size_ok(screenshot(shell.root, FOLDER / f"home_{lang}.png"))
        from fieldapp.forms.pages import page_of

        for form_id, field in FORMS.items():
            view = open_new(shell, form_id)
            if form_id == "medios_de_vida":
                answer(view, "codigo", "P-017")
                view.go_to_page(1)
                settle(shell.root)
                answer(view, "consentimiento", "si")
            view.go_to_page(page_of(view.pages, field))
            settle(shell.root)
            if form_id == "desarrollo_organizacional":
                for item, level in (("A1_1", "4"), ("A1_2", "3"), ("A1_3", "2")):
                    answer(view, f"area_A1/{item}", level)
            else:
                for item, level in (("B1_1", "4"), ("B1_2", "5")):
                    answer(view, f"dim_B1/{item}", level)
            view.page_view.area.scroll_top()
            _size_ok(screenshot(shell.root, FOLDER / f"{form_id}_{lang}.png"))
            if form_id == "desarrollo_organizacional":
                click(view.finalize_button)
                assert open_dialogs()
                _size_ok(screenshot(shell.root, FOLDER / f"finalize_{lang}.png"))
                for dialog in open_dialogs():
                    dialog.close()
            click(view.close_button)
    finally:
        close_app(shell)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_home_screenshot_on_demo_data(tmp_path, lang):
    """The home screen as a technician first sees it: the demo data, one organization open."""
    from fieldapp.demo import load_demo
    from fieldapp.store import open_db
    from fieldapp.store.identity import set_technician

    path = tmp_path / "demo.db"
    db = open_db(path)
    load_demo(db)
    set_technician(db, "Ana Quispe")
    db.close()
    shell = start_app(path, lang)
    try:
        home = shell.screen
        home.org_tree.selection_set("CACAO-DO")
        home.org_tree.event_generate("<<TreeviewSelect>>")
        settle(shell.root)
        assert len(home.sub_tree.get_children()) > 20
        _size_ok(screenshot(shell.root, FOLDER / f"home_demo_{lang}.png"))
    finally:
        close_app(shell)
