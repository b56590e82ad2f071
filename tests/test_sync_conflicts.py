"""Conflicts: one submission edited on two laptops is kept twice, resolved by a person, and
the resolution converges on a third laptop; organizations typed twice are flagged."""

from __future__ import annotations

import pytest

from fieldapp.errors import ConflictError
from fieldapp.store import submissions as subs
from fieldapp.store.orgs import add_organization
from fieldapp.sync import ImportOptions, import_bundle
from fieldapp.sync.conflicts import get_conflict, list_conflicts, resolve_conflict
from fieldapp.sync.orgflags import list_org_flags
from tests.synclab import content, coordinator, edit, export, fill, technician_from

TRUST = ImportOptions(trust=True)


@pytest.fixture
def network(tmp_path):
    coord = coordinator(tmp_path)
    setup = export(coord, tmp_path / "setup", setup=True)
    a = technician_from(setup, tmp_path, "ana")
    b = technician_from(setup, tmp_path, "beto")
    return tmp_path, coord, a, b


def _diverge(tmp_path, coord, a, b):
    """A submission made on A, copied to B, then edited apart on both."""
    uuid = fill(a, 1)[0]
    first = export(a, tmp_path / "a1")
    assert import_bundle(b, first, TRUST).added == 1
    assert import_bundle(coord, first, TRUST).added == 1
    edit(a, uuid, {"perfil/personas_hogar": "5", "codigo": "A-EDITADO"})
    edit(b, uuid, {"perfil/personas_hogar": "6"})
    return uuid, export(a, tmp_path / "a2"), export(b, tmp_path / "b2")


def test_edits_on_two_laptops_are_both_kept(network):
    tmp_path, coord, a, b = network
    uuid, from_a, from_b = _diverge(tmp_path, coord, a, b)
    assert import_bundle(coord, from_a).updated == 1
    report = import_bundle(coord, from_b, TRUST)
    assert report.conflicts == 1 and report.conflict_ids
    [conflict] = list_conflicts(coord)
    assert conflict.uuid == uuid
    paths = {d.path for d in conflict.differences}
    assert "perfil/personas_hogar" in paths
    values = {conflict.local.answers["perfil/personas_hogar"],
              conflict.incoming.answers["perfil/personas_hogar"]}
    assert values == {"5", "6"}
    # only one copy counts: still one submission
    assert len(subs.list_submissions(coord)) == 1
    # re-importing either bundle changes nothing
    before = content(coord)
    import_bundle(coord, from_a)
    import_bundle(coord, from_b)
    assert content(coord) == before


def test_resolution_converges_on_a_third_laptop(network):
    tmp_path, coord, a, b = network
    uuid, from_a, from_b = _diverge(tmp_path, coord, a, b)
    import_bundle(coord, from_a)
    import_bundle(coord, from_b, TRUST)
    [conflict] = list_conflicts(coord)
    incoming_value = conflict.incoming.answers["perfil/personas_hogar"]
    local_code = conflict.local.answers["codigo"]
    with pytest.raises(ConflictError) as undecided:
        resolve_conflict(coord, conflict.id, fields={"perfil/personas_hogar": "incoming"})
    assert undecided.value.code == "CONFLICT_006"
    result = resolve_conflict(coord, conflict.id, keep="local",
                              fields={"perfil/personas_hogar": "incoming"})
    answers = subs.load_answers(coord, uuid)
    assert answers["perfil/personas_hogar"] == incoming_value
    assert answers["codigo"] == local_code
    assert list_conflicts(coord) == []
    assert get_conflict(coord, conflict.id).resolution == "fields"
    trail = coord.conn.execute("SELECT action, note FROM audit WHERE uuid = ? AND action ="
                               " 'resolve' AND path IS NULL", (uuid,)).fetchall()
    assert trail == [("resolve", f"conflict {conflict.id}: fields")]
    with pytest.raises(ConflictError):
        resolve_conflict(coord, conflict.id, keep="local")
    # the decision travels: a third laptop holding both copies converges on it
    third = technician_from(tmp_path / "setup" / next(
        p.name for p in (tmp_path / "setup").iterdir()), tmp_path, "carla")
    import_bundle(third, from_b, TRUST)
    import_bundle(third, from_a, TRUST)
    assert len(list_conflicts(third)) == 1
    decided = export(coord, tmp_path / "c1", everything=True)
    report = import_bundle(third, decided, TRUST)
    assert report.updated == 1, report.error
    assert list_conflicts(third) == []
    assert subs.load_answers(third, uuid) == answers
    assert subs.get_submission(third, uuid).revision == result.revision
    # and the laptops that edited apart accept it as newer, and then ignore their old copy
    for laptop, old in ((a, from_a), (b, from_b)):
        assert import_bundle(laptop, decided, TRUST).updated == 1
        assert subs.load_answers(laptop, uuid) == answers
    assert import_bundle(coord, export(a, tmp_path / "a3", everything=True)).skipped == 1


def test_keep_incoming_takes_the_whole_other_copy(network):
    tmp_path, coord, a, b = network
    uuid, from_a, from_b = _diverge(tmp_path, coord, a, b)
    import_bundle(coord, from_a)
    import_bundle(coord, from_b, TRUST)
    [conflict] = list_conflicts(coord)
    resolve_conflict(coord, conflict.id, keep="incoming")
    assert subs.load_answers(coord, uuid) == conflict.incoming.answers


def test_organizations_typed_twice_are_flagged(network):
    tmp_path, coord, a, b = network
    add_organization(a, id="NUEVA-A", name="Cooperativa Nueva Esperanza", type="cooperative",
                     country="PE")
    add_organization(b, id="NUEVA-B", name="cooperativa nueva esperanza", type="cooperative",
                     country="PE")
    import_bundle(coord, export(a, tmp_path / "a"), TRUST)
    report = import_bundle(coord, export(b, tmp_path / "b"), TRUST)
    assert report.org_flags == [("NUEVA-A", "NUEVA-B")]
    [flag] = list_org_flags(coord)
    assert (flag.org_a, flag.org_b) == ("NUEVA-A", "NUEVA-B")
    codes = {r[0] for r in coord.conn.execute("SELECT id FROM organizations")}
    assert {"NUEVA-A", "NUEVA-B"} <= codes
