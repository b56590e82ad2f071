"""Valid bundles mutated at random (bytes of the file, cells of a re-signed table): the import
succeeds or refuses with a coded error, and never half-writes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.errors import FieldappError
from fieldapp.sync import ImportOptions, import_bundle
from fieldapp.sync.results import IMPORTED, REFUSED
from tests import bundlekit as kit
from tests.synclab import clone, content, coordinator, export, fill, technician_from

TABLES = ["answers.csv", "submissions.csv", "revisions.csv", "audit.csv", "organizations.csv",
          "rounds.csv", "forms.csv", "submission_attachments.csv"]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mutation")
    coord = coordinator(folder)
    setup = export(coord, folder / "setup", setup=True)
    tech = technician_from(setup, folder, "ana")
    fill(tech, 4)
    bundle = export(tech, folder / "stick")
    yield {"folder": folder, "coord": coord, "bundle": bundle, "files": kit.members(bundle),
           "before": content(coord), "n": [0]}
    coord.close()


def _check(lab, files=None, raw=None):
    lab["n"][0] += 1
    n = lab["n"][0]
    path = lab["folder"] / f"m{n}.zip"
    if raw is not None:
        path.write_bytes(raw)
    else:
        kit.write(path, files)
    db = clone(lab["coord"], lab["folder"] / f"m{n}.db")
    try:
        report = import_bundle(db, path, ImportOptions(trust=True))
        assert report.status in (IMPORTED, REFUSED)
        if report.status == REFUSED:
            assert isinstance(report.error, FieldappError) and report.error.code
            assert content(db) == lab["before"]
        assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()
        path.unlink()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_flipped_bytes(lab, data):
    raw = bytearray(lab["bundle"].read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    _check(lab, raw=bytes(raw))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_changed_cells_resigned(lab, data):
    files = dict(lab["files"])
    member = data.draw(st.sampled_from(TABLES))
    lines = files[member].decode("utf-8-sig").split("\r\n")
    row = data.draw(st.integers(0, max(len(lines) - 2, 0)))
    cells = lines[row].split(",")
    col = data.draw(st.integers(0, len(cells) - 1))
    cells[col] = data.draw(st.one_of(
        st.text(max_size=12), st.sampled_from(["", "0", "-1", "99999999999999999999", "=1+1",
                                               '"', "\\", "final", "draft", "x" * 300])))
    lines[row] = ",".join(cells)
    files[member] = "\r\n".join(lines).encode("utf-8")
    _check(lab, files=kit.seal(files))
