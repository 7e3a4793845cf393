"""Demo content for needs, seeds and matchings, drawn from the plan.

- The plan's example (提供情報の例-1): 広島県's need 「河道・堤防の点検・診断」 and the seed
  「SAR衛星によるインフラ変位モニタリング」, matched at 現場試行 in FY2021.
- 中国フォーラム「第3回ニーズ調査」(2021-05-12〜06-30) with a dozen needs of the region's local
  governments, and a survey open today so that the form can be tried.
- Seeds and matchings across forums so that FY2021's funnel has a realistic shape (many
  considered, few concluded, fewer tried and deployed).
- A few operational stories (運営ノウハウ).
- What members see more: a need and a seed shown to members only, the seeds' contacts; a
  seed of the demo member 近畿保全テック株式会社, which its people edit from the members'
  area; a photo and a leaflet on the plan's example seed.

These matchings are the FY2021 matching activities of the KPI demo: kpi/demo.py no longer
enters any by hand (they were counted twice).

Idempotent: surveys by title, needs by theme and local government, seeds by technology,
matchings by need, stories by title. The organisations are made up.
"""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from members.models import MemberOrganisation
from website.dates import japan_today
from website.demo import demo_image
from website.models import Forum

from .models import (
    InfrastructureField,
    Matching,
    MatchingIndexPage,
    Need,
    NeedsSurvey,
    OperationalStory,
    Publication,
    Seed,
    SeedDocument,
    SeedPhoto,
    Stage,
)

D = datetime.date

INDEX = {
    "title": "ニーズ・シーズ",
    "slug": "matching",
    "introduction": (
        "自治体・施設管理者のニーズと、企業・大学などの技術（シーズ）を紹介しています。"
        "各フォーラムがニーズ調査やピッチイベントを通じて、両者の出会いを後押しします。"
    ),
}

EXAMPLE_NEED = {
    "code": "340006",
    "forum": "chugoku",
    "fields": ["river"],
    "theme": "河道・堤防の点検・診断",
    "facility_manager": "土木建築局 河川課",
    "sought": (
        "河道・堤防の点検・診断時に、近接目視と同等以上でかつ効率的で安価な技術、"
        "特に車が進入できない箇所での近接目視点検と同等以上の点検技術を求めています。"
    ),
}

# (technology, organisation, fields, overview, NETIS number)
SEEDS = [
    (
        "SAR衛星によるインフラ変位モニタリング",
        "株式会社そらレーダー解析",
        ["river", "road", "coast"],
        "SAR衛星（ALOS-2）のデータ（合成開口レーダ及び画像）を使用したモニタリング及び"
        "変状箇所の抽出技術。広い範囲の堤防や斜面の変位をミリ単位で捉えます。",
        "",
    ),
    (
        "ドローンによる橋梁近接撮影と損傷自動判定",
        "中国ドローン技研株式会社",
        ["bridge", "road"],
        "狭い桁下でも飛行できる小型ドローンで近接撮影し、画像からひび割れを自動で判定します。",
        "CG-200012-A",
    ),
    (
        "AIによる舗装ひび割れ判定（車載カメラ）",
        "みちのく舗装診断株式会社",
        ["road"],
        "公用車に載せたカメラの映像から、舗装のひび割れ率とわだち掘れを自動で算出します。",
        "TH-190034-VE",
    ),
    (
        "管路内自走ロボットによる下水道管調査",
        "西日本管路サービス株式会社",
        ["sewerage"],
        "小口径管にも入れる自走式ロボットで、管内の腐食やたるみを撮影・計測します。",
        "KK-180021-A",
    ),
    (
        "水道管の漏水を音で見つけるIoTセンサー",
        "アクアセンス株式会社",
        ["water-supply"],
        "消火栓などに取り付けたセンサーが夜間の漏水音を集め、漏水の疑いがある区間を地図に示します。",
        "",
    ),
    (
        "打音検査の記録・判定アプリ",
        "筑紫野工科大学 インフラ点検研究室",
        ["tunnel", "bridge", "building"],
        "点検ハンマーの打音をスマートフォンで記録し、浮きや剥離の疑いを判定して台帳に残します。",
        "",
    ),
    (
        "港湾施設の水中点検ロボット",
        "海洋ロボティクス株式会社",
        ["port", "coast"],
        "潜水士に代わって岸壁や桟橋の水中部を撮影し、3次元の点群で記録します。",
        "",
    ),
    (
        "砂防堰堤の3次元点群による変状把握",
        "山河計測株式会社",
        ["sabo"],
        "レーザー測量の点群を年ごとに比べ、堰堤や渓流の変状を把握します。",
        "",
    ),
]

# Contact points shown to members (made-up, example.jp addresses).
CONTACTS = {
    "SAR衛星によるインフラ変位モニタリング": ("営業本部 インフラ解析課", "sar@example.jp"),
    "ドローンによる橋梁近接撮影と損傷自動判定": ("技術営業部", "drone@example.jp"),
    "管路内自走ロボットによる下水道管調査": ("管路事業部", "kanro@example.jp"),
}

# A member's own seed, shown to members only (its people edit it in the members' area).
MEMBER_SEED = {
    "technology": "電磁波レーダによる床版の非破壊検査",
    "organisation": "近畿保全テック株式会社",
    "fields": ["bridge", "road"],
    "overview": "車両に載せた電磁波レーダで、舗装をはがさずに床版の土砂化や滞水を調べます。"
    "交通規制の時間を短くできます。",
    "contact": ("技術開発室", "hozen-tech@example.jp"),
}

SAR_PHOTO = "SAR衛星による河川堤防の変位の観測イメージ（デモ）"
SAR_LEAFLET = "SAR衛星によるインフラ変位モニタリング 技術資料（デモ）"

# The needs of 中国フォーラム「第3回ニーズ調査」: (code, fields, theme, sought, publication)
SURVEY_NEEDS = [
    (
        "342025",
        ["road"],
        "急傾斜地の道路のり面点検",
        "人が近づきにくいのり面の浮石を安全に把握したい。",
        Publication.PUBLIC,
    ),
    (
        "342050",
        ["bridge"],
        "小規模橋梁の点検の効率化",
        "管理する約800橋の点検費用を抑えたい。",
        Publication.PUBLIC,
    ),
    (
        "342076",
        ["sewerage"],
        "下水道管路の劣化予測",
        "布設後40年を超える管路の更新順位を決めたい。",
        Publication.PUBLIC,
    ),
    (
        "331007",
        ["water-supply"],
        "水道管の漏水箇所の早期発見",
        "夜間の漏水調査の人手が足りない。",
        Publication.PUBLIC,
    ),
    (
        "332020",
        ["river"],
        "中小河川の水位監視",
        "低コストの水位計で避難判断を早めたい。",
        Publication.PUBLIC,
    ),
    (
        "322016",
        ["coast"],
        "海岸保全施設の点検",
        "長い海岸線の護岸の変状を効率よく把握したい。",
        Publication.PUBLIC,
    ),
    (
        "352021",
        ["port"],
        "港湾岸壁の水中部点検",
        "潜水士に頼らない点検方法を探している。",
        Publication.MEMBERS,
    ),
    (
        "312011",
        ["road"],
        "舗装の劣化診断",
        "市道の舗装の状態を全路線で把握したい。",
        Publication.PUBLIC,
    ),
    (
        "352152",
        ["building"],
        "公共施設の外壁点検",
        "学校や庁舎の外壁タイルの浮きを安く調べたい。",
        Publication.PUBLIC,
    ),
    (
        "342122",
        ["sabo", "river"],
        "砂防施設の巡視の省力化",
        "豪雨後の巡視を早く安全に行いたい。",
        Publication.NONE,
    ),
    (
        "332038",
        ["tunnel"],
        "トンネル覆工の点検",
        "打音点検の記録と判定を標準化したい。",
        Publication.PUBLIC,
    ),
    (
        "343021",
        ["road", "bridge"],
        "道路附属物の点検",
        "照明柱や標識の根元の腐食を見落としたくない。",
        Publication.PUBLIC,
    ),
]

# Needs of other forums: (forum, code, fields, theme)
OTHER_NEEDS = [
    ("kinki", "271004", ["bridge"], "橋梁の床版の劣化把握"),
    ("kinki", "261009", ["sewerage"], "下水道マンホール蓋の点検"),
    ("kyushu", "401005", ["port"], "港湾施設の維持管理計画の更新"),
    ("kyushu", "431001", ["road"], "山間部道路の斜面監視"),
    ("kyushu", "452017", ["river"], "河川護岸の洗掘の把握"),
    ("tohoku", "041009", ["road"], "積雪地の舗装劣化の把握"),
    ("tohoku", "022012", ["bridge"], "橋梁点検の人材不足への対応"),
    ("kanto", "141003", ["water-supply"], "配水管の更新計画"),
    ("shikoku", "372013", ["coast"], "海岸堤防の点検"),
    ("municipal-support", "212041", ["tunnel"], "小規模トンネルの点検費用の削減"),
    # What the KPI demo once entered by hand, as the matchings they were.
    ("tohoku", "072036", ["bridge"], "橋梁点検の効率化"),
    ("tohoku", "041009", ["sewerage"], "下水道管路の調査技術"),
    ("chubu", "212105", ["road"], "道路舗装の維持管理"),
    ("kinki", "271403", ["bridge"], "橋梁点検へのドローンの導入"),
    ("kyushu", "402036", ["bridge"], "小規模橋梁の点検の省力化"),
    ("kyushu", "402028", ["road"], "舗装のひび割れの把握"),
    ("kyushu", "422011", ["road"], "斜面・のり面の点検"),
    ("okinawa", "472085", ["port", "coast"], "塩害を受けた施設の点検"),
    ("innovative-tech", "150002", ["river"], "河川堤防の変位の把握"),
]

# Matchings of FY2021: (need theme, seed index, forum, [(stage, date)])
MATCHINGS = [
    ("急傾斜地の道路のり面点検", 0, "chugoku", [("considered", D(2021, 7, 20))]),
    (
        "小規模橋梁の点検の効率化",
        1,
        "chugoku",
        [("considered", D(2021, 7, 20)), ("concluded", D(2021, 10, 5))],
    ),
    ("下水道管路の劣化予測", 3, "chugoku", [("considered", D(2021, 7, 20))]),
    (
        "水道管の漏水箇所の早期発見",
        4,
        "chugoku",
        [
            ("considered", D(2021, 7, 20)),
            ("concluded", D(2021, 11, 2)),
            ("field_trial", D(2022, 1, 18)),
        ],
    ),
    ("中小河川の水位監視", 0, "chugoku", [("considered", D(2021, 8, 3))]),
    (
        "海岸保全施設の点検",
        6,
        "chugoku",
        [("considered", D(2021, 8, 3)), ("dropped", D(2021, 12, 1))],
    ),
    ("舗装の劣化診断", 2, "chugoku", [("considered", D(2021, 8, 3))]),
    ("トンネル覆工の点検", 5, "chugoku", [("considered", D(2021, 9, 14))]),
    (
        "橋梁の床版の劣化把握",
        1,
        "kinki",
        [("considered", D(2021, 6, 10)), ("concluded", D(2021, 9, 1))],
    ),
    ("下水道マンホール蓋の点検", 3, "kinki", [("considered", D(2021, 6, 10))]),
    (
        "港湾施設の維持管理計画の更新",
        6,
        "kyushu",
        [
            ("considered", D(2021, 5, 27)),
            ("concluded", D(2021, 8, 30)),
            ("field_trial", D(2021, 11, 15)),
            ("deployment", D(2022, 3, 10)),
        ],
    ),
    ("山間部道路の斜面監視", 0, "kyushu", [("considered", D(2021, 5, 27))]),
    ("河川護岸の洗掘の把握", 7, "kyushu", [("considered", D(2021, 10, 21))]),
    (
        "積雪地の舗装劣化の把握",
        2,
        "tohoku",
        [("considered", D(2021, 7, 8)), ("concluded", D(2021, 10, 20))],
    ),
    ("橋梁点検の人材不足への対応", 5, "tohoku", [("considered", D(2021, 7, 8))]),
    ("配水管の更新計画", 4, "kanto", [("considered", D(2021, 9, 30))]),
    ("海岸堤防の点検", 0, "shikoku", [("considered", D(2021, 11, 11))]),
    (
        "小規模トンネルの点検費用の削減",
        5,
        "municipal-support",
        [("considered", D(2021, 6, 24)), ("concluded", D(2021, 12, 8))],
    ),
    ("道路附属物の点検", 5, "chugoku", [("considered", D(2021, 6, 30))]),
    ("橋梁点検の効率化", 1, "tohoku", [("considered", D(2021, 5, 20))]),
    ("下水道管路の調査技術", 3, "tohoku", [("considered", D(2021, 6, 15))]),
    (
        "道路舗装の維持管理",
        2,
        "chubu",
        [("considered", D(2021, 7, 20)), ("concluded", D(2022, 1, 20))],
    ),
    # Its field trial is the events demo's 実証実験 (2021-08-24), which records itself.
    (
        "橋梁点検へのドローンの導入",
        1,
        "kinki",
        [
            ("considered", D(2021, 5, 10)),
            ("concluded", D(2021, 7, 15)),
            ("deployment", D(2022, 3, 25)),
        ],
    ),
    ("小規模橋梁の点検の省力化", 5, "kyushu", [("considered", D(2021, 10, 26))]),
    ("舗装のひび割れの把握", 2, "kyushu", [("considered", D(2021, 10, 26))]),
    ("斜面・のり面の点検", 0, "kyushu", [("considered", D(2022, 2, 15))]),
    (
        "塩害を受けた施設の点検",
        6,
        "okinawa",
        [
            ("considered", D(2021, 12, 1)),
            ("concluded", D(2022, 2, 1)),
            ("field_trial", D(2022, 3, 31)),
        ],
    ),
    (
        "河川堤防の変位の把握",
        0,
        "innovative-tech",
        [
            ("considered", D(2021, 7, 1)),
            ("concluded", D(2021, 10, 1)),
            ("field_trial", D(2021, 11, 30)),
        ],
    ),
]

DROPPED_REASON = "水中部の点検は潜水士による方法のほうが当面は安価と判断し、見送りました。"

STORIES = [
    (
        "chugoku",
        OperationalStory.Kind.SUCCESS,
        "ニーズ調査の回答を、ピッチイベントの登壇企業選びに使った",
        "第3回ニーズ調査で多かった分野（道路・橋梁・上下水道）に合わせて登壇企業を募ったところ、"
        "イベント後の個別相談が前回の2倍になりました。",
    ),
    (
        "kyushu",
        OperationalStory.Kind.SUCCESS,
        "現場試行の前に、発注部署と技術の条件をすり合わせた",
        "試行の前に自治体の発注部署と企業で条件を確認する場を設け、試行から社会実装まで進めました。",
    ),
    (
        "kinki",
        OperationalStory.Kind.FAILURE,
        "イベント後のフォローが遅れ、検討が止まった",
        "マッチングイベントの後、担当者の異動で連絡が途切れました。次回はフォーラムの事務局が"
        "1か月後に双方へ状況を確かめることにしました。",
    ),
]


def ensure_index(home):
    index = MatchingIndexPage.objects.child_of(home).first()
    if index is None:
        index = MatchingIndexPage(show_in_menus=True, **INDEX)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def ensure_need(
    forum,
    code,
    fields,
    theme,
    *,
    sought=None,
    survey=None,
    publication=Publication.PUBLIC,
    manager="",
):
    need = Need.objects.filter(local_government_id=code, theme=theme).first()
    if need is None:
        need = Need.objects.create(
            local_government_id=code,
            forum=forum,
            survey=survey,
            theme=theme,
            sought=sought or f"{theme}について、効率的で安価な技術を探しています。",
            facility_manager=manager,
            is_public=publication == Publication.PUBLIC,
            shown_to_members=publication == Publication.MEMBERS,
            publication_consent=publication,
        )
        need.fields.set(InfrastructureField.objects.filter(slug__in=fields))
        need.save()
    return need


def ensure_seeds():
    seeds = []
    for technology, organisation, fields, overview, netis in SEEDS:
        seed = Seed.objects.filter(technology=technology).first()
        if seed is None:
            department, email = CONTACTS.get(technology, ("", ""))
            seed = Seed.objects.create(
                technology=technology,
                organisation_name=organisation,
                overview=overview,
                netis_number=netis,
                contact_department=department,
                contact_email=email,
                is_public=True,
            )
            seed.fields.set(InfrastructureField.objects.filter(slug__in=fields))
            seed.save()
        seeds.append(seed)
    return seeds


def ensure_member_seed():
    """The demo member's own seed (members/demo.py), for members only."""
    spec = MEMBER_SEED
    seed = Seed.objects.filter(technology=spec["technology"]).first()
    if seed is None:
        member = MemberOrganisation.objects.filter(name=spec["organisation"]).first()
        department, email = spec["contact"]
        seed = Seed.objects.create(
            technology=spec["technology"],
            organisation_name=spec["organisation"],
            member=member,
            overview=spec["overview"],
            contact_department=department,
            contact_email=email,
            shown_to_members=True,
        )
        seed.fields.set(InfrastructureField.objects.filter(slug__in=spec["fields"]))
        seed.save()
    return seed


def ensure_example_media(seed):
    """A photo and a leaflet (a public document) on the plan's example seed."""
    if not SeedPhoto.objects.filter(seed=seed).exists():
        image = demo_image(SAR_PHOTO, alt="河川堤防と、衛星で観測する範囲の図", scene="river")
        SeedPhoto.objects.create(seed=seed, image=image, caption="河川堤防の観測のイメージ")
    if not SeedDocument.objects.filter(seed=seed).exists():
        Document = get_document_model()
        document = Document.objects.filter(title=SAR_LEAFLET).first()
        if document is None:
            document = Document(title=SAR_LEAFLET, collection=Collection.get_first_root_node())
            text = f"{SAR_LEAFLET}\n\nデモ用の架空の資料です。\n".encode()
            document.file.save("matching-sar-leaflet.txt", ContentFile(text), save=False)
            document.save()
        SeedDocument.objects.create(seed=seed, document=document)


def ensure_matching(need, seed, forum, stages):
    if Matching.objects.filter(need=need).exists():
        return 0
    matching = Matching.objects.create(need=need, forum=forum)
    matching.seeds.set([seed])
    matching.save()
    for stage, date in stages:
        if stage == Stage.DROPPED:
            matching.dropped_reason = DROPPED_REASON
        matching.reach(stage, date)
    return 1


def load(home, stdout=None):
    forums = {forum.slug: forum for forum in Forum.objects.all()}
    if "chugoku" not in forums:
        return None
    index = ensure_index(home)
    chugoku = forums["chugoku"]
    survey, _ = NeedsSurvey.objects.get_or_create(
        title="中国フォーラム 第3回ニーズ調査",
        defaults={
            "forum": chugoku,
            "opens_on": D(2021, 5, 12),
            "closes_on": D(2021, 6, 30),
            "introduction": "中国地方の自治体・施設管理者の皆さまの、維持管理の困りごとをお寄せください。"
            "いただいたニーズは、ピッチイベントで企業の技術とつなぎます。",
        },
    )
    today = japan_today()
    NeedsSurvey.objects.get_or_create(
        title="中国フォーラム 今年度のニーズ調査",
        defaults={
            "forum": chugoku,
            "opens_on": today - datetime.timedelta(days=10),
            "closes_on": today + datetime.timedelta(days=40),
            "introduction": "維持管理の困りごとと、求める技術の条件をお寄せください。"
            "事務局が内容を確認してから掲載します。",
        },
    )
    seeds = ensure_seeds()
    ensure_member_seed()
    ensure_example_media(seeds[0])
    example = ensure_need(
        chugoku,
        EXAMPLE_NEED["code"],
        EXAMPLE_NEED["fields"],
        EXAMPLE_NEED["theme"],
        sought=EXAMPLE_NEED["sought"],
        survey=survey,
        manager=EXAMPLE_NEED["facility_manager"],
    )
    for code, fields, theme, sought, publication in SURVEY_NEEDS:
        ensure_need(
            chugoku, code, fields, theme, sought=sought, survey=survey, publication=publication
        )
    for forum_slug, code, fields, theme in OTHER_NEEDS:
        if forum_slug in forums:
            ensure_need(forums[forum_slug], code, fields, theme)
    created = ensure_matching(
        example,
        seeds[0],
        chugoku,
        [
            (Stage.CONSIDERED, D(2021, 6, 15)),
            (Stage.CONCLUDED, D(2021, 9, 10)),
            (Stage.FIELD_TRIAL, D(2021, 11, 20)),
        ],
    )
    for theme, seed_index, forum_slug, stages in MATCHINGS:
        need = Need.objects.filter(theme=theme).first()
        if need is not None and forum_slug in forums:
            created += ensure_matching(need, seeds[seed_index], forums[forum_slug], stages)
    for forum_slug, kind, title, body in STORIES:
        if forum_slug in forums:
            OperationalStory.objects.get_or_create(
                title=title,
                defaults={
                    "forum": forums[forum_slug],
                    "fiscal_year": 2021,
                    "kind": kind,
                    "body": body,
                },
            )
    if stdout:
        stdout.write(f"ニーズ・シーズ：マッチング {created} 件を追加しました。")
    return index
