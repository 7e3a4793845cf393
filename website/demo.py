"""Demo content for the site's foundation: forums, home page, standard pages, settings.

Every function here is idempotent: it finds what exists by a stable key (a slug, a title)
and only creates what is missing, so `make run` can load the demo again and again. Other
apps add their own content through the "website_demo_content" hook (see load_demo).
"""

import colorsys
import hashlib
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Page, Site

from . import teams
from .models import Forum, HomePage, Prefecture, SiteSettings, StandardPage

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "sankaku-demo-2026"

NATIONAL_FORUMS = [
    (
        "innovative-tech",
        "革新的技術フォーラム",
        "インフラメンテナンスに関わる新技術の発掘と、現場への導入を後押しします。",
    ),
    (
        "overseas",
        "海外市場展開フォーラム",
        "日本のインフラメンテナンス技術の海外展開を、セミナーや情報交換で支えます。",
    ),
    (
        "municipal-support",
        "自治体支援フォーラム",
        "人材や予算の限られた自治体の課題と、企業の技術をつなぐマッチングを行います。",
    ),
    (
        "engineer-training",
        "技術者育成フォーラム",
        "官民ニーズ課題解決ワークショップなどを通じて、次世代の技術者を育てます。",
    ),
    (
        "citizen-participation",
        "市民参画フォーラム",
        "出前授業やイベントを通じて、市民がインフラを身近に感じ、守り手となる機会をつくります。",
    ),
]

REGIONAL_FORUMS = [
    ("hokkaido", "北海道フォーラム"),
    ("tohoku", "東北フォーラム"),
    ("kanto", "関東フォーラム"),
    ("hokuriku", "北陸フォーラム"),
    ("chubu", "中部フォーラム"),
    ("kinki", "近畿本部フォーラム"),
    ("chugoku", "中国フォーラム"),
    ("shikoku", "四国フォーラム"),
    ("kyushu", "九州フォーラム"),
    ("okinawa", "沖縄フォーラム"),
]


# What a demo picture shows, by the first keyword its title contains: the lessons, events and
# news about rivers, roads, tunnels, pipes or towns each get their own kind of picture.
SCENE_KEYWORDS = [
    ("tunnel", ("トンネル",)),
    ("river", ("川", "河川", "堤防", "水辺", "ダム")),
    ("pipes", ("下水", "上水", "水道", "管路", "マンホール")),
    ("road", ("道路", "舗装", "パトロール", "道の", "歩道", "標識")),
    ("town", ("まち", "街", "地域", "公園", "学校", "探検")),
    ("bridge", ("橋",)),
]


def scene_for(title):
    """'bridge', 'road', 'river', 'tunnel', 'pipes' or 'town' for a picture's title."""
    for scene, keywords in SCENE_KEYWORDS:
        if any(keyword in title for keyword in keywords):
            return scene
    return "bridge"


def demo_image(title, *, width=1600, height=1000, alt="", scene=None):
    """A generated illustration (free to use: made here) of the subject its title names
    (scene_for), in colours drawn from the title; found again by its title."""
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    digest = hashlib.sha256(title.encode()).digest()
    hue = digest[0] / 255

    def colour(shift, saturation, value):
        return tuple(
            int(c * 255) for c in colorsys.hsv_to_rgb((hue + shift) % 1, saturation, value)
        )

    palette = {
        "sky": colour(0, 0.25, 0.95),
        "ground": colour(0.3, 0.45, 0.55),
        "accent": colour(0.55, 0.6, 0.45),
        "light": colour(0.1, 0.15, 0.98),
        "water": (70, 130, 190),
        "asphalt": (80, 84, 90),
        "concrete": (170, 170, 165),
    }
    picture = PILImage.new("RGB", (width, height), palette["sky"])
    draw = ImageDraw.Draw(picture)
    horizon = int(height * (0.55 + digest[1] / 255 * 0.15))
    SCENES[scene or scene_for(title)](draw, width, height, horizon, digest, palette)
    if "ドローン" in title:
        draw_drone(draw, width, height, digest, palette)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=82)
    slug = hashlib.sha1(title.encode()).hexdigest()[:12]
    image = Image(title=title, description=alt or title)
    image.file = ImageFile(buffer, name=f"demo-{slug}.jpg")
    image.save()
    return image


def draw_bridge(draw, width, height, horizon, digest, palette):
    """A deck on piers, with a simple arch."""
    accent = palette["accent"]
    draw.rectangle([0, horizon, width, height], fill=palette["ground"])
    deck = horizon - int(height * 0.12)
    draw.rectangle([0, deck, width, deck + height // 40], fill=accent)
    span = width // (3 + digest[2] % 3)
    for x in range(span // 2, width, span):
        draw.rectangle([x - 12, deck, x + 12, horizon + 20], fill=accent)
        draw.arc(
            [x - span // 2, deck - span // 5, x + span // 2, deck + span // 5], 180, 360, accent, 8
        )


def draw_road(draw, width, height, horizon, digest, palette):
    """A road running to the horizon, its centre line, and a sign at the side."""
    draw.rectangle([0, horizon, width, height], fill=palette["ground"])
    middle = width // 2 + (digest[2] % 200) - 100
    draw.polygon(
        [
            (middle - 20, horizon),
            (middle + 20, horizon),
            (width * 0.9, height),
            (width * 0.1, height),
        ],
        fill=palette["asphalt"],
    )
    for step in range(8):
        top = horizon + (height - horizon) * step / 8
        bottom = top + (height - horizon) / 16
        draw.line(
            [(middle, top), (middle + (width // 2 - middle) * 0.1, bottom)], fill="white", width=6
        )
    post = int(width * 0.78)
    draw.rectangle([post, horizon - height // 5, post + 10, horizon + 40], fill=palette["concrete"])
    draw.ellipse(
        [post - 50, horizon - height // 5 - 100, post + 60, horizon - height // 5 + 10],
        fill=palette["accent"],
        outline="white",
        width=6,
    )


def draw_river(draw, width, height, horizon, digest, palette):
    """A river between two levees (embankments), with waves."""
    draw.rectangle([0, horizon, width, height], fill=palette["water"])
    bank = int(width * (0.18 + digest[2] / 255 * 0.1))
    for side in (1, -1):
        edge = 0 if side == 1 else width
        inner = bank if side == 1 else width - bank
        draw.polygon(
            [
                (edge, horizon - height // 8),
                (inner - side * 60, horizon - height // 8),
                (inner + side * 80, height),
                (edge, height),
            ],
            fill=palette["ground"],
        )
        draw.line(
            [(edge, horizon - height // 8), (inner - side * 60, horizon - height // 8)],
            fill=palette["accent"],
            width=14,
        )
    for row in range(4):
        y = horizon + (height - horizon) * (row + 1) // 5
        for x in range(bank + 60, width - bank - 60, 120):
            draw.arc([x, y - 15, x + 80, y + 15], 200, 340, palette["light"], 5)


def draw_tunnel(draw, width, height, horizon, digest, palette):
    """A mountain with a tunnel portal and the road going in."""
    draw.rectangle([0, horizon, width, height], fill=palette["ground"])
    peak = int(width * (0.4 + digest[2] / 255 * 0.2))
    draw.polygon(
        [(-200, horizon), (peak, height // 8), (width + 200, horizon)], fill=palette["accent"]
    )
    portal = height // 3
    left, right = peak - portal // 2 - 40, peak + portal // 2 + 40
    draw.pieslice(
        [left - 30, horizon - portal - 30, right + 30, horizon + portal + 30],
        180,
        360,
        fill=palette["concrete"],
    )
    draw.pieslice([left, horizon - portal, right, horizon + portal], 180, 360, fill=(30, 30, 35))
    draw.polygon(
        [(left + 20, horizon), (right - 20, horizon), (width * 0.8, height), (width * 0.2, height)],
        fill=palette["asphalt"],
    )


def draw_pipes(draw, width, height, horizon, digest, palette):
    """Underground: the street, the soil, a big pipe and a manhole shaft up to the road."""
    street = int(height * 0.35)
    draw.rectangle([0, street, width, street + 30], fill=palette["asphalt"])
    draw.rectangle([0, street + 30, width, height], fill=(150, 115, 80))
    radius = height // 6
    centre_y = int(height * 0.7)
    draw.rectangle([0, centre_y - radius, width, centre_y + radius], fill=palette["concrete"])
    draw.rectangle([0, centre_y - radius + 25, width, centre_y + radius - 25], fill=(60, 70, 80))
    shaft = int(width * (0.3 + digest[2] / 255 * 0.4))
    draw.rectangle([shaft - 45, street, shaft + 45, centre_y - radius], fill=palette["concrete"])
    draw.rectangle([shaft - 20, street + 30, shaft + 20, centre_y - radius], fill=(60, 70, 80))
    draw.ellipse([shaft - 70, street - 15, shaft + 70, street + 15], fill=palette["accent"])


def draw_town(draw, width, height, horizon, digest, palette):
    """A street of buildings with windows, a school-like clock, and trees."""
    draw.rectangle([0, horizon, width, height], fill=palette["ground"])
    x = 0
    index = 0
    while x < width:
        building = 140 + digest[index % 32] % 160
        top = horizon - 120 - digest[(index + 7) % 32] % (height // 3)
        draw.rectangle(
            [x, top, x + building - 20, horizon],
            fill=palette["concrete"] if index % 2 else palette["accent"],
        )
        for wy in range(top + 30, horizon - 40, 60):
            for wx in range(x + 20, x + building - 50, 50):
                draw.rectangle([wx, wy, wx + 25, wy + 30], fill=palette["light"])
        x += building
        index += 1
    for tree in range(60, width, 260):
        draw.ellipse([tree - 50, horizon - 40, tree + 50, horizon + 60], fill=(60, 130, 70))


def draw_drone(draw, width, height, digest, palette):
    """A small drone in the sky (the pictures of drone inspections)."""
    x, y = int(width * 0.7), int(height * 0.2)
    draw.rectangle([x - 60, y - 12, x + 60, y + 12], fill=(40, 40, 45))
    for dx in (-80, 80):
        draw.line([(x + dx - 40, y - 25), (x + dx + 40, y - 25)], fill=(40, 40, 45), width=6)
        draw.line([(x + dx, y - 25), (x + dx // 2, y)], fill=(40, 40, 45), width=6)


SCENES = {
    "bridge": draw_bridge,
    "road": draw_road,
    "river": draw_river,
    "tunnel": draw_tunnel,
    "pipes": draw_pipes,
    "town": draw_town,
}


def ensure_forums():
    prefectures_by_region = {}
    for prefecture in Prefecture.objects.all():
        prefectures_by_region.setdefault(prefecture.region, []).append(prefecture)
    for order, (slug, name, description) in enumerate(NATIONAL_FORUMS, start=1):
        Forum.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": Forum.Kind.NATIONAL,
                "short_description": description,
                "sort_order": order,
            },
        )
    for order, (slug, name) in enumerate(REGIONAL_FORUMS, start=11):
        forum, created = Forum.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": Forum.Kind.REGIONAL,
                "short_description": (
                    f"{name.removesuffix('フォーラム').removesuffix('本部')}地方の自治体・企業・大学・市民が集まり、"
                    "地域のインフラの課題解決に取り組みます。"
                ),
                "sort_order": order,
            },
        )
        if created:
            forum.prefectures.set(prefectures_by_region.get(slug, []))
            forum.save()
    return Forum.objects.count()


def ensure_home_page():
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node()
    # Wagtail's installer leaves a plain "Welcome" page (and a site pointing at it) in the
    # place of the home page; ours replaces it.
    for welcome in Page.objects.filter(depth=2, content_type__model="page"):
        welcome.delete()
    hero = demo_image("トップページのメイン画像：点検される橋")
    home = HomePage(
        title="ホーム",
        slug="home",
        hero_heading="インフラメンテナンスを、みんなの手で。",
        hero_lead=(
            "道路、橋、トンネル、河川、上下水道。暮らしを支えるインフラの老朽化が進むなか、"
            "インフラメンテナンス国民会議は産学官民が力を合わせ、メンテナンスの理念を広め、"
            "市民の参画を進めています。"
        ),
        hero_image=hero,
        introduction=(
            "<p>インフラメンテナンス国民会議は、2016年11月28日に設立された産学官民の"
            "プラットフォームです。会員数は設立時の199者から、2021年3月末には2,296者に"
            "広がりました。</p><p>革新的技術の発掘と導入、自治体への支援、技術者の育成、"
            "海外への展開、そして市民参画の推進を、全国と各地方のフォーラムで進めています。</p>"
        ),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "インフラメンテナンス国民会議",
        },
    )
    return home


STANDARD_PAGES = [
    {
        "slug": "about",
        "title": "国民会議について",
        "show_in_menus": True,
        "introduction": (
            "インフラメンテナンス国民会議は、社会全体でインフラメンテナンスに取り組む機運を"
            "高めるため、産学官民が連携して設立されたプラットフォームです。"
        ),
        "body": [
            ("heading", {"text": "理念", "level": "h2"}),
            (
                "paragraph",
                "<p>産学官民が有する技術や知恵を総動員し、インフラを賢く、永く使い続けるための"
                "メンテナンスを、自律的かつ継続的に行える社会の実現をめざします。</p>",
            ),
            ("heading", {"text": "組織", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>実行委員会</li><li>企画部会</li><li>広報部会</li><li>事務局</li></ul>"
                "<p>活動は5つの全国フォーラムと10の地方フォーラムが担っています。</p>",
            ),
            ("heading", {"text": "2021年度（令和3年度）の重点", "level": "h2"}),
            (
                "paragraph",
                "<ol><li>フォーラム間の情報共有（情報提供プラットフォーム）</li>"
                "<li>理念の普及と市民参画の推進（行政と市民の協働事例の収集・紹介、"
                "小学生向けの出前授業、ワークショップ講座の開催）</li>"
                "<li>土木学会など外部団体との連携</li></ol>",
            ),
        ],
    },
    {
        "slug": "privacy",
        "title": "プライバシーポリシー",
        "show_in_menus": False,
        "introduction": "当会議は、お預かりした個人情報を、個人情報の保護に関する法律に従って適切に取り扱います。",
        "body": [
            ("heading", {"text": "利用目的", "level": "h2"}),
            (
                "paragraph",
                "<p>イベントへの参加申込みや出前授業のお申込みでお預かりした氏名、所属、"
                "メールアドレス、電話番号等は、お申込みへの対応、当日の運営、ご連絡、"
                "実施報告の統計（個人を特定しない形）にのみ利用します。</p>",
            ),
            ("heading", {"text": "第三者への提供", "level": "h2"}),
            (
                "paragraph",
                "<p>法令に基づく場合を除き、ご本人の同意なく第三者に提供することはありません。</p>",
            ),
            ("heading", {"text": "保存期間", "level": "h2"}),
            (
                "paragraph",
                "<p>個人情報は、実施年度の翌年度末まで保管した後、削除または匿名化します。</p>",
            ),
            ("heading", {"text": "お問い合わせ", "level": "h2"}),
            (
                "paragraph",
                "<p>個人情報の開示・訂正・削除のご請求は、事務局までご連絡ください。</p>",
            ),
        ],
    },
    {
        "slug": "access",
        "title": "アクセス",
        "show_in_menus": False,
        "introduction": "インフラメンテナンス国民会議 事務局へのアクセスをご案内します。",
        "body": [
            (
                "paragraph",
                "<p>事務局は東京都千代田区霞が関にあります。お越しの際は事前にご連絡ください。</p>",
            ),
            (
                "table",
                {
                    "data": [
                        ["路線", "最寄り駅", "徒歩"],
                        ["東京メトロ丸ノ内線・日比谷線・千代田線", "霞ケ関駅", "約3分"],
                        ["東京メトロ有楽町線", "桜田門駅", "約5分"],
                    ],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "最寄り駅",
                },
            ),
        ],
    },
]


# The pages a Japanese public-sector site links from its footer. The
# accessibility policy follows the model policy of the Digital Agency's guidebook and states
# the JIS X 8341-3:2016 level and what was tested.
STANDARD_PAGES += [
    {
        "slug": "accessibility",
        "title": "ウェブアクセシビリティ方針",
        "show_in_menus": False,
        "introduction": (
            "インフラメンテナンス国民会議は、年齢や障害の有無、使う機器にかかわらず、"
            "だれもがこのサイトの情報を得て、申込みなどの手続きができるよう、"
            "ウェブアクセシビリティの確保と向上に取り組んでいます。"
        ),
        "body": [
            ("heading", {"text": "方針", "level": "h2"}),
            (
                "paragraph",
                "<p>このサイトは、日本産業規格 JIS X 8341-3:2016「高齢者・障害者等配慮設計指針"
                "－情報通信における機器，ソフトウェア及びサービス－第3部：ウェブコンテンツ」の"
                "<b>適合レベルAAに準拠</b>することを目標とします。</p>",
            ),
            ("heading", {"text": "対象範囲", "level": "h2"}),
            (
                "paragraph",
                "<p>このサイト（トップページの下にあるすべてのページ、参加申込みと出前授業の"
                "申込みのフォームを含みます）。ほかのサイトの申込みページ、PDFなどの"
                "添付ファイル、埋め込み動画は対象外です。</p>",
            ),
            ("heading", {"text": "達成の状況と試験の結果", "level": "h2"}),
            (
                "paragraph",
                "<p>2026年12月の時点で、JIS X 8341-3:2016の<b>適合レベルAAに一部準拠</b>"
                "しています。「一部準拠」は、すべての達成基準を人の目で確かめる試験を"
                "まだ終えていないことを表します。</p>"
                "<ul><li>試験の日：2026年12月3日</li>"
                "<li>試験の範囲：すべての種類のページ（一覧、記事、イベント、出前授業、KPI、"
                "検索、フォームの入力エラーの画面など）を、パソコン（幅1280px）と"
                "スマートフォン（幅390px）の2つの大きさで</li>"
                "<li>試験の方法：axe-core による WCAG 2.1 レベルA・AAの自動チェック、"
                "Nu Html Checker によるHTMLの検証、キーボードだけでの操作、文字の拡大と"
                "配色の反転、動きを減らす設定での表示</li>"
                "<li>結果：自動チェックとHTMLの検証で見つかった問題は0件です。"
                "キーボードだけで、すべての操作ができることを確かめました。</li></ul>",
            ),
            ("heading", {"text": "お気づきの点があれば", "level": "h2"}),
            (
                "paragraph",
                "<p>使いにくいところや読み取れない情報がありましたら、事務局までお知らせください。"
                "順に改善します。</p>",
            ),
        ],
    },
    {
        "slug": "site-policy",
        "title": "サイトポリシー",
        "show_in_menus": False,
        "introduction": "このサイトをご利用いただく際の取り扱いについてご案内します。",
        "body": [
            ("heading", {"text": "著作権", "level": "h2"}),
            (
                "paragraph",
                "<p>このサイトの文章や画像の著作権は、インフラメンテナンス国民会議または"
                "それぞれの著作者にあります。出典を明らかにすれば、私的な利用や教育での"
                "利用など、著作権法で認められた範囲で引用していただけます。</p>",
            ),
            ("heading", {"text": "リンク", "level": "h2"}),
            (
                "paragraph",
                "<p>このサイトへのリンクは自由です。事前のご連絡はいりません。"
                "ページのアドレスは予告なく変わることがあります。</p>",
            ),
            ("heading", {"text": "おすすめの閲覧環境", "level": "h2"}),
            (
                "paragraph",
                "<p>Microsoft Edge、Google Chrome、Firefox、Safari のそれぞれ最新版で"
                "確認しています。スマートフォンでもご覧いただけます。</p>",
            ),
            ("heading", {"text": "免責事項", "level": "h2"}),
            (
                "paragraph",
                "<p>掲載する情報には細心の注意を払っていますが、その正確さを保証するものでは"
                "ありません。このサイトの利用によって生じた損害について、当会議は責任を"
                "負いません。</p>",
            ),
        ],
    },
]


def ensure_standard_pages(home):
    pages = {}
    for spec in STANDARD_PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if page is None:
            page = StandardPage(
                title=spec["title"],
                slug=spec["slug"],
                show_in_menus=spec["show_in_menus"],
                introduction=spec["introduction"],
                body=spec["body"],
            )
            home.add_child(instance=page)
            page.save_revision().publish()
        pages[spec["slug"]] = page
    return pages


def ensure_settings(site, privacy_page):
    site_settings = SiteSettings.for_site(site)
    if not site_settings.email:
        site_settings.postal_address = (
            "〒100-8918\n東京都千代田区霞が関2-1-3\nインフラメンテナンス国民会議 事務局"
        )
        site_settings.email = "info@infra-maintenance.example.jp"
        site_settings.phone = "03-5253-8111"
        site_settings.contact_hours = "平日 9:30〜17:30"
        site_settings.privacy_policy_page = privacy_page
        site_settings.default_social_image = demo_image("SNS共有用の既定画像")
        site_settings.save()
    return site_settings


def ensure_footer_pages(site, pages):
    """Link the footer's pages, also in a database loaded before they existed."""
    site_settings = SiteSettings.for_site(site)
    changed = False
    for field, slug in [
        ("accessibility_page", "accessibility"),
        ("site_policy_page", "site-policy"),
        ("access_page", "access"),
    ]:
        if getattr(site_settings, f"{field}_id") is None and slug in pages:
            setattr(site_settings, field, pages[slug])
            changed = True
    if changed:
        site_settings.save()


def ensure_admin():
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=ADMIN_USERNAME,
        defaults={"email": "admin@example.jp", "is_staff": True, "is_superuser": True},
    )
    if created:
        user.set_password(ADMIN_PASSWORD)
        user.save()
    return user


# One user per role, for local use only: (user name, name, group). The name is
# a role, not a person's: all of it is the first name, as Wagtail shows the first name alone
# in its menu and 「名 姓」 (in Western order) elsewhere.
TEAM_USERS = [
    ("kyushu-editor", "九州フォーラム 編集担当", ("forum", "kyushu")),
    ("koho-reviewer", "広報部会 承認担当", ("group", teams.REVIEWERS)),
    ("jimukyoku", "事務局 担当", ("group", teams.ADMINISTRATORS)),
]
TEAM_PASSWORD = ADMIN_PASSWORD


def ensure_team_users():
    """The teams' groups (website/teams.py) and a user in each."""
    teams.sync_teams()
    user_model = get_user_model()
    users = {}
    for username, name, (kind, key) in TEAM_USERS:
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@example.jp", "first_name": name},
        )
        if created:
            user.set_password(TEAM_PASSWORD)
            user.save()
        if kind == "forum":
            group = Forum.objects.get(slug=key).editor_group
        else:
            group = Group.objects.get(name=key)
        user.groups.add(group)
        users[username] = user
    return users


def load(stdout=None):
    forum_count = ensure_forums()
    home = ensure_home_page()
    pages = ensure_standard_pages(home)
    site = Site.objects.get(is_default_site=True)
    ensure_settings(site, pages["privacy"])
    ensure_footer_pages(site, pages)
    ensure_admin()
    ensure_team_users()
    if stdout:
        stdout.write(f"フォーラム {forum_count} 件、ページ {len(pages) + 1} 件を確認しました。")
        stdout.write(
            "役割ごとのユーザー（パスワードは admin と同じ）: "
            + "、".join(username for username, _name, _group in TEAM_USERS)
        )
    return home
