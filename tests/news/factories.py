import datetime

import factory
import wagtail_factories
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from news.models import NewsCategory, NewsIndexPage, NewsPage
from tests.factories import ForumFactory, ImageFactory


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsCategory
        django_get_or_create = ("slug",)

    name = "お知らせ"
    slug = "notice"
    sort_order = 10


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "ニュース"
    slug = "news"
    introduction = "フォーラムからのお知らせです。"


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"ニュース記事{n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    date = datetime.date(2021, 7, 1)
    forum = factory.SubFactory(ForumFactory)
    category = factory.SubFactory(NewsCategoryFactory)
    summary = factory.LazyAttribute(lambda page: f"{page.title}の概要です。")
    image = factory.SubFactory(ImageFactory)
    body = factory.LazyFunction(lambda: [("paragraph", RichText("<p>本文です。</p>"))])


def make_private(page):
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret")
    return page
