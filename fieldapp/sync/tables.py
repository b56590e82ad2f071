"""The CSV tables of a bundle: one definition per table (member name, columns and their
kinds), shared by the writer and the reader so the two cannot drift apart.

Cells are written exactly as stored: a bundle must give back the same bytes it was made
from, so no spreadsheet formula guard is applied (a cell such as ``=1+1`` is imported and
kept as that text; nothing in fieldapp ever evaluates a stored cell). In columns that may
hold "nothing" (SQL NULL) an empty cell means nothing; a text that is empty or starts with a
backslash is written with one more backslash in front, so both survive the trip.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT = "t"  # text, never NULL
NTEXT = "t?"  # text or NULL
INT = "i"  # whole number, never NULL
NINT = "i?"  # whole number or NULL


@dataclass(frozen=True, slots=True)
class Table:
    """One CSV member: its name in the zip and its columns as (name, kind)."""

    member: str
    columns: tuple[tuple[str, str], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _kind in self.columns)

    def index(self, column: str) -> int:
        return self.names.index(column)


ORGANIZATIONS = Table("organizations.csv", (
    ("id", TEXT), ("name", TEXT), ("type", TEXT), ("country", TEXT), ("country_name", TEXT),
    ("products", TEXT), ("members_women", NINT), ("members_men", NINT),
    ("members_total", NINT), ("created_at", TEXT), ("updated_at", TEXT),
    ("workers_total", NINT),
))
ROUNDS = Table("rounds.csv", (
    ("id", TEXT), ("name", TEXT), ("year", INT), ("is_baseline", INT), ("created_at", TEXT),
    ("updated_at", TEXT),
))
FORMS = Table("forms.csv", (
    ("form_id", TEXT), ("version", TEXT), ("title", TEXT), ("sha256", TEXT),
    ("file_name", TEXT), ("added_at", TEXT), ("builtin", INT), ("workbook", TEXT),
))
SUBMISSIONS = Table("submissions.csv", (
    ("uuid", TEXT), ("form_id", TEXT), ("form_version", TEXT), ("org_id", TEXT),
    ("round_id", TEXT), ("respondent", NTEXT), ("status", TEXT), ("created_at", TEXT),
    ("updated_at", TEXT), ("finalized_at", NTEXT), ("device_id", TEXT), ("technician", TEXT),
    ("revision", INT), ("content_hash", TEXT), ("prev_hash", NTEXT), ("current_page", NTEXT),
    ("deleted", INT),
))
ANSWERS = Table("answers.csv", (("uuid", TEXT), ("path", TEXT), ("value", TEXT)))
# line: "main" for the submission's own revisions, "merged" for those of another copy that
# a conflict resolution folded in (see db/0004_sync.sql).
REVISIONS = Table("revisions.csv", (
    ("uuid", TEXT), ("revision", INT), ("content_hash", TEXT), ("at", TEXT),
    ("device_id", TEXT), ("action", TEXT), ("line", TEXT),
))
AUDIT = Table("audit.csv", (
    ("uuid", TEXT), ("at", TEXT), ("device_id", TEXT), ("technician", TEXT), ("path", NTEXT),
    ("old", NTEXT), ("new", NTEXT), ("action", TEXT), ("revision", NINT), ("note", NTEXT),
))
ATTACHMENTS = Table("attachments.csv", (
    ("sha256", TEXT), ("mime", TEXT), ("size", INT), ("added_at", TEXT), ("file", TEXT),
))
SUBMISSION_ATTACHMENTS = Table("submission_attachments.csv", (
    ("uuid", TEXT), ("file_name", TEXT), ("path", TEXT), ("sha256", TEXT),
    ("original_name", TEXT), ("added_at", TEXT),
))

SETUP_TABLES = (ORGANIZATIONS, ROUNDS, FORMS)
FIELD_TABLES = (ORGANIZATIONS, ROUNDS, FORMS, SUBMISSIONS, ANSWERS, REVISIONS, AUDIT,
                ATTACHMENTS, SUBMISSION_ATTACHMENTS)
MAIN, MERGED = "main", "merged"


def workbook_member(sha256: str, file_name: str) -> str:
    """Where a form's workbook travels: ``forms/<sha256>.xlsx``."""
    suffix = "." + file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ".xlsx"
    if suffix not in (".xlsx", ".xls"):
        suffix = ".xlsx"
    return f"forms/{sha256}{suffix}"


def attachment_member(sha256: str) -> str:
    """Where an attached file travels: ``attachments/<sha256>``."""
    return f"attachments/{sha256}"


def encode(value: object, kind: str) -> str:
    """A stored value as its CSV cell."""
    if value is None:
        return ""
    if kind == NTEXT:
        text = str(value)
        return "\\" + text if text == "" or text.startswith("\\") else text
    return str(value)


def decode_nullable(cell: str) -> str | None:
    """The stored value of a cell of a nullable text column."""
    if cell == "":
        return None
    return cell[1:] if cell.startswith("\\") else cell
