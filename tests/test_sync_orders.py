"""Three laptops, overlapping exports, re-imports and a conflict: whatever the order the
bundles arrive in, and however often, the coordinator ends with the same content."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.registry import ensure_builtin_forms
from fieldapp.sync import ImportOptions, import_bundle
from tests.synclab import content, coordinator, edit, export, fill, laptop, technician_from

TRUST = ImportOptions(trust=True)


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    folder = tmp_path_factory.mktemp("orders")
    coord = coordinator(folder)
    setup = export(coord, folder / "setup", setup=True)
    a = technician_from(setup, folder, "ana")
    b = technician_from(setup, folder, "beto")
    d = technician_from(setup, folder, "dora")
    a1, a2, _a3 = fill(a, 3, seed=1)
    x1 = export(a, folder / "x1")
    assert import_bundle(b, x1, TRUST).added == 3
    edit(a, a1, {"perfil/personas_hogar": "9"})
    edit(a, a2, {"codigo": "A-2"})
    x2 = export(a, folder / "x2")  # only what changed since x1
    x3 = export(a, folder / "x3", everything=True)  # overlaps both
    fill(b, 2, seed=2, org=1)
    edit(b, a2, {"codigo": "B-2"})  # edited apart from A: a conflict
    y1 = export(b, folder / "y1", everything=True)
    assert import_bundle(d, y1, TRUST).added == 5
    fill(d, 1, seed=3, org=2)
    z1 = export(d, folder / "z1", everything=True)  # forwards B's copies with their history
    yield [x1, x2, x3, y1, z1]
    for db in (coord, a, b, d):
        db.close()


def _import_all(order: list[Path]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = laptop(Path(tmp), "coordinator")
        try:
            for path in order:
                report = import_bundle(db, path, TRUST)
                assert report.error is None, report.error
            ensure_builtin_forms(db)  # as the app does on first use
            return content(db)
        finally:
            db.close()


@pytest.fixture(scope="module")
def expected(bundles):
    found = _import_all(bundles)
    assert len(found["submissions"]) == 6
    assert len([c for c in found["conflicts"]]) == 1
    return found


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_order_any_repeats_same_content(bundles, expected, data):
    order = data.draw(st.permutations(bundles))
    repeats = data.draw(st.lists(st.sampled_from(bundles), max_size=3))
    spots = [data.draw(st.integers(0, len(order))) for _ in repeats]
    for spot, again in zip(spots, repeats):
        order.insert(spot, again)
    assert _import_all(order) == expected
