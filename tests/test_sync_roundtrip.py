"""Real bundles between real databases: round trip of the demo data, idempotence, what each
export carries, setup → fill → field round trip."""

from __future__ import annotations

import os
import stat
import zipfile

import pytest

from fieldapp.demo import load_demo
from fieldapp.store import attachments, submissions as subs
from fieldapp.sync import ImportOptions, export_bundle, import_bundle, verify_bundle
from fieldapp.sync.keys import key_path
from fieldapp.sync.results import ALREADY, IMPORTED, REFUSED
from tests.synclab import (ROUND, content, coordinator, dump, edit, export, fill, laptop,
                           technician_from)

TABLES = ("submissions", "answers", "revisions", "audit", "attachments",
          "submission_attachments", "organizations", "rounds", "forms")


@pytest.fixture(scope="module")
def demo_laptop(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    db = laptop(folder, "laptop-a", "María Quispe")
    load_demo(db)
    first = subs.list_submissions(db, form_id="medios_de_vida")[0].uuid
    photo = folder / "foto.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + os.urandom(2000))
    subs.reopen(db, first, "foto")
    attachments.add_attachment(db, first, "perfil/producto_otro", photo)
    subs.finalize(db, first)
    yield db
    db.close()


def test_demo_round_trip_keeps_every_row(demo_laptop, tmp_path):
    bundle = export_bundle(demo_laptop, tmp_path, everything=True)
    assert bundle.path.name.startswith("fieldapp-") and bundle.attachments == 1
    coord = laptop(tmp_path, "coordinator")
    report = import_bundle(coord, bundle.path, ImportOptions(trust=True))
    assert report.status == IMPORTED, report.error
    assert report.added == bundle.submissions == 722
    mine, theirs = content(demo_laptop), content(coord)
    for table in TABLES:
        assert mine[table] == theirs[table], table
    # received rows keep their device, technician and times: nothing was "edited" here
    me = coord.conn.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()[0]
    assert coord.conn.execute("SELECT count(*) FROM audit WHERE device_id = ?", (me,)
                              ).fetchone()[0] == 0


def test_importing_again_changes_nothing_and_says_so(demo_laptop, tmp_path):
    bundle = export_bundle(demo_laptop, tmp_path, everything=True).path
    coord = laptop(tmp_path, "coordinator")
    assert import_bundle(coord, bundle, ImportOptions(trust=True)).status == IMPORTED
    before = dump(coord)
    again = import_bundle(coord, bundle)
    assert again.status == ALREADY and again.skipped == 722
    assert dump(coord) == before
    # a second export of the same data is another bundle: every submission skipped
    other = export_bundle(demo_laptop, tmp_path, everything=True).path
    report = import_bundle(coord, other)
    assert (report.status, report.added, report.skipped) == (IMPORTED, 0, 722)
    assert content(coord) == content(demo_laptop) | {
        k: v for k, v in content(coord).items() if k in ("conflicts", "org_flags",
                                                           "merged_revisions")}


def test_export_carries_what_changed_since_the_last_export_there(tmp_path):
    coord = coordinator(tmp_path)
    setup = export(coord, tmp_path / "setup", setup=True)
    tech = technician_from(setup, tmp_path, "ana")
    first = fill(tech, 3)
    draft = fill(tech, 1, seed=9, finalize=False)
    stick, other_stick = tmp_path / "stick", tmp_path / "stick2"
    stick.mkdir(), other_stick.mkdir()
    one = export_bundle(tech, stick)
    assert one.submissions == 3 and one.drafts == 0
    assert export_bundle(tech, stick).submissions == 0
    edit(tech, first[0], {"perfil/personas_hogar": "7"})
    assert export_bundle(tech, stick).submissions == 1
    assert export_bundle(tech, other_stick).submissions == 3  # each stick remembered apart
    everything = export_bundle(tech, stick, everything=True, include_drafts=True)
    assert (everything.submissions, everything.drafts) == (4, 1)
    coord_report = import_bundle(coord, everything.path, ImportOptions(trust=True))
    assert coord_report.added == 4
    assert subs.get_submission(coord, draft[0]).status == "draft"


def test_setup_bundle_then_field_bundle_back(tmp_path):
    coord = coordinator(tmp_path)
    setup = export(coord, tmp_path / "setup", setup=True)
    with zipfile.ZipFile(setup) as zf:
        names = set(zf.namelist())
    assert {"organizations.csv", "rounds.csv", "forms.csv", "manifest.json"} <= names
    assert "submissions.csv" not in names
    tech = technician_from(setup, tmp_path, "jose")
    assert content(tech)["organizations"] == content(coord)["organizations"]
    assert content(tech)["forms"] == content(coord)["forms"]
    made = fill(tech, 4, org=1)
    sub = subs.get_submission(tech, made[0])
    form = coord.conn.execute("SELECT version FROM forms WHERE form_id = ?",
                              (sub.form_id,)).fetchone()[0]
    assert sub.form_version == form and sub.round_id == ROUND
    field = export(tech, tmp_path / "stick")
    report = import_bundle(coord, field, ImportOptions(trust=True, expect="field"))
    assert (report.status, report.added) == (IMPORTED, 4), report.error
    assert report.trusted_now
    # the setup bundle again (a technician imports it twice): adds and updates, never deletes
    again = import_bundle(tech, setup)
    assert again.status == ALREADY
    assert len(subs.list_submissions(tech)) == 4


def test_a_coordinator_forwards_what_it_received_with_its_history(tmp_path):
    coord = coordinator(tmp_path)
    setup = export(coord, tmp_path / "setup", setup=True)
    tech = technician_from(setup, tmp_path, "ana")
    made = fill(tech, 2)
    edit(tech, made[0], {"perfil/personas_hogar": "8"})
    import_bundle(coord, export(tech, tmp_path / "s1"), ImportOptions(trust=True))
    regional = laptop(tmp_path, "regional")
    report = import_bundle(regional, export(coord, tmp_path / "s2"), ImportOptions(trust=True))
    assert report.added == 2
    for table in ("submissions", "answers", "revisions", "audit"):
        assert content(regional)[table] == content(tech)[table], table


def test_key_file_is_private_and_made_once(tmp_path):
    db = laptop(tmp_path, "k")
    export_bundle(db, tmp_path)
    device = db.conn.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()[0]
    path = key_path(device)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first = path.read_bytes()
    export_bundle(db, tmp_path)
    assert path.read_bytes() == first


def test_verify_reads_a_bundle_through(demo_laptop, tmp_path):
    bundle = export_bundle(demo_laptop, tmp_path, everything=True).path
    report = verify_bundle(bundle)
    assert report.error is None and report.submissions == 722
    broken = tmp_path / "broken.zip"
    broken.write_bytes(bundle.read_bytes()[: bundle.stat().st_size // 2])
    assert verify_bundle(broken).status == REFUSED


def test_bundle_tables_carry_every_column_of_the_schema(db):
    """A migration that adds a column to a synced table must add it to the bundle too."""
    from fieldapp.sync import tables as T

    travel_as = {"forms": {"workbook"}, "attachments": {"data"}, "audit": {"id"}}
    extra = {"revisions": {"line"}, "forms": {"workbook"}, "attachments": {"file"}}
    for table in T.FIELD_TABLES:
        name = table.member[:-4]
        stored = {r[1] for r in db.conn.execute(f"PRAGMA table_info({name})")}
        assert stored - travel_as.get(name, set()) == set(table.names) - extra.get(name, set()), name
