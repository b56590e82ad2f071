"""File → Baselines and targets…: values measured outside fieldapp and targets entered by hand
or from a CSV file, refused input explained, nothing half-saved."""

from __future__ import annotations

import pytest
from guidrive import close_app, settle, start_app

pytestmark = pytest.mark.gui


@pytest.fixture
def app(tmp_path):
    from fieldapp.store import open_db
    from fieldapp.store.identity import set_technician

    db = open_db(tmp_path / "coordinator.db")
    try:
        set_technician(db, "Coordinadora")
    finally:
        db.conn.close()
    shell = start_app(tmp_path / "coordinator.db", "es")
    yield shell
    close_app(shell)


def _open(shell):
    handler = next(c.handler for c in shell.commands if c.label == "Baselines and targets…")
    handler()
    settle(shell.root)
    from fieldapp.gui.dialogs import open_dialogs

    return open_dialogs()[-1]


def _dialog(shell):
    from fieldapp.gui.baselines import open_baselines

    return open_baselines(shell)


def _type(entry, text: str) -> None:
    entry.delete(0, "end")
    entry.insert(0, text)


def test_the_menu_opens_the_dialog(app):
    dialog = _open(app)
    assert dialog.alive and dialog.window.title() == "Líneas base y metas"
    dialog.close()


def test_enter_edit_and_delete_a_baseline(app):
    from fieldapp.store.baselines import list_external_values

    view = _dialog(app)
    for name, text in {"indicator": "i2.1", "year": "2022", "value": "45,0", "n": "100",
                       "low": "35,6", "high": "54,8", "source": "Encuesta 2022"}.items():
        _type(view.entries[name], text)
    view.save_value_button.invoke()
    settle(app.root)
    found = list_external_values(app.db)
    assert [(v.indicator, v.level, v.value, v.n, v.low) for v in found] == [
        ("i2.1", "network", 45.0, 100, 35.6)]
    assert view.values_tree.get_children() == ("0",)
    # choosing the row fills the fields; a change saved replaces the value
    view.values_tree.selection_set("0")
    settle(app.root)
    assert view.entries["source"].get() == "Encuesta 2022"
    _type(view.entries["value"], "46")
    view.save_value()
    assert [v.value for v in list_external_values(app.db)] == [46.0]
    view.values_tree.selection_set("0")
    view.delete_value()
    assert list_external_values(app.db) == []
    view.dialog.close()


def test_a_refused_value_says_why_and_saves_nothing(app):
    from fieldapp.store.baselines import list_external_values

    view = _dialog(app)
    for name, text in {"indicator": "i2.1", "year": "2022", "value": "cuarenta"}.items():
        _type(view.entries[name], text)
    view.save_value()
    assert "cuarenta" in view.status.cget("text")
    _type(view.entries["value"], "45")
    view.level_box.current(1)  # country, without its code
    view.save_value()
    assert "unit" in view.status.cget("text")
    assert list_external_values(app.db) == []
    view.dialog.close()


def test_import_a_csv_file(app, tmp_path):
    from fieldapp.store.baselines import list_external_values, list_targets

    path = tmp_path / "lb.csv"
    path.write_text("indicador;nivel;unidad;año;valor;n;fuente;meta\n"
                    "i2.1;red;;2022;45;100;papel;\ni1.2;red;;2022;10;12;CLAC;50\n",
                    encoding="utf-8-sig")
    view = _dialog(app)
    view.import_csv(path)
    assert len(list_external_values(app.db)) == 2 and list_targets(app.db)["i1.2"].value == 50
    assert len(view.values_tree.get_children()) == 2
    assert "50" in view.targets_tree.item("i1.2", "values")[2]
    bad = tmp_path / "bad.csv"
    bad.write_text("indicador;nivel;año;valor\ni2.2;red;2022;x\n", encoding="utf-8")
    view.import_csv(bad)
    assert "línea 2" in view.status.cget("text")
    assert len(list_external_values(app.db)) == 2
    view.dialog.close()


def test_set_and_clear_a_target(app):
    from fieldapp.store.baselines import list_targets

    view = _dialog(app)
    assert "85" in view.targets_tree.item("i1.1", "values")[2]
    view.targets_tree.selection_set("i1.1")
    settle(app.root)
    assert view.target_entry.get() == "85"
    _type(view.target_entry, "90")
    _type(view.target_note, "Asamblea 2025")
    view.save_target()
    assert list_targets(app.db)["i1.1"].value == 90
    assert "90" in view.targets_tree.item("i1.1", "values")[2]
    view.clear_target()
    assert "i1.1" not in list_targets(app.db)
    view.dialog.close()


def test_lists_and_the_csv_dialog_are_the_shared_ones(app, tmp_path, monkeypatch):
    """Both lists are the shared table (long indicator names shortened in the middle, whole
    in a tooltip); Import CSV… opens Tk's dialog in the documents folder, then where the last
    file was; numbers show with the decimal comma in Spanish."""
    from fieldapp.gui.tables import Table
    from fieldapp.store.baselines import list_external_values
    from guidrive import through_file_dialog

    documents = tmp_path / "Documentos"
    (documents / "lineas").mkdir(parents=True)
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(documents))
    path = documents / "lineas" / "lb.csv"
    path.write_text("indicador;nivel;unidad;año;valor;n;fuente\n"
                    "i2.1;red;;2022;45,5;100;papel\n", encoding="utf-8")
    view = _dialog(app)
    assert isinstance(view.values_tree, Table) and isinstance(view.targets_tree, Table)
    seen = through_file_dialog(app.root, view.import_button.invoke, str(path))
    assert seen["folder"] == str(documents)
    assert seen["title"] == "Archivo CSV de líneas base"
    assert [v.value for v in list_external_values(app.db)] == [45.5]
    assert view.values_tree.full_text("0", "value") == "45,5"
    assert through_file_dialog(app.root, view.import_button.invoke)["folder"] == str(
        path.parent)
    long = [iid for iid in view.targets_tree.get_children()
            if view.targets_tree.full_text(iid, "label") != view.targets_tree.set(iid, "label")]
    assert all("…" in view.targets_tree.set(iid, "label") for iid in long)
    view.dialog.close()
