"""A real deployment from the GUI: the first-run choice (own data or a separate demo
database), organizations added, edited and imported, rounds and the baseline, my drafts,
a submission's history, and home remembering where the technician was."""

from __future__ import annotations

import pytest
from guidrive import click, click_row, close_app, open_new, pump, settle, start_app, type_text

pytestmark = pytest.mark.gui


def _orgs(path):
    from fieldapp.store import open_db
    from fieldapp.store.orgs import list_organizations

    db = open_db(path, write=False)
    try:
        return {o.id: o for o in list_organizations(db)}
    finally:
        db.conn.close()


def test_first_run_start_with_my_organizations_leaves_the_database_empty(tmp_path):
    from fieldapp.gui.dialogs import open_dialogs

    path = tmp_path / "mine.db"
    shell = start_app(path, "es", demo=True)
    try:
        dialog = open_dialogs()[-1]
        assert set(dialog.start_radios) == {"mine", "demo"}
        assert dialog.start_radios["mine"].cget("text") == "Empezar con mis organizaciones"
        type_text(dialog.entry, "Rosa Mamani")
        click(dialog.start)
        home = shell.screen
        assert home.org_tree.get_children() == ()
        assert "Organizaciones…" in home.empty_hint.cget("text")
        assert shell.root.title() == "fieldapp" and not shell.in_demo
        assert _orgs(path) == {}
        assert not (tmp_path / "mine-demo.db").exists()
    finally:
        close_app(shell)


def test_first_run_demo_opens_a_separate_marked_database_and_switches_back(tmp_path):
    from fieldapp.gui.dialogs import open_dialogs

    path = tmp_path / "field.db"
    shell = start_app(path, "en", demo=True)
    try:
        dialog = open_dialogs()[-1]
        click(dialog.choice.radios["en"])
        type_text(dialog.entry, "Rosa Mamani")
        click(dialog.start_radios["demo"])
        click(dialog.start)
        pump(shell.root, until=lambda: shell.in_demo and shell.form_view is None
             and hasattr(shell.screen, "org_tree") and shell.screen.org_tree.get_children())
        assert "DEMO DATA" in shell.root.title()
        assert shown_text(shell.screen.demo_note).startswith("Demo data")
        assert len(shell.screen.org_tree.get_children()) >= 10
        assert _orgs(path) == {}  # the user's own database holds no fictional data
        assert len(_orgs(tmp_path / "field-demo.db")) >= 10
        close_app(shell)
        shell = start_app(path, "en")  # the demo is reopened where it was left
        assert shell.in_demo and "DEMO DATA" in shell.root.title()
        shell.use_demo(False)
        settle(shell.root)
        assert not shell.in_demo and shell.root.title() == "fieldapp"
        assert shell.screen.org_tree.get_children() == ()
        assert shell.identity.technician == "Rosa Mamani"
    finally:
        close_app(shell)


def shown_text(label) -> str:
    return str(label.cget("text"))


def test_add_and_edit_an_organization(shell, db_path):
    from fieldapp.gui.dialogs import open_dialogs

    click(shell.screen.orgs_button)
    manager = open_dialogs()[-1]
    click(manager.add_org_button)
    form = open_dialogs()[-1]
    type_text(form.entries["id"], "coop9")
    type_text(form.entries["name"], "Cooperativa Nueve")
    form.entries["type"].current(1)
    type_text(form.entries["country"], "Honduras")
    type_text(form.entries["women"], "dos")
    click(form.save_button)  # a word where a count goes: named, nothing saved
    assert form.alive and form.warning.cget("text")
    assert "coop9" not in _orgs(db_path)
    form.entries["women"].delete(0, "end")
    type_text(form.entries["women"], "40")
    click(form.save_button)
    assert not form.alive
    org = _orgs(db_path)["coop9"]
    assert (org.country, org.type, org.members_women) == ("HN", "cooperative", 40)
    assert manager.table.selection() == ("coop9",)
    click(manager.edit_button)
    form = open_dialogs()[-1]
    assert str(form.entries["id"].cget("state")) == "readonly"
    type_text(form.entries["products"], "cafe, miel")
    click(form.save_button)
    assert _orgs(db_path)["coop9"].products == "cafe, miel"
    manager.close()
    manager.on_cancel()
    settle(shell.root)
    assert shell.screen.org_tree.exists("coop9")


def test_import_shows_every_bad_row_in_a_table_and_imports_nothing(shell, db_path, tmp_path):
    from fieldapp.gui.dialogs import open_dialogs
    from fieldapp.gui.orgs import import_organizations_file

    bad = tmp_path / "orgs.csv"
    bad.write_text("id,nombre,tipo,país,socias\nA1,Uno,cooperativa,PE,10\n"
                   "A2,Dos,club,PE,3\nA3,Tres,opp,Narnia,4\nA4,Cuatro,opp,BO,muchas\n",
                   encoding="utf-8")
    import_organizations_file(shell, on_done=lambda: None, path=bad)
    dialog = open_dialogs()[-1]
    rows = [dialog.table.full[i] for i in dialog.table.get_children()]
    assert [r[0] for r in rows] == [3, 4, 5]
    assert [r[1] for r in rows] == ["tipo", "país", "socias"]
    assert all(r[2] for r in rows)
    assert "A1" not in _orgs(db_path)
    dialog.close()
    good = tmp_path / "good.csv"
    good.write_text("id,nombre,tipo,país\nA1,Uno,cooperativa,PE\n", encoding="utf-8")
    import_organizations_file(shell, on_done=lambda: None, path=good)
    assert "1" in open_dialogs()[-1].body.winfo_children()[0].cget("text")
    assert "A1" in _orgs(db_path)


def test_add_a_round_and_choose_the_baseline(shell, db_path):
    from fieldapp.gui.dialogs import open_dialogs
    from fieldapp.store import open_db
    from fieldapp.store.rounds import baseline_round

    click(shell.screen.rounds_button)
    manager = open_dialogs()[-1]
    assert set(manager.table.get_children()) == {"lb2022", "r2024"}
    click(manager.add_round_button)
    form = open_dialogs()[-1]
    for key, value in (("id", "r2026"), ("name", "Ronda 2026"), ("year", "2026")):
        form.entries[key].delete(0, "end")
        type_text(form.entries[key], value)
    click(form.save_button)
    assert manager.table.selection() == ("r2026",)
    click(manager.baseline_button)
    click(open_dialogs()[-1].confirm_button)
    db = open_db(db_path, write=False)
    try:
        assert baseline_round(db).id == "r2026"
    finally:
        db.conn.close()
    assert manager.table.full_text("r2026", "baseline")


def test_my_drafts_across_organizations_and_home_remembers(db_path):
    from fieldapp.gui.dialogs import open_dialogs
    from fieldapp.gui.drafts import open_drafts

    shell = start_app(db_path, "es")
    try:
        view = open_new(shell, "desarrollo_organizacional", org="apic")
        click(view.close_button)
        settle(shell.root)
        dialog = open_drafts(shell)
        assert len(dialog.table.get_children()) == 1
        assert dialog.table.full[dialog.table.get_children()[0]][0] == \
            "Asociación de Productores de Cacao"
        click(dialog.resume_button)
        pump(shell.root, until=lambda: shell.form_view is not None)
        assert shell.form_view.binding.uuid == view.binding.uuid
        assert not open_dialogs()
    finally:
        close_app(shell)
    shell = start_app(db_path, "es")  # a new start: the same organization and round
    try:
        home = shell.screen
        assert home.selected_org().id == "apic" and home.selected_round().id == "r2024"
    finally:
        close_app(shell)


def test_history_shows_changes_and_the_reopen_reason(shell, db_path):
    from fieldapp.capture.fill import fill_submission
    from fieldapp.gui.dialogs import open_dialogs
    from fieldapp.store import open_db
    from fieldapp.store.submissions import reopen
    from test_gui_home import LIVELIHOOD

    db = open_db(db_path)
    uuid = fill_submission(db, "medios_de_vida", org_id="coop1", round_id="r2024",
                           answers=LIVELIHOOD, finalize=True, respondent="P-001")
    reopen(db, uuid, "corregir la edad")
    db.conn.close()
    shell.show_home()
    home = shell.screen
    click_row(home.org_tree, "coop1")
    click_row(home.sub_tree, uuid)
    click(home.history_button)
    dialog = open_dialogs()[-1]
    rows = [dialog.table.full[i] for i in dialog.table.get_children()]
    assert rows[0][2] == "reabierta" and rows[0][6] == "corregir la edad"
    # questions by their labels in the interface language, options by theirs; no paths
    assert ("respuesta cambiada", "Código de la persona encuestada", "", "P-001") in \
        {r[2:6] for r in rows}
    assert ("Género", "Mujer") in {(r[3], r[5]) for r in rows}
    assert ("D2 Comparado con hace 2 años, su situación es…", "Mejor") in {
        (r[3], r[5]) for r in rows}
    assert not any(r[3].startswith(("dim_", "perfil/", "meta/")) for r in rows)
    assert "Reabierta una vez" in dialog.summary.cget("text")
    # what happened and when read whole; only question sentences may be shortened
    for iid in dialog.table.get_children():
        for key in ("when", "who", "action"):
            assert dialog.table.set(iid, key) == dialog.table.full_text(iid, key)
