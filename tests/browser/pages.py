"""Every public page type of the demo site, each with one address to check it at.

axe-core (test_accessibility.py) and the Nu Html Checker (test_valid_html.py) run on each
entry. test_valid_html.py also fails when sitemap.xml lists a page of a type missing here,
so a new page type cannot go unchecked: add one entry per type (an index, one item, a
filtered or paginated listing, an empty result, a form's error state…).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageType:
    name: str
    path: str
    status: int = 200
    heading: str = ""  # text the page's <h1> must contain


PAGE_TYPES = [
    PageType("home", "/", heading="インフラ"),
    PageType("standard_about", "/about/", heading="国民会議について"),
    PageType("standard_privacy", "/privacy/", heading="プライバシーポリシー"),
    PageType("standard_access", "/access/", heading="アクセス"),
    PageType("standard_accessibility", "/accessibility/", heading="ウェブアクセシビリティ方針"),
    PageType("standard_site_policy", "/site-policy/", heading="サイトポリシー"),
    PageType("sitemap_page", "/sitemap/", heading="サイトマップ"),
    PageType("forum_index", "/forums/", heading="フォーラム一覧"),
    PageType("forum_national", "/forums/citizen-participation/", heading="市民参画フォーラム"),
    PageType("forum_regional", "/forums/kanto/", heading="関東フォーラム"),
    PageType("search_form", "/search/", heading="サイト内検索"),
    PageType("search_results", "/search/?q=事務局", heading="サイト内検索"),
    PageType("search_no_results", "/search/?q=該当しない語句", heading="サイト内検索"),
    PageType("search_junk_input", "/search/?q=<script>&page=abc", heading="サイト内検索"),
    # news
    PageType("news_index", "/news/", heading="ニュース"),
    PageType(
        "news_item",
        "/news/kinki-forum-2021-report/",
        heading="近畿本部フォーラム2021を開催しました",
    ),
    PageType("news_by_forum", "/news/?forum=kinki", heading="ニュース"),
    PageType("news_empty_filter", "/news/?forum=kanto&category=press-release", heading="ニュース"),
    PageType("news_junk_filter", "/news/?forum=<script>&year=abc&page=abc", heading="ニュース"),
    # case studies
    PageType("case_index", "/cases/", heading="事例"),
    PageType("case_study", "/cases/neighbourhood-bridge-watch/", heading="橋の見守り隊"),
    PageType("case_faceted", "/cases/?kind=bridge&area=15", heading="事例"),
    PageType("case_empty_facets", "/cases/?kind=bridge&area=47", heading="事例"),
    # needs and seeds (matching)
    PageType("matching_index", "/matching/", heading="ニーズ・シーズ"),
    PageType("matching_needs", "/matching/needs/", heading="ニーズ"),
    PageType(
        "matching_needs_filtered", "/matching/needs/?field=river&forum=chugoku", heading="ニーズ"
    ),
    PageType(
        "matching_needs_empty", "/matching/needs/?field=airport&prefecture=47", heading="ニーズ"
    ),
    PageType(
        "matching_needs_junk", "/matching/needs/?field=<script>&stage=x&page=abc", heading="ニーズ"
    ),
    PageType("matching_seeds", "/matching/seeds/", heading="シーズ"),
    PageType("matching_seeds_filtered", "/matching/seeds/?field=river", heading="シーズ"),
    # Needs, seeds and surveys are numbered in the order matching/demo.py creates them: the
    # plan's example need is the first need, its seed (with a photo and a leaflet) the first
    # seed; the first survey (第3回) is closed, the second open.
    PageType("matching_need", "/matching/needs/1/", heading="河道・堤防の点検・診断"),
    PageType(
        "matching_seed", "/matching/seeds/1/", heading="SAR衛星によるインフラ変位モニタリング"
    ),
    PageType("matching_need_not_found", "/matching/needs/99999/", status=404),
    PageType("matching_survey_closed", "/matching/surveys/1/", heading="第3回ニーズ調査"),
    PageType("matching_survey_open", "/matching/surveys/2/", heading="今年度のニーズ調査"),
    # KPI
    PageType("kpi_dashboard", "/kpi/", heading="KPI"),
    PageType("kpi_dashboard_2020", "/kpi/?year=2020", heading="KPI"),
    PageType("kpi_dashboard_year_without_figures", "/kpi/?year=2024", heading="KPI"),
    # events
    PageType("event_index", "/events/", heading="イベント"),
    PageType("event_past", "/events/past/", heading="イベント"),
    PageType("event_calendar", "/events/calendar/?month=2021-10", heading="イベント"),
    PageType("event_calendar_junk_month", "/events/calendar/?month=99-99", heading="イベント"),
    PageType(
        "event_filtered",
        "/events/past/?kind=workshop&forum=citizen-participation",
        heading="イベント",
    ),
    PageType("event_junk_filters", "/events/?forum=<script>&month=abc&page=x", heading="イベント"),
    PageType("event_held", "/events/2021-kinki-forum/", heading="近畿本部フォーラム2021"),
    PageType(
        "event_upcoming",
        "/events/upcoming-bridge-inspection-workshop/",
        heading="身近な橋の点検を体験しよう",
    ),
    PageType(
        "event_registration_form",
        "/events/upcoming-bridge-inspection-workshop/register/",
        heading="参加申込み",
    ),
    PageType(
        "event_registration_sent",
        "/events/upcoming-bridge-inspection-workshop/register/sent/",
        heading="お申し込みの受付",
    ),
    PageType(
        "event_registration_bad_link",
        "/events/upcoming-bridge-inspection-workshop/registration/?token=junk",
        status=404,
        heading="このリンクは使えません",
    ),
    # school visit lessons
    PageType("lesson_index", "/lessons/", heading="出前授業"),
    PageType("lesson_by_grade", "/lessons/?grade=e4", heading="出前授業"),
    PageType("lesson_empty_filter", "/lessons/?grade=hs", heading="出前授業"),
    PageType("lesson_by_prefecture", "/lessons/?area=13", heading="出前授業"),
    PageType(
        "lesson_junk_filters", "/lessons/?grade=zz&prefecture=<script>&page=x", heading="出前授業"
    ),
    PageType("lesson", "/lessons/bridge-inspection/", heading="橋の点検を体験しよう"),
    PageType("lesson_booking_form", "/lessons/bridge-inspection/book/", heading="お申込み"),
    PageType(
        "lesson_booking_form_preferred_dates", "/lessons/river-levee/book/", heading="お申込み"
    ),
    PageType(
        "lesson_booking_bad_link",
        "/lesson-bookings/junk/",
        status=404,
        heading="リンクを開けませんでした",
    ),
    # members (the members' area itself needs a login: tests/browser/test_members.py)
    PageType("member_login", "/accounts/login/", heading="会員ログイン"),
    PageType("member_password_reset", "/accounts/password/reset/", heading="パスワードの再設定"),
    PageType(
        "member_invitation_invalid",
        "/member-account/invitation/MQ/wrong-token/",
        status=400,
        heading="リンクが無効です",
    ),
    # information e-mails
    PageType("mail_archive", "/mail/", heading="情報発信メール"),
    PageType("mail_issue", "/mail/1/", heading="今年度の国民会議の活動計画"),
    PageType("mail_subscribe", "/mail/subscribe/", heading="情報発信メールの登録"),
    PageType(
        "mail_bad_link", "/mail/preferences/junk/", status=404, heading="このリンクは使えません"
    ),
    PageType("not_found", "/no-such-page/", status=404, heading="お探しのページが見つかりません"),
    # the English version: the pages the demo translates, and a missing translation
    PageType("english_home", "/en/", heading="Infrastructure maintenance"),
    PageType("english_about", "/en/about/", heading="About the Council"),
    PageType("english_forum_index", "/en/forums/", heading="Forums"),
    PageType("english_forum", "/en/forums/overseas/", heading="Overseas Market Expansion Forum"),
    PageType("english_news_index", "/en/news/", heading="News"),
    PageType(
        "english_news_item",
        "/en/news/overseas-domestic-seminar-2021/",
        heading="Domestic seminar on infrastructure maintenance abroad",
    ),
    PageType(
        "english_case_study",
        "/en/cases/neighbourhood-bridge-watch/",
        heading="bridge watch",
    ),
    PageType(
        "english_event", "/en/events/2021-overseas-seminar-vietnam/", heading="Overseas seminar"
    ),
    PageType("english_search", "/en/search/?q=bridges", heading="Search this site"),
    PageType(
        "english_not_found",
        "/en/cases/park-benches-repaired-by-residents/",
        status=404,
        heading="We could not find that page",
    ),
]


def section_of(path):
    """What makes pages of one type in the sitemap: their first path segment and depth."""
    segments = [segment for segment in path.split("?")[0].split("/") if segment]
    return (segments[0] if segments else "", len(segments))
