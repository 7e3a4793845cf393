"""The admin's database searches (listings whose model is not in the search index, such as
registrations, bookings, slots and most snippets) with the site search's Japanese matching.

Wagtail searches those with `field__icontains=<the whole query>`. Here each word of the query
must be in one of the listing's search fields, written as typed, NFKC-folded (ＡＩ, ｽﾏｰﾄ) or
in any other spelling (website.search.variants: 橋梁／橋りょう, 第1／第一, サーバー／サーバ).
The listing still decides which fields are searched (personal fields only for staff with the
permission to see them).
"""

import unicodedata
from functools import reduce
from operator import and_, or_

from django.db.models import Q
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.search.index import class_is_indexed

from . import text, variants


def database_search(queryset, fields, query):
    """queryset narrowed to rows with every word of query in one of fields, in any spelling."""
    if not fields:
        return queryset
    groups = variants.groups()
    words = []
    for token in str(query)[: text.MAX_QUERY_LENGTH].split()[: text.MAX_QUERY_WORDS]:
        spellings = dict.fromkeys(
            [token, unicodedata.normalize("NFKC", token), *text.spellings(token, groups)]
        )
        words.append(
            reduce(or_, (Q(**{f"{field}__icontains": s}) for s in spellings for field in fields))
        )
    return queryset.filter(reduce(and_, words)) if words else queryset


_wagtail_search_queryset = BaseListingView.search_queryset


def search_queryset(self, queryset):
    """BaseListingView.search_queryset, Japanese for the database search (not the backend's)."""
    uses_backend = class_is_indexed(queryset.model) and self.search_backend_name
    if not self.is_searching or uses_backend:
        return _wagtail_search_queryset(self, queryset)
    return database_search(queryset, self.search_fields, self.search_query)


def install():
    """Called once from WebsiteConfig.ready(); tests/search/test_admin_search.py checks that
    Wagtail still has the method this replaces."""
    BaseListingView.search_queryset = search_queryset
