"""The KPIs of the FY2021 (令和3年度) business plan, its FY2021 and FY2020 targets and its
FY2020 results.

These are facts of the plan, not demo content: migration 0003 loads them into every database,
and the demo loader calls the same function (it only adds what is missing, so an editor's
later changes are kept). Because a migration runs this with historical models, it only sets
fields that exist as of migration 0003; add later facts in a new migration (0006 adds the
FY2020 targets to databases migrated before they were here).
"""

PLAN_SOURCE = "令和3年度 事業計画「令和2年度 KPI 結果」"

# Each indicator: code, name, area, unit, method, activity kinds, description (the plan's
# wording), how it is counted (for the public page), sort order, parent, numerator, denominator.
INDICATORS = [
    {
        "code": "municipalities-supported",
        "name": "支援自治体数",
        "area": "municipal_support",
        "unit": "自治体",
        "method": "municipality_count",
        "activity_kinds": [
            "matching_considered",
            "matching_concluded",
            "field_trial",
            "deployment",
            "municipal_support",
            "consultation",
            "matching_event",
        ],
        "description": "自治体ニーズ紹介等実施の自治体数。",
        "counting_explanation": (
            "フォーラムの活動（自治体ニーズの紹介、マッチングイベント、よろず相談、マッチングの"
            "検討・成立、現場試行、社会実装、その他の自治体支援）で関わった自治体の数です。"
            "同じ年度に同じ自治体が何度関わっても1自治体と数えます。\n"
            "自治体は都道府県名と市区町村名の組で見分けるため、別の都道府県にある同じ名前の"
            "市町村は別々に数えます。都道府県そのものも1自治体です。"
            "自治体の名前が記録されていない活動は数えません。"
        ),
        "sort_order": 10,
    },
    {
        "code": "forum-meetings",
        "name": "地方フォーラム実施数",
        "area": "municipal_support",
        "unit": "回",
        "method": "activity_count",
        "activity_kinds": ["forum_meeting"],
        "description": "フォーラム開催数。",
        "counting_explanation": (
            "フォーラムが開いた会合（種類「フォーラム開催」の活動）を1回と数えます。"
            "会場とオンラインの併用でも、2日間にわたる開催でも1回です。"
            "全国フォーラムの開催は「全国フォーラム」に、地方フォーラムの開催は"
            "「地方フォーラム」に数えます。\n"
            "ピッチイベント、マッチングイベント、セミナーなどは、それぞれの種類で記録し、"
            "ここには数えません。イベントのページで「開催済み」にしたときに記録されます。"
        ),
        "sort_order": 20,
    },
    {
        "code": "matchings",
        "name": "マッチング・現場試行・実装実施数",
        "area": "municipal_support",
        "unit": "件",
        "method": "activity_count",
        "activity_kinds": [
            "matching_considered",
            "matching_concluded",
            "field_trial",
            "deployment",
        ],
        "description": "地方フォーラムにおけるマッチング検討数ならびに現場試行実施数。",
        "counting_explanation": (
            "内訳の4つ（マッチング検討数、マッチング成立数、現場試行数、社会実装数）の合計です。"
            "自治体のニーズと企業の技術（シーズ）の組み合わせを、検討・成立・試行・実装の"
            "段階ごとに1件と数えます。検討から成立に進んだ組み合わせは、それぞれの段階で"
            "1件ずつ数えます。\n"
            "マッチングイベントやピッチイベントの開催そのものは数えません。"
        ),
        "sort_order": 30,
        "children_add_up": True,
    },
    {
        "code": "matchings-considered",
        "name": "マッチング検討数",
        "area": "municipal_support",
        "unit": "件",
        "method": "activity_count",
        "activity_kinds": ["matching_considered"],
        "description": "自治体のニーズと企業の技術の組み合わせを検討した数。",
        "counting_explanation": (
            "自治体のニーズと企業の技術の組み合わせについて、検討を始めたもの"
            "（種類「マッチング検討」の活動）を1件と数えます。"
        ),
        "sort_order": 31,
        "parent": "matchings",
    },
    {
        "code": "matchings-concluded",
        "name": "マッチング成立数",
        "area": "municipal_support",
        "unit": "件",
        "method": "activity_count",
        "activity_kinds": ["matching_concluded"],
        "description": "マッチングが成立した数。",
        "counting_explanation": (
            "検討の結果、自治体と企業が実施に合意したもの（種類「マッチング成立」の活動）を"
            "1件と数えます。"
        ),
        "sort_order": 32,
        "parent": "matchings",
    },
    {
        "code": "field-trials",
        "name": "現場試行数",
        "area": "municipal_support",
        "unit": "件",
        "method": "activity_count",
        "activity_kinds": ["field_trial"],
        "description": "自治体の現場で技術を試行した数。",
        "counting_explanation": (
            "自治体の現場で技術を試したもの（種類「現場試行」の活動。実証実験を含みます）を"
            "1件と数えます。"
        ),
        "sort_order": 33,
        "parent": "matchings",
    },
    {
        "code": "deployments",
        "name": "社会実装数",
        "area": "municipal_support",
        "unit": "件",
        "method": "activity_count",
        "activity_kinds": ["deployment"],
        "description": "試行を経て、自治体の業務に取り入れられた数。",
        "counting_explanation": (
            "試行を経て、自治体が業務に本格的に取り入れたもの（種類「社会実装」の活動）を"
            "1件と数えます。"
        ),
        "sort_order": 34,
        "parent": "matchings",
    },
    {
        "code": "municipal-membership-ratio",
        "name": "自治体会員数",
        "area": "municipal_support",
        "unit": "%",
        "method": "ratio",
        "description": "地方自治体総数1,788（都道府県含む）のうち行政会員である自治体数の割合",
        "counting_explanation": (
            "年度末の時点で国民会議の行政会員である自治体の数を、地方自治体の総数1,788"
            "（47都道府県と1,741市区町村）で割った割合です。会員の数は事務局の会員名簿から"
            "入力します。活動からは数えません。"
        ),
        "sort_order": 40,
        "numerator": "municipal-members",
        "denominator": 1788,
    },
    {
        "code": "municipal-members",
        "name": "行政会員である自治体数",
        "area": "municipal_support",
        "unit": "自治体",
        "method": "entered",
        "description": "行政会員である自治体（都道府県を含む）の数。",
        "counting_explanation": (
            "年度末の時点で行政会員である自治体（都道府県を含む）の数です。"
            "事務局の会員名簿から入力します。"
        ),
        "sort_order": 41,
        "parent": "municipal-membership-ratio",
    },
    {
        "code": "lessons-and-workshops",
        "name": "出前授業およびワークショップ開催数",
        "area": "citizen_participation",
        "unit": "回",
        "method": "activity_count",
        "activity_kinds": ["school_lesson", "workshop"],
        "description": "小学生向けの出前授業と、問題解決のためのワークショップ講座の開催数。",
        "counting_explanation": (
            "出前授業は、学校からの申込みを受けて実施した授業（申込みの状態が「実施済み」"
            "または「報告済み」のもの）を1回と数えます。ワークショップ講座は、イベントの"
            "ページで「開催済み」にしたワークショップを1回と数えます。\n"
            "申込み中・予定・中止のものは数えません。こども霞が関デーなどの市民参画イベント、"
            "シンポジウム、見学会は含みません。主催したフォーラムが全国フォーラムか"
            "地方フォーラムかで内訳に分けます。"
        ),
        "sort_order": 50,
    },
    {
        "code": "countries-supported",
        "name": "支援国（地域）数",
        "area": "overseas",
        "unit": "国・地域",
        "method": "entered",
        "description": "ニーズ紹介等実施の国（地域）数。",
        "counting_explanation": (
            "海外市場展開フォーラムが、ニーズの紹介などを行った国と地域の数です。"
            "事務局の集計を入力します。活動からは数えません。"
        ),
        "sort_order": 60,
    },
]

# {fiscal year: {code: target}}. FY2021: the plan's KPI table of 「令和3年度の KPI」 (2. 事業計画).
# FY2020: the KPI column of its table 「令和2年度 KPI 結果」 (KPI総合計), the same five KPIs with
# the same values. The plan sets no target for a breakdown, the member count or 支援国数.
TARGETS = {
    2020: {
        "municipalities-supported": 100,
        "forum-meetings": 50,
        "matchings": 150,
        "municipal-membership-ratio": 60,
        "lessons-and-workshops": 5,
    },
    2021: {
        "municipalities-supported": 100,
        "forum-meetings": 50,
        "matchings": 150,
        "municipal-membership-ratio": 60,
        "lessons-and-workshops": 5,
    },
}

# (code, fiscal year, scope, value): the plan's table of FY2020 results, every figure of it.
FIGURES = [
    ("municipalities-supported", 2020, "all", 83),
    ("municipalities-supported", 2020, "national", 0),
    ("municipalities-supported", 2020, "regional", 83),
    ("forum-meetings", 2020, "all", 19),
    ("forum-meetings", 2020, "national", 3),
    ("forum-meetings", 2020, "regional", 16),
    ("matchings", 2020, "all", 133),
    ("matchings", 2020, "national", 10),
    ("matchings", 2020, "regional", 123),
    ("matchings-considered", 2020, "all", 113),
    ("matchings-considered", 2020, "national", 6),
    ("matchings-considered", 2020, "regional", 107),
    ("matchings-concluded", 2020, "all", 14),
    ("matchings-concluded", 2020, "national", 0),
    ("matchings-concluded", 2020, "regional", 14),
    ("field-trials", 2020, "all", 6),
    ("field-trials", 2020, "national", 4),
    ("field-trials", 2020, "regional", 2),
    ("deployments", 2020, "all", 0),
    ("deployments", 2020, "national", 0),
    ("deployments", 2020, "regional", 0),
    ("municipal-membership-ratio", 2020, "all", 57),
    ("lessons-and-workshops", 2020, "all", 3),
    ("lessons-and-workshops", 2020, "national", 2),
    ("lessons-and-workshops", 2020, "regional", 1),
    ("countries-supported", 2020, "national", 48),
]


def load_plan(apps):
    """Add the plan's indicators, targets and FY2020 figures that are missing.

    `apps` is a model registry: `django.apps.apps`, or a migration's historical one.
    Returns the number of rows created.
    """
    Indicator = apps.get_model("kpi", "Indicator")
    EnteredFigure = apps.get_model("kpi", "EnteredFigure")

    relations = ("parent", "numerator")
    indicators, created_codes = {}, set()
    for spec in INDICATORS:
        defaults = {key: value for key, value in spec.items() if key not in (*relations, "code")}
        indicators[spec["code"]], created = Indicator.objects.get_or_create(
            code=spec["code"], defaults=defaults
        )
        if created:
            created_codes.add(spec["code"])
    # Relations once every indicator exists, and only on the indicators created just now.
    for code in created_codes:
        spec = next(spec for spec in INDICATORS if spec["code"] == code)
        links = {f"{rel}_id": indicators[spec[rel]].pk for rel in relations if spec.get(rel)}
        if links:
            Indicator.objects.filter(pk=indicators[code].pk).update(**links)
    created_count = len(created_codes) + load_targets(apps)

    for code, year, scope, value in FIGURES:
        _, created = EnteredFigure.objects.get_or_create(
            indicator=indicators[code],
            fiscal_year=year,
            scope=scope,
            forum=None,
            defaults={"value": value, "source": PLAN_SOURCE},
        )
        created_count += created
    return created_count


def load_targets(apps, years=None):
    """Add the plan's targets (of the given fiscal years, else all) that are missing, to the
    indicators that exist: an indicator an editor deleted is not brought back. Returns the
    number of targets created."""
    Indicator = apps.get_model("kpi", "Indicator")
    IndicatorTarget = apps.get_model("kpi", "IndicatorTarget")
    indicators = Indicator.objects.in_bulk(
        {code for targets in TARGETS.values() for code in targets}, field_name="code"
    )
    created_count = 0
    for year, targets in TARGETS.items():
        if years is not None and year not in years:
            continue
        for code, value in targets.items():
            if code not in indicators:
                continue
            _, created = IndicatorTarget.objects.get_or_create(
                indicator=indicators[code], fiscal_year=year, defaults={"value": value}
            )
            created_count += created
    return created_count
