"""RSS 2.0 and Atom feeds of the news, all forums or one, served by the news index's routes."""

from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext, gettext_lazy, pgettext

from website.addresses import absolute_url
from website.models import SiteSettings

DESCRIPTION = gettext_lazy(
    "インフラメンテナンス国民会議の全国フォーラム・地方フォーラムからの"
    "お知らせ、開催報告、プレスリリース、募集などの最新情報です。"
)


class NewsRssFeed(Feed):
    """Built for one request: the index page (and forum) it serves are given to __init__."""

    feed_type = Rss201rev2Feed
    # The language of the index page's tree: /news/feed/… is Japanese, /en/news/feed/… English.
    language = None

    def __init__(self, index_page, forum=None):
        self.index_page = index_page
        self.forum = forum

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.organisation = gettext(SiteSettings.for_request(request).organisation_name)
        return self.forum

    def title(self, forum):
        subject = (
            gettext("%(name)sのニュース") % {"name": forum.local_name}
            if forum
            else self.index_page.title
        )
        return f"{subject}{pgettext('title separator', '｜')}{self.organisation}"

    def link(self, forum):
        url = self.index_page.get_url(self.request)
        if forum:
            url += "?" + urlencode({"forum": forum.slug})
        return absolute_url(url)

    def feed_url(self, forum):
        # Django would put the request's host in front of the path (the Atom self link).
        return absolute_url(self.request.path)

    def description(self, forum):
        if forum:
            return gettext(
                "%(name)sが発信するお知らせ、開催報告、プレスリリース、募集などの最新情報です。"
            ) % {"name": forum.local_name}
        return str(DESCRIPTION)

    subtitle = description  # Atom's name for it

    def author_name(self):
        return self.organisation

    def items(self, forum):
        news = self.index_page.news().for_listing(images=False)
        if forum:
            news = news.filter(forum=forum)
        return news[: self.index_page.feed_length]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers take the description as HTML; the summary is plain text.
        return escape(item.summary)

    def item_link(self, item):
        return absolute_url(item.get_url(self.request))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.published_at

    def item_author_name(self, item):
        return item.forum.local_name

    def item_categories(self, item):
        return [gettext(item.category.name), item.forum.local_name]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
