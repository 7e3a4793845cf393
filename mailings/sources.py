"""Items for an issue's automatic blocks, provided by the content apps through a hook.

An app registers a function that answers for its kind and returns None for the others::

    @hooks.register("mailings_items")
    def news_for_mail(kind, *, since, until, forum_ids, limit):
        if kind != "news":
            return None
        return [{"title": …, "url": …, "date": "2026年5月12日", "summary": …}, …]

``since`` (None for a first issue) and ``until`` bound what an issue holds: news published
since the last issue and up to the moment this one is sent, events not over by then. ``until``
is when sending starts (mailings/sending.py), or now for a preview; an issue built again later
(the demo's back numbers) passes its own send time, so it holds only what existed when it was
sent.

URLs may be paths; they are made absolute on SITE_URL here. An item may also have a ``label``
(「延期」, shown 【延期】 before its title) and a ``note`` shown with it; one marked
``announced_only`` (a cancelled event) is kept only if an issue sent before ``until`` listed
its URL (``earlier_issues``, given by mailings/rendering.py): readers who were told of it learn it is off, the others never hear of it.
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
    label: str = ""
    note: str = ""


def items(kind, *, since=None, until=None, forum_ids=(), limit=5, earlier_issues=None):
    """The items of a kind; `earlier_issues` (a queryset of the issues sent before this one)
    tells which ``announced_only`` items readers have already been told of."""
    for provider in hooks.get_hooks("mailings_items"):
        found = provider(kind, since=since, until=until, forum_ids=list(forum_ids), limit=limit)
        if found is None:
            continue
        found = list(found)
        if any(data.get("announced_only") for data in found):
            announced = announced_urls(earlier_issues) if earlier_issues is not None else set()
            found = [
                data
                for data in found
                if not data.get("announced_only") or absolute_url(data["url"]) in announced
            ]
        return [as_item(item) for item in found[:limit]]
    return []


def announced_urls(issues):
    """The URLs of the items the issues listed."""
    return {
        item.get("url")
        for content in issues.values_list("content", flat=True)
        for section in content or []
        if section.get("type") == "items"
        for item in section.get("items", [])
    }


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
