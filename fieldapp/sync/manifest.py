"""The manifest of a bundle: what it is, who made it, what it holds (every submission's
revision and content hash, every file's size and SHA-256); signed as its exact bytes."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from fieldapp.errors import BundleError

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
FIELD = "field"
SETUP = "setup"
KINDS = (FIELD, SETUP)

_SHA = re.compile(r"^[0-9a-f]{64}$")
_UUID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._:-]{0,127}$")


@dataclass(slots=True)
class FileEntry:
    """A member file as the manifest declares it."""

    size: int
    sha256: str


@dataclass(slots=True)
class SubmissionEntry:
    """A submission as the manifest declares it."""

    uuid: str
    revision: int
    content_hash: str


@dataclass(slots=True)
class Manifest:
    """The parsed ``manifest.json``."""

    bundle_uuid: str
    kind: str
    device_id: str
    technician: str
    created_at: str
    app_version: str
    public_key: str
    format: int = FORMAT_VERSION
    submissions: list[SubmissionEntry] = field(default_factory=list)
    files: dict[str, FileEntry] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        """The canonical JSON bytes (these bytes are what is signed)."""
        data = {
            "format": self.format,
            "bundle_uuid": self.bundle_uuid,
            "kind": self.kind,
            "app_version": self.app_version,
            "device_id": self.device_id,
            "technician": self.technician,
            "created_at": self.created_at,
            "public_key": self.public_key,
            "submissions": [
                {"uuid": s.uuid, "revision": s.revision, "content_hash": s.content_hash}
                for s in self.submissions
            ],
            "files": {
                name: {"size": f.size, "sha256": f.sha256}
                for name, f in sorted(self.files.items())
            },
        }
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False).encode("utf-8")


def _bad(detail: str) -> BundleError:
    return BundleError("BUNDLE_007", member=MANIFEST, detail=detail)


def _text(data: dict, key: str, *, empty: bool = False) -> str:
    value = data.get(key)
    if not isinstance(value, str) or (not empty and not value.strip()) or len(value) > 1000:
        raise _bad(f"'{key}' is missing or not text")
    return value


def _int(value: object, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _bad(f"'{key}' is not a whole number")
    return value


def parse(raw: bytes) -> Manifest:
    """The manifest in ``raw``; the format version is checked first, so a newer bundle is
    named as such rather than as damaged.

    :raises BundleError: BUNDLE_007 if it is not a valid manifest, BUNDLE_008 if newer
    """
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _bad(str(exc)) from exc
    if not isinstance(data, dict):
        raise _bad("not a JSON object")
    version = _int(data.get("format"), "format")
    if version > FORMAT_VERSION:
        raise BundleError("BUNDLE_008", member=MANIFEST, found=version, known=FORMAT_VERSION)
    if version < 1:
        raise _bad("'format' is not a version")
    kind = _text(data, "kind")
    if kind not in KINDS:
        raise _bad(f"unknown kind '{kind}'")
    manifest = Manifest(
        format=version,
        bundle_uuid=_text(data, "bundle_uuid"),
        kind=kind,
        device_id=_text(data, "device_id"),
        technician=_text(data, "technician", empty=True),
        created_at=_text(data, "created_at"),
        app_version=_text(data, "app_version"),
        public_key=_text(data, "public_key"),
    )
    subs = data.get("submissions")
    files = data.get("files")
    if not isinstance(subs, list) or not isinstance(files, dict):
        raise _bad("'submissions' or 'files' is missing")
    for item in subs:
        if not isinstance(item, dict):
            raise _bad("a submission entry is not an object")
        uuid = item.get("uuid")
        digest = item.get("content_hash")
        if not isinstance(uuid, str) or not _UUID.match(uuid):
            raise _bad(f"'{uuid}' is not a submission UUID")
        if not isinstance(digest, str) or not _SHA.match(digest):
            raise _bad(f"the content hash of {uuid} is not a SHA-256")
        revision = _int(item.get("revision"), "revision")
        manifest.submissions.append(SubmissionEntry(uuid, revision, digest))
    for name, entry in files.items():
        if not isinstance(entry, dict):
            raise _bad(f"the entry of '{name}' is not an object")
        digest = entry.get("sha256")
        if not isinstance(digest, str) or not _SHA.match(digest):
            raise _bad(f"the SHA-256 of '{name}' is not valid")
        manifest.files[name] = FileEntry(_int(entry.get("size"), "size"), digest)
    return manifest
