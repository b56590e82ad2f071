"""What an export, an import or a verification of bundles did, as data for the shells."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

from fieldapp.errors import FieldappError

IMPORTED, ALREADY, REFUSED, PREVIEW, VERIFIED = (
    "imported", "already imported", "refused", "dry run", "verified")


@dataclass(slots=True)
class Applied:
    """What applying one bundle changed."""

    added: int = 0
    updated: int = 0
    skipped: int = 0
    conflicts: int = 0
    orgs_added: int = 0
    orgs_updated: int = 0
    rounds_added: int = 0
    rounds_updated: int = 0
    forms_added: int = 0
    org_flags: list[tuple[str, str]] = field(default_factory=list)
    conflict_ids: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """The numbers (added, updated, … forms_added), by name."""
        return {f.name: getattr(self, f.name) for f in fields(Applied)
                if not isinstance(getattr(self, f.name), list)}


@dataclass(slots=True, kw_only=True)
class BundleReport(Applied):
    """One bundle's outcome: what applying it changed (see :class:`Applied`) when imported,
    the coded error when refused."""

    file: Path
    status: str = REFUSED
    bundle_uuid: str = ""
    kind: str = ""
    device_id: str = ""
    technician: str = ""
    created_at: str = ""
    submissions: int = 0
    trusted_now: bool = False
    fingerprint: str = ""
    error: FieldappError | None = None

    @property
    def refused(self) -> bool:
        return self.status == REFUSED

    def as_dict(self) -> dict:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "error"}
        data["file"] = str(self.file)
        data["org_flags"] = [list(p) for p in self.org_flags]
        data["error"] = self.error.as_dict() if self.error else None
        data["reason"] = str(self.error) if self.error else None
        return data


@dataclass(slots=True)
class ExportResult:
    """A bundle written: where, what kind, how many submissions and files it holds."""

    path: Path
    kind: str
    bundle_uuid: str
    submissions: int
    drafts: int
    organizations: int
    rounds: int
    forms: int
    attachments: int
    size: int

    def as_dict(self) -> dict:
        data = {k: getattr(self, k) for k in self.__slots__}  # type: ignore[attr-defined]
        data["path"] = str(self.path)
        return data
