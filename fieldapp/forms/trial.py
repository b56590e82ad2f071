"""Evaluating a form headlessly with a set of answers (``forms try``)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable, Mapping

from fieldapp.errors import AnswerError, FieldappError
from fieldapp.forms.model import Form, pick_text
from fieldapp.forms.pages import SHOWN
from fieldapp.forms.session import FormSession

MAX_ANSWERS_BYTES = 20 * 1024 * 1024  # answers of one submission: kilobytes, never megabytes
_INDEX = re.compile(r"^(.*?)\[(\d+)\]$")


def read_answers(path: Path) -> dict[str, object]:
    """The answers JSON object of ``path``.

    :raises FieldappError: if the file cannot be read or is not a JSON object.
    """
    try:
        size = Path(path).stat().st_size
        if size > MAX_ANSWERS_BYTES:
            raise FieldappError("LIMIT_006", path=str(path), size=f"{size / 1024 / 1024:.0f}",
                                limit=f"{MAX_ANSWERS_BYTES / 1024 / 1024:.0f}")
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FieldappError("INPUT_001", path=str(path), detail=str(exc)) from None
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise FieldappError("INPUT_002", path=str(path), line=exc.lineno, detail=exc.msg) from None
    except RecursionError:  # [[[[…]]]] nested deeper than Python's stack
        raise FieldappError("INPUT_002", path=str(path),
                            detail="nested too deeply; answers are {field: answer}") from None
    except _DuplicateKey as exc:
        raise FieldappError("INPUT_003", path=str(path), field=exc.key) from None
    if not isinstance(data, dict):
        raise FieldappError("INPUT_002", path=str(path), detail="expected an object {field: answer}")
    for key, value in data.items():
        if any(isinstance(v, bool) for v in (value if isinstance(value, list) else [value])):
            # true/false has no single meaning across question types (1? yes? OK?)
            raise FieldappError("INPUT_004", path=str(path), field=key,
                                value=json.dumps(value))
    return data


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object whose keys are all different (json keeps the last of a repeated key)."""
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def ensure_instances(session: FormSession, path: str) -> None:
    """Add repeat instances until every ``rep[n]`` step of ``path`` exists."""
    steps = path.strip("/").split("/")
    prefix = ""
    for step in steps[:-1] if not _INDEX.match(steps[-1]) else steps:
        match = _INDEX.match(step)
        if match:
            repeat_path = f"{prefix}/{match.group(1)}" if prefix else match.group(1)
            wanted = int(match.group(2))
            while session.repeat_count(repeat_path) < wanted:
                session.add_repeat(repeat_path)
        prefix = f"{prefix}/{step}" if prefix else step


def apply_answers(session: FormSession, answers: Mapping[str, object]) -> dict[str, str | None]:
    """Set every answer (creating first the repeat instances named in paths) in the order of
    the form, whatever the order of ``answers``: a city is set after its state, so its
    choice filter sees the state. Returns the writes.

    :raises FieldappError: at the first answer that does not fit (naming the field).
    """
    writes: dict[str, str | None] = {}
    indexed = [path for path in answers if "[" in path]
    if indexed:
        before = session.snapshot()
        for path in indexed:
            ensure_instances(session, path)
        after = session.snapshot()
        writes.update({k: v for k, v in after.items() if before.get(k) != v})
    order = {id(e): i for i, e in enumerate(session.form.elements())}
    for path in sorted(answers, key=lambda p: _form_position(session.form, order, p)):
        writes.update(session.set(path, answers[path]).writes)
    return writes


def _form_position(form: Form, order: dict[int, int], path: str) -> tuple:
    """Where ``path`` (a field name, or a path with repeat indexes) comes in the form:
    step by step, the element's place and the instance number. Unknown paths come last, in
    the order given, so their error is the one reported."""
    steps = path.strip("/").split("/")
    if len(steps) == 1 and "[" not in path:
        element = next((e for e in form.elements() if e.name == path), None)
        return ((order[id(element)], 0),) if element is not None else ((len(order), 0),)
    key = []
    prefix = ""
    for step in steps:
        match = _INDEX.match(step)
        name, index = (match.group(1), int(match.group(2))) if match else (step, 0)
        prefix = f"{prefix}/{name}" if prefix else name
        element = form.find(prefix)
        if element is None:
            return ((len(order), 0),)
        key.append((order[id(element)], index))
    return tuple(key)


def check_constraints(session: FormSession, paths: Iterable[str]) -> None:
    """Refuse answers that break their question's constraint.

    :raises AnswerError: naming the first such field, its value and the form's message.
    """
    for path in paths:
        state = session.state(path)
        if state.relevant and state.value != "" and not state.valid:
            raise AnswerError("ANS_014", field=state.path, value=state.value, detail=state.message)


def run_trial(form: Form, answers: Mapping[str, object], *, lang: str | None = None) -> dict:
    """Fill ``form`` with ``answers`` and report every field's state and the scores."""
    session = FormSession(form, lang=lang)
    apply_answers(session, answers)
    fields = []
    for node in session.root.walk():
        question = node.element
        if not hasattr(question, "capture"):
            continue
        state = session.state(node.path)
        fields.append({
            "path": node.path, "type": question.type, "relevant": state.relevant,
            "required": state.required, "valid": state.valid, "value": node.value(),
            "message": state.message, "shown": question.capture in SHOWN,
        })
    scores = []
    if form.scores:
        results = session.scores()
        for name, score in results.scores.items():
            band_label = pick_text(form.band_labels.get(score.band or ""), lang,
                                   form.default_language) or score.band
            scores.append({"name": name, "value": score.value, "status": score.status,
                           "band": score.band, "band_label": band_label,
                           "label": pick_text(score.label, lang, form.default_language)})
    problems = [{"path": p.path, "kind": p.kind, "message": p.message} for p in session.validate()]
    errors = [{"path": key.partition("#")[0], "column": key.partition("#")[2], "message": text}
              for key, text in session.errors.items()]
    return {"form_id": form.form_id, "version": form.version, "fields": fields,
            "scores": scores, "problems": problems, "errors": errors,
            "instance_name": session.instance_name()}
