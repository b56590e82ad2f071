"""The rules that decide what an arriving copy of a submission is, by revision history.

A copy's *ancestry* is every (revision, content hash) it went through, its own revisions and
those a conflict resolution folded in. Against a copy already here, an arriving copy is:

- ``same``: the same revision and hash, or the same content reached apart — nothing to do;
- ``older``: its head is in the local ancestry — nothing to do;
- ``newer``: the local head is in its ancestry — it replaces the local copy, history kept;
- ``conflict``: neither — both are kept until a person decides.

The copies of a submission that no other copy descends from are its *heads*. One head lives
in ``submissions`` (the one reports count): the most recently edited, so the result does not
depend on the order bundles arrive in; the others wait in ``conflicts``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

SAME, OLDER, NEWER, CONFLICT = "same", "older", "newer", "conflict"
MAIN, MERGED = "main", "merged"


@dataclass(slots=True)
class Copy:
    """One copy of a submission: its record, answers, history and attached files.

    :ivar history: (revision, content_hash, at, device_id, action, line) rows
    :ivar links: submission_attachments rows without the uuid
    """

    record: dict
    answers: dict[str, str] = field(default_factory=dict)
    history: list[tuple] = field(default_factory=list)
    links: list[tuple] = field(default_factory=list)

    @property
    def uuid(self) -> str:
        return self.record["uuid"]

    @property
    def head(self) -> tuple[int, str]:
        return (self.record["revision"], self.record["content_hash"])

    def ancestry(self) -> set[tuple[int, str]]:
        return {(h[0], h[1]) for h in self.history} | {self.head}

    def rank(self) -> tuple:
        """The order that picks the head shown in reports: latest edit, then hash."""
        return (self.record["updated_at"], self.record["content_hash"], self.record["revision"])


def conflict_id(copy: Copy) -> str:
    """A short id for the conflict a copy is kept for, the same on every laptop."""
    key = f"{copy.uuid}|{copy.record['revision']}|{copy.record['content_hash']}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]


def compare(local: tuple[int, str], local_ancestry: set, incoming: tuple[int, str],
            incoming_ancestry: set) -> str:
    """What the incoming head is to the local one: same, older, newer or conflict."""
    if incoming == local:
        return SAME
    if incoming in local_ancestry:
        return OLDER
    if local in incoming_ancestry:
        return NEWER
    if incoming[1] == local[1]:
        return SAME
    return CONFLICT


def fold_in(winner: Copy, losers: list[Copy]) -> None:
    """Keep the ancestry of the copies ``winner`` replaces, as merged revisions."""
    have = {(h[0], h[1]) for h in winner.history}
    for loser in losers:
        for h in loser.history:
            if (h[0], h[1]) not in have:
                winner.history.append((h[0], h[1], h[2], h[3], h[4], MERGED))
                have.add((h[0], h[1]))


def merge(heads: list[Copy], incoming: Copy) -> tuple[list[Copy], str]:
    """The heads after ``incoming`` arrives, and what it was: skipped, updated or conflict.

    The result is the same whatever order the copies arrive in.
    """
    mine = incoming.ancestry()
    replaced = []
    for head in heads:
        outcome = compare(head.head, head.ancestry(), incoming.head, mine)
        if outcome in (SAME, OLDER):
            return heads, "skipped"
        if outcome == NEWER:
            replaced.append(head)
    fold_in(incoming, replaced)
    kept = [h for h in heads if h not in replaced] + [incoming]
    return kept, ("updated" if replaced else "conflict")


def main_of(heads: list[Copy]) -> Copy:
    """The head that lives in ``submissions``."""
    return max(heads, key=Copy.rank)
