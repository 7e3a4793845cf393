"""Demo content for the register and the members' area.

- A register of about 1,300 members: 1,050 local governments drawn (with a fixed seed) from
  the real code list, ten of which left during FY2021, so that FY2021's 自治体会員数 reads
  1,040 / 1,788 = 58.2 %; and about 250 made-up companies, universities, citizens' groups and
  individuals.
- Three member users (README): a company of the Kinki forum, Yokohama city and a university.
- The members' area with a few pages and documents in a members-only collection, and the
  members' directory (会員名簿) read from the register.

Idempotent: the register is filled once (its demo notes mark it), users by e-mail address,
pages by slug, documents by title.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from website.cache import invalidate_page_cache
from website.models import Forum

from .demo_pdf import build_pdf
from .models import (
    LocalGovernment,
    MemberAccount,
    MemberOrganisation,
    MembersDirectoryPage,
    MembersIndexPage,
    MembersPage,
    OrganisationType,
)

D = datetime.date
DEMO_NOTE = "デモ用の架空のデータです。"
DEMO_PASSWORD = "kaiin-demo-2026"
FOUNDED = D(2016, 11, 28)
GOVERNMENT_MEMBERS = 1050
LEFT_IN_FY2021 = 10

# (e-mail, organisation name, type, kana, local government code, forum slugs, description)
DEMO_USERS = [
    (
        "member1@example.jp",
        "近畿保全テック株式会社",
        "company",
        "キンキホゼンテック",
        "",
        ["kinki"],
        "橋梁とトンネルの点検、補修設計を手がけています。ドローンと打音検査の併用が得意です。",
    ),
    (
        "member2@example.jp",
        "横浜市",
        "local_government",
        "ヨコハマシ",
        "141003",
        ["kanto"],
        "道路局・環境創造局などが、市民協働による施設の見守りに取り組んでいます。",
    ),
    (
        "member3@example.jp",
        "東都大学 インフラ維持管理研究室",
        "academic",
        "トウトダイガク",
        "",
        ["innovative-tech", "kanto"],
        "コンクリート構造物の劣化予測と、点検データの活用を研究しています。",
    ),
]

# Made-up members, with readings (the register is sorted by them): plausible names, none of a
# real organisation, each once.
COMPANY_WORDS = [
    ("みらい", "ミライ"),
    ("橋守", "ハシモリ"),
    ("道守", "ミチモリ"),
    ("東日本", "ヒガシニホン"),
    ("西日本", "ニシニホン"),
    ("中央", "チュウオウ"),
    ("総合", "ソウゴウ"),
    ("あおば", "アオバ"),
    ("さくら", "サクラ"),
    ("ひかり", "ヒカリ"),
    ("やまなみ", "ヤマナミ"),
    ("しおかぜ", "シオカゼ"),
    ("北斗", "ホクト"),
    ("大地", "ダイチ"),
    ("清流", "セイリュウ"),
]
COMPANY_TRADES = [
    ("建設", "ケンセツ"),
    ("技研", "ギケン"),
    ("コンサルタント", "コンサルタント"),
    ("測量", "ソクリョウ"),
    ("点検サービス", "テンケンサービス"),
    ("保全", "ホゼン"),
    ("ドローン", "ドローン"),
    ("センサー", "センサー"),
    ("計測", "ケイソク"),
    ("補修", "ホシュウ"),
]
UNIVERSITIES = [
    ("みなと工科大学", "ミナトコウカダイガク"),
    ("青葉台大学", "アオバダイダイガク"),
    ("若葉国際大学", "ワカバコクサイダイガク"),
    ("臨海工業大学", "リンカイコウギョウダイガク"),
    ("高原大学", "コウゲンダイガク"),
]
LABORATORIES = [
    ("橋梁工学研究室", "キョウリョウコウガクケンキュウシツ"),
    ("コンクリート工学研究室", "コンクリートコウガクケンキュウシツ"),
    ("地盤工学研究室", "ジバンコウガクケンキュウシツ"),
    ("河川工学研究室", "カセンコウガクケンキュウシツ"),
    ("交通工学研究室", "コウツウコウガクケンキュウシツ"),
    ("維持管理工学研究室", "イジカンリコウガクケンキュウシツ"),
    ("センシング研究室", "センシングケンキュウシツ"),
    ("土木計画学研究室", "ドボクケイカクガクケンキュウシツ"),
]
NEIGHBOURHOODS = [
    ("桜川", "サクラガワ"),
    ("緑町", "ミドリチョウ"),
    ("港南", "コウナン"),
    ("西山", "ニシヤマ"),
    ("東野", "ヒガシノ"),
    ("北浜", "キタハマ"),
    ("南台", "ミナミダイ"),
]
CITIZEN_GROUPS = [
    ("の橋を見守る会", "ノハシヲミマモルカイ"),
    ("道路愛護会", "ドウロアイゴカイ"),
    ("川をきれいにする会", "カワヲキレイニスルカイ"),
    ("インフラ探検隊", "インフラタンケンタイ"),
    ("まちづくり協議会", "マチヅクリキョウギカイ"),
]
OTHER_BODIES = [
    ("橋梁点検技術協会", "キョウリョウテンケンギジュツキョウカイ"),
    ("舗装維持管理研究会", "ホソウイジカンリケンキュウカイ"),
    ("下水道管路診断協会", "ゲスイドウカンロシンダンキョウカイ"),
    ("トンネル保全技術協会", "トンネルホゼンギジュツキョウカイ"),
    ("インフラデータ活用推進協議会", "インフラデータカツヨウスイシンキョウギカイ"),
    ("港湾施設点検協会", "コウワンシセツテンケンキョウカイ"),
    ("斜面防災技術研究会", "シャメンボウサイギジュツケンキュウカイ"),
    ("地域インフラ支援機構", "チイキインフラシエンキコウ"),
    ("水門保全技術協会", "スイモンホゼンギジュツキョウカイ"),
    ("インフラ長寿命化推進協議会", "インフラチョウジュミョウカスイシンキョウギカイ"),
]


def _made_up_members():
    """(type, name, kana) of the register's made-up members: 150 companies, 40 laboratories,
    35 citizens' groups, 20 individuals (shown by number only) and 10 other bodies."""
    members = [
        (OrganisationType.COMPANY, f"{word}{trade}株式会社", f"{word_kana}{trade_kana}")
        for word, word_kana in COMPANY_WORDS
        for trade, trade_kana in COMPANY_TRADES
    ]
    members += [
        (OrganisationType.ACADEMIC, f"{university} {lab}", f"{university_kana} {lab_kana}")
        for university, university_kana in UNIVERSITIES
        for lab, lab_kana in LABORATORIES
    ]
    members += [
        (OrganisationType.CITIZEN_GROUP, f"{place}{group}", f"{place_kana}{group_kana}")
        for place, place_kana in NEIGHBOURHOODS
        for group, group_kana in CITIZEN_GROUPS
    ]
    members += [
        (OrganisationType.INDIVIDUAL, f"個人会員 {n + 1:03d}", f"コジンカイイン {n + 1:03d}")
        for n in range(20)
    ]
    members += [(OrganisationType.OTHER, name, kana) for name, kana in OTHER_BODIES]
    return members


def _joined(rng):
    return FOUNDED + datetime.timedelta(days=rng.randrange(0, 365 * 5))


def ensure_register():
    """Fill the register once; returns how many members were added."""
    if MemberOrganisation.objects.filter(notes=DEMO_NOTE).exists():
        return 0
    rng = random.Random(2021)
    forums = {forum.slug: forum for forum in Forum.objects.all()}
    national = [forum for forum in forums.values() if forum.kind == Forum.Kind.NATIONAL]
    taken = {code for _, _, _, _, code, *_ in DEMO_USERS if code}
    governments = list(
        LocalGovernment.objects.current().exclude(code__in=taken).select_related("prefecture")
    )
    chosen = rng.sample(governments, GOVERNMENT_MEMBERS - len(taken))
    organisations, forum_links = [], []
    for i, government in enumerate(chosen):
        left_on = None
        if i < LEFT_IN_FY2021:
            left_on = D(2021, 4, 1) + datetime.timedelta(days=rng.randrange(1, 360))
        organisations.append(
            MemberOrganisation(
                type=OrganisationType.LOCAL_GOVERNMENT,
                name=government.full_name,
                kana=government.kana,
                prefecture_id=government.prefecture_id,
                local_government=government,
                joined_on=min(_joined(rng), D(2021, 3, 31)),
                left_on=left_on,
                notes=DEMO_NOTE,
            )
        )
        forum_links.append([forums.get(government.prefecture.region)])
    prefectures = [g.prefecture_id for g in governments]
    for kind, name, kana in _made_up_members():
        organisations.append(
            MemberOrganisation(
                type=kind,
                name=name,
                kana=kana,
                prefecture_id=rng.choice(prefectures),
                joined_on=_joined(rng),
                notes=DEMO_NOTE,
            )
        )
        forum_links.append(rng.sample(national, 2))
    MemberOrganisation.objects.bulk_create(organisations, batch_size=500)
    through = MemberOrganisation.forums.through
    through.objects.bulk_create(
        [
            through(memberorganisation_id=organisation.pk, forum_id=forum.pk)
            for organisation, linked in zip(organisations, forum_links, strict=True)
            for forum in linked
            if forum is not None
        ],
        batch_size=1000,
    )
    invalidate_page_cache("kpi")  # bulk writes send no signals
    return len(organisations)


def ensure_users():
    User = get_user_model()
    forums = {forum.slug: forum for forum in Forum.objects.all()}
    for email, name, kind, kana, code, forum_slugs, description in DEMO_USERS:
        organisation = MemberOrganisation.objects.filter(name=name).first()
        if organisation is None:
            organisation = MemberOrganisation(
                type=kind,
                name=name,
                kana=kana,
                local_government_id=code or None,
                prefecture_id=code[:2] if code else "27",
                joined_on=D(2018, 4, 1),
                public_description=description,
                notes=DEMO_NOTE,
            )
            organisation.forums.set([forums[s] for s in forum_slugs if s in forums])
            organisation.save()  # signals: the KPI figures are refreshed
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(username=email, email=email)
            user.set_password(DEMO_PASSWORD)
            user.save()
            # Given a password here, not invited: in use from the start.
            MemberAccount.objects.create(
                user=user, organisation=organisation, activated_at=timezone.now()
            )


MEMBERS_PAGES = [
    {
        "slug": "general-meeting-2021",
        "title": "令和3年度 総会資料",
        "summary": "令和3年度の総会の議事次第、事業計画、収支予算の資料です。",
        "forums": [],
        "document": "令和3年度 総会資料一式",
        "contents": [
            "1. 開会",
            "2. 議事 第1号議案 令和2年度 事業報告・収支決算",
            "3. 議事 第2号議案 令和3年度 事業計画・収支予算",
            "4. 報告 フォーラム活動、会員の状況（地方公共団体会員 1,040団体）",
            "5. 閉会",
        ],
    },
    {
        "slug": "seminar-recording-2021-11",
        "title": "技術セミナー「インフラ点検へのドローン活用」録画（2021年11月）",
        "summary": "会員向け技術セミナーの録画と、講演資料です。",
        "forums": ["innovative-tech"],
        "document": "技術セミナー講演資料（2021年11月）",
        "contents": [
            "講演1 ドローンによる橋梁点検の現状と課題",
            "講演2 画像から損傷を見つける技術",
            "講演3 自治体での導入事例",
            "質疑応答",
        ],
    },
    {
        "slug": "kinki-minutes-2021",
        "title": "近畿本部フォーラム 令和3年度 第2回 幹事会 議事録",
        "summary": "近畿本部フォーラムの会員向けの議事録です。",
        "forums": ["kinki"],
        "document": "",
    },
]


def ensure_documents():
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name="会員専用資料").first()
    if collection is None:
        collection = root.add_child(name="会員専用資料")
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    Document = get_document_model()
    documents = {}
    for spec in MEMBERS_PAGES:
        title = spec["document"]
        if not title:
            continue
        document = Document.objects.filter(title=title, collection=collection).first()
        if document is None:
            document = Document(title=title, collection=collection)
            pdf = build_pdf(title, [DEMO_NOTE, "", *spec.get("contents", [])])
            document.file.save(f"members-{spec['slug']}.pdf", ContentFile(pdf), save=False)
            document.save()
        documents[spec["slug"]] = document
    return documents


def ensure_area(home):
    index = MembersIndexPage.objects.child_of(home).first()
    if index is None:
        index = MembersIndexPage(
            title="会員専用ページ",
            slug="members",
            introduction="会員の皆さまに、総会・幹事会の資料、セミナーの録画、会員名簿をお届けします。",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    documents = ensure_documents()
    forums = {forum.slug: forum for forum in Forum.objects.all()}
    for spec in MEMBERS_PAGES:
        if MembersPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
            continue
        # The summary is the page's lead already: the body lists what the document holds.
        contents = spec.get("contents") or ["議事録は次回の幹事会で確定した後に掲載します。"]
        items = "".join(f"<li>{item}</li>" for item in contents)
        body = [("paragraph", f"<p>内容</p><ul>{items}</ul>")]
        if spec["slug"] in documents:
            body.append(("document", {"document": documents[spec["slug"]], "title": ""}))
        page = MembersPage(
            title=spec["title"], slug=spec["slug"], summary=spec["summary"], body=body
        )
        page.forums.set([forums[s] for s in spec["forums"] if s in forums])
        index.add_child(instance=page)
        page.save_revision().publish()
    if not MembersDirectoryPage.objects.child_of(index).exists():
        directory = MembersDirectoryPage(
            title="会員名簿",
            slug="directory",
            introduction="事務局の会員名簿から、現在の会員の名称、所在地、参加フォーラムと紹介文を表示しています。",
        )
        index.add_child(instance=directory)
        directory.save_revision().publish()
    return index


def load(home, stdout=None):
    added = ensure_register()
    ensure_users()
    index = ensure_area(home)
    if stdout:
        stdout.write(
            f"会員: 名簿 {MemberOrganisation.objects.count()} 件（今回 {added} 件を追加）、"
            f"会員専用ページ {index.url}（会員ユーザー member1〜3@example.jp / "
            f"パスワード {DEMO_PASSWORD}）"
        )
    return index
