import datetime
from collections import Counter

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from website.addresses import absolute_url
from website.blocks import BaseStreamBlock
from website.dates import JAPAN, japan_today
from website.fiscal import fiscal_year, fiscal_year_dates
from website.images import rendition_specs, sharing_rendition
from website.listing import Counted
from website.models import BasePage, Forum, SiteSettings, VisiblePageQuerySet
from website.structured_data import forum_organisation, json_ld
from website.teams import ForumOwnedPage, ForumOwnedPageForm, TeamIndexPage

from .filters import NewsFilterForm


class NewsCategory(models.Model):
    """お知らせ, 開催報告, …: editors add their own in the admin."""

    name = models.CharField("名称", max_length=50, unique=True)
    slug = models.SlugField(
        "コード", max_length=50, unique=True, help_text="URLに使う英字の識別子（例: report）"
    )
    sort_order = models.PositiveSmallIntegerField("表示順", default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "ニュースのカテゴリー"
        verbose_name_plural = "ニュースのカテゴリー"

    def __str__(self):
        return self.name


class NewsPageQuerySet(VisiblePageQuerySet):
    def for_listing(self, images=True):
        """Visible news, newest first, with what a list shows (cards, list items, feeds) and
        nothing else of the wide page rows, in a fixed number of queries."""
        queryset = (
            self.visible()
            .select_related("forum", "category")
            # The feeds' updated date; of the forum and the category only their names.
            .listed("last_published_at", "forum__name", "forum__name_en", "category__name")
            .order_by("-date", "-pk")
        )
        if images:
            queryset = queryset.with_image("image", *rendition_specs("card"))
        return queryset

    def in_fiscal_year(self, year):
        return self.filter(date__range=fiscal_year_dates(year))

    def count_by_fiscal_year(self):
        """{fiscal year: number of news}, from one query that counts by month."""
        counts = Counter()
        by_month = (
            self.order_by()
            .annotate(month=TruncMonth("date"))
            .values("month")
            .annotate(n=Count("pk"))
        )
        for row in by_month:
            counts[fiscal_year(row["month"])] += row["n"]
        return counts

    def fiscal_years(self):
        """The fiscal years that have news, newest first."""
        return sorted(self.count_by_fiscal_year(), reverse=True)


NewsPageManager = PageManager.from_queryset(NewsPageQuerySet)


class NewsIndexPage(TeamIndexPage, RoutablePageMixin, BasePage):
    """ニュース: the forums' news, newest first, with filters and feeds."""

    introduction = models.TextField("導入文", blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    search_result = False  # lists other pages: not a result of the site search
    parent_page_types = ["website.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1
    # Forum editors add and edit their forum's news here; 広報部会 approves it (website/teams.py).
    approval_by_default = True

    news_per_page = 12
    feed_length = 30

    class Meta:
        verbose_name = "ニュース一覧"
        verbose_name_plural = "ニュース一覧"

    def news(self):
        return NewsPage.objects.child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        by_year = self.news().visible().count_by_fiscal_year()
        filter_form = NewsFilterForm(
            request.GET, categories=NewsCategory.objects.all(), years=sorted(by_year, reverse=True)
        )
        news = filter_form.filter(self.news().for_listing())
        # The year list's counts also give the list's length when no other filter narrows it
        # (the paginator would count it again).
        selected = filter_form.selected_values()
        if not any(value for name, value in selected.items() if name != "year"):
            year = selected.get("year")
            total = by_year.get(year, 0) if year else sum(by_year.values())
            news = Counted(total, news)
        page_obj = Paginator(news, self.news_per_page).get_page(request.GET.get("page"))
        context.update(
            filter_form=filter_form,
            active_filters=filter_form.active_filters(request.path),
            selected_forum=filter_form.selected("forum"),
            page_obj=page_obj,
            news_items=page_obj.object_list,
        )
        return context

    # Feeds: /news/feed/rss/, /news/feed/atom/, and per forum /news/feed/<forum>/rss/ …
    @path("feed/rss/", name="feed_rss")
    def feed_rss(self, request):
        from .feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)

    @path("feed/<slug:forum_slug>/rss/", name="forum_feed_rss")
    def forum_feed_rss(self, request, forum_slug):
        from .feeds import NewsRssFeed

        return NewsRssFeed(self, forum=get_object_or_404(Forum, slug=forum_slug))(request)

    @path("feed/<slug:forum_slug>/atom/", name="forum_feed_atom")
    def forum_feed_atom(self, request, forum_slug):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self, forum=get_object_or_404(Forum, slug=forum_slug))(request)


class NewsPage(ForumOwnedPage, BasePage):
    """One piece of news from a forum."""

    served_with = ("forum", "category", "image")

    date = models.DateField(
        "公開日",
        default=japan_today,
        db_index=True,
        help_text=(
            "記事に表示し、一覧の並び順や年度の絞り込みに使う日付です。"
            "未来の日付にしても公開は予約されません。公開の予約は、画面右側のステータス欄にある「予定を設定」から行います。"
        ),
    )
    forum = models.ForeignKey(
        Forum,
        verbose_name="発信フォーラム",
        on_delete=models.PROTECT,
        related_name="news_pages",
    )
    category = models.ForeignKey(
        NewsCategory,
        verbose_name="カテゴリー",
        on_delete=models.PROTECT,
        related_name="news_pages",
    )
    summary = models.TextField(
        "概要", max_length=300, help_text="一覧、フィード、検索結果に表示する2〜3文の要約です。"
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="一覧用の画像",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name="本文", blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("date"), FieldPanel("category")]), FieldPanel("forum")],
            heading="公開日・分類",
        ),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.RelatedFields("forum", [index.SearchField("name")]),
        index.FilterField("date"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    base_form_class = ForumOwnedPageForm

    objects = NewsPageManager()

    search_section = "ニュース"

    class Meta:
        verbose_name = "ニュース"
        verbose_name_plural = "ニュース"

    @property
    def search_date(self):
        return self.date

    @property
    def fiscal_year(self):
        return fiscal_year(self.date)

    @property
    def published_at(self):
        """The publication date as an aware datetime (midnight in Japan), for feeds."""
        return datetime.datetime.combine(self.date, datetime.time(0), tzinfo=JAPAN)

    @cached_property
    def neighbours(self):
        """(older, newer) visible news of the same index, in the index's order."""
        # Each is one link: its title and URL.
        siblings = (
            NewsPage.objects.sibling_of(self, inclusive=False)
            .visible()
            .only("title", "url_path", "date")
        )
        older = (
            siblings.filter(Q(date__lt=self.date) | Q(date=self.date, pk__lt=self.pk))
            .order_by("-date", "-pk")
            .first()
        )
        newer = (
            siblings.filter(Q(date__gt=self.date) | Q(date=self.date, pk__gt=self.pk))
            .order_by("date", "pk")
            .first()
        )
        return older, newer

    def structured_data(self, request):
        """The schema.org NewsArticle, for the page's JSON-LD (website/structured_data.py)."""
        url = absolute_url(self.get_url(request))
        organisation = SiteSettings.for_request(request).organisation_name
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.summary,
            "datePublished": self.date.isoformat(),
            "inLanguage": "ja",
            "url": url,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "articleSection": self.category.name,
            "author": forum_organisation(self.forum),
            "publisher": {
                "@type": "Organization",
                "name": organisation,
                "url": absolute_url("/"),
            },
        }
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.astimezone(JAPAN).isoformat()
        if self.image:
            rendition = sharing_rendition(self.image)
            data["image"] = [absolute_url(rendition.url)]
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["older"], context["newer"] = self.neighbours
        context["news_index"] = NewsIndexPage.objects.parent_of(self).visible().first()
        context["json_ld"] = json_ld(self.structured_data(request))
        return context
