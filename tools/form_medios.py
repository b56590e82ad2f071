"""Instrument B, "Encuesta de percepción de medios de vida" (instruments.md §2), by sheet."""

from __future__ import annotations

from forms_common import (
    DEFAULT_LANGUAGE,
    NOT_APPLICABLE,
    PRODUCTS,
    FormSpec,
    Tr,
    choice_rows,
    context_rows,
    group_rows,
    product_rows,
)

CONSENTED = "${consentimiento} = 'si'"
# 2025.1 adds the household roster (hogar); submissions of 2024.1 keep their own workbook
VERSION = "2025.1"

DIMENSIONS: tuple[tuple[str, Tr, tuple[Tr, Tr, Tr]], ...] = (
    ("B1", Tr("Ingresos", "Income", "Renda"), (
        Tr("Los ingresos de mi hogar alcanzan para las necesidades básicas todo el año.",
           "My household's income covers our basic needs all year round.",
           "A renda da minha casa dá para as necessidades básicas o ano todo."),
        Tr("El precio que recibo (o mi salario) es justo por mi trabajo.",
           "The price I receive (or my wage) is fair for my work.",
           "O preço que recebo (ou o meu salário) é justo pelo meu trabalho."),
        Tr("Mi hogar puede enfrentar un gasto imprevisto sin vender bienes ni endeudarse.",
           "My household can face an unexpected expense without selling assets or going into debt.",
           "Minha casa consegue enfrentar uma despesa imprevista sem vender bens nem se "
           "endividar."),
    )),
    ("B2", Tr("Seguridad alimentaria", "Food security", "Segurança alimentar"), (
        Tr("En los últimos 12 meses mi hogar tuvo suficiente comida todo el tiempo.",
           "In the last 12 months my household had enough food all the time.",
           "Nos últimos 12 meses minha casa teve comida suficiente o tempo todo."),
        Tr("Mi hogar puede comer alimentos variados y nutritivos.",
           "My household can eat varied and nutritious food.",
           "Minha casa pode comer alimentos variados e nutritivos."),
        Tr("Producimos parte de los alimentos que consume mi hogar.",
           "We produce part of the food my household eats.",
           "Produzimos parte dos alimentos que minha casa consome."),
    )),
    ("B3", Tr("Salud y vivienda", "Health and housing", "Saúde e moradia"), (
        Tr("Mi familia puede recibir atención de salud cuando la necesita.",
           "My family can get health care when it needs it.",
           "Minha família consegue atendimento de saúde quando precisa."),
        Tr("Mi vivienda es segura y tiene agua y saneamiento adecuados.",
           "My home is safe and has adequate water and sanitation.",
           "Minha moradia é segura e tem água e saneamento adequados."),
        Tr("Trabajo en condiciones seguras para mi salud.",
           "I work in conditions that are safe for my health.",
           "Trabalho em condições seguras para a minha saúde."),
    )),
    ("B4", Tr("Educación", "Education", "Educação"), (
        Tr("Las niñas y niños de mi hogar asisten a la escuela sin interrupciones.",
           "The children in my household attend school without interruption.",
           "As crianças da minha casa frequentam a escola sem interrupções."),
        Tr("Tengo acceso a capacitación que mejora mi trabajo.",
           "I have access to training that improves my work.",
           "Tenho acesso a capacitação que melhora o meu trabalho."),
        Tr("Los jóvenes de mi familia ven un futuro en esta actividad.",
           "The young people in my family see a future in this work.",
           "Os jovens da minha família veem futuro nesta atividade."),
    )),
    ("B5", Tr("Ambiente y clima", "Environment and climate", "Meio ambiente e clima"), (
        Tr("Mis suelos y fuentes de agua están igual o mejor que hace 5 años.",
           "My soils and water sources are the same as or better than 5 years ago.",
           "Meus solos e fontes de água estão iguais ou melhores do que há 5 anos."),
        Tr("Sé cómo proteger mi producción de sequías, lluvias fuertes o plagas.",
           "I know how to protect my production from droughts, heavy rains or pests.",
           "Sei como proteger minha produção de secas, chuvas fortes ou pragas."),
        Tr("Si el clima daña la cosecha, mi hogar puede recuperarse.",
           "If the weather damages the harvest, my household can recover.",
           "Se o clima prejudicar a safra, minha casa consegue se recuperar."),
    )),
    ("B6", Tr("Participación y organización",
              "Participation and organization",
              "Participação e organização"), (
        Tr("Participo en las decisiones de mi organización.",
           "I take part in my organization's decisions.",
           "Participo das decisões da minha organização."),
        Tr("Estoy satisfecho/a con los servicios de mi organización.",
           "I am satisfied with my organization's services.",
           "Estou satisfeito/a com os serviços da minha organização."),
        Tr("Las mujeres participan y son escuchadas en mi organización.",
           "Women take part and are listened to in my organization.",
           "As mulheres participam e são ouvidas na minha organização."),
    )),
)

# B4.1 only: households without school-age children answer "na" (instruments.md §2).
ITEMS_WITH_NA = {"B4_1"}
ITEM_HINTS = {
    "B4_1": Tr("Marque NA si en el hogar no hay niñas ni niños en edad escolar.",
               "Mark NA if there are no school-age children in the household.",
               "Marque NA se não há crianças em idade escolar na casa."),
}

NO_ANSWER = Tr("NS/NR · No sabe / no responde",
               "DK/NR · Don't know / no response",
               "NS/NR · Não sabe / não respondeu")
LIKERT = [
    ("1", Tr("1 · Totalmente en desacuerdo", "1 · Strongly disagree", "1 · Discordo totalmente")),
    ("2", Tr("2 · En desacuerdo", "2 · Disagree", "2 · Discordo")),
    ("3", Tr("3 · Ni de acuerdo ni en desacuerdo",
             "3 · Neither agree nor disagree",
             "3 · Nem concordo nem discordo")),
    ("4", Tr("4 · De acuerdo", "4 · Agree", "4 · Concordo")),
    ("5", Tr("5 · Totalmente de acuerdo", "5 · Strongly agree", "5 · Concordo totalmente")),
]
ANSWER_REQUIRED = Tr("Elija una respuesta, o NS/NR.",
                     "Choose an answer, or DK/NR.",
                     "Escolha uma resposta, ou NS/NR.")

CHOICES = {
    "consentimiento": [
        ("si", Tr("Sí, acepta participar", "Yes, agrees to take part", "Sim, aceita participar")),
        ("no", Tr("No acepta", "Does not agree", "Não aceita")),
    ],
    "rol": [
        ("productor", Tr("Productor/a socio/a", "Producer member", "Produtor/a associado/a")),
        ("trabajador", Tr("Trabajador/a", "Worker", "Trabalhador/a")),
    ],
    "genero": [
        ("mujer", Tr("Mujer", "Woman", "Mulher")),
        ("hombre", Tr("Hombre", "Man", "Homem")),
        ("otro", Tr("Otro", "Other", "Outro")),
        ("no_dice", Tr("Prefiere no decir", "Prefers not to say", "Prefere não dizer")),
    ],
    "edad": [
        ("18_29", Tr("18 a 29 años", "18 to 29 years", "18 a 29 anos")),
        ("30_44", Tr("30 a 44 años", "30 to 44 years", "30 a 44 anos")),
        ("45_59", Tr("45 a 59 años", "45 to 59 years", "45 a 59 anos")),
        ("60_mas", Tr("60 años o más", "60 years or more", "60 anos ou mais")),
    ],
    "antiguedad": [
        ("menos_2", Tr("Menos de 2 años", "Less than 2 years", "Menos de 2 anos")),
        ("2_5", Tr("De 2 a 5 años", "2 to 5 years", "De 2 a 5 anos")),
        ("6_10", Tr("De 6 a 10 años", "6 to 10 years", "De 6 a 10 anos")),
        ("mas_10", Tr("Más de 10 años", "More than 10 years", "Mais de 10 anos")),
    ],
    "sexo": [
        ("mujer", Tr("Mujer", "Female", "Mulher")),
        ("hombre", Tr("Hombre", "Male", "Homem")),
    ],
    "producto": PRODUCTS,
    "likert": LIKERT + [("ns", NO_ANSWER)],
    "likert_na": LIKERT + [("na", NOT_APPLICABLE), ("ns", NO_ANSWER)],
    "d1": [
        ("si", Tr("Sí", "Yes", "Sim")),
        ("en_parte", Tr("En parte", "Partly", "Em parte")),
        ("no", Tr("No", "No", "Não")),
        ("ns", NO_ANSWER),
    ],
    "d2": [
        ("mejor", Tr("Mejor", "Better", "Melhor")),
        ("igual", Tr("Igual", "The same", "Igual")),
        ("peor", Tr("Peor", "Worse", "Pior")),
        ("ns", NO_ANSWER),
    ],
}


def _select(list_name: str, name: str, label: Tr, **columns: object) -> dict:
    """A required ``select_one``."""
    row = {"type": f"select_one {list_name}", "name": name, "label": label, "required": "yes"}
    return {**row, **columns}


CONSENT = Tr(
    "Lea en voz alta: «Estamos haciendo una encuesta sobre los medios de vida de las personas "
    "de esta organización. Toma unos 15 minutos. Participar es voluntario: puede no responder "
    "una pregunta o terminar cuando quiera, y eso no afecta su relación con la organización. "
    "Sus respuestas son confidenciales; solo se publican resultados agregados.» "
    "¿Acepta participar?",
    "Read aloud: “We are doing a survey on the livelihoods of the people in this organization. "
    "It takes about 15 minutes. Taking part is voluntary: you may skip any question or stop at "
    "any time, and this does not affect your relationship with the organization. Your answers "
    "are confidential; only combined results are published.” Do you agree to take part?",
    "Leia em voz alta: “Estamos fazendo uma pesquisa sobre os meios de vida das pessoas desta "
    "organização. Leva cerca de 15 minutos. Participar é voluntário: pode deixar de responder "
    "uma pergunta ou parar quando quiser, e isso não afeta sua relação com a organização. "
    "Suas respostas são confidenciais; só se publicam resultados agregados.” Aceita participar?",
)


def _opening() -> list[dict]:
    return [
        {"type": "text", "name": "codigo", "required": "yes",
         "label": Tr("Código de la persona encuestada",
                     "Respondent code",
                     "Código da pessoa entrevistada"),
         "hint": Tr("El código del padrón o de la lista de muestra. No escriba el nombre.",
                    "The code from the member register or the sample list. Do not write the name.",
                    "O código do cadastro ou da lista da amostra. Não escreva o nome.")},
        _select("consentimiento", "consentimiento", CONSENT),
        {"type": "note", "name": "fin_sin_consentimiento", "relevant": "${consentimiento} = 'no'",
         "label": Tr("Agradezca a la persona. La encuesta termina aquí: guarde el formulario.",
                     "Thank the person. The survey ends here: save the form.",
                     "Agradeça à pessoa. A pesquisa termina aqui: salve o formulário.")},
    ]


def _profile() -> list[dict]:
    return group_rows("perfil", Tr("Perfil", "Profile", "Perfil"), [
        _select("rol", "rol",
                Tr("Rol en la organización", "Role in the organization", "Papel na organização")),
        _select("genero", "genero", Tr("Género", "Gender", "Gênero")),
        _select("edad", "edad", Tr("Edad", "Age", "Idade")),
        _select("antiguedad", "antiguedad",
                Tr("Años en la organización", "Years in the organization", "Anos na organização")),
        *product_rows(
            Tr("Producto principal", "Main product", "Produto principal"),
            Tr("El producto del que vive principalmente (o el de la finca donde trabaja).",
               "The product you mainly live from (or that of the farm where you work).",
               "O produto do qual vive principalmente (ou o da propriedade onde trabalha)."),
        ),
        {"type": "integer", "name": "personas_hogar", "required": "yes",
         "label": Tr("¿Cuántas personas viven en su hogar, contándose usted?",
                     "How many people live in your household, including you?",
                     "Quantas pessoas moram na sua casa, contando você?"),
         "constraint": ". >= 1 and . <= 30",
         "constraint_message": Tr("Escriba un número entre 1 y 30.",
                                  "Enter a number from 1 to 30.",
                                  "Digite um número de 1 a 30.")},
    ], relevant=CONSENTED)


def _roster() -> list[dict]:
    """The household roster: one entry per person, their age and sex; the counts feed a
    check against the number of people declared in the profile."""
    return [
        {"type": "begin_repeat", "name": "hogar", "relevant": CONSENTED,
         "label": Tr("Personas del hogar", "Household members", "Pessoas da casa"),
         "hint": Tr("Una entrada por persona que vive en el hogar, empezando por usted.",
                    "One entry per person living in the household, starting with you.",
                    "Uma entrada por pessoa que mora na casa, começando por você.")},
        {"type": "integer", "name": "edad", "required": "yes",
         "label": Tr("Edad (años cumplidos)", "Age (completed years)", "Idade (anos completos)"),
         "constraint": ". >= 0 and . <= 110",
         "constraint_message": Tr("Escriba una edad entre 0 y 110.",
                                  "Enter an age from 0 to 110.",
                                  "Digite uma idade de 0 a 110.")},
        _select("sexo", "sexo", Tr("Sexo", "Sex", "Sexo")),
        {"type": "end_repeat"},
        {"type": "calculate", "name": "miembros", "relevant": CONSENTED,
         "calculation": "count(${hogar})"},
        {"type": "calculate", "name": "menores", "relevant": CONSENTED,
         "calculation": "count(${hogar}[edad < 18])"},
        {"type": "note", "name": "nota_miembros",
         "relevant": f"{CONSENTED} and ${{miembros}} > ${{personas_hogar}}",
         "label": Tr("Hay ${miembros} personas en la lista, más que las ${personas_hogar} del "
                     "hogar. Revise la lista o el número de personas.",
                     "The list has ${miembros} people, more than the ${personas_hogar} in the "
                     "household. Check the list or the number of people.",
                     "A lista tem ${miembros} pessoas, mais do que as ${personas_hogar} da casa. "
                     "Revise a lista ou o número de pessoas.")},
    ]


LIKERT_NOTE = {
    "type": "note",
    "name": "nota_likert",
    "label": Tr("Lea cada frase y pregunte: ¿qué tan de acuerdo está?",
                "Read each statement and ask: how much do you agree?",
                "Leia cada frase e pergunte: o quanto você concorda?"),
    "hint": Tr("Respuestas: 1 totalmente en desacuerdo … 5 totalmente de acuerdo. "
               "Si la persona no sabe o no quiere responder, marque NS/NR.",
               "Answers: 1 strongly disagree … 5 strongly agree. "
               "If the person does not know or does not want to answer, mark DK/NR.",
               "Respostas: 1 discordo totalmente … 5 concordo totalmente. "
               "Se a pessoa não sabe ou não quer responder, marque NS/NR."),
}


def _dimension(code: str, title: Tr, items: tuple[Tr, ...]) -> list[dict]:
    rows = [LIKERT_NOTE] if code == "B1" else []
    for n, text in enumerate(items, start=1):
        name = f"{code}_{n}"
        label = Tr(*(f"{code}.{n} {t}" for t in text.texts()))
        list_name = "likert_na" if name in ITEMS_WITH_NA else "likert"
        row = _select(list_name, name, label, required_message=ANSWER_REQUIRED)
        if name in ITEM_HINTS:
            row["hint"] = ITEM_HINTS[name]
        rows.append(row)
    group_label = Tr(*(f"{code} · {t}" for t in title.texts()))
    return group_rows(f"dim_{code}", group_label, rows, relevant=CONSENTED)


D1_DEFINITION = Tr(
    "Lea: «que su forma de ganarse la vida cubre las necesidades de hoy, le permite "
    "recuperarse de sequías, precios bajos o enfermedad, y puede seguir en el futuro sin dañar "
    "la tierra y el agua».",
    "Read out: “that the way you make a living covers today's needs, lets you recover from "
    "droughts, low prices or illness, and can carry on in the future without harming land "
    "and water”.",
    "Leia: “que a sua forma de ganhar a vida cobre as necessidades de hoje, permite se "
    "recuperar de secas, preços baixos ou doença, e pode continuar no futuro sem prejudicar "
    "a terra e a água”.",
)


def _sustainability() -> list[dict]:
    title = Tr("Sostenibilidad de los medios de vida",
               "Livelihood sustainability",
               "Sustentabilidade dos meios de vida")
    return group_rows("sostenibilidad", title, [
        _select("d1", "D1",
                Tr("D1 ¿Considera que sus medios de vida son sostenibles?",
                   "D1 Do you consider your livelihood to be sustainable?",
                   "D1 Você considera que os seus meios de vida são sustentáveis?"),
                hint=D1_DEFINITION, required_message=ANSWER_REQUIRED),
        {"type": "select_one d2", "name": "D2",
         "label": Tr("D2 Comparado con hace 2 años, su situación es…",
                     "D2 Compared with 2 years ago, your situation is…",
                     "D2 Comparada com 2 anos atrás, a sua situação está…"),
         "hint": Tr("Opcional.", "Optional.", "Opcional.")},
        {"type": "note", "name": "gracias",
         "label": Tr("Fin de la encuesta. Agradezca a la persona su tiempo.",
                     "End of the survey. Thank the person for their time.",
                     "Fim da pesquisa. Agradeça à pessoa pelo seu tempo.")},
    ], relevant=CONSENTED)


def _scoring() -> list[dict]:
    codes = " ".join(code for code, _, _ in DIMENSIONS)
    rows = [
        {"name": code, "kind": "mean",
         "of": " ".join(f"{code}_{n}" for n in range(1, len(items) + 1)),
         "scale": "1-5", "not_applicable": "na", "missing": "ns", "min_valid": 0.67, "weight": 1,
         "label": title}
        for code, title, items in DIMENSIONS
    ]
    rows += [
        {"name": "B_comp", "kind": "weighted_mean", "of": codes, "min_valid": 5,
         "label": Tr("Índice compuesto de medios de vida",
                     "Composite livelihood index",
                     "Índice composto de meios de vida")},
        {"name": "B_min", "kind": "min", "of": codes,
         "label": Tr("Dimensión más baja", "Lowest dimension", "Dimensão mais baixa")},
        {"name": "sust_D", "kind": "indicator", "of": "D1", "success": "si",
         "counted": "si en_parte no",
         "label": Tr("Medios de vida sostenibles (regla D)",
                     "Sustainable livelihood (rule D)",
                     "Meios de vida sustentáveis (regra D)")},
        # 62.5 and 37.5 are 3.5 and 2.5 on the 1–5 scale, rescaled to 0–100 (instruments.md §2).
        {"name": "sust_C", "kind": "indicator",
         "expression": "${B_comp} >= 62.5 and ${B_min} >= 37.5",
         "label": Tr("Medios de vida sostenibles (regla compuesta C)",
                     "Sustainable livelihood (composite rule C)",
                     "Meios de vida sustentáveis (regra composta C)")},
    ]
    return rows


def spec() -> FormSpec:
    """The whole workbook of instrument B."""
    survey = context_rows() + _opening() + _profile() + _roster()
    for code, title, items in DIMENSIONS:
        survey += _dimension(code, title, items)
    survey += _sustainability()
    choices = [row for name, options in CHOICES.items() for row in choice_rows(name, options)]
    return FormSpec(
        filename="medios_de_vida.xlsx",
        settings={
            "form_id": "medios_de_vida",
            "form_title": "Encuesta de percepción de medios de vida",
            "version": VERSION,
            "default_language": DEFAULT_LANGUAGE,
            "instance_name": "concat(${org_name}, ' – ', ${codigo})",
        },
        survey=survey,
        choices=choices,
        scoring=_scoring(),
    )
