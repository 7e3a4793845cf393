from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from website.dates import format_date, japan_date
from website.exports import ExcelExportMixin
from website.sections import Section, in_every_language, index_page
from website.teams import ForumFilterMixin, PageWorkersMenuMixin

from .models import NewsCategory, NewsIndexPage, NewsPage

HOME_NEWS_COUNT = 5
FORUM_NEWS_COUNT = 5


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = "ニュースのカテゴリー"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    list_export = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]


register_snippet(NewsCategoryViewSet)


class NewsPageIndexView(ForumFilterMixin, ExcelExportMixin, PageListingViewSet.index_view_class):
    list_export = ["title", "date", "forum", "category", "summary", "live", "url"]
    default_ordering = "-date"
    export_headings = {"live": "公開中", "url": "URL"}

    def annotate_queryset(self, pages):
        pages = super().annotate_queryset(pages)
        return pages.select_related("forum", "category", for_specific_subqueries=True)


class NewsPageListingViewSet(PageWorkersMenuMixin, PageListingViewSet):
    """Every news page in one flat list, filterable by forum and category."""

    model = NewsPage
    icon = "doc-full"
    menu_label = "ニュース"
    menu_order = 110
    add_to_admin_menu = True
    index_view_class = NewsPageIndexView
    columns = PageListingViewSet.columns + [
        # The date itself: Wagtail's DateColumn says how long ago, 「0分前」 for a future one.
        Column(
            "date", label="公開日", sort_key="date", accessor=lambda page: format_date(page.date)
        ),
        Column("forum", label="発信フォーラム"),
        Column("category", label="カテゴリー"),
    ]
    list_filter = ["forum", "category"]


@hooks.register("register_admin_viewset")
def register_news_page_listing():
    return NewsPageListingViewSet("news_pages")


@hooks.register("website_home_sections", order=10)
@in_every_language  # lists pages of the language being read
def home_latest_news(request, page):
    return Section(
        "news/sections/home_latest_news.html",
        {
            "news_items": NewsPage.objects.for_listing(images=False)[:HOME_NEWS_COUNT],
            "news_index": index_page(request, NewsIndexPage),
        },
    )


@hooks.register("website_forum_sections", order=10)
@in_every_language  # lists pages of the language being read
def forum_latest_news(request, forum):
    return Section(
        "news/sections/forum_news.html",
        {
            "forum": forum,
            "news_items": NewsPage.objects.for_listing(images=False).filter(forum=forum)[
                :FORUM_NEWS_COUNT
            ],
            "news_index": index_page(request, NewsIndexPage),
        },
    )


@hooks.register("website_demo_content", order=10)
def load_news_demo(home, stdout):
    from .demo import load

    load(home, stdout)


@hooks.register("website_bench_data", order=10)
def create_news_bench_data(home, stdout):
    from .bench import create

    create(home, stdout)


@hooks.register("mailings_items")
def news_for_mail(kind, *, since, until, forum_ids, limit):
    """情報発信メール: news of the chosen forums (all without a choice) since the last issue,
    up to the day (in Japan) the issue is sent."""
    if kind != "news":
        return None

    news = NewsPage.objects.visible().select_related("forum").defer_streamfields()
    if forum_ids:
        news = news.filter(forum_id__in=forum_ids)
    if since is not None:
        news = news.filter(date__gte=japan_date(since))
    if until is not None:
        news = news.filter(date__lte=japan_date(until))
    return [
        {
            "title": item.title,
            "url": item.url,
            "date": format_date(item.date),
            "summary": item.summary,
        }
        for item in news.order_by("-date", "-pk")[:limit]
    ]
