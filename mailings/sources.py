"""Items for an issue's automatic blocks, provided by the content apps through a hook.

An app registers a function that answers for its kind and returns None for the others::

    @hooks.register("mailings_items")
    def news_for_mail(kind, *, since, forum_ids, limit):
        if kind != "news":
            return None
        return [{"title": …, "url": …, "date": "2026年5月12日", "summary": …}, …]

URLs may be paths; they are made absolute on SITE_URL here.
"""

from dataclasses import dataclass

from wagtail import hooks

from website.addresses import absolute_url


@dataclass
class Item:
    title: str
    url: str
    date: str = ""
    summary: str = ""
    image_url: str = ""
    image_alt: str = ""


def items(kind, *, since=None, forum_ids=(), limit=5):
    for provider in hooks.get_hooks("mailings_items"):
        found = provider(kind, since=since, forum_ids=list(forum_ids), limit=limit)
        if found is not None:
            return [as_item(item) for item in list(found)[:limit]]
    return []


def as_item(data):
    item = Item(**{key: value or "" for key, value in data.items() if key in Item.__annotations__})
    item.url = absolute_url(item.url)
    if item.image_url:
        item.image_url = absolute_url(item.image_url)
    return item


def page_item(page):
    """A hand-picked page: its title, summary (or search description) and URL."""
    specific = page.specific
    summary = (
        getattr(specific, "summary", "")
        or getattr(specific, "introduction", "")
        or page.search_description
        or ""
    )
    return Item(title=page.title, url=absolute_url(page.get_url() or "/"), summary=summary)
