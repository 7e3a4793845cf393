import pytest
from django.db import transaction
from wagtail.rich_text import RichText

from tests.factories import StandardPageFactory, make_home_page
from website.search.pages import PageSearch

# (slug, title, introduction, body): the pages the query table searches.
CORPUS = [
    (
        "bridge",
        "市内の橋梁を定期点検しました",
        "市内の橋梁の定期点検を実施しました。結果は報告書にまとめます。",
        [],
    ),
    (
        "road",
        "道路パトロールの報告",
        "道路の舗装とトンネルを巡回しました。",
        [("heading", {"text": "舗装の補修", "level": "h2"})],
    ),
    ("lesson", "小学校で出前授業", "インフラの大切さを学ぶ出前授業を行いました。", []),
    ("attendance", "授業前出欠の確認", "授業の前に出欠を確認します。", []),
    ("citizen", "ワークショップを開催", "市民参画によるインフラの見守り活動を紹介しました。", []),
    ("ai-fullwidth", "ＡＩによる劣化診断", "ドローンで撮影した画像をＡＩが解析します。", []),
    ("ai-halfwidth", "AIと点群データ", "AIを用いた3次元計測。", []),
    ("smart-halfwidth", "ｽﾏｰﾄﾒﾝﾃﾅﾝｽの取り組み", "ｾﾝｻｰで橋の揺れを計測します。", []),
    ("smart-fullwidth", "スマートシティ", "スマートな社会基盤。", []),
    ("english", "Bridge Inspection Report", "Engineers inspected the bridges with drones.", []),
    (
        "river",
        "河川の清掃活動",
        "",
        [("paragraph", RichText("<p>地域の方と<b>河川敷</b>を清掃しました。</p>"))],
    ),
    ("guide", "点検・検査の手引き", "点検・検査の進め方。", []),
    # A phrase never runs from the title into the body.
    ("split", "学校への出前", "授業の報告です。", []),
]


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The corpus, created once for a module's tests and rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = make_home_page()
        for slug, title, introduction, body in CORPUS:
            StandardPageFactory(
                parent=home, slug=slug, title=title, introduction=introduction, body=body
            )
        # Not live: it contains every word of the table and must never be found.
        StandardPageFactory(
            parent=home,
            slug="draft",
            title="橋梁の下書き",
            introduction="点検 出前授業 市民参画 ＡＩ スマート bridge",
            live=False,
        )
        yield home
        transaction.set_rollback(True)


def found(query, section=""):
    """The slugs the public search finds for query."""
    return {page.slug for page in PageSearch(query, section).results}
