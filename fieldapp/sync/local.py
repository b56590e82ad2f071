"""What this database already holds, as the validator and the writer ask about it."""

from __future__ import annotations

from fieldapp.store.connection import Database


class LocalData:
    """The validator's ``Known``: organizations, rounds, forms and files of this database."""

    def __init__(self, db: Database) -> None:
        self.conn = db.conn
        self._forms: dict[tuple[str, str], str | None] = {}

    def has_org(self, org_id: str) -> bool:
        sql = "SELECT 1 FROM organizations WHERE id = ?"
        return self.conn.execute(sql, (org_id,)).fetchone() is not None

    def has_round(self, round_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM rounds WHERE id = ?",
                                 (round_id,)).fetchone() is not None

    def form_sha(self, form_id: str, version: str) -> str | None:
        key = (form_id, version)
        if key not in self._forms:
            row = self.conn.execute("SELECT sha256 FROM forms WHERE form_id = ? AND version = ?",
                                    key).fetchone()
            self._forms[key] = row[0] if row else None
        return self._forms[key]

    def has_attachment(self, sha256: str) -> bool:
        return self.conn.execute("SELECT 1 FROM attachments WHERE sha256 = ?",
                                 (sha256,)).fetchone() is not None

    def workbook(self, form_id: str, version: str) -> tuple[str, str, bytes] | None:
        row = self.conn.execute(
            "SELECT sha256, file_name, workbook FROM forms WHERE form_id = ? AND version = ?",
            (form_id, version)).fetchone()
        return (row[0], row[1], bytes(row[2])) if row else None
