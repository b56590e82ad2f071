"""The items of instrument A (instruments.md §1): questions, guidance hints and level anchors.

Each item is a ``select_one`` on its own choice list (``A1_1_lvl`` …) so the technician sees
and reads aloud the item's anchor for every level; the values are always ``1 2 3 4 na ns``.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms_common import Tr


@dataclass(frozen=True, slots=True)
class Item:
    """One item: its question, a guidance hint and the anchors of levels 1–4."""

    code: str
    question: Tr
    hint: Tr
    anchors: tuple[Tr, Tr, Tr, Tr]


@dataclass(frozen=True, slots=True)
class Area:
    """One area: its title and items, in form order."""

    code: str
    title: Tr
    items: tuple[Item, ...]


def _item(code: str, question: Tr, hint: Tr, *anchors: Tr) -> Item:
    return Item(code, question, hint, anchors)


NO = Tr("no", "not at all", "não")

LEVELS = (
    Tr("Inexistente", "Non-existent", "Inexistente"),
    Tr("Inicial/informal", "Initial/informal", "Inicial/informal"),
    Tr("Establecido", "Established", "Estabelecido"),
    Tr("Consolidado", "Consolidated", "Consolidado"),
)
DONT_KNOW = Tr("NS · No sabe", "DK · Don't know", "NS · Não sabe")

AREA_TITLES = {
    "A1": Tr("Gobernanza y democracia interna",
             "Governance and internal democracy",
             "Governança e democracia interna"),
    "A2": Tr("Gestión administrativa y financiera",
             "Administrative and financial management",
             "Gestão administrativa e financeira"),
    "A3": Tr("Producción sostenible y ambiente",
             "Sustainable production and environment",
             "Produção sustentável e meio ambiente"),
    "A4": Tr("Comercialización y mercados", "Marketing and markets", "Comercialização e mercados"),
    "A5": Tr("Servicios y desarrollo de la membresía",
             "Member services and development",
             "Serviços e desenvolvimento dos associados"),
    "A6": Tr("Comunicación, incidencia y alianzas",
             "Communication, advocacy and alliances",
             "Comunicação, incidência e alianças"),
    "A7": Tr("Equidad, inclusión y temas transversales",
             "Equity, inclusion and cross-cutting issues",
             "Equidade, inclusão e temas transversais"),
}

ITEMS = (
    # A1 Gobernanza y democracia interna
    _item(
        "A1_1",
        Tr("La asamblea general se reúne según estatutos y toma las decisiones clave.",
           "The general assembly meets as the bylaws require and takes the key decisions.",
           "A assembleia geral se reúne conforme o estatuto e toma as decisões-chave."),
        Tr("Revise los estatutos y las actas de las últimas asambleas.",
           "Check the bylaws and the minutes of the latest assemblies.",
           "Verifique o estatuto e as atas das últimas assembleias."),
        Tr("no se reúne", "does not meet", "não se reúne"),
        Tr("irregular", "meets irregularly", "de forma irregular"),
        Tr("anual con actas", "yearly, with minutes", "anual, com atas"),
        Tr("actas y seguimiento de acuerdos",
           "minutes and follow-up of resolutions",
           "atas e acompanhamento das decisões"),
    ),
    _item(
        "A1_2",
        Tr("Junta directiva y órgano de vigilancia cumplen funciones y rinden cuentas.",
           "The board of directors and the oversight committee fulfill their roles and are "
           "accountable.",
           "A diretoria e o conselho fiscal cumprem suas funções e prestam contas."),
        Tr("Pida los informes de la junta directiva y del órgano de vigilancia a la asamblea.",
           "Ask for the reports of the board and of the oversight committee to the assembly.",
           "Peça os relatórios da diretoria e do conselho fiscal apresentados à assembleia."),
        Tr("no funcionan", "do not function", "não funcionam"),
        Tr("solo de nombre", "exist in name only", "só no papel"),
        Tr("informe anual", "annual report", "relatório anual"),
        Tr("informes periódicos y vigilancia activa",
           "regular reports and active oversight",
           "relatórios periódicos e fiscalização ativa"),
    ),
    _item(
        "A1_3",
        Tr("Existe plan estratégico/operativo con seguimiento.",
           "There is a strategic/operational plan that is followed up.",
           "Existe plano estratégico/operacional com acompanhamento."),
        Tr("Pida el plan vigente y evidencias de su revisión.",
           "Ask for the current plan and evidence that it is reviewed.",
           "Peça o plano vigente e evidências de sua revisão."),
        Tr("no hay", "none", "não há"),
        Tr("no escrito", "not written down", "não escrito"),
        Tr("plan escrito vigente", "written plan in force", "plano escrito vigente"),
        Tr("aprobado, indicadores revisados",
           "approved, indicators reviewed",
           "aprovado, indicadores revisados"),
    ),
    _item(
        "A1_4",
        Tr("Hay renovación de liderazgo y reglas claras de elección.",
           "Leadership is renewed and there are clear election rules.",
           "Há renovação da liderança e regras claras de eleição."),
        Tr("Considere las últimas elecciones: fechas, reglas y cambios de personas.",
           "Consider the latest elections: dates, rules and changes of people.",
           "Considere as últimas eleições: datas, regras e troca de pessoas."),
        Tr("sin elecciones", "no elections", "sem eleições"),
        Tr("irregulares", "irregular elections", "eleições irregulares"),
        Tr("según estatuto", "as the bylaws require", "conforme o estatuto"),
        Tr("alternancia y nuevos líderes formados",
           "rotation and new leaders trained",
           "alternância e novos líderes formados"),
    ),
    # A2 Gestión administrativa y financiera
    _item(
        "A2_1",
        Tr("La contabilidad está al día.",
           "The accounts are up to date.",
           "A contabilidade está em dia."),
        Tr("Pida los últimos estados financieros y los libros contables.",
           "Ask for the latest financial statements and the books of account.",
           "Peça os últimos demonstrativos financeiros e os livros contábeis."),
        Tr("sin registros", "no records", "sem registros"),
        Tr("incompletos", "incomplete records", "registros incompletos"),
        Tr("al día, estados anuales",
           "up to date, annual statements",
           "em dia, demonstrativos anuais"),
        Tr("estados auditados e informados",
           "audited statements, reported to members",
           "demonstrativos auditados e apresentados"),
    ),
    _item(
        "A2_2",
        Tr("Se trabaja con presupuesto y control interno.",
           "The organization works with a budget and internal controls.",
           "Trabalha-se com orçamento e controle interno."),
        Tr("Pregunte quién autoriza, quién paga y quién registra los gastos.",
           "Ask who authorizes, who pays and who records expenses.",
           "Pergunte quem autoriza, quem paga e quem registra as despesas."),
        NO,
        Tr("presupuesto sin control", "budget without control", "orçamento sem controle"),
        Tr("control de gastos", "spending is controlled", "controle de gastos"),
        Tr("separación de funciones", "segregation of duties", "separação de funções"),
    ),
    _item(
        "A2_3",
        Tr("La prima de comercio justo se gestiona con transparencia.",
           "The fair-trade premium is managed transparently.",
           "O prêmio do comércio justo é gerido com transparência."),
        Tr("Marque NA si la organización no recibe prima de comercio justo.",
           "Mark NA if the organization receives no fair-trade premium.",
           "Marque NA se a organização não recebe prêmio do comércio justo."),
        Tr("sin plan", "no plan", "sem plano"),
        Tr("decide la directiva", "the board decides", "a diretoria decide"),
        Tr("plan aprobado en asamblea",
           "plan approved by the assembly",
           "plano aprovado em assembleia"),
        Tr("ejecutado e informado", "carried out and reported", "executado e informado"),
    ),
    _item(
        "A2_4",
        Tr("La organización es financieramente sostenible.",
           "The organization is financially sustainable.",
           "A organização é financeiramente sustentável."),
        Tr("Considere los resultados de los últimos 3 años, las reservas y las fuentes de ingreso.",
           "Consider the results of the last 3 years, the reserves and the sources of income.",
           "Considere os resultados dos últimos 3 anos, as reservas e as fontes de receita."),
        Tr("una sola fuente", "a single source of income", "uma única fonte de receita"),
        Tr("pérdidas frecuentes", "frequent losses", "perdas frequentes"),
        Tr("equilibrio y crédito",
           "break-even and access to credit",
           "equilíbrio e acesso a crédito"),
        Tr("reservas y fuentes diversas",
           "reserves and diverse sources",
           "reservas e fontes diversas"),
    ),
    # A3 Producción sostenible y ambiente
    _item(
        "A3_1",
        Tr("Hay padrón de socios y registro de producción.",
           "There is a member register and a production record.",
           "Há cadastro de associados e registro da produção."),
        Tr("Pida el padrón actualizado y las estimaciones de cosecha.",
           "Ask for the updated member register and the harvest estimates.",
           "Peça o cadastro atualizado e as estimativas de safra."),
        NO,
        Tr("lista incompleta", "incomplete list", "lista incompleta"),
        Tr("padrón y estimados de cosecha",
           "register and harvest estimates",
           "cadastro e estimativas de safra"),
        Tr("sistema de control interno", "internal control system", "sistema de controle interno"),
    ),
    _item(
        "A3_2",
        Tr("Los socios reciben asistencia técnica.",
           "Members receive technical assistance.",
           "Os associados recebem assistência técnica."),
        Tr("Pregunte cuántos socios recibieron visitas o capacitación técnica el último año.",
           "Ask how many members received visits or technical training last year.",
           "Pergunte quantos associados receberam visitas ou capacitação técnica no último ano."),
        Tr("ninguna", "none", "nenhuma"),
        Tr("esporádica", "occasional", "esporádica"),
        Tr("plan", "planned", "com plano"),
        Tr("plan evaluado, cobertura medida",
           "plan evaluated, coverage measured",
           "plano avaliado, cobertura medida"),
    ),
    _item(
        "A3_3",
        Tr("Se aplican buenas prácticas ambientales y de agroquímicos.",
           "Good environmental and agrochemical practices are applied.",
           "Aplicam-se boas práticas ambientais e no uso de agroquímicos."),
        Tr("Por ejemplo: manejo de suelos y agua, lista de productos prohibidos, equipo de "
           "protección.",
           "For example: soil and water management, a list of banned products, protective "
           "equipment.",
           "Por exemplo: manejo de solo e água, lista de produtos proibidos, equipamento de "
           "proteção."),
        NO,
        Tr("algunas fincas", "on some farms", "em algumas propriedades"),
        Tr("normas y capacitación", "rules and training", "normas e capacitação"),
        Tr("monitoreo documentado", "documented monitoring", "monitoramento documentado"),
    ),
    _item(
        "A3_4",
        Tr("Se gestiona el riesgo climático.",
           "Climate risk is managed.",
           "O risco climático é gerenciado."),
        Tr("Pregunte por diagnósticos de vulnerabilidad y medidas frente a sequías, lluvias "
           "fuertes o plagas.",
           "Ask about vulnerability assessments and measures against droughts, heavy rains or "
           "pests.",
           "Pergunte por diagnósticos de vulnerabilidade e medidas contra secas, chuvas fortes ou "
           "pragas."),
        NO,
        Tr("acciones aisladas", "isolated actions", "ações isoladas"),
        Tr("diagnóstico", "assessment done", "diagnóstico feito"),
        Tr("plan de adaptación en ejecución",
           "adaptation plan under way",
           "plano de adaptação em execução"),
    ),
    # A4 Comercialización y mercados
    _item(
        "A4_1",
        Tr("Existen relaciones comerciales estables.",
           "There are stable trading relationships.",
           "Existem relações comerciais estáveis."),
        Tr("Pida los contratos de las dos últimas cosechas.",
           "Ask for the contracts of the last two harvests.",
           "Peça os contratos das duas últimas safras."),
        Tr("venta ocasional", "occasional sales", "venda ocasional"),
        Tr("un comprador sin contrato", "one buyer, no contract", "um comprador sem contrato"),
        Tr("contratos escritos", "written contracts", "contratos escritos"),
        Tr("varios compradores, largo plazo",
           "several buyers, long term",
           "vários compradores, longo prazo"),
    ),
    _item(
        "A4_2",
        Tr("Se controla calidad y trazabilidad.",
           "Quality and traceability are controlled.",
           "Há controle de qualidade e rastreabilidade."),
        Tr("Pregunte cómo se recibe el producto y si se sabe de qué socio viene cada lote.",
           "Ask how produce is received and whether each lot can be traced to its member.",
           "Pergunte como o produto é recebido e se é possível saber de qual associado vem cada "
           "lote."),
        NO,
        Tr("visual", "visual check only", "apenas visual"),
        Tr("protocolo", "written protocol", "protocolo"),
        Tr("trazabilidad lote–socio",
           "lot-to-member traceability",
           "rastreabilidade lote–associado"),
    ),
    _item(
        "A4_3",
        Tr("Se conocen costos de producción y precios.",
           "Production costs and prices are known.",
           "Os custos de produção e os preços são conhecidos."),
        Tr("Pida el cálculo de costos de producción y pregunte cómo se usa.",
           "Ask for the production cost calculation and how it is used.",
           "Peça o cálculo dos custos de produção e pergunte como é usado."),
        NO,
        Tr("estimación informal", "informal estimate", "estimativa informal"),
        Tr("calculados", "calculated", "calculados"),
        Tr("usados para negociar", "used in negotiations", "usados para negociar"),
    ),
    _item(
        "A4_4",
        Tr("La organización accede a mercados diferenciados.",
           "The organization reaches differentiated markets.",
           "A organização acessa mercados diferenciados."),
        Tr("Mercados diferenciados: comercio justo, orgánico, cafés/cacaos especiales, productos "
           "con valor agregado.",
           "Differentiated markets: fair trade, organic, specialty coffee/cocoa, value-added "
           "products.",
           "Mercados diferenciados: comércio justo, orgânico, cafés/cacaus especiais, produtos com "
           "valor agregado."),
        Tr("solo convencional", "conventional only", "só convencional"),
        Tr("en trámite", "certification in progress", "certificação em andamento"),
        Tr("una certificación (Fairtrade/SPP/orgánico)",
           "one certification (Fairtrade/SPP/organic)",
           "uma certificação (Fairtrade/SPP/orgânico)"),
        Tr("varias o valor agregado", "several, or added value", "várias ou valor agregado"),
    ),
    # A5 Servicios y desarrollo de la membresía
    _item(
        "A5_1",
        Tr("Se prestan servicios a socios (acopio, insumos, crédito).",
           "Services are provided to members (collection, inputs, credit).",
           "Prestam-se serviços aos associados (coleta, insumos, crédito)."),
        Tr("Enumere los servicios que presta la organización y con qué frecuencia.",
           "List the services the organization provides and how often.",
           "Liste os serviços que a organização presta e com que frequência."),
        Tr("ninguno", "none", "nenhum"),
        Tr("uno, irregular", "one, irregular", "um, irregular"),
        Tr("varios regulares", "several, regular", "vários, regulares"),
        Tr("evaluados por socios", "evaluated by members", "avaliados pelos associados"),
    ),
    _item(
        "A5_2",
        Tr("Hay educación y capacitación cooperativa.",
           "There is cooperative education and training.",
           "Há educação e capacitação cooperativista."),
        Tr("Pregunte por talleres sobre principios cooperativos y derechos y deberes de los "
           "socios.",
           "Ask about workshops on cooperative principles and on members' rights and duties.",
           "Pergunte por oficinas sobre princípios cooperativistas e direitos e deveres dos "
           "associados."),
        NO,
        Tr("ocasional", "occasional", "ocasional"),
        Tr("plan anual", "annual plan", "plano anual"),
        Tr("plan evaluado, incluye nuevos socios",
           "evaluated plan that includes new members",
           "plano avaliado, inclui novos associados"),
    ),
    _item(
        "A5_3",
        Tr("El personal tiene funciones definidas y competencias.",
           "Staff have defined roles and the skills they need.",
           "A equipe tem funções definidas e as competências necessárias."),
        Tr("Pida el organigrama y las descripciones de puesto.",
           "Ask for the organization chart and the job descriptions.",
           "Peça o organograma e as descrições de cargo."),
        Tr("sin personal", "no staff", "sem equipe"),
        Tr("sin funciones", "no defined roles", "sem funções definidas"),
        Tr("funciones escritas", "written job descriptions", "funções escritas"),
        Tr("evaluación y formación", "performance review and training", "avaliação e formação"),
    ),
    _item(
        "A5_4",
        Tr("Se mide la satisfacción de los socios.",
           "Member satisfaction is measured.",
           "A satisfação dos associados é medida."),
        Tr("Pregunte cómo se recogen las opiniones de los socios y qué se cambió por ellas.",
           "Ask how members' opinions are gathered and what was changed because of them.",
           "Pergunte como as opiniões dos associados são coletadas e o que mudou por causa delas."),
        NO,
        Tr("quejas informales", "informal complaints", "reclamações informais"),
        Tr("consulta periódica", "regular consultation", "consulta periódica"),
        Tr("encuesta y mejoras", "survey and improvements", "pesquisa e melhorias"),
    ),
    # A6 Comunicación, incidencia y alianzas
    _item(
        "A6_1",
        Tr("Los socios reciben información oportuna.",
           "Members receive timely information.",
           "Os associados recebem informação oportuna."),
        Tr("Pregunte cómo se enteran los socios de precios, pagos y decisiones.",
           "Ask how members learn about prices, payments and decisions.",
           "Pergunte como os associados ficam sabendo de preços, pagamentos e decisões."),
        NO,
        Tr("solo en asamblea", "only at the assembly", "só na assembleia"),
        Tr("canales regulares (radio, mensajería)",
           "regular channels (radio, messaging)",
           "canais regulares (rádio, mensagens)"),
        Tr("con retroalimentación", "with feedback", "com retorno dos associados"),
    ),
    _item(
        "A6_2",
        Tr("La organización promueve el comercio justo.",
           "The organization promotes fair trade.",
           "A organização promove o comércio justo."),
        Tr("Por ejemplo: ferias, materiales, campañas, ventas en el mercado nacional.",
           "For example: fairs, materials, campaigns, sales in the domestic market.",
           "Por exemplo: feiras, materiais, campanhas, vendas no mercado nacional."),
        NO,
        Tr("ocasional", "occasionally", "ocasional"),
        Tr("materiales y actividades", "materials and activities", "materiais e atividades"),
        Tr("estrategia, incl. mercado nacional",
           "strategy, incl. the domestic market",
           "estratégia, incl. mercado nacional"),
    ),
    _item(
        "A6_3",
        Tr("Participa en redes e incidencia (Coordinadora Nacional, Red de Producto, plataformas).",
           "It takes part in networks and advocacy (National Coordinator, Product Network, "
           "platforms).",
           "Participa de redes e incidência (Coordenadora Nacional, Rede de Produto, "
           "plataformas)."),
        Tr("Considere su participación en el último año: asistencia, cargos, propuestas.",
           "Consider its participation over the last year: attendance, posts held, proposals.",
           "Considere a participação no último ano: presença, cargos, propostas."),
        NO,
        Tr("pasiva", "passive", "passiva"),
        Tr("activa", "active", "ativa"),
        Tr("lidera incidencia", "leads advocacy", "lidera a incidência"),
    ),
    _item(
        "A6_4",
        Tr("Contribuye a la comunidad.",
           "It contributes to the community.",
           "Contribui com a comunidade."),
        Tr("Por ejemplo: proyectos de agua, salud, educación o caminos.",
           "For example: water, health, education or road projects.",
           "Por exemplo: projetos de água, saúde, educação ou estradas."),
        NO,
        Tr("donaciones puntuales", "one-off donations", "doações pontuais"),
        Tr("proyectos", "projects", "projetos"),
        Tr("planificados con la comunidad",
           "planned with the community",
           "planejados com a comunidade"),
    ),
    # A7 Equidad, inclusión y temas transversales
    _item(
        "A7_1",
        Tr("Igualdad de género.", "Gender equality.", "Igualdade de gênero."),
        Tr("¿Hay política de género? ¿Cuántas mujeres ocupan cargos? ¿Tiene metas y presupuesto?",
           "Is there a gender policy? How many women hold posts? Are there targets and a budget?",
           "Há política de gênero? Quantas mulheres ocupam cargos? Há metas e orçamento?"),
        NO,
        Tr("socias sin cargos", "women members, no posts", "associadas sem cargos"),
        Tr("política, mujeres en cargos", "policy, women in posts", "política, mulheres em cargos"),
        Tr("metas y presupuesto", "targets and budget", "metas e orçamento"),
    ),
    _item(
        "A7_2",
        Tr("Juventud y relevo generacional.",
           "Youth and generational renewal.",
           "Juventude e sucessão geracional."),
        Tr("¿Qué espacios tienen los jóvenes? ¿Hay jóvenes en la junta o en comités?",
           "What space do young people have? Are there young people on the board or in committees?",
           "Que espaços os jovens têm? Há jovens na diretoria ou em comitês?"),
        NO,
        Tr("sin espacio", "no space for youth", "sem espaço para jovens"),
        Tr("comité juvenil", "youth committee", "comitê de jovens"),
        Tr("jóvenes en órganos de decisión",
           "young people in decision-making bodies",
           "jovens nos órgãos de decisão"),
    ),
    _item(
        "A7_3",
        Tr("Prevención del trabajo infantil.",
           "Prevention of child labor.",
           "Prevenção do trabalho infantil."),
        Tr("Pida la política o norma interna y registros de capacitación o monitoreo.",
           "Ask for the policy or internal rule and records of training or monitoring.",
           "Peça a política ou norma interna e registros de capacitação ou monitoramento."),
        NO,
        Tr("norma conocida", "rule known", "norma conhecida"),
        Tr("política y capacitación", "policy and training", "política e capacitação"),
        Tr("monitoreo y remediación", "monitoring and remediation", "monitoramento e remediação"),
    ),
    _item(
        "A7_4",
        Tr("Salud, seguridad y bienestar laboral.",
           "Occupational health, safety and well-being.",
           "Saúde, segurança e bem-estar no trabalho."),
        Tr("Pregunte por equipo de protección, botiquín, comité de salud y seguridad, registro de "
           "accidentes.",
           "Ask about protective equipment, first-aid kits, a health and safety committee, an "
           "accident log.",
           "Pergunte por equipamento de proteção, kit de primeiros socorros, comissão de saúde e "
           "segurança, registro de acidentes."),
        NO,
        Tr("mínimas", "minimal measures", "medidas mínimas"),
        Tr("plan y equipo", "plan and equipment", "plano e equipamento"),
        Tr("comité y registro de incidentes",
           "committee and incident log",
           "comitê e registro de incidentes"),
    ),
    _item(
        "A7_5",
        Tr("Soberanía alimentaria.", "Food sovereignty.", "Soberania alimentar."),
        Tr("Por ejemplo: diversificación de cultivos, huertos familiares, semillas propias.",
           "For example: crop diversification, home gardens, own seeds.",
           "Por exemplo: diversificação de cultivos, hortas familiares, sementes próprias."),
        NO,
        Tr("aisladas", "isolated actions", "ações isoladas"),
        Tr("diversificación/huertos", "diversification/home gardens", "diversificação/hortas"),
        Tr("con seguimiento", "with follow-up", "com acompanhamento"),
    ),
)


def _area(code: str, title: Tr) -> Area:
    return Area(code, title, tuple(item for item in ITEMS if item.code.split("_")[0] == code))


AREAS = tuple(_area(code, title) for code, title in AREA_TITLES.items())
