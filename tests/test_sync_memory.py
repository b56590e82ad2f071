"""What an import holds in memory: bounded by its largest bundle (a few KB per submission),
never by the number of bundles. Measured with tracemalloc (the Python objects allocated),
which a loaded machine does not change, on real bundles of interviews filled through the form
session.

A bundle of 30,000 interviews (a coordinator forwarding everything) took over a gigabyte when
every cell of every table was held as its own string; a technician's laptop has 4 GB."""

from __future__ import annotations

import tracemalloc

import pytest

from fieldapp.sync import ImportOptions, import_bundle, import_bundles
from fieldapp.sync.results import IMPORTED
from tests.synclab import coordinator, export, fill, laptop, technician_from

TRUST = ImportOptions(trust=True, score=False)
PER_SUBMISSION = 9 * 1024  # bytes more per submission in the bundle (it was ~40 KiB; ~5.6 now)
FOUR_HUNDRED = 6 * 1024 * 1024  # the whole peak for a bundle of 400 (it was 16 MiB; ~3.5 now)


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    """A setup bundle; four bundles of 100 interviews, one after another from one laptop;
    and one bundle of all 400."""
    folder = tmp_path_factory.mktemp("memory")
    coord = coordinator(folder)
    setup = export(coord, folder / "setup", setup=True)
    tech = technician_from(setup, folder, "ana")
    parts = []
    for part in range(4):
        fill(tech, 100, seed=part + 1)
        parts.append(export(tech, folder / "parts"))  # what changed since the last one
    whole = export(tech, folder / "whole")
    coord.close()
    tech.close()
    return {"folder": folder, "setup": setup, "parts": parts, "whole": whole}


def _peak(bundles, name: str, files) -> int:
    """The tracemalloc peak (bytes) of importing ``files`` into a new laptop."""
    db = laptop(bundles["folder"], name)
    assert import_bundle(db, bundles["setup"], TRUST).status == IMPORTED
    tracemalloc.start()
    try:
        reports = import_bundles(db, files, TRUST)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        db.close()
    assert all(r.status == IMPORTED for r in reports), [str(r.error) for r in reports]
    return peak


def test_peak_grows_with_the_largest_bundle_only_a_few_kilobytes_per_submission(bundles):
    small = _peak(bundles, "small", bundles["parts"][:1])  # 100 interviews
    large = _peak(bundles, "large", [bundles["whole"]])  # 400 interviews
    assert large <= FOUR_HUNDRED, f"{large / 2**20:.1f} MiB for a bundle of 400"
    assert (large - small) / 300 <= PER_SUBMISSION, (
        f"{(large - small) / 300 / 1024:.1f} KiB more per submission")


def test_peak_does_not_grow_with_the_number_of_bundles(bundles):
    # Compared with two bundles, not one: from the second bundle on, Python's free lists
    # keep the first one's last rows (~0.3 MiB, once) and tracemalloc counts them.
    two = _peak(bundles, "two", bundles["parts"][:2])
    four = _peak(bundles, "four", bundles["parts"])
    assert four <= 1.25 * two, f"{four / 2**20:.1f} MiB for 4 bundles, {two / 2**20:.1f} for 2"
