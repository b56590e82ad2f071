"""docs/data-format.md stays in step with the code: every table and column of the database
(after all migrations) and of a bundle's CSV members is named there."""

from __future__ import annotations

from pathlib import Path

from fieldapp.store import open_db
from fieldapp.sync import tables

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")


def _row(name: str) -> str:
    """The page's table row that starts with ``name``."""
    rows = [line for line in PAGE.splitlines() if line.startswith(f"| `{name}` |")]
    assert rows, f"docs/data-format.md has no row for {name}"
    return " ".join(rows)


def test_every_database_table_and_column_is_described(tmp_path):
    db = open_db(tmp_path / "f.db")
    names = [r[0] for r in db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    missing = []
    for name in names:
        row = _row(name) if f"| `{name}` |" in PAGE else ""
        columns = [r[1] for r in db.conn.execute(f"PRAGMA table_info('{name}')")]
        missing += [f"{name}.{c}" for c in columns if f"`{c}`" not in row] or ([] if row else [name])
    assert missing == [], "describe them in docs/data-format.md"


def test_every_bundle_member_and_column_is_described():
    for table in tables.FIELD_TABLES:
        row = _row(table.member)
        missing = [c for c in table.names if f"`{c}`" not in row]
        assert missing == [], f"{table.member}: describe {missing} in docs/data-format.md"
