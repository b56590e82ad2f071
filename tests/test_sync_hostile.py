"""Hostile or broken bundles: each refused with a coded error naming where, and the
coordinator's database byte-for-byte what it was (a full dump before and after)."""

from __future__ import annotations

import json
import random
import string
import zipfile

import pytest

from fieldapp.store import submissions as subs
from fieldapp.store.contenthash import content_hash
from fieldapp.sync import ImportOptions, import_bundle
from fieldapp.sync.archive import MAX_MEMBERS
from fieldapp.sync.results import IMPORTED, REFUSED
from fieldapp.sync.trust import revoke_device
from tests import bundlekit as kit
from tests.synclab import clone, coordinator, dump, export, fill, technician_from

TRUST = ImportOptions(trust=True)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    coord = coordinator(folder)
    setup = export(coord, folder / "setup", setup=True)
    tech = technician_from(setup, folder, "ana")
    fill(tech, 3)
    first = export(tech, folder / "first")
    assert import_bundle(coord, first, TRUST).status == IMPORTED
    fill(tech, 2, seed=5)
    good = export(tech, folder / "good")
    yield {"folder": folder, "coord": coord, "tech": tech, "good": good, "setup": setup}
    coord.close()
    tech.close()


def refused(lab, path, code, options=None, member=None):
    coord = lab["coord"]
    before = dump(coord)
    report = import_bundle(coord, path, options or TRUST)
    assert report.status == REFUSED, report
    assert report.error.code == code, (report.error.code, str(report.error))
    assert str(path) in str(report.error)
    if member is not None:
        assert report.error.context.get("member") == member, str(report.error)
    assert dump(coord) == before
    assert coord.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return report.error


def _path(lab, name):
    return lab["folder"] / name


def _answers_line(files):
    """An answer line of the new bundle (its value column last)."""
    return files["answers.csv"].splitlines()[5]


def test_the_good_bundle_imports(lab, tmp_path):
    # (into a copy, so the hostile cases below meet the database as it was)
    db = clone(lab["coord"], tmp_path / "copy.db")
    assert import_bundle(db, lab["good"], TRUST).added == 2
    db.close()


def test_truncated_zip(lab):
    data = lab["good"].read_bytes()
    path = _path(lab, "truncated.zip")
    path.write_bytes(data[: len(data) * 2 // 3])
    refused(lab, path, "BUNDLE_001")


def test_byte_flipped_in_a_csv(lab):
    files = kit.members(lab["good"])
    body = bytearray(files["answers.csv"])
    body[len(body) // 2] ^= 0x01
    files["answers.csv"] = bytes(body)
    refused(lab, kit.write(_path(lab, "flipped.zip"), files), "BUNDLE_015", member="answers.csv")


def test_checksum_edited_to_match_a_tampered_file(lab):
    files = kit.members(lab["good"])
    line = _answers_line(files)
    files = kit.csv_replace(files, "answers.csv", line, line[:-1] + b"9")
    # the manifest's checksums follow the tampered file, the signature is the old one
    tampered = kit.seal(files, kit.stranger(), claim_key=False)
    tampered["manifest.sig"] = files["manifest.sig"]
    refused(lab, kit.write(_path(lab, "checksum.zip"), tampered), "BUNDLE_009")


def test_forged_signature(lab):
    files = kit.members(lab["good"])
    forged = kit.seal(files, kit.stranger(), claim_key=False)
    refused(lab, kit.write(_path(lab, "forged.zip"), forged), "BUNDLE_009")


def test_known_device_with_another_key(lab):
    files = kit.members(lab["good"])
    impostor = kit.seal(files, kit.stranger())  # signed right, by another key
    refused(lab, kit.write(_path(lab, "impostor.zip"), impostor), "BUNDLE_010")


def test_member_missing(lab):
    files = kit.members(lab["good"])
    del files["revisions.csv"]
    refused(lab, kit.write(_path(lab, "missing.zip"), files), "BUNDLE_013",
            member="revisions.csv")


def test_extra_member(lab):
    files = kit.members(lab["good"])
    files["notes.txt"] = b"hello"
    refused(lab, kit.write(_path(lab, "extra.zip"), files), "BUNDLE_014", member="notes.txt")


@pytest.mark.parametrize("name", ["../../x", "/etc/x", "forms/../../x", "C:/x", "a\\..\\x"])
def test_paths_outside_the_bundle(lab, name):
    files = kit.members(lab["good"])
    files[name] = b"x"
    refused(lab, kit.write(_path(lab, "escape.zip"), files), "BUNDLE_002")


def test_symlink_member(lab):
    files = kit.members(lab["good"])
    path = kit.write(_path(lab, "link.zip"), files, links={"attachments/evil": "/etc/passwd"})
    refused(lab, path, "BUNDLE_003")


def test_zip_bomb_by_declared_size(lab):
    files = kit.members(lab["good"])
    path = kit.write(_path(lab, "huge.zip"), files)
    data = bytearray(path.read_bytes())
    # declare 5 GB for the first member in the central directory
    at = data.rfind(b"PK\x01\x02", 0)
    first = data.find(b"PK\x01\x02")
    data[first + 24:first + 28] = (5 << 30 & 0xFFFFFFFF | 0xF0000000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert at >= first
    refused(lab, path, "BUNDLE_005")


def test_zip_bomb_by_ratio(lab):
    files = kit.members(lab["good"])
    files["attachments/bomb"] = b"\0" * (50 << 20)
    refused(lab, kit.write(_path(lab, "ratio.zip"), files), "BUNDLE_006")


def test_a_hundred_thousand_members(lab):
    path = _path(lab, "many.zip")
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(100_000):
            zf.writestr(f"m{i}", b"")
    assert 100_000 > MAX_MEMBERS
    refused(lab, path, "BUNDLE_004")


def test_wrong_columns(lab):
    files = kit.members(lab["good"])
    renamed = kit.seal(kit.csv_replace(files, "answers.csv", b"uuid,path,value",
                                       b"uuid,path,valor"))
    error = refused(lab, kit.write(_path(lab, "columns.zip"), renamed), "BUNDLE_017",
                    member="answers.csv")
    assert error.context["line"] == 1 and error.context["column"] == "value"


def test_missing_column(lab):
    files = kit.members(lab["good"])
    body = files["rounds.csv"].decode("utf-8-sig").splitlines()
    cut = "\r\n".join(",".join(line.split(",")[:-1]) for line in body) + "\r\n"
    changed = kit.seal({**files, "rounds.csv": cut.encode("utf-8")})
    refused(lab, kit.write(_path(lab, "cut.zip"), changed), "BUNDLE_017", member="rounds.csv")


def test_wrong_encoding(lab):
    files = kit.members(lab["good"])
    body = files["organizations.csv"].decode("utf-8-sig").encode("latin-1")
    changed = kit.seal({**files, "organizations.csv": body})
    refused(lab, kit.write(_path(lab, "latin1.zip"), changed), "BUNDLE_019",
            member="organizations.csv")


def test_nul_bytes(lab):
    files = kit.members(lab["good"])
    line = _answers_line(files)
    changed = kit.seal(kit.csv_replace(files, "answers.csv", line, line[:-1] + b"\0"))
    error = refused(lab, kit.write(_path(lab, "nul.zip"), changed), "BUNDLE_020",
                    member="answers.csv")
    assert error.context["line"] == 6


def test_a_cell_of_ten_megabytes(lab):
    files = kit.members(lab["good"])
    rng = random.Random(1)
    big = "".join(rng.choice(string.ascii_letters) for _ in range(10 << 20)).encode()
    line = _answers_line(files)
    changed = kit.seal(kit.csv_replace(files, "answers.csv", line, line + b"x" + big))
    refused(lab, kit.write(_path(lab, "bigcell.zip"), changed), "BUNDLE_021",
            member="answers.csv")


def test_formula_like_answer_where_a_number_is_expected(lab):
    files = kit.members(lab["good"])
    text = files["answers.csv"].decode("utf-8-sig")
    line = next(l for l in text.splitlines() if ",perfil/personas_hogar," in l)
    uuid = line.split(",")[0]
    changed = kit.seal(kit.csv_replace(files, "answers.csv", line.encode(),
                                       f"{uuid},perfil/personas_hogar,=1+1".encode()))
    error = refused(lab, kit.write(_path(lab, "formula.zip"), changed), "BUNDLE_025",
                    member="answers.csv")
    assert error.context["field"] == "perfil/personas_hogar"


def test_newer_format_version(lab):
    files = kit.members(lab["good"])
    data = kit.manifest(files)
    data["format"] = 99
    refused(lab, kit.write(_path(lab, "newer.zip"), kit.seal(files, data=data)), "BUNDLE_008")


def test_unknown_device_without_trust(lab):
    files = kit.members(lab["good"])
    data = kit.manifest(files)
    data["device_id"] = "00000000-0000-4000-8000-000000000000"
    path = kit.write(_path(lab, "unknown.zip"), kit.seal(files, kit.stranger(), data=data))
    refused(lab, path, "BUNDLE_011", options=ImportOptions())


def test_setup_bundle_where_a_field_bundle_is_expected(lab):
    refused(lab, lab["setup"], "BUNDLE_016", options=ImportOptions(expect="field"))


def test_field_bundle_where_a_setup_bundle_is_expected(lab):
    refused(lab, lab["good"], "BUNDLE_016", options=ImportOptions(expect="setup"))


def test_answers_changed_and_resigned_by_the_laptop(lab):
    files = kit.members(lab["good"])
    line = next(l for l in files["answers.csv"].splitlines() if b",codigo," in l)
    changed = kit.seal(kit.csv_replace(files, "answers.csv", line, line + b"x"))
    refused(lab, kit.write(_path(lab, "rehash.zip"), changed), "BUNDLE_024",
            member="submissions.csv")


def test_answer_outside_the_form(lab):
    files = kit.members(lab["good"])
    text = files["answers.csv"].decode("utf-8-sig")
    line = next(l for l in text.splitlines() if ",perfil/genero," in l)
    uuid = line.split(",")[0]
    # a correct content hash, and still an answer the form cannot hold
    sub_line = next(l for l in files["submissions.csv"].decode().splitlines()
                    if l.startswith(uuid))
    answers = {}
    for l in text.splitlines()[1:]:
        parts = l.split(",", 2)
        if parts[0] == uuid:
            answers[parts[1]] = parts[2]
    answers["perfil/genero"] = "marciano"
    digest = content_hash(answers)
    old_hash = sub_line.split(",")[13]
    files = kit.csv_replace(files, "answers.csv", line.encode(),
                            f"{uuid},perfil/genero,marciano".encode())
    files = kit.csv_replace(files, "submissions.csv", old_hash.encode(), digest.encode())
    files = kit.csv_replace(files, "revisions.csv", old_hash.encode(), digest.encode(), 9)
    data = kit.manifest(files)
    for entry in data["submissions"]:
        if entry["uuid"] == uuid:
            entry["content_hash"] = digest
    error = refused(lab, kit.write(_path(lab, "outside.zip"), kit.seal(files, data=data)),
                    "BUNDLE_025", member="answers.csv")
    assert error.context["field"] == "perfil/genero" and error.context["column"] == "value"


def _audit_line(files):
    """The last audit line of the new bundle: the audit rows are read while the bundle is
    being written, so a refusal there must undo everything written before it."""
    return files["audit.csv"].rstrip(b"\r\n").splitlines()[-1]


def test_audit_row_of_a_submission_not_in_the_bundle(lab):
    files = kit.members(lab["good"])
    line = _audit_line(files)
    stranger = "00000000-0000-4000-8000-000000000000"
    changed = kit.seal(kit.csv_replace(files, "audit.csv", line,
                                       stranger.encode() + line[line.index(b","):]))
    error = refused(lab, kit.write(_path(lab, "audit-ref.zip"), changed), "BUNDLE_023",
                    member="audit.csv")
    assert error.context["value"] == stranger


def test_audit_row_with_a_word_for_a_revision(lab):
    files = kit.members(lab["good"])
    line = _audit_line(files)
    cells = line.split(b",")
    assert cells[8].isdigit(), line  # the revision column
    cells[8] = b"dos"
    changed = kit.seal(kit.csv_replace(files, "audit.csv", line, b",".join(cells)))
    error = refused(lab, kit.write(_path(lab, "audit-int.zip"), changed), "BUNDLE_022",
                    member="audit.csv")
    assert error.context["column"] == "revision"


def test_audit_table_with_a_wrong_header(lab):
    files = kit.members(lab["good"])
    changed = kit.seal(kit.csv_replace(files, "audit.csv", b"technician", b"tecnico"))
    refused(lab, kit.write(_path(lab, "audit-head.zip"), changed), "BUNDLE_017",
            member="audit.csv")


def test_not_json_manifest(lab):
    files = kit.members(lab["good"])
    files["manifest.json"] = b"{not json"
    refused(lab, kit.write(_path(lab, "manifest.zip"), files), "BUNDLE_007")


def test_revoked_device(lab, tmp_path):
    db = clone(lab["coord"], tmp_path / "copy.db")
    device = json.loads(kit.members(lab["good"])["manifest.json"])["device_id"]
    revoke_device(db, device)
    before = dump(db)
    report = import_bundle(db, lab["good"], TRUST)
    assert report.error.code == "BUNDLE_012" and dump(db) == before
    db.close()


def test_formula_like_text_is_kept_as_text(lab, tmp_path):
    """A formula-like answer in a text field is data: stored exactly, never evaluated."""
    from tests.synclab import edit

    tech = lab["tech"]
    uuid = subs.list_submissions(tech)[0].uuid
    edit(tech, uuid, {"codigo": '=HYPERLINK("http://x","y")'})
    bundle = export(tech, tmp_path / "formula")
    db = clone(lab["coord"], tmp_path / "copy.db")
    report = import_bundle(db, bundle, TRUST)
    assert report.status == IMPORTED, report.error
    assert subs.load_answers(db, uuid)["codigo"] == '=HYPERLINK("http://x","y")'
    db.close()
