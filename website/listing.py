"""A page of a list, kept by each worker under the content generation (website/fragments.py).

A list page asks the database for the page's items (with their forums, kinds and image
renditions) and renders a card for each. Both are the same for everyone until content
changes: `kept_page()` keeps which ids the page shows and how many items there are in all,
for each combination of valid filters and page number, and `kept_cards()` keeps each
card's markup under the key of the `{% fragment %}` tag that wraps the card template. Only
what is not kept is read from the database, in the same fixed number of queries as before.
`read_when_used()` defers all of it until the template renders the list, which it does not
when the list's markup is kept as a whole. A list or cards that show places left or KPI
figures pass their `scopes` (as the card's `{% fragment ... depends=... %}` does).
"""

import functools

from django.conf import settings
from django.core.cache import caches
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe

from website.cache import depends_on
from website.fragments import fragment_cache_applies, fragment_key, remember


class Counted:
    """A list whose length is already known, for Django's Paginator (which would count it)."""

    def __init__(self, count, items=()):
        self.items = items
        self._count = count

    def count(self):
        return self._count

    def __getitem__(self, key):
        return self.items[key]


def kept_page(request, key, find_items, number, per_page, scopes=()):
    """The Django Page of ids of `find_items()` (a queryset, only built when not kept)."""

    def find():
        paginator = Paginator(find_items().values_list("pk", flat=True), per_page)
        page = paginator.get_page(number)
        return list(page.object_list), page.number, paginator.count

    ids, page_number, count = remember(request, f"{key}:page:{number}", find, scopes)
    page = Paginator(Counted(count), per_page).page(page_number)
    page.object_list = ids
    return page


def kept_cards(request, ids, *, key, load, template, name, scopes=(), **context):
    """The cards of `ids` in order. `key` is the card's fragment key, with `{pk}`, and
    `scopes` its scopes; `load(ids)` gives the objects of the cards not kept, with what they
    show."""
    if scopes:
        depends_on(request, *scopes)

    def render(item):
        card = render_to_string(template, {name: item, **context}, request)
        return mark_safe(card.strip())  # as the template's fragment keeps it

    if not fragment_cache_applies(request) or not ids:
        return [render(item) for item in in_order(load(ids), ids)] if ids else []
    keys = {pk: fragment_key(request, key.format(pk=pk), scopes) for pk in ids}
    kept = caches[settings.FRAGMENT_CACHE_ALIAS].get_many(list(keys.values()))
    missing = [pk for pk in ids if keys[pk] not in kept]
    for item in load(missing) if missing else ():
        kept[keys[item.pk]] = render(item)
    return [kept[keys[pk]] for pk in ids if keys[pk] in kept]


def read_when_used(compute, names):
    """Stand-ins for the named values of the dict `compute()` returns, computed on first use.

    A list page's template keeps its whole list (filters, cards, pagination) as one fragment
    per query string; when that is kept, nothing of the list is computed at all."""
    values = functools.cache(compute)
    return {name: SimpleLazyObject(functools.partial(_value_of, values, name)) for name in names}


def _value_of(values, name):
    return values()[name]


def in_order(items, ids):
    by_pk = {item.pk: item for item in items}
    return [by_pk[pk] for pk in ids if pk in by_pk]
