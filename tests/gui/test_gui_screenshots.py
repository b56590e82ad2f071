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


@pytest.mark.parametrize("lang", ["es", "en", "pt"])
def test_screenshots_of_the_deployment_screens(tmp_path, db_path, lang):
    """The first-run choice, organizations (with an import's bad rows), rounds, my drafts
    and a submission's history, for people to look at."""
    from fieldapp.capture.fill import fill_submission
    from fieldapp.gui.dialogs import open_dialogs
    from fieldapp.gui.drafts import open_drafts
    from fieldapp.gui.history import show_history
    from fieldapp.gui.orgs import import_organizations_file, open_organizations
    from fieldapp.gui.rounds import open_rounds
    from fieldapp.store import open_db
    from fieldapp.store.submissions import reopen
    from test_gui_home import LIVELIHOOD

    def shot(name: str) -> None:
        _size_ok(screenshot(shell.root, FOLDER / f"{name}_{lang}.png"))
        for dialog in reversed(open_dialogs()):
            dialog.close()
        settle(shell.root)

    shell = start_app(tmp_path / "new.db", lang, demo=True)
    try:
        shot("first_run")
    finally:
        close_app(shell)
    db = open_db(db_path)
    uuid = fill_submission(db, "medios_de_vida", org_id="coop1", round_id="r2024",
                           answers=LIVELIHOOD, finalize=True, respondent="P-001")
    reopen(db, uuid, "corregir la edad / fix the age")
    fill_submission(db, "desarrollo_organizacional", org_id="apic", round_id="r2024",
                    answers={}, respondent=None)
    db.conn.close()
    shell = start_app(db_path, lang)
    try:
        open_organizations(shell)
        settle(shell.root)
        shot("organizations")
        bad = tmp_path / "organizaciones.csv"
        bad.write_text("id,nombre,tipo,país,socias\nA1,Uno,cooperativa,PE,10\n"
                       "A2,Dos,club,PE,3\nA3,Tres,opp,Narnia,4\nA4,Cuatro,opp,BO,muchas\n",
                       encoding="utf-8")
        import_organizations_file(shell, on_done=lambda: None, path=bad)
        settle(shell.root)
        shot("import_problems")
        open_rounds(shell)
        settle(shell.root)
        shot("rounds")
        dialog = open_drafts(shell)
        dialog.only_mine.set(False)
        settle(shell.root)
        shot("drafts")
        show_history(shell, uuid, "Cooperativa Agraria Cafetalera Uno · 2024 · P-001")
        settle(shell.root)
        shot("history")
        view = open_new(shell, "medios_de_vida")
        answer(view, "codigo", "COOCAFE-PE-2024-0017")
        settle(shell.root)
        shot("livelihood_start")
    finally:
        close_app(shell)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """The demo data, loaded once for the coordinator's screens in the three languages."""
    from fieldapp.demo import load_demo
    from fieldapp.store import open_db
    from fieldapp.store.identity import set_technician

    path = tmp_path_factory.mktemp("coordinator") / "demo.db"
    db = open_db(path)
    load_demo(db)
    set_technician(db, "Ana Quispe")
    db.close()
    return path


@pytest.mark.parametrize("lang", ["es", "en", "pt"])
def test_screenshots_of_the_coordinator_screens(demo_db, tmp_path, lang):
    """Reports, baselines and targets, data export, the sync dialogs, backups, settings and
    help on the demo data, and the assessment's last area with its scores, for people to
    look at."""
    import shutil

    from fieldapp.gui.backups import open_backups
    from fieldapp.gui.baselines import open_baselines
    from fieldapp.gui.conflicts import open_conflicts
    from fieldapp.gui.devices import open_devices
    from fieldapp.gui.dialogs import open_dialogs
    from fieldapp.gui.exportdata import open_export
    from fieldapp.gui.reports import show_reports
    from fieldapp.gui.settings import open_settings, show_about, show_keys
    from fieldapp.gui.syncexport import open_sync_export
    from fieldapp.gui.syncimport import open_sync_import
    from fieldapp.forms.pages import page_of

    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    shell = start_app(path, lang)

    def shot(name: str) -> None:
        settle(shell.root)
        _size_ok(screenshot(shell.root, FOLDER / f"{name}_{lang}.png"))
        for dialog in reversed(open_dialogs()):
            dialog.close()
        settle(shell.root)

    try:
        show_reports(shell)
        shot("reports")
        shell.show_home()
        view = open_baselines(shell)
        settle(shell.root)
        _size_ok(screenshot(shell.root, FOLDER / f"baselines_{lang}.png"))
        view.notebook.select(1)
        shot("targets")
        for name, opener in (("export_data", open_export), ("sync_export", open_sync_export),
                             ("sync_import", open_sync_import), ("backups", open_backups),
                             ("devices", open_devices), ("conflicts", open_conflicts),
                             ("settings", open_settings), ("keys", show_keys),
                             ("about", show_about)):
            opener(shell)
            shot(name)
        home = shell.screen
        home.org_tree.selection_set("CACAO-DO")
        home.org_tree.event_generate("<<TreeviewSelect>>")
        shot("home_demo_full")
        view = open_new(shell, "desarrollo_organizacional", org="CACAO-DO",
                        round_name=home.round_box.get()[:4])
        view.go_to_page(page_of(view.pages, "area_A7/A7_1"))
        for item, level in (("A7_1", "3"), ("A7_2", "4")):
            answer(view, f"area_A7/{item}", level)
        view.page_view.area.scroll_top()
        shot("assessment_a7")
        click(view.close_button)
    finally:
        close_app(shell)
