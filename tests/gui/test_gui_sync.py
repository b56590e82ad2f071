"""Sync screens under Xvfb: Export to USB, Import bundles (preview, trust, import, refused in
red), Conflicts side by side resolved field by field, Trusted devices revoked."""

from __future__ import annotations

import pytest
from guidrive import close_app, settle, start_app

from fieldapp.sync import ImportOptions, import_bundle
from tests.synclab import coordinator, edit, export, fill, technician_from

pytestmark = pytest.mark.gui


@pytest.fixture
def scene(tmp_path, xvfb):
    coord = coordinator(tmp_path)
    setup = export(coord, tmp_path / "setup", setup=True)
    a = technician_from(setup, tmp_path, "ana")
    b = technician_from(setup, tmp_path, "beto")
    fill(a, 2)
    first = export(a, tmp_path / "a1")
    import_bundle(b, first, ImportOptions(trust=True))
    uuid = a.conn.execute("SELECT uuid FROM submissions ORDER BY uuid").fetchone()[0]
    edit(a, uuid, {"codigo": "A", "perfil/personas_hogar": "3"})
    edit(b, uuid, {"codigo": "B"})
    stick = tmp_path / "stick"
    export(a, stick)
    export(b, stick)
    broken = stick / "broken.zip"
    broken.write_bytes(first.read_bytes()[:500])
    for db in (coord, a, b):
        db.close()
    return {"coord": tmp_path / "coordinator.db", "tech": tmp_path / "ana.db", "stick": stick,
            "first": first, "uuid": uuid, "tmp": tmp_path}


def _menu(shell, label):
    return next(c for c in shell.commands if c.label == label)


def test_export_to_usb(scene):
    from fieldapp.gui import syncexport

    shell = start_app(scene["tech"], "en")
    try:
        assert _menu(shell, "Export to USB…").enabled()
        dialog = syncexport.open_sync_export(shell)
        target = scene["tmp"] / "usb"
        target.mkdir()
        dialog.target.set(str(target))
        dialog.everything.set(True)
        dialog.export_button.invoke()
        assert dialog.job is not None  # off the Tk thread
        settle(shell.root)
        assert dialog.result.submissions == 2 and dialog.result.path.parent == target
        assert str(dialog.result.path) in str(dialog.status.cget("text"))
        assert float(dialog.bar.cget("value")) == 100
        dialog.dialog.close()
    finally:
        close_app(shell)


def test_import_preview_trust_import_and_conflicts(scene):
    from fieldapp.gui import conflicts, devices, syncimport

    shell = start_app(scene["coord"], "en")
    try:
        dialog = syncimport.open_sync_import(shell)
        dialog.choose([scene["first"].parent, scene["stick"]])
        settle(shell.root)
        rows = [dialog.table.item(i) for i in dialog.table.get_children()]
        assert len(rows) == 4
        assert all("untrusted" in r["tags"] or "refused" in r["tags"] for r in rows)
        broken = next(r for r in rows if r["values"][0] == "broken.zip")
        assert "refused" in broken["tags"] and broken["values"][7]
        assert dialog.trust_check.winfo_ismapped() or dialog.trust_check.winfo_manager()
        assert shell.db.conn.execute("SELECT count(*) FROM submissions").fetchone()[0] == 0
        dialog.trust.set(True)
        dialog.choose([scene["first"].parent, scene["stick"]])  # the preview again, trusting
        settle(shell.root)
        dialog.import_button.invoke()
        settle(shell.root)
        assert dialog.imported
        statuses = {dialog.table.item(i)["values"][0]: dialog.table.item(i)
                    for i in dialog.table.get_children()}
        assert "refused" in statuses["broken.zip"]["tags"]
        assert sum(r.added for r in dialog.reports) == 2
        assert sum(r.conflicts for r in dialog.reports) == 1
        dialog.dialog.close()

        screen = conflicts.open_conflicts(shell)
        assert len(screen.conflicts) == 1
        differing = [i for i in screen.sides.get_children()
                     if "differs" in screen.sides.item(i)["tags"]]
        assert "codigo" in differing
        # the question by its label, not its path (the window is in English)
        assert screen.sides.set("codigo", "field") == "Respondent code"
        screen.toggle("codigo")
        local = screen.current.local.answers["codigo"]
        incoming = screen.current.incoming.answers["codigo"]
        screen.resolve(None)
        assert screen.conflicts == []
        stored = shell.db.conn.execute("SELECT value FROM answers WHERE uuid = ? AND path ="
                                       " 'codigo'", (scene["uuid"],)).fetchone()[0]
        assert stored == incoming != local
        screen.dialog.close()

        trusted = devices.open_devices(shell)
        first = trusted.table.get_children()[0]
        # nothing chosen: neither action; a trusted device: Revoke only; revoked: Trust again
        assert str(trusted.revoke_button.cget("state")) == "disabled"
        assert str(trusted.retrust_button.cget("state")) == "disabled"
        trusted.table.selection_set(first)
        settle(shell.root)
        assert str(trusted.revoke_button.cget("state")) == "normal"
        assert str(trusted.retrust_button.cget("state")) == "disabled"
        trusted.revoke()
        assert trusted.table.item(first)["values"][3]
        assert str(trusted.revoke_button.cget("state")) == "disabled"
        assert str(trusted.retrust_button.cget("state")) == "normal"
        trusted.retrust()
        assert not trusted.table.item(first)["values"][3]
        trusted.dialog.close()
    finally:
        close_app(shell)
