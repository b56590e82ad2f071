"""The content hash sync compares: defined once, independent of write order, updated per
answer on autosave, and recomputed (with its history) by the schema-2 migration."""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

from fieldapp import paths
from fieldapp.store.contenthash import content_hash, updated
from fieldapp.store.database import open_db, schema_version
from fieldapp.store.formsreg import register_form
from fieldapp.store.rounds import add_round
from fieldapp.store.submissions import apply_writes, create_submission, get_submission, load_answers


def test_the_definition_written_in_the_docstring():
    answers = {"a": "1", "g/r[2]/b": "línea\nnueva"}
    expected = sum(int.from_bytes(hashlib.sha256(f"{p}={v}".encode()).digest(), "big")
                   for p, v in answers.items()) % 2**256
    assert content_hash(answers) == f"{expected:064x}"
    assert content_hash({}) == "0" * 64


def test_equal_content_equal_hash_whatever_the_order():
    rng = random.Random(7)
    answers = {f"g/r[{i}]/q{j}": str(rng.randint(0, 9)) for i in range(1, 20) for j in range(5)}
    items = list(answers.items())
    rng.shuffle(items)
    assert content_hash(dict(items)) == content_hash(answers)
    assert content_hash({"a": "1\nb=2"}) != content_hash({"a": "1", "b": "2"})
    assert content_hash({"a": ""}) != content_hash({})
    assert content_hash({"a": "1", "b": "2"}) != content_hash({"a": "2", "b": "1"})


def test_updated_equals_recomputed():
    rng = random.Random(11)
    answers: dict[str, str] = {}
    digest = content_hash(answers)
    for _i in range(300):
        path = f"p{rng.randint(0, 30)}"
        new = rng.choice([None, "x", "y", str(rng.random())])
        old = answers.get(path)
        if new is None:
            answers.pop(path, None)
        else:
            answers[path] = new
        digest = updated(digest, [(path, old, new)])
        assert digest == content_hash(answers)


def test_autosaves_keep_the_stored_hash_equal_to_the_answers(seeded_db):
    uuid = create_submission(seeded_db, form_id="f", form_version="1", org_id="C1",
                             round_id="R24", answers={"a": "1", "b": "2"})
    apply_writes(seeded_db, uuid, {"a": "3", "c": "4"})
    apply_writes(seeded_db, uuid, {"b": None, "c": "4"})
    sub = get_submission(seeded_db, uuid)
    assert sub.content_hash == content_hash(load_answers(seeded_db, uuid)) == \
        content_hash({"a": "3", "c": "4"})
    # written in another order on another laptop: the same content, the same hash
    other = create_submission(seeded_db, form_id="f", form_version="1", org_id="C1",
                              round_id="R24", answers={"c": "4"})
    apply_writes(seeded_db, other, {"a": "3"})
    assert get_submission(seeded_db, other).content_hash == sub.content_hash


def _old_hash(answers: dict[str, str]) -> str:
    """The schema-1 definition: SHA-256 of sorted ``path=value`` lines."""
    lines = "".join(f"{p}={v}\n" for p, v in sorted(answers.items()))
    return hashlib.sha256(lines.encode()).hexdigest()


def test_migration_recomputes_current_and_past_hashes(tmp_path: Path):
    """A schema-1 database (its hashes of the old kind) opened by this version: every stored
    hash, past revisions included, is what the new definition gives for that content."""
    only_first = tmp_path / "db1"
    only_first.mkdir()
    shutil.copy(paths.migrations_dir() / "0001_initial.sql", only_first)
    path = tmp_path / "old.db"
    db = open_db(path, migrations_folder=only_first)
    with db.conn:  # schema 1's columns (later schemas add some that today's code writes)
        db.conn.execute("INSERT INTO organizations (id, name, type, country, created_at,"
                        " updated_at) VALUES ('C1', 'Cooperativa Sol', 'cooperative', 'PE',"
                        " '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')")
    add_round(db, id="R24", name="2024", year=2024)
    register_form(db, form_id="f", version="1", workbook=b"wb", file_name="f.xlsx")
    history: dict[str, list[dict[str, str]]] = {}
    for n in range(3):
        content = {"a": str(n), "g/r[1]/b": "x"}
        uuid = create_submission(db, form_id="f", form_version="1", org_id="C1",
                                 round_id="R24", answers=content)
        history[uuid] = [dict(content)]
        for step in ({"a": "9"}, {"g/r[1]/b": None, "c": "línea\nnueva"}, {"a": None}):
            apply_writes(db, uuid, step)
            for key, value in step.items():
                if value is None:
                    content.pop(key)
                else:
                    content[key] = value
            history[uuid].append(dict(content))
    empty = create_submission(db, form_id="f", form_version="1", org_id="C1", round_id="R24")
    history[empty] = [{}]
    with db.conn:  # make the hashes what schema 1 stored
        for uuid, contents in history.items():
            for revision, content in enumerate(contents, start=1):
                db.conn.execute("UPDATE revisions SET content_hash = ? WHERE uuid = ? AND"
                                " revision = ?", (_old_hash(content), uuid, revision))
            db.conn.execute("UPDATE submissions SET content_hash = ?, prev_hash = ? WHERE uuid = ?",
                            (_old_hash(contents[-1]),
                             _old_hash(contents[-2]) if len(contents) > 1 else None, uuid))
    assert schema_version(db) == 1
    db.close()

    db = open_db(path)
    assert schema_version(db) >= 2
    for uuid, contents in history.items():
        sub = get_submission(db, uuid)
        assert sub.content_hash == content_hash(load_answers(db, uuid)) == content_hash(contents[-1])
        assert sub.prev_hash == (content_hash(contents[-2]) if len(contents) > 1 else None)
        stored = [h for (h,) in db.conn.execute(
            "SELECT content_hash FROM revisions WHERE uuid = ? ORDER BY revision", [uuid])]
        assert stored == [content_hash(c) for c in contents]
    # and autosaves go on from the recomputed hash
    uuid = next(iter(history))
    apply_writes(db, uuid, {"z": "1"})
    assert get_submission(db, uuid).content_hash == content_hash(load_answers(db, uuid))
    db.close()
