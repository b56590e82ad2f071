"""Checking a bundle's tables together before anything is written: keys, references (to the
bundle or to this database), content hashes against the answers, the manifest against the
tables, and every answer against its form's question types."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Container, Iterable, Iterator, Protocol

from fieldapp.errors import BundleError
from fieldapp.store.orgs import ORG_TYPES
from fieldapp.store.contenthash import content_hash
from fieldapp.sync import tables as T
from fieldapp.sync.manifest import Manifest

_SHA = re.compile(r"^[0-9a-f]{64}$")
_ID = re.compile(r"^[\w.-]{1,64}$")
_UUID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._:-]{0,127}$")
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


class Known(Protocol):
    """What this database already holds, as far as a bundle's references need it."""

    def has_org(self, org_id: str) -> bool: ...
    def has_round(self, round_id: str) -> bool: ...
    def form_sha(self, form_id: str, version: str) -> str | None: ...
    def has_attachment(self, sha256: str) -> bool: ...


class AnswerChecker(Protocol):
    """Checks an answer against its form version; returns why it does not fit, or None."""

    def problem(self, form_id: str, version: str, path: str, value: str) -> str | None: ...


@dataclass(slots=True)
class Content:
    """A bundle's tables, checked, grouped for the writer.

    :ivar audit: the audit rows, read and checked only as the writer takes them (the largest
        table: a row per answer given and per action, which nothing needs all at once)
    """

    path: Path
    manifest: Manifest
    orgs: list[tuple] = field(default_factory=list)
    rounds: list[tuple] = field(default_factory=list)
    forms: list[tuple] = field(default_factory=list)
    submissions: list[tuple] = field(default_factory=list)
    answers: dict[str, dict[str, str]] = field(default_factory=dict)
    revisions: dict[str, list[tuple]] = field(default_factory=dict)
    audit: Iterable[tuple] = ()
    attachments: list[tuple] = field(default_factory=list)
    links: dict[str, list[tuple]] = field(default_factory=dict)


class _Check:
    """Raises coded errors naming the member, line and column of the rows it checks."""

    def __init__(self, path: Path, table: T.Table) -> None:
        self.path = path
        self.table = table

    def fail(self, index: int, column: str | None, code: str, **context: object) -> BundleError:
        return BundleError(code, path=self.path, member=self.table.member, line=index + 2,
                           column=column, **context)

    def value(self, index: int, column: str, value: object, ok: bool, detail: str) -> None:
        if not ok:
            raise self.fail(index, column, "BUNDLE_022", value=str(value)[:80], detail=detail)

    def unique(self, rows: list[tuple], key: tuple[int, ...], column: str) -> None:
        seen: dict[tuple, int] = {}
        for i, row in enumerate(rows):
            k = tuple(row[j] for j in key)
            if k in seen:
                raise self.fail(i, column, "BUNDLE_027", value=" ".join(map(str, k)),
                                first=seen[k] + 2)
            seen[k] = i


def _check_orgs(path: Path, rows: list[tuple]) -> None:
    check = _Check(path, T.ORGANIZATIONS)
    check.unique(rows, (0,), "id")
    for i, row in enumerate(rows):
        check.value(i, "id", row[0], bool(_ID.match(row[0])), "an id")
        check.value(i, "name", row[1], bool(row[1].strip()), "a name")
        check.value(i, "type", row[2], row[2] in ORG_TYPES, ", ".join(ORG_TYPES))
        check.value(i, "country", row[3], len(row[3]) == 2 and row[3].isalpha(), "ISO code")
        for j in (6, 7, 8, 11):
            check.value(i, T.ORGANIZATIONS.columns[j][0], row[j], row[j] is None or row[j] >= 0,
                        "0 or more")
        for j in (9, 10):
            check.value(i, T.ORGANIZATIONS.columns[j][0], row[j], bool(_STAMP.match(row[j])),
                        "a UTC time")


def _check_rounds(path: Path, rows: list[tuple]) -> None:
    check = _Check(path, T.ROUNDS)
    check.unique(rows, (0,), "id")
    for i, row in enumerate(rows):
        check.value(i, "id", row[0], bool(_ID.match(row[0])), "an id")
        check.value(i, "name", row[1], bool(row[1].strip()), "a name")
        check.value(i, "year", row[2], 1900 <= row[2] <= 2999, "a year")
        check.value(i, "is_baseline", row[3], row[3] in (0, 1), "0 or 1")
    baselines = [i for i, row in enumerate(rows) if row[3]]
    if len(baselines) > 1:
        check.value(baselines[1], "is_baseline", 1, False, "only one baseline")


def _check_forms(path: Path, rows: list[tuple], manifest: Manifest, known: Known) -> None:
    check = _Check(path, T.FORMS)
    check.unique(rows, (0, 1), "version")
    for i, row in enumerate(rows):
        form_id, version, _title, sha, file_name, _added, builtin, member = row
        check.value(i, "form_id", form_id, bool(form_id.strip()), "a form id")
        check.value(i, "version", version, bool(version.strip()), "a version")
        check.value(i, "sha256", sha, bool(_SHA.match(sha)), "a SHA-256")
        check.value(i, "builtin", builtin, builtin in (0, 1), "0 or 1")
        entry = manifest.files.get(member)
        check.value(i, "workbook", member,
                    member == T.workbook_member(sha, file_name) and entry is not None
                    and entry.sha256 == sha, "the workbook file of this form")
        local = known.form_sha(form_id, version)
        if local is not None and local != sha:
            raise check.fail(i, "sha256", "BUNDLE_026", form_id=form_id, version=version)


def _check_submissions(content: Content, known: Known) -> None:
    path, rows = content.path, content.submissions
    check = _Check(path, T.SUBMISSIONS)
    check.unique(rows, (0,), "uuid")
    orgs = {r[0] for r in content.orgs}
    rounds = {r[0] for r in content.rounds}
    forms = {(r[0], r[1]) for r in content.forms}
    for i, row in enumerate(rows):
        uuid, form_id, version, org_id, round_id = row[:5]
        check.value(i, "uuid", uuid, bool(_UUID.match(uuid)), "a UUID")
        check.value(i, "status", row[6], row[6] in ("draft", "final"), "draft or final")
        check.value(i, "revision", row[12], row[12] >= 1, "1 or more")
        check.value(i, "content_hash", row[13], bool(_SHA.match(row[13])), "a SHA-256")
        check.value(i, "deleted", row[16], row[16] in (0, 1), "0 or 1")
        check.value(i, "device_id", row[10], bool(row[10].strip()), "a device id")
        for j in (7, 8):
            check.value(i, T.SUBMISSIONS.columns[j][0], row[j], bool(_STAMP.match(row[j])),
                        "a UTC time")
        if org_id not in orgs and not known.has_org(org_id):
            raise check.fail(i, "org_id", "BUNDLE_023", what="organization", value=org_id)
        if round_id not in rounds and not known.has_round(round_id):
            raise check.fail(i, "round_id", "BUNDLE_023", what="round", value=round_id)
        if (form_id, version) not in forms and known.form_sha(form_id, version) is None:
            raise check.fail(i, "form_version", "BUNDLE_023", what="form version",
                             value=f"{form_id} {version}")


def _group(path: Path, table: T.Table, rows: list[tuple], uuids: set[str]) -> dict[str, list]:
    check = _Check(path, table)
    grouped: dict[str, list] = {}
    for i, row in enumerate(rows):
        if row[0] not in uuids:
            raise check.fail(i, "uuid", "BUNDLE_023", what="submission", value=row[0])
        grouped.setdefault(row[0], []).append(row)
    return grouped


def checked_audit(path: Path, uuids: Container[str], rows: Iterable[tuple]
                  ) -> Iterator[tuple]:
    """The audit rows, each checked to belong to a submission of the bundle (``uuids``) as
    it passes."""
    check = _Check(path, T.AUDIT)
    for i, row in enumerate(rows):
        if row[0] not in uuids:
            raise check.fail(i, "uuid", "BUNDLE_023", what="submission", value=row[0])
        yield row


def _check_answers(content: Content, rows: Iterable[tuple], checker: AnswerChecker) -> None:
    check = _Check(content.path, T.ANSWERS)
    forms = {r[0]: (r[1], r[2]) for r in content.submissions}
    answers = content.answers
    for uuid in forms:
        answers[uuid] = {}
    for i, (uuid, path, value) in enumerate(rows):
        mine = answers.get(uuid)
        if mine is None:
            raise check.fail(i, "uuid", "BUNDLE_023", what="submission", value=uuid)
        if not path or "=" in path or "\n" in path or "\r" in path:
            check.value(i, "path", path, False, "an answer path")
        if path in mine:
            raise check.fail(i, "path", "BUNDLE_027", value=f"{uuid} {path}", first="?")
        form_id, version = forms[uuid]
        problem = checker.problem(form_id, version, path, value)
        if problem is not None:
            raise BundleError("BUNDLE_025", path=content.path, member=T.ANSWERS.member,
                              line=i + 2, column="value", field=path, form_id=form_id,
                              version=version, detail=problem)
        mine[path] = value


def _check_hashes(content: Content) -> None:
    check = _Check(content.path, T.SUBMISSIONS)
    declared = {s.uuid: (s.revision, s.content_hash) for s in content.manifest.submissions}
    if len(declared) != len(content.manifest.submissions) or set(declared) != {
            r[0] for r in content.submissions}:
        extra = set(declared) ^ {r[0] for r in content.submissions}
        raise BundleError("BUNDLE_028", path=content.path, member=T.SUBMISSIONS.member,
                          uuid=next(iter(sorted(extra)), "?"))
    for i, row in enumerate(content.submissions):
        uuid, revision, digest = row[0], row[12], row[13]
        if declared[uuid] != (revision, digest):
            raise check.fail(i, "revision", "BUNDLE_028", uuid=uuid)
        if content_hash(content.answers[uuid]) != digest:
            raise check.fail(i, "content_hash", "BUNDLE_024", uuid=uuid)
        history = content.revisions.get(uuid, [])
        if not any(h[1] == revision and h[2] == digest and h[6] == T.MAIN for h in history):
            raise check.fail(i, "revision", "BUNDLE_028", uuid=uuid)
        if any(h[6] == T.MAIN and h[1] > revision for h in history):
            raise check.fail(i, "revision", "BUNDLE_028", uuid=uuid)


def _check_revisions(content: Content, rows: list[tuple]) -> None:
    check = _Check(content.path, T.REVISIONS)
    check.unique(rows, (0, 1, 2, 6), "revision")
    main_keys: dict[tuple, int] = {}
    for i, row in enumerate(rows):
        check.value(i, "revision", row[1], row[1] >= 1, "1 or more")
        check.value(i, "content_hash", row[2], bool(_SHA.match(row[2])), "a SHA-256")
        check.value(i, "line", row[6], row[6] in (T.MAIN, T.MERGED), "main or merged")
        if row[6] == T.MAIN:
            key = (row[0], row[1])
            if key in main_keys:
                raise check.fail(i, "revision", "BUNDLE_027", value=f"{row[0]} {row[1]}",
                                 first=main_keys[key] + 2)
            main_keys[key] = i


def _check_attachments(content: Content, known: Known) -> None:
    check = _Check(content.path, T.ATTACHMENTS)
    check.unique(content.attachments, (0,), "sha256")
    shas = set()
    for i, row in enumerate(content.attachments):
        sha, _mime, size, _added, member = row
        entry = content.manifest.files.get(member)
        check.value(i, "file", member, member == T.attachment_member(sha) and entry is not None
                    and entry.sha256 == sha and entry.size == size, "the file of this row")
        shas.add(sha)
    links = _Check(content.path, T.SUBMISSION_ATTACHMENTS)
    index = 0
    for uuid, rows in content.links.items():
        names = set()
        for row in rows:
            if row[3] not in shas and not known.has_attachment(row[3]):
                raise links.fail(index, "sha256", "BUNDLE_023", what="file", value=row[3])
            if row[1] in names or not row[1]:
                raise links.fail(index, "file_name", "BUNDLE_027", value=row[1], first="?")
            names.add(row[1])
            index += 1


def validate(content: Content, raw: dict[str, Iterable[tuple]], known: Known,
             checker: AnswerChecker) -> Content:
    """Check the tables read from a bundle and group them into ``content``.

    :param raw: rows per member name, as read: lists, but the answers may come one by one
        (they are checked as they pass) and the audit rows are left to the writer, checked
        as it takes them (``content.audit``)
    :raises BundleError: the first problem, naming member, line and column
    """
    path = content.path
    content.orgs = raw.get(T.ORGANIZATIONS.member, [])
    content.rounds = raw.get(T.ROUNDS.member, [])
    content.forms = raw.get(T.FORMS.member, [])
    _check_orgs(path, content.orgs)
    _check_rounds(path, content.rounds)
    _check_forms(path, content.forms, content.manifest, known)
    if T.SUBMISSIONS.member not in raw:
        return content
    content.submissions = raw[T.SUBMISSIONS.member]
    _check_submissions(content, known)
    uuids = {r[0] for r in content.submissions}
    _check_revisions(content, raw[T.REVISIONS.member])
    content.revisions = _group(path, T.REVISIONS, raw[T.REVISIONS.member], uuids)
    content.attachments = raw[T.ATTACHMENTS.member]
    content.links = _group(path, T.SUBMISSION_ATTACHMENTS, raw[T.SUBMISSION_ATTACHMENTS.member],
                           uuids)
    _check_attachments(content, known)
    _check_answers(content, raw[T.ANSWERS.member], checker)
    _check_hashes(content)
    # (not given ``content`` itself: a generator held by what it holds is a reference cycle,
    # and the bundle's rows would wait for the garbage collector after the import)
    content.audit = checked_audit(path, content.answers, raw[T.AUDIT.member])
    return content
