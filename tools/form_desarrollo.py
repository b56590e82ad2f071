"""Instrument A, "Evaluación del desarrollo organizacional" (instruments.md §1), by sheet."""

from __future__ import annotations

from desarrollo_items import AREAS, DONT_KNOW, LEVELS, Area, Item
from forms_common import (
    DEFAULT_LANGUAGE,
    NOT_APPLICABLE,
    PRODUCTS,
    VERSION,
    FormSpec,
    Tr,
    choice_rows,
    context_rows,
    count_row,
    group_rows,
    product_rows,
)

ORG_TYPES = [
    ("opp_1", Tr("OPP de 1er grado (organización de base)",
                 "Small producer organization, 1st level (primary)",
                 "OPP de 1º grau (organização de base)")),
    ("opp_2", Tr("OPP de 2º grado (organización de organizaciones)",
                 "Small producer organization, 2nd level (union of organizations)",
                 "OPP de 2º grau (organização de organizações)")),
    ("asociacion", Tr("Asociación", "Association", "Associação")),
    ("org_trabajadores", Tr("Organización de trabajadores/as",
                            "Workers' organization",
                            "Organização de trabalhadores/as")),
]
MODES = [
    ("autoevaluacion", Tr("Autoevaluación facilitada",
                          "Facilitated self-assessment",
                          "Autoavaliação facilitada")),
    ("externa", Tr("Evaluación externa", "External assessment", "Avaliação externa")),
]
PRIORITIES = [
    ("alta", Tr("Alta", "High", "Alta")),
    ("media", Tr("Media", "Medium", "Média")),
    ("baja", Tr("Baja", "Low", "Baixa")),
]
BANDS = [
    ("incipient", Tr("Incipiente", "Incipient", "Incipiente")),
    ("developing", Tr("En desarrollo", "In development", "Em desenvolvimento")),
    ("consolidated", Tr("Consolidado", "Consolidated", "Consolidado")),
    ("target_met", Tr("Meta alcanzada", "Target met", "Meta alcançada")),
]
BAND_BOUNDS = "0:incipient 40:developing 70:consolidated 85:target_met"

ITEM_REQUIRED = Tr("Elija un nivel, o NA / NS.",
                   "Choose a level, or NA / DK.",
                   "Escolha um nível, ou NA / NS.")
ROLE_FIELDS = ("part_directivos", "part_comites", "part_personal")


def _organization() -> list[dict]:
    title = Tr("Datos de la organización", "About the organization", "Dados da organização")
    return group_rows("datos_org", title, [
        {"type": "select_one tipo_org", "name": "tipo_org", "required": "yes",
         "label": Tr("Tipo de organización", "Type of organization", "Tipo de organização")},
        *product_rows(
            Tr("Producto principal de la organización",
               "The organization's main product",
               "Produto principal da organização"),
            Tr("El producto que más vende la organización.",
               "The product the organization sells most.",
               "O produto que a organização mais vende."),
        ),
        count_row("socios_mujeres",
                  Tr("Número de socias (mujeres)",
                     "Number of members: women",
                     "Número de associadas (mulheres)"),
                  Tr("En organizaciones de trabajadores/as: afiliadas.",
                     "In workers' organizations: women affiliated.",
                     "Em organizações de trabalhadores/as: filiadas.")),
        count_row("socios_hombres",
                  Tr("Número de socios (hombres)",
                     "Number of members: men",
                     "Número de associados (homens)"),
                  Tr("En organizaciones de trabajadores/as: afiliados.",
                     "In workers' organizations: men affiliated.",
                     "Em organizações de trabalhadores/as: filiados.")),
        {"type": "calculate", "name": "socios_total",
         "calculation": "${socios_mujeres} + ${socios_hombres}"},
        {"type": "note", "name": "nota_socios_total",
         "label": Tr("Total de socios/as: ${socios_total}",
                     "Total members: ${socios_total}",
                     "Total de associados/as: ${socios_total}")},
    ])


def _assessment() -> list[dict]:
    title = Tr("Datos de la evaluación", "About the assessment", "Dados da avaliação")
    return group_rows("datos_eval", title, [
        {"type": "date", "name": "fecha", "required": "yes", "default": "today()",
         "label": Tr("Fecha de la evaluación", "Date of the assessment", "Data da avaliação"),
         "constraint": ". <= today()",
         "constraint_message": Tr("La fecha no puede ser futura.",
                                  "The date cannot be in the future.",
                                  "A data não pode ser futura.")},
        {"type": "text", "name": "evaluador", "required": "yes",
         "label": Tr("Evaluador/a o facilitador/a",
                     "Assessor or facilitator",
                     "Avaliador/a ou facilitador/a"),
         "hint": Tr("Nombre de quien conduce la evaluación.",
                    "Name of the person leading the assessment.",
                    "Nome de quem conduz a avaliação.")},
        {"type": "select_one modalidad", "name": "modalidad", "required": "yes",
         "label": Tr("Modalidad", "Type of assessment", "Modalidade")},
    ])


def _participants() -> list[dict]:
    title = Tr("Participantes en la evaluación",
               "Participants in the assessment",
               "Participantes na avaliação")
    role_sum = " + ".join(f"${{{name}}}" for name in ROLE_FIELDS)
    return group_rows("participantes", title, [
        count_row("part_mujeres",
                  Tr("Participantes: mujeres", "Participants: women", "Participantes: mulheres")),
        count_row("part_hombres",
                  Tr("Participantes: hombres", "Participants: men", "Participantes: homens")),
        count_row("part_otro",
                  Tr("Participantes: otro / no declara",
                     "Participants: other / not stated",
                     "Participantes: outro / não declara"),
                  constraint=". >= 0 and ${part_mujeres} + ${part_hombres} + . >= 1",
                  constraint_message=Tr(
                      "Debe haber al menos una persona participante, y ningún número negativo.",
                      "There must be at least one participant, and no negative numbers.",
                      "Deve haver pelo menos uma pessoa participante, e nenhum número negativo.")),
        {"type": "calculate", "name": "part_total",
         "calculation": "${part_mujeres} + ${part_hombres} + ${part_otro}"},
        {"type": "note", "name": "nota_part_total",
         "label": Tr("Total de participantes: ${part_total}. Ahora distribúyalos por cargo.",
                     "Total participants: ${part_total}. Now split them by role.",
                     "Total de participantes: ${part_total}. Agora distribua-os por cargo."),
         "hint": Tr("Cuente a cada persona una sola vez, por su cargo principal.",
                    "Count each person once, by their main role.",
                    "Conte cada pessoa uma só vez, pelo cargo principal.")},
        count_row("part_directivos",
                  Tr("Integrantes de la junta directiva o del órgano de vigilancia",
                     "Members of the board or the oversight committee",
                     "Membros da diretoria ou do conselho fiscal")),
        count_row("part_comites",
                  Tr("Integrantes de comités (género, juventud, comercio justo, otros)",
                     "Members of committees (gender, youth, fair trade, others)",
                     "Membros de comitês (gênero, juventude, comércio justo, outros)")),
        count_row("part_personal",
                  Tr("Personal técnico o administrativo",
                     "Technical or administrative staff",
                     "Equipe técnica ou administrativa")),
        count_row("part_base",
                  Tr("Socios/as o trabajadores/as sin cargo",
                     "Members or workers without a post",
                     "Associados/as ou trabalhadores/as sem cargo"),
                  constraint=f". >= 0 and {role_sum} + . = ${{part_total}}",
                  constraint_message=Tr(
                      "La suma por cargo debe ser igual al total de participantes "
                      "(${part_total}).",
                      "The numbers by role must add up to the total participants "
                      "(${part_total}).",
                      "A soma por cargo deve ser igual ao total de participantes "
                      "(${part_total}).")),
    ])


SCALE_NOTE = {
    "type": "note",
    "name": "nota_escala",
    "label": Tr(
        "Escala: 1 Inexistente · 2 Inicial/informal · 3 Establecido (funciona, con vacíos) · "
        "4 Consolidado (sistemático, documentado).",
        "Scale: 1 Non-existent · 2 Initial/informal · 3 Established (works, with gaps) · "
        "4 Consolidated (systematic, documented).",
        "Escala: 1 Inexistente · 2 Inicial/informal · 3 Estabelecido (funciona, com lacunas) · "
        "4 Consolidado (sistemático, documentado).",
    ),
    "hint": Tr(
        "Lea cada enunciado y sus niveles en voz alta y registre el nivel acordado. "
        "NA = no aplica (el ítem no cuenta); NS = no sabe (cuenta como sin respuesta).",
        "Read each statement and its levels aloud and record the level agreed on. "
        "NA = not applicable (the item does not count); DK = don't know (counts as unanswered).",
        "Leia cada afirmação e seus níveis em voz alta e registre o nível acordado. "
        "NA = não se aplica (o item não conta); NS = não sabe (conta como sem resposta).",
    ),
}

# A3 may not apply to workers' organizations, but only the technician decides: a note, not
# a relevant or a default, so no item is set to NA behind their back.
WORKERS_NOTE = {
    "type": "note",
    "name": "nota_A3_trabajadores",
    "relevant": "${tipo_org} = 'org_trabajadores'",
    "label": Tr("Organización de trabajadores/as: estos ítems pueden no aplicar.",
                "Workers' organization: these items may not apply.",
                "Organização de trabalhadores/as: estes itens podem não se aplicar."),
    "hint": Tr(
        "Marque NA solo en los ítems que de verdad no aplican (p. ej. si los miembros no tienen "
        "producción propia); evalúe los demás.",
        "Mark NA only for the items that really do not apply (e.g. if members have no "
        "production of their own); assess the others.",
        "Marque NA só nos itens que de fato não se aplicam (p. ex. se os membros não têm "
        "produção própria); avalie os demais.",
    ),
}
EVIDENCE_LABEL = Tr("Evidencias y comentarios del área",
                    "Evidence and comments for this area",
                    "Evidências e comentários da área")
EVIDENCE_HINT = Tr("Documentos revisados, ejemplos, acuerdos. "
                   "Se usan en el informe de retroalimentación.",
                   "Documents checked, examples, agreements. Used in the feedback report.",
                   "Documentos revisados, exemplos, acordos. Usados no relatório de devolutiva.")
PRIORITY_LABEL = Tr("Prioridad de mejora del área",
                    "Improvement priority for this area",
                    "Prioridade de melhoria da área")


def _item_row(item: Item) -> dict:
    dotted = item.code.replace("_", ".")
    return {
        "type": f"select_one {item.code}_lvl",
        "name": item.code,
        "label": Tr(*(f"{dotted} {text}" for text in item.question.texts())),
        "hint": item.hint,
        "required": "yes",
        "required_message": ITEM_REQUIRED,
    }


def _area(area: Area) -> list[dict]:
    rows = [WORKERS_NOTE] if area.code == "A3" else []
    rows += [_item_row(item) for item in area.items]
    rows += [
        {"type": "text", "name": f"evidencias_{area.code}", "appearance": "multiline",
         "label": EVIDENCE_LABEL, "hint": EVIDENCE_HINT},
        {"type": "select_one prioridad", "name": f"prioridad_{area.code}", "required": "yes",
         "label": PRIORITY_LABEL},
    ]
    title = Tr(*(f"{area.code} · {text}" for text in area.title.texts()))
    return group_rows(f"area_{area.code}", title, rows)


def _level_label(n: int, item: Item) -> Tr:
    """``"1 · Inexistente — no se reúne"``: the level and the item's anchor, to read aloud."""
    pairs = zip(LEVELS[n - 1].texts(), item.anchors[n - 1].texts())
    return Tr(*(f"{n} · {level} — {anchor}" for level, anchor in pairs))


def _level_choices(item: Item) -> list[dict]:
    options = [(str(n), _level_label(n, item)) for n in range(1, len(LEVELS) + 1)]
    return choice_rows(f"{item.code}_lvl", options + [("na", NOT_APPLICABLE), ("ns", DONT_KNOW)])


def _scoring() -> list[dict]:
    rows = [
        {"name": area.code, "kind": "mean", "of": " ".join(item.code for item in area.items),
         "scale": "1-4", "not_applicable": "na", "missing": "ns", "min_valid": 0.5, "weight": 1,
         "label": area.title}
        for area in AREAS
    ]
    rows.append({
        "name": "IDO", "kind": "weighted_mean", "of": " ".join(area.code for area in AREAS),
        "min_valid": 6, "target": 85, "bands": BAND_BOUNDS,
        "label": Tr("Índice de desarrollo organizacional",
                    "Organizational development index",
                    "Índice de desenvolvimento organizacional"),
    })
    return rows


def spec() -> FormSpec:
    """The whole workbook of instrument A."""
    survey = context_rows() + _organization() + _assessment() + _participants() + [SCALE_NOTE]
    for area in AREAS:
        survey += _area(area)
    choices = (
        choice_rows("tipo_org", ORG_TYPES)
        + choice_rows("producto", PRODUCTS)
        + choice_rows("modalidad", MODES)
        + choice_rows("prioridad", PRIORITIES)
    )
    for area in AREAS:
        for item in area.items:
            choices += _level_choices(item)
    return FormSpec(
        filename="desarrollo_organizacional.xlsx",
        settings={
            "form_id": "desarrollo_organizacional",
            "form_title": "Evaluación del desarrollo organizacional",
            "version": VERSION,
            "default_language": DEFAULT_LANGUAGE,
            "instance_name": "concat(${org_name}, ' – ', ${fecha})",
        },
        survey=survey,
        choices=choices,
        scoring=_scoring(),
        bands=[{"name": name, "label": label} for name, label in BANDS],
    )
