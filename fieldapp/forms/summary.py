"""A form described as data: what ``forms check``/``forms show`` print and the GUI lists."""

from __future__ import annotations

from fieldapp.forms.model import Form, Group, Question, pick_text


def summarize(form: Form) -> dict[str, object]:
    """Form id, version, languages and counts of questions, groups, repeats and choice lists."""
    questions = [q for q in form.questions() if q.capture in ("input", "display", "unsupported")]
    groups = [g for g in form.elements() if isinstance(g, Group) and not g.is_repeat
              and g.path != "meta"]  # pyxform's own metadata group
    repeats = [g for g in form.elements() if isinstance(g, Group) and g.is_repeat]
    return {
        "form_id": form.form_id,
        "version": form.version,
        "title": pick_text(form.title, None, form.default_language) or form.form_id,
        "languages": form.language_codes() or ["default"],
        "default_language": form.default_language,
        "questions": len(questions),
        "calculations": sum(1 for q in form.questions() if q.capture == "computed"),
        "groups": len(groups),
        "repeats": len(repeats),
        "choice_lists": len(form.choices),
        "scores": [s.name for s in form.scores],
        "scoring_sheet": bool(form.scores),
        "unsupported": [q.name for q in form.questions() if q.capture == "unsupported"],
    }


def outline(form: Form, lang: str | None) -> list[dict[str, object]]:
    """Every element with its type, label and bindings, for ``forms show``."""
    rows = []
    for element in form.elements():
        row: dict[str, object] = {
            "path": element.path,
            "type": element.type,
            "label": pick_text(element.label, lang, form.default_language),
        }
        if element.relevant:
            row["relevant"] = element.relevant
        if isinstance(element, Question):
            for key in ("constraint", "required", "calculation", "choice_filter", "list_name"):
                value = getattr(element, key)
                if value:
                    row[key] = value
        rows.append(row)
    return rows
