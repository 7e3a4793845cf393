"""The table of spelling variants the site search widens queries with (snippet 検索の表記ゆれ).

Queries read it on every search, so it is kept in the default cache and dropped whenever an
editor saves or deletes a row. The index is not involved: a change applies to the next search,
with no reindexing.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

CACHE_KEY = "search:spelling-variants"

# Loaded by the migration that creates the table; editors add more in the admin.
DEFAULTS = [
    "橋梁、橋りょう",
    "取組、取り組み、取組み",
    "子供、子ども",
    "障害、障がい",
    "申込、申込み、申し込み",
    "問合せ、問い合わせ、問合わせ",
    "受付、受け付け",
    "打合せ、打ち合わせ",
]


def groups():
    """[("橋梁", "橋りょう"), …]: each editor's row as a tuple of spellings."""
    table = cache.get(CACHE_KEY)
    if table is None:
        from website.models import SpellingVariant

        table = [tuple(row.spelling_list) for row in SpellingVariant.objects.all()]
        cache.set(CACHE_KEY, table, None)
    return table


def forget(**kwargs):
    cache.delete(CACHE_KEY)


def connect():
    from website.models import SpellingVariant

    post_save.connect(forget, sender=SpellingVariant, dispatch_uid="search-variants-save")
    post_delete.connect(forget, sender=SpellingVariant, dispatch_uid="search-variants-delete")
