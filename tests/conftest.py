"""Shared fixtures: real SQLite files in tmp_path, migrated by ``db/``."""

from __future__ import annotations

from pathlib import Path

import pytest

try:  # before fieldapp, which keeps pandas out of processes that have not loaded it
    import pandas  # noqa: F401  (test-only: exports are re-read with it)
except ImportError:
    pass

from fieldapp.store.database import open_db  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    """Keep parsed-form caches and data of a test run out of the user's own folders."""
    import os
    import tempfile

    if "FIELDAPP_CACHE" not in os.environ:
        os.environ["FIELDAPP_CACHE"] = tempfile.mkdtemp(prefix="fieldapp-test-cache-")
    # Messages are read in English unless a test asks for a language, as on an en_US system
    # (a C locale, as CI has, means Spanish: tests/test_i18n.py checks that)
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        os.environ.pop(var, None)
    os.environ["LANG"] = "en_US.UTF-8"
    if "FIELDAPP_KEYS" not in os.environ:
        os.environ["FIELDAPP_KEYS"] = tempfile.mkdtemp(prefix="fieldapp-test-keys-")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh database file with every migration of ``db/`` applied."""
    path = tmp_path / "fieldapp.db"
    open_db(path).close()
    return path


@pytest.fixture
def db(db_path: Path):
    """The ``db_path`` database, open (closed after the test)."""
    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture
def seeded_db(db):
    """``db`` with organization ``C1``, baseline round ``R22``, round ``R24`` and form ``f`` v1."""
    from fieldapp.store.formsreg import register_form
    from fieldapp.store.orgs import add_organization
    from fieldapp.store.rounds import add_round

    add_organization(db, id="C1", name="Cooperativa Sol", type="cooperative", country="PE")
    add_round(db, id="R22", name="Línea base 2022", year=2022, baseline=True)
    add_round(db, id="R24", name="2024", year=2024)
    register_form(db, form_id="f", version="1", workbook=b"workbook v1", file_name="f.xlsx")
    return db
