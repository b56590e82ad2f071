"""``bundle``, ``conflicts`` and ``devices`` commands, run through click's CliRunner on real
databases and real bundles."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from fieldapp.cli import cli
from tests.synclab import coordinator, edit, export, fill, technician_from


def _run(db_path, *args, ok=True):
    result = CliRunner().invoke(cli, ["--lang", "en", "--db", str(db_path), *args],
                                catch_exceptions=False)
    assert (result.exit_code == 0) == ok, result.output + result.stderr
    return result


def _scene(tmp_path):
    coord = coordinator(tmp_path)
    setup = export(coord, tmp_path / "setup", setup=True)
    tech = technician_from(setup, tmp_path, "ana")
    fill(tech, 2)
    coord.close()
    tech.close()
    return tmp_path / "coordinator.db", tmp_path / "ana.db"


def test_export_import_verify(tmp_path):
    coord, tech = _scene(tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    out = _run(tech, "bundle", "export", str(stick))
    bundle = Path(out.stdout.strip())
    assert bundle.is_file() and bundle.parent == stick
    assert "2 submissions" in out.stderr
    verified = _run(coord, "bundle", "verify", str(bundle))
    assert "sound" in verified.output and "2 submissions" in verified.output
    refused = _run(coord, "bundle", "import", str(stick), ok=False)
    assert "refused" in refused.output and "--trust" in refused.output
    preview = _run(coord, "bundle", "import", str(stick), "--trust", "--dry-run")
    assert "would import: 2 added" in preview.output
    data = json.loads(_run(coord, "bundle", "import", str(stick), "--trust", "--json").output)
    assert [(d["status"], d["added"], d["trusted_now"]) for d in data] == [
        ("imported", 2, True)]
    again = _run(coord, "bundle", "import", str(bundle))
    assert "already imported" in again.output
    devices = json.loads(_run(coord, "devices", "list", "--json").output)
    assert [d["technician"] for d in devices] == ["ana"]
    empty = _run(tech, "bundle", "export", str(stick), "--json")
    assert json.loads(empty.output)["submissions"] == 0
    everything = json.loads(_run(tech, "bundle", "export", str(stick), "--all", "--json").output)
    assert everything["submissions"] == 2


def test_a_broken_bundle_is_named_and_others_still_import(tmp_path):
    coord, tech = _scene(tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    good = Path(_run(tech, "bundle", "export", str(stick)).stdout.strip())
    broken = stick / "broken.zip"
    broken.write_bytes(good.read_bytes()[:1000])
    result = _run(coord, "bundle", "import", str(stick), "--trust", ok=False)
    lines = result.output.splitlines()
    assert any(l.startswith("broken.zip: refused") for l in lines)
    assert any(l.startswith(good.name + ": imported: 2 added") for l in lines)
    failed = _run(coord, "bundle", "verify", str(broken), ok=False)
    assert "broken.zip" in failed.stderr


def test_setup_export_and_kind_check(tmp_path):
    coord, tech = _scene(tmp_path)
    out = _run(coord, "bundle", "export", str(tmp_path), "--setup")
    setup = Path(out.stdout.strip())
    assert setup.name.startswith("fieldapp-setup-")
    result = _run(coord, "bundle", "import", str(setup), "--kind", "field", ok=False)
    assert "setup bundle, but a field bundle" in result.output


def test_conflicts_list_show_resolve_and_devices(tmp_path):
    from fieldapp.store.database import open_db
    from fieldapp.sync import ImportOptions, import_bundle

    coord_path, tech_path = _scene(tmp_path)
    a = open_db(tech_path)
    setup = next((tmp_path / "setup").iterdir())
    b = technician_from(setup, tmp_path, "beto")
    first = export(a, tmp_path / "a1")
    import_bundle(b, first, ImportOptions(trust=True))
    uuid = a.conn.execute("SELECT uuid FROM submissions ORDER BY uuid").fetchone()[0]
    edit(a, uuid, {"codigo": "A"})
    edit(b, uuid, {"codigo": "B"})
    from_a, from_b = export(a, tmp_path / "a2"), export(b, tmp_path / "b2")
    a.close()
    b.close()
    _run(coord_path, "bundle", "import", str(first), str(from_a), str(from_b), "--trust")
    listed = json.loads(_run(coord_path, "conflicts", "list", "--json").output)
    [conflict] = listed["conflicts"]
    assert conflict["uuid"] == uuid
    assert [d["path"] for d in conflict["differences"]] == ["codigo"]
    shown = _run(coord_path, "conflicts", "show", conflict["id"]).output
    assert "codigo" in shown
    _run(coord_path, "conflicts", "resolve", conflict["id"], ok=False)  # no choice given
    _run(coord_path, "conflicts", "resolve", conflict["id"], "--field", "codigo=incoming")
    assert "No conflicts." in _run(coord_path, "conflicts", "list").output
    devices = json.loads(_run(coord_path, "devices", "list", "--json").output)
    beto = next(d for d in devices if d["technician"] == "beto")
    _run(coord_path, "devices", "revoke", beto["device_id"])
    result = _run(coord_path, "bundle", "import", str(from_b), ok=False)
    assert "revoked" in result.output or "already imported" in result.output
    _run(coord_path, "devices", "trust", beto["device_id"])
    _run(coord_path, "devices", "trust", str(from_b))
    _run(coord_path, "devices", "revoke", "nobody", ok=False)


def test_import_takes_a_backup_first(tmp_path):
    from fieldapp.store.backups import list_backups

    coord, tech = _scene(tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    _run(tech, "bundle", "export", str(stick))
    _run(coord, "bundle", "import", str(stick), "--trust", "--dry-run")
    assert [b for b in list_backups(coord) if b.kind == "import"] == []
    _run(coord, "bundle", "import", str(stick), "--trust")
    assert [b.kind for b in list_backups(coord)].count("import") == 1
