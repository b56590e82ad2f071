"""Opening a bundle's zip without trusting it: safe names, no links, bounded member count,
sizes and expansion ratio; every member read back against its declared size and SHA-256."""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import struct
import zipfile
import zlib
from pathlib import Path
from typing import IO, Iterator

from fieldapp.errors import BundleError
from fieldapp.sync.manifest import FileEntry

MAX_MEMBERS = 20_000  # ten tables plus the workbooks and photos of a field week
MAX_MEMBER_SIZE = 1 << 30  # 1 GiB expanded: a long video is already more than a bundle needs
MAX_TOTAL_SIZE = 4 << 30
MAX_RATIO = 200  # CSV packs 5–20×; a zip bomb packs ~1000×
RATIO_FROM = 1 << 20  # small members may pack well (an empty table); only large ones count
MAX_MANIFEST = 64 << 20
CHUNK = 1 << 20

_DRIVE = re.compile(r"^[A-Za-z]:")
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                RuntimeError, ValueError)


def safe_name(name: str) -> bool:
    """Whether a member name stays inside the bundle: relative, no ``..``, no backslash."""
    if not name or "\x00" in name or "\\" in name or name.startswith("/") or _DRIVE.match(name):
        return False
    parts = name.split("/")
    return all(part not in ("", ".", "..") for part in parts)


def _declared_count(path: Path) -> int | None:
    """The member count in the end-of-central-directory record, read before zipfile loads
    the whole directory (a million-member file must not cost a million objects first)."""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            tail = min(size, 65536 + 22)
            fh.seek(size - tail)
            data = fh.read(tail)
    except OSError:
        return None
    at = data.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(data):
        return None
    count = struct.unpack("<H", data[at + 10:at + 12])[0]
    return None if count == 0xFFFF else count


class Archive:
    """A bundle zip opened for reading, its members checked for safety on opening.

    :raises BundleError: BUNDLE_001 … BUNDLE_006, naming the bundle and the member
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.checked: set[str] = set()  # members read through against the manifest
        self.with_nul: set[str] = set()  # checked members holding a NUL byte
        self._streams: list[IO[str]] = []  # members handed out as text, closed with the zip
        count = _declared_count(self.path)
        if count is not None and count > MAX_MEMBERS:
            raise BundleError("BUNDLE_004", path=self.path, count=count, limit=MAX_MEMBERS)
        try:
            self._zip = zipfile.ZipFile(self.path)
        except READ_ERRORS as exc:
            raise BundleError("BUNDLE_001", path=self.path,
                              detail=str(exc) or type(exc).__name__) from exc
        try:
            self.members = self._check_members()
        except BaseException:
            self._zip.close()
            raise

    def _check_members(self) -> dict[str, zipfile.ZipInfo]:
        infos = self._zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise BundleError("BUNDLE_004", path=self.path, count=len(infos), limit=MAX_MEMBERS)
        members: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            name = info.filename
            if not safe_name(name):
                raise BundleError("BUNDLE_002", path=self.path, member=name)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode) or info.is_dir():
                raise BundleError("BUNDLE_003", path=self.path, member=name)
            if info.flag_bits & 0x1:
                raise BundleError("BUNDLE_001", path=self.path, member=name, detail="encrypted")
            if name in members:
                raise BundleError("BUNDLE_014", path=self.path, member=name)
            if info.file_size > MAX_MEMBER_SIZE:
                raise BundleError("BUNDLE_005", path=self.path, member=name,
                                  size=info.file_size, limit=MAX_MEMBER_SIZE)
            packed = max(info.compress_size, 1)
            if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * packed:
                raise BundleError("BUNDLE_006", path=self.path, member=name,
                                  ratio=info.file_size // max(info.compress_size, 1))
            total += info.file_size
            if total > MAX_TOTAL_SIZE:
                raise BundleError("BUNDLE_005", path=self.path, member=name, size=total,
                                  limit=MAX_TOTAL_SIZE)
            members[name] = info
        return members

    def close(self) -> None:
        # a table read row by row may be left halfway by an error elsewhere: its member
        # is closed here, with the archive, not whenever the garbage collector gets to it
        for stream in self._streams:
            stream.close()
        self._streams.clear()
        self._zip.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def chunks(self, name: str) -> Iterator[bytes]:
        """The bytes of a member in chunks, never more than its declared size.

        :raises BundleError: BUNDLE_013 if missing, BUNDLE_015 if damaged
        """
        info = self.members.get(name)
        if info is None:
            raise BundleError("BUNDLE_013", path=self.path, member=name)
        seen = 0
        try:
            with self._zip.open(info) as fh:
                while True:
                    chunk = fh.read(CHUNK)
                    if not chunk:
                        break
                    seen += len(chunk)
                    if seen > info.file_size:
                        raise BundleError("BUNDLE_015", path=self.path, member=name)
                    yield chunk
        except BundleError:
            raise
        except READ_ERRORS as exc:
            raise BundleError("BUNDLE_015", path=self.path, member=name) from exc
        if seen != info.file_size:
            raise BundleError("BUNDLE_015", path=self.path, member=name)

    def read(self, name: str, limit: int = MAX_MEMBER_SIZE) -> bytes:
        """A whole member (at most ``limit`` bytes)."""
        info = self.members.get(name)
        if info is None:
            raise BundleError("BUNDLE_013", path=self.path, member=name)
        if info.file_size > limit:
            raise BundleError("BUNDLE_005", path=self.path, member=name, size=info.file_size,
                              limit=limit)
        return b"".join(self.chunks(name))

    def check(self, name: str, entry: FileEntry) -> None:
        """Check a member against the manifest's size and SHA-256 (reading it through).

        :raises BundleError: BUNDLE_013 if missing, BUNDLE_015 if it does not match
        """
        info = self.members.get(name)
        if info is None:
            raise BundleError("BUNDLE_013", path=self.path, member=name)
        if info.file_size != entry.size:
            raise BundleError("BUNDLE_015", path=self.path, member=name)
        digest = hashlib.sha256()
        nul = False
        for chunk in self.chunks(name):
            digest.update(chunk)
            nul = nul or b"\x00" in chunk
        if nul:  # text never holds one: the reader finds its line and column
            self.with_nul.add(name)
        self.checked.add(name)
        if digest.hexdigest() != entry.sha256:
            raise BundleError("BUNDLE_015", path=self.path, member=name)

    def text(self, name: str) -> IO[str]:
        """A member as streamed text for the CSV reader (UTF-8 with or without BOM); zipfile
        stops at the declared size, which ``check`` compared with the manifest."""
        info = self.members.get(name)
        if info is None:
            raise BundleError("BUNDLE_013", path=self.path, member=name)
        try:
            raw = self._zip.open(info)
        except READ_ERRORS as exc:
            raise BundleError("BUNDLE_015", path=self.path, member=name) from exc
        stream = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")
        self._streams.append(stream)
        return stream
