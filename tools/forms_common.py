"""What both built-in instruments share: the languages, translated texts and common lists.

The form modules (``form_desarrollo.py``, ``form_medios.py``) describe their sheets as lists
of dicts keyed by XLSForm column names; a translated column holds a :class:`Tr` and is
written as one ``column::<language>`` column per language by ``build_forms.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LANGUAGES = ("Español (es)", "English (en)", "Português (pt)")
DEFAULT_LANGUAGE = LANGUAGES[0]
VERSION = "2024.1"

# Hidden fields the app fills from the submission context (instruments.md, preamble).
CONTEXT_FIELDS = ("org_id", "org_name", "country", "round")


@dataclass(frozen=True, slots=True)
class Tr:
    """One text in Spanish, English and Portuguese (form order of ``LANGUAGES``)."""

    es: str
    en: str
    pt: str

    def texts(self) -> tuple[str, str, str]:
        return (self.es, self.en, self.pt)

    def format(self, **values: object) -> "Tr":
        """The same text with ``{placeholders}`` filled in every language."""
        return Tr(*(text.format(**values) for text in self.texts()))


@dataclass(slots=True)
class FormSpec:
    """Everything a built-in workbook holds, sheet by sheet (rows as column → value dicts)."""

    filename: str
    settings: dict[str, str]
    survey: list[dict]
    choices: list[dict]
    scoring: list[dict]
    bands: list[dict] = field(default_factory=list)


def context_rows() -> list[dict]:
    """The hidden context fields, first on every built-in form."""
    return [{"type": "hidden", "name": name} for name in CONTEXT_FIELDS]


def group_rows(name: str, label: Tr, rows: list[dict], relevant: str | None = None) -> list[dict]:
    """A ``field-list`` group (one page) around ``rows``."""
    begin = {"type": "begin_group", "name": name, "label": label, "appearance": "field-list"}
    if relevant:
        begin["relevant"] = relevant
    return [begin, *rows, {"type": "end_group"}]


def choice_rows(list_name: str, options: list[tuple[str, Tr]]) -> list[dict]:
    """The ``choices`` rows of one list."""
    return [{"list_name": list_name, "name": name, "label": label} for name, label in options]


def count_row(name: str, label: Tr, hint: Tr | None = None, **columns: object) -> dict:
    """A required whole-number count (people), never negative."""
    row = {
        "type": "integer",
        "name": name,
        "label": label,
        "required": "yes",
        "constraint": ". >= 0",
        "constraint_message": NOT_NEGATIVE,
    }
    if hint:
        row["hint"] = hint
    row.update(columns)
    return row


NOT_APPLICABLE = Tr("NA · No aplica", "NA · Not applicable", "NA · Não se aplica")
NOT_NEGATIVE = Tr(
    "El número no puede ser negativo.",
    "The number cannot be negative.",
    "O número não pode ser negativo.",
)

# Shared by both instruments so reports can cross organizations and respondents by product.
PRODUCTS: list[tuple[str, Tr]] = [
    ("cafe", Tr("Café", "Coffee", "Café")),
    ("cacao", Tr("Cacao", "Cocoa", "Cacau")),
    ("banano", Tr("Banano", "Bananas", "Banana")),
    ("azucar", Tr("Caña de azúcar", "Sugar cane", "Cana-de-açúcar")),
    ("miel", Tr("Miel", "Honey", "Mel")),
    ("frutas", Tr("Frutas frescas", "Fresh fruit", "Frutas frescas")),
    ("jugos", Tr("Jugos y pulpas", "Juices and pulps", "Sucos e polpas")),
    ("quinua", Tr("Quinua", "Quinoa", "Quinoa")),
    ("te_hierbas", Tr("Té, hierbas y especias",
                      "Tea, herbs and spices",
                      "Chá, ervas e especiarias")),
    ("flores", Tr("Flores", "Flowers", "Flores")),
    ("nueces", Tr("Nueces y castañas", "Nuts", "Castanhas e nozes")),
    ("otro", Tr("Otro", "Other", "Outro")),
]


def product_rows(label: Tr, hint: Tr) -> list[dict]:
    """The main-product question and its 'other, which?' follow-up."""
    return [
        {
            "type": "select_one producto",
            "name": "producto",
            "label": label,
            "hint": hint,
            "required": "yes",
        },
        {
            "type": "text",
            "name": "producto_otro",
            "label": Tr("¿Cuál otro producto?", "Which other product?", "Qual outro produto?"),
            "required": "yes",
            "relevant": "${producto} = 'otro'",
        },
    ]
