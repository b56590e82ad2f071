"""Home screen, first run, settings, reopening a final submission and unexpected errors."""

from __future__ import annotations

import pytest
from guidrive import (answer, click, click_row, close_app, leave, open_new, pump, seed, settle,
                      shown, start_app, stored, type_text)

pytestmark = pytest.mark.gui

LIVELIHOOD = {"codigo": "P-001", "consentimiento": "si", "rol": "productor", "genero": "mujer",
              "edad": "30_44", "antiguedad": "2_5", "producto": "cafe", "personas_hogar": "4",
              "D1": "si", "D2": "mejor",
              **{f"B{d}_{i}": "4" for d in range(1, 7) for i in range(1, 4)}}


def _identity(path):
    from fieldapp.store import open_db
    from fieldapp.store.identity import get_identity

    db = open_db(path, write=False)
    try:
        return get_identity(db)
    finally:
        db.conn.close()


def test_first_run_asks_name_and_language(tmp_path):
    from fieldapp import i18n
    from fieldapp.gui.dialogs import open_dialogs

    path = tmp_path / "new.db"
    seed(path, technician="")
    shell = start_app(path, None)
    try:
        dialog = open_dialogs()[-1]
        click(dialog.choice.radios["en"])  # the dialog speaks the language chosen at once
        assert dialog.start.cget("text") == "Start"
        click(dialog.start)  # no name yet: refused
        assert open_dialogs()
        type_text(dialog.entry, "Ana Quispe")
        click(dialog.start)
        assert not open_dialogs()
        assert shell.screen is not None and shell.form_view is None
        assert i18n.current_language() == "en"
        identity = _identity(path)
        assert identity.technician == "Ana Quispe" and identity.ui_language == "en"
        assert "Ana Quispe" in shell.screen.who.cget("text")
    finally:
        close_app(shell)


def test_settings_change_the_interface_language(shell, db_path):
    from fieldapp import i18n
    from fieldapp.gui.dialogs import open_dialogs

    home = shell.screen
    click(home.settings_button)
    dialog = open_dialogs()[-1]
    click(dialog.choice.radios["pt"])
    click(dialog.save_button)
    assert i18n.current_language() == "pt"
    assert _identity(db_path).ui_language == "pt"
    assert shell.screen is not home  # redrawn in the new language


def test_search_filters_organizations(shell):
    home = shell.screen
    assert set(home.org_tree.get_children()) == {"coop1", "apic"}
    type_text(home.search, "cacao")
    assert home.org_tree.get_children() == ("apic",)
    type_text(home.search, "xyz")
    assert home.org_tree.get_children() == ()


def test_final_submission_is_read_only_then_reopened_with_a_reason(shell, db_path):
    from fieldapp.capture.fill import fill_submission
    from fieldapp.gui.dialogs import open_dialogs
    from fieldapp.store import open_db
    from fieldapp.store.audit import audit_trail

    db = open_db(db_path)
    uuid = fill_submission(db, "medios_de_vida", org_id="coop1", round_id="r2024",
                           answers=LIVELIHOOD, finalize=True, respondent="P-001")
    db.conn.close()
    shell.show_home()
    home = shell.screen
    click_row(home.org_tree, "coop1")
    home.round_box.current(0)
    home.round_box.event_generate("<<ComboboxSelected>>")
    settle(shell.root)
    click_row(home.sub_tree, uuid)
    assert str(home.reopen_button.cget("state")) == "normal"
    assert str(home.delete_button.cget("state")) == "disabled"
    click(home.open_button)  # "View": read-only
    pump(shell.root, until=lambda: shell.form_view is not None)
    view = shell.form_view
    assert shown(view.banner)
    code = view.page_view.widgets["codigo"].inputs()[0]
    type_text(code, "X")
    leave(code)
    answers, status = stored(db_path, uuid)
    assert status == "final" and answers["codigo"] == "P-001"  # typing changed nothing
    click(view.reopen_button)
    dialog = open_dialogs()[-1]
    click(dialog.ok_button)  # an empty reason is refused
    assert open_dialogs()
    type_text(dialog.entry, "wrong code")
    click(dialog.ok_button)
    assert not open_dialogs()
    assert not shown(view.banner)
    answer(view, "codigo", "P-002")
    answers, status = stored(db_path, uuid)
    assert status == "draft" and answers["codigo"] == "P-002"
    db = open_db(db_path, write=False)
    trail = audit_trail(db, uuid)
    db.conn.close()
    assert any("wrong code" in str(entry) for entry in trail)


def test_unexpected_error_is_logged_and_the_draft_saved(shell, db_path):
    from fieldapp import paths
    from fieldapp.gui.dialogs import open_dialogs

    view = open_new(shell, "desarrollo_organizacional")
    entry = view.page_view.widgets["datos_org/socios_mujeres"].inputs()[0]
    type_text(entry, "77")  # typed, not yet left or paused

    def broken() -> None:
        raise ZeroDivisionError("a bug")

    shell.root.after(0, broken)
    pump(shell.root, until=lambda: bool(open_dialogs()))
    assert str(paths.log_path()) in shell.reporter.shown[-1]  # where to find the details
    log = paths.log_path().read_text(encoding="utf-8")
    assert "ZeroDivisionError: a bug" in log
    answers, _status = stored(db_path, view.binding.uuid)
    assert answers["datos_org/socios_mujeres"] == "77"


def test_store_errors_show_as_a_dialog_without_traceback(shell, db_path):
    from fieldapp.errors import StoreError
    from fieldapp.gui.dialogs import open_dialogs

    shell.root.after(0, lambda: (_ for _ in ()).throw(StoreError("STORE_004", path=db_path)))
    pump(shell.root, until=lambda: bool(open_dialogs()))
    message = shell.reporter.shown[-1]
    assert str(db_path) in message and "Traceback" not in message


def test_window_close_keeps_typing(db_path):
    shell = start_app(db_path, "es")
    view = open_new(shell, "desarrollo_organizacional")
    uuid = view.binding.uuid
    type_text(view.page_view.widgets["datos_org/socios_hombres"].inputs()[0], "310")
    shell.root.tk.call(shell.root.protocol("WM_DELETE_WINDOW"))
    assert shell.closed
    assert stored(db_path, uuid)[0]["datos_org/socios_hombres"] == "310"
    close_app(shell)


def test_a_locked_database_keeps_the_answer_waiting_and_saves_it_when_free(shell, db_path):
    import sqlite3

    from guidrive import pump

    from fieldapp.gui.dialogs import open_dialogs

    view = open_new(shell, "desarrollo_organizacional")
    other = sqlite3.connect(db_path)  # a sync import holding the write lock
    other.execute("BEGIN IMMEDIATE")
    try:
        answer(view, "datos_org/tipo_org", "asociacion")
        assert not open_dialogs()  # no error: the answer waits in the window
        assert view.pending == 1
        assert "ocupada" in str(view.saved_label.cget("text"))  # "la base de datos está ocupada"
        widget = view.page_view.widgets["datos_org/tipo_org"]
        assert widget.var.get() == "asociacion"  # still shown as typed
    finally:
        other.rollback()
        other.close()
    # the organization record's type (prefilled) stays; the answer waiting is not stored yet
    assert stored(db_path, view.binding.uuid)[0].get("datos_org/tipo_org") != "asociacion"
    pump(shell.root, until=lambda: view.pending == 0, timeout=10)
    assert stored(db_path, view.binding.uuid)[0]["datos_org/tipo_org"] == "asociacion"


def test_long_submission_lists_come_a_page_at_a_time(db_path):
    """The home screen shows the newest page, loads more when scrolled to the end, and its
    search reaches submissions not loaded yet."""
    from fieldapp.registry import ensure_builtin_forms, latest_form
    from fieldapp.store import open_db
    from fieldapp.store.submission_list import PAGE
    from fieldapp.store.submissions import create_submission

    db = open_db(db_path)
    ensure_builtin_forms(db)
    version = latest_form(db, "medios_de_vida").version
    for n in range(PAGE + 50):
        create_submission(db, form_id="medios_de_vida", form_version=version, org_id="coop1",
                          round_id="r2024", respondent=f"Socia {n:03d}")
    db.conn.close()
    shell = start_app(db_path, "es")
    try:
        home = shell.screen
        click_row(home.org_tree, "coop1")
        assert len(home.sub_tree.get_children()) == PAGE
        assert home.sub_count.cget("text") == f"{PAGE} de {PAGE + 50}"
        home.sub_tree.yview_moveto(1.0)
        pump(shell.root, until=lambda: len(home.sub_tree.get_children()) == PAGE + 50)
        assert home.sub_count.cget("text") == ""
        type_text(home.sub_search, "socia 007")
        pump(shell.root, until=lambda: len(home.sub_tree.get_children()) == 1)
        assert home.selected_submission() is None
        click_row(home.sub_tree, home.sub_tree.get_children()[0])
        assert home.selected_submission().respondent == "Socia 007"
    finally:
        close_app(shell)
