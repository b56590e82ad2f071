"""The content hash of a submission's answers, updated in O(1) per changed answer.

Definition (schema version 2 on; sync compares these across laptops, so never change it
without a migration that recomputes every stored hash, as ``db/0002_content_hash_sum.sql``
does)::

    entry(path, value) = SHA-256 of the UTF-8 bytes of  path + "=" + value ,
                         read as a 256-bit big-endian unsigned integer
    content_hash       = (sum of entry(path, value) over every stored answer) mod 2**256,
                         written as 64 lower-case hexadecimal digits

- Paths never contain ``=`` (``submissions._check_path`` refuses them), so ``path=value``
  reads back one way only and every answer is hashed on its own: no escaping needed.
- The sum does not depend on the order answers were written, stored or read; it uses no
  key, salt, locale or platform detail, so every machine computes the same hash.
- Equal answers give equal hashes; different answers give different hashes except by a
  SHA-256-sized accident. (A sum of hashes is not built to stop someone *crafting* answers
  that collide, as a bundle signature would; it tells copies of one submission apart.)
- No answers at all hash to 64 zeros.
- One changed answer: subtract ``entry(path, old)``, add ``entry(path, new)`` — the stored
  hash is the running sum itself, so an autosave needs neither the other answers nor a
  second column.
"""

from __future__ import annotations

import hashlib
import sqlite3
from typing import Iterable, Mapping

MODULUS = 1 << 256


def entry(path: str, value: str) -> int:
    """The hash of one answer, as an integer."""
    return int.from_bytes(hashlib.sha256(f"{path}={value}".encode("utf-8")).digest(), "big")


def _hex(total: int) -> str:
    return f"{total % MODULUS:064x}"


def content_hash(answers: Mapping[str, str]) -> str:
    """The content hash of ``{path: value}``."""
    return _hex(sum(entry(path, value) for path, value in answers.items()))


def updated(digest: str, changes: Iterable[tuple[str, str | None, str | None]]) -> str:
    """``digest`` after ``(path, old, new)`` changes (None = no answer), without the rest."""
    total = int(digest, 16)
    for path, old, new in changes:
        if old is not None:
            total -= entry(path, old)
        if new is not None:
            total += entry(path, new)
    return _hex(total)


class _Answers:
    """SQL aggregate ``fieldapp_content_hash(path, value)`` over answer rows."""

    def __init__(self) -> None:
        self.total = 0

    def step(self, path: str, value: str) -> None:
        self.total += entry(path, value)

    def finalize(self) -> str:
        return _hex(self.total)


class _Replayed:
    """SQL aggregate ``fieldapp_replayed_hash(path, new, id)`` over audit rows: the hash of
    the answers they leave, each path taking the ``new`` of its latest row (NULL = gone)."""

    def __init__(self) -> None:
        self.latest: dict[str, tuple[int, str | None]] = {}

    def step(self, path: str, new: str | None, row_id: int) -> None:
        if path not in self.latest or self.latest[path][0] < row_id:
            self.latest[path] = (row_id, new)

    def finalize(self) -> str:
        return content_hash({p: v for p, (_i, v) in self.latest.items() if v is not None})


def register(conn: sqlite3.Connection) -> None:
    """Make the hash available to SQL (the migration that recomputes stored hashes)."""
    conn.create_aggregate("fieldapp_content_hash", 2, _Answers)
    conn.create_aggregate("fieldapp_replayed_hash", 3, _Replayed)
