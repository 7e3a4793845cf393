"""The admin's database searches (listings whose model is not in the search index, such as
registrations, bookings, slots and most snippets) with the site search's Japanese matching.

Wagtail searches those with `field__icontains=<the whole query>`. Here each word of the query
must be in one of the listing's search fields, written as typed, NFKC-folded (ＡＩ, ｽﾏｰﾄ) or
in any other spelling (website.search.variants: 橋梁／橋りょう, 第1／第一, サーバー／サーバ); a
word typed with particles (橋の点検) is also found by its content words (橋, 点検).
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
    pattern = text.spelling_pattern(groups) if groups else None
    words = []
    for token in str(query)[: text.MAX_QUERY_LENGTH].split()[: text.MAX_QUERY_WORDS]:
        found = _contains(token, fields, groups)
        content_words = text.content_words(token, pattern)
        if len(content_words) > 1:
            # Typed with particles (橋の点検): its content words in any fields, as the site
            # search finds them, or the phrase as typed.
            found |= reduce(and_, (_contains(word, fields, groups) for word in content_words))
        words.append(found)
    return queryset.filter(reduce(and_, words)) if words else queryset


def _contains(word, fields, groups):
    """Rows with word in one of fields, as typed, NFKC-folded or in another spelling."""
    spellings = dict.fromkeys(
        [word, unicodedata.normalize("NFKC", word), *text.spellings(word, groups)]
    )
    return reduce(or_, (Q(**{f"{field}__icontains": s}) for s in spellings for field in fields))


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
