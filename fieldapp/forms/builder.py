"""pyxform's nested dict of an accepted workbook, turned into fieldapp's form model."""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path

from fieldapp.forms import columns as col
from fieldapp.forms import qtypes
from fieldapp.forms.model import DEFAULT, Choice, Element, Form, Group, Question, Texts
from fieldapp.forms.xlsform import Workbook, type_info

_PARAMETER = re.compile(r"([\w:-]+)\s*=\s*([^\s;,]+)")


def build_form(book: Workbook, path: Path, sha256: str = "") -> Form:
    """The :class:`Form` of a workbook pyxform accepted (see :func:`xlsform.read_workbook`)."""
    return _Builder(book).form(path, sha256)


def _plain(value: object) -> object:
    """``value`` as plain data: pyxform puts a few of its own enums in the dict, and a cached
    form must unpickle without importing pyxform."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, Enum):  # before str: pyxform's enums subclass str
        return _plain(value.value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _without(d: dict, *keys: str) -> dict:
    """The element's own entries of pyxform's dict, as plain data (for ``Element.raw``)."""
    return {str(k): _plain(v) for k, v in d.items() if k not in keys}


def _optional(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def _condition(value: object) -> str | None:
    """A ``required`` or ``read_only`` cell as an expression: yes → ``true()``, no → None."""
    if value is None or value is False:
        return None
    text = "true()" if value is True else str(value).strip()
    if text.lower() in col.YES:
        return "true()"
    return None if not text or text.lower() in col.NO else text


def _names(value: object) -> tuple[str, ...]:
    """pyxform's trigger list (names without ``${}``)."""
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value or ())


def _parameters(value: object) -> dict[str, str]:
    """pyxform's parsed parameters; for types it does not parse (image), the raw cell."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    if isinstance(value, str):
        return dict(_PARAMETER.findall(value))
    return {}


def _fill(text: str, values: dict) -> str:
    try:
        return text % values
    except (KeyError, TypeError, ValueError):
        return text


def _loop_copy(template: dict, column: dict) -> dict:
    """A loop's question for one of its choices, with ``%(name)s`` / ``%(label)s`` filled in,
    as pyxform's ``_name_and_label_substitutions`` does."""
    labels = column.get(col.LABEL)
    out = dict(template)
    for key, value in template.items():
        if isinstance(value, str):
            out[key] = _fill(value, column)
        elif isinstance(value, dict):
            out[key] = {
                k: _fill(v, {col.NAME: column[col.NAME], col.LABEL: labels[k]}
                         if isinstance(labels, dict) and k in labels else column)
                if isinstance(v, str) else v
                for k, v in value.items()
            }
    return out


class _Builder:
    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.rows = book.rows
        self.default_language = str(book.survey.get("default_language") or DEFAULT)
        self.warnings = list(book.warnings)
        self.choices = {
            str(name): [self.choice(c) for c in items]
            for name, items in (book.survey.get("choices") or {}).items()
        }
        self.external = {
            str(name): [self.choice(c) for c in items]
            for name, items in book.external_choices.items()
        }

    def texts(self, value: object) -> Texts:
        """A column's texts by language; a plain column's under the default language."""
        if value is None or value == "":
            return {}
        if isinstance(value, dict):
            return {
                str(k): str(v) for k, v in value.items()
                if v is not None and not isinstance(v, dict)
            }
        return {self.default_language: str(value)}

    def media(self, value: object) -> dict[str, Texts]:
        return {str(k): self.texts(v) for k, v in value.items()} if isinstance(value, dict) else {}

    def choice(self, d: dict) -> Choice:
        extra = {
            str(k): str(v) for k, v in d.items()
            if k not in (col.NAME, col.LABEL, col.MEDIA) and not str(k).startswith("_")
            and not isinstance(v, (dict, list))
        }
        return Choice(
            str(d.get(col.NAME)), self.texts(d.get(col.LABEL)), self.media(d.get(col.MEDIA)), extra
        )

    def form(self, path: Path, sha256: str) -> Form:
        survey = self.book.survey
        root = Group(
            name=str(survey.get(col.NAME) or "data"), path="", type="survey",
            raw=_without(survey, col.CHILDREN, col.CHOICES),
        )
        self.add_children(root, survey.get(col.CHILDREN) or [], "")
        return Form(
            form_id=str(survey.get("id_string") or path.stem),
            version=str(survey.get("version") or ""),
            title=self.texts(survey.get("title")),
            root=root,
            choices=self.choices,
            languages=self.languages(),
            default_language=self.default_language,
            instance_name=_optional(survey.get("instance_name")),
            settings=dict(self.book.settings),
            sha256=sha256,
            source=path.name,
            warnings=self.warnings,
        )

    def languages(self) -> list[str]:
        """The languages of the ``label`` columns, survey sheet first, in column order."""
        found: list[str] = []
        for headers in (self.rows.headers, self.book.choices_headers):
            for tokens in headers.values():
                if tokens[0] == col.LABEL:
                    language = tokens[-1] if len(tokens) > 1 else self.default_language
                    if language not in found:
                        found.append(language)
        return found or [self.default_language]

    def row(self, src: str, name: str) -> int | None:
        """The spreadsheet row of the element at ``src`` (its path on the survey sheet)."""
        hit = self.rows.at_path(src)
        if hit:
            return hit[0]
        generated = col.GENERATED_ROW_NAME.match(name)
        if generated:
            return int(generated.group(1))
        # or_other's "specify other" text and a repeat's count node come from the row before
        for suffix in ("_other", "_count"):
            if name.endswith(suffix) and (base := self.rows.at_path(src[: -len(suffix)])):
                return base[0]
        # rows pyxform moves into the meta group (audit)
        return self.rows.row_of_name(name)

    def add_children(self, group: Group, children: list[dict], src: str) -> None:
        for d in children:
            element = self.element(d, group, src)
            if element is not None:
                group.children.append(element)

    def element(self, d: dict, parent: Group, src: str) -> Element | None:
        kind = str(d.get(col.TYPE))
        if kind == "entity":  # ODK entity declarations: server-side, nothing to fill
            if col.ENTITIES_IGNORED not in self.warnings:
                self.warnings.append(col.ENTITIES_IGNORED)
            return None
        name = str(d.get(col.NAME))
        path = f"{parent.path}/{name}" if parent.path else name
        src = f"{src}/{name}" if src else name
        if kind in col.GROUP_TYPES:
            return self.group(d, parent, path, src)
        return self.question(d, parent, path, src)

    def group(self, d: dict, parent: Group, path: str, src: str) -> Group:
        kind = str(d[col.TYPE])
        control, bind = d.get(col.CONTROL) or {}, d.get(col.BIND) or {}
        name = str(d[col.NAME])
        group = Group(
            name=name, path=path, type=col.GROUP_TYPES[kind],
            label=self.texts(d.get(col.LABEL)), hint=self.texts(d.get(col.HINT)),
            relevant=_optional(bind.get(col.RELEVANT)),
            appearance=str(control.get(col.APPEARANCE) or ""),
            parent=parent, row=self.row(src, name),
            raw=_without(d, col.CHILDREN, col.COLUMNS),
            repeat_count=_optional(control.get(col.REPEAT_COUNT)),
        )
        if kind != "loop":
            self.add_children(group, d.get(col.CHILDREN) or [], src)
            return group
        # A loop repeats its questions once per choice, each copy in a group named after it.
        for column in d.get(col.COLUMNS) or []:
            if column.get(col.NAME) == "none":
                continue
            sub = Group(
                name=str(column[col.NAME]), path=f"{path}/{column[col.NAME]}", type="group",
                label=self.texts(column.get(col.LABEL)), parent=group, row=group.row,
                raw=_without(column),
            )
            copies = [_loop_copy(child, column) for child in d.get(col.CHILDREN) or []]
            self.add_children(sub, copies, src)
            group.children.append(sub)
        return group

    def question(self, d: dict, parent: Group, path: str, src: str) -> Question:
        pyxform_type = str(d[col.TYPE])
        info = type_info(pyxform_type)
        # The type's own binds (a note is read-only, phone number has a constraint) under the row's
        bind = {**(info.get(col.BIND) or {}), **(d.get(col.BIND) or {})}
        control = d.get(col.CONTROL) or {}
        kind = col.TYPE_ALIASES.get(pyxform_type) or "_".join(pyxform_type.split())
        itemset = _optional(d.get(col.ITEMSET))
        list_name = itemset_file = None
        choices = None
        if kind == "select_one_external" and (itemset or "") in self.external:
            # the workbook's own external_choices sheet holds the list (pyxform and Kobo
            # put it in itemsets.csv for ODK Collect): a select_one over that list
            kind, list_name, choices = "select_one", itemset, self.external[itemset or ""]
        if kind in ("select_one", "select_multiple") and itemset \
                and itemset.lower().endswith(col.ITEMSET_FILE_SUFFIXES):
            kind, itemset_file = f"{kind}_from_file", itemset
        elif qtypes.is_select(kind) and choices is None:
            list_name = _optional(d.get(col.LIST_NAME)) or itemset
            choices = self.choices.get(list_name) if list_name else None
        appearance = str(control.get(col.APPEARANCE) or "")
        capture = "metadata" if bind.get(col.PRELOAD) else qtypes.capture_of(kind)
        if qtypes.is_select(kind) and col.LABEL_ONLY_APPEARANCE in appearance.split():
            capture = "display"
        name = str(d[col.NAME])
        hit = self.rows.at_path(src)
        return Question(
            name=name, path=path, type=kind,
            label=self.texts(d.get(col.LABEL)), hint=self.texts(d.get(col.HINT)),
            relevant=_optional(bind.get(col.RELEVANT)), appearance=appearance,
            parent=parent, row=self.row(src, name), raw=_without(d, col.CHOICES),
            list_name=list_name,
            choices=choices,
            or_other=bool(hit and col.OR_OTHER.search(hit[1])),
            choice_filter=_optional(d.get(col.CHOICE_FILTER)),
            constraint=_optional(bind.get(col.CONSTRAINT)),
            constraint_message=self.texts(bind.get(col.CONSTRAINT_MESSAGE)),
            required=_condition(bind.get(col.REQUIRED)),
            required_message=self.texts(bind.get(col.REQUIRED_MESSAGE)),
            calculation=_optional(bind.get(col.CALCULATE)),
            default=_optional(d.get(col.DEFAULT_VALUE)),
            # The model has no conditional read-only: an expression counts as read-only.
            read_only=_condition(bind.get(col.READ_ONLY)) is not None,
            trigger=_names(d.get(col.TRIGGER)),
            parameters=_parameters(d.get(col.PARAMETERS) or info.get(col.PARAMETERS)),
            media=self.media(d.get(col.MEDIA)),
            capture=capture,
            unsupported_reason=(
                qtypes.unsupported_reason(kind)
                if capture == "unsupported" else ""
            ),
            itemset_file=itemset_file,
        )
