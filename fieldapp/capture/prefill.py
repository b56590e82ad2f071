"""What the organization record already says, put into a new submission's matching questions
(type, main product, members) so the technician does not type it twice.

A question matches by its name (the built-in assessment's and common variants); a select
question takes the choice the record's value names. Answers prefilled stay editable.
"""

from __future__ import annotations

from fieldapp.forms.model import Form, Question
from fieldapp.store.orgs import Organization
from fieldapp.store.values import fold

# organization type → the choice names it stands for, best first
TYPE_CHOICES = {
    "spo": ("opp_1", "opp", "spo"),
    "cooperative": ("opp_1", "cooperativa", "cooperative", "coop"),
    "second_level": ("opp_2", "segundo_nivel", "second_level"),
    "workers_association": ("org_trabajadores", "asociacion_trabajadores", "workers"),
}
# record field → question names that ask for it
QUESTIONS = {
    "type": ("tipo_org", "org_type", "tipo_organizacion"),
    "product": ("producto", "product", "producto_principal", "main_product"),
    "women": ("socios_mujeres", "socias", "members_women", "socias_mujeres"),
    "men": ("socios_hombres", "socios", "members_men"),
    "workers": ("trabajadores", "workers", "total_trabajadores"),
}


def prefill_answers(form: Form, org: Organization) -> dict[str, str]:
    """Field name → answer taken from ``org``, for the questions of ``form`` (outside
    repeats) that ask what the record holds; nothing for values the record lacks or a
    select question cannot take."""
    out: dict[str, str] = {}
    for element in form.elements():
        if not isinstance(element, Question) or element.repeat_ancestors:
            continue
        for key, names in QUESTIONS.items():
            if element.name in names and element.name not in out:
                value = _value(form, element, org, key)
                if value:
                    out[element.name] = value
    return out


def _value(form: Form, question: Question, org: Organization, key: str) -> str:
    if key == "type":
        return _choice(form, question, TYPE_CHOICES.get(org.type, (org.type,)))
    if key == "product":
        first = org.products.split(",")[0].strip() if org.products else ""
        return _choice(form, question, (first,)) if first else ""
    count = {"women": org.members_women, "men": org.members_men,
             "workers": org.workers_total}[key]
    return "" if count is None else str(count)


def _choice(form: Form, question: Question, wanted: tuple[str, ...]) -> str:
    """The name of the choice of ``question`` that one of ``wanted`` names (by name or any
    label, accents and case aside)."""
    choices = question.choices if question.choices is not None else \
        form.choices.get(getattr(question, "list_name", "") or "", [])
    for want in wanted:
        key = fold(want)
        for choice in choices:
            labels = [choice.name, *choice.label.values()]
            if any(fold(str(label)) == key for label in labels):
                return choice.name
    return ""
