"""The public site search: live, public pages only, by section, with date and snippet.

Sections come from the page models: a model with `search_section = "ニュース"` (事例,
イベント, 出前授業 …) is listed under it; every other page type is a ページ.
"""

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString
from wagtail.models import Page, get_page_models

from website.fragments import remember
from website.listing import Counted

from . import text as search_text
from .snippets import SNIPPET_LENGTH, highlight, searchable_text

OTHER_SECTION = "ページ"
MAX_QUERY_LENGTH = 100


@dataclass(frozen=True)
class Section:
    label: str
    content_type_ids: frozenset


def sections():
    """Every section, in the order of INSTALLED_APPS, ページ last."""
    models = get_page_models()
    content_types = ContentType.objects.get_for_models(*models)
    ids_by_label = {}
    for model in models:
        label = section_of(model)
        ids_by_label.setdefault(label, set()).add(content_types[model].pk)
    ordered = sorted(ids_by_label, key=lambda label: label == OTHER_SECTION)
    return [Section(label, frozenset(ids_by_label[label])) for label in ordered]


def section_of(page_or_model):
    return getattr(page_or_model, "search_section", None) or OTHER_SECTION


def clean_query(value):
    """The query as typed, minus control characters and unpaired surrogates, spaces collapsed."""
    value = "".join(
        " " if char.isspace() else char
        for char in str(value or "")
        if char.isspace() or unicodedata.category(char) not in {"Cc", "Cs"}
    )
    return " ".join(value.split())[:MAX_QUERY_LENGTH]


@dataclass
class Hit:
    page: Page
    section: str
    date: date | datetime | None
    title: SafeString
    snippet: SafeString


class _RankedPages:
    """The pages of a ranked list of ids, fetched a slice at a time."""

    def __init__(self, ids):
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def __iter__(self):
        return iter(self._pages(self.ids))

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        ids = self.ids[key]
        # Lazy: a page of results whose markup is kept is never read (templates/website/search.html).
        return SimpleLazyObject(lambda: self._pages(ids))

    @staticmethod
    def _pages(ids):
        pages = {page.pk: page for page in Page.objects.live().filter(pk__in=ids).specific()}
        return [pages[pk] for pk in ids if pk in pages]


class PageSearch:
    """One search of the public site: results, per-section counts, and hits for display.

    With a request, the ranking and the counts are kept in the fragment cache under the
    content generation (website/fragments.py): a search asked again before any content
    changes costs only the ten pages it shows.
    """

    def __init__(self, query, section="", request=None):
        self.request = request
        self.query = clean_query(query)
        self.sections = sections()
        self.section = next((s for s in self.sections if s.label == section), None)
        self.words = search_text.query_words(self.query)

    @cached_property
    def _visible_pages(self):
        # public() queries the view restrictions when called: once per search.
        return Page.objects.live().public()

    def _search(self, pages):
        return pages.search(self.query, operator="and")

    def _remember(self, key, find):
        if self.request is None:
            return find()
        return remember(self.request, f"search:{key}:{self.query}", find)

    @cached_property
    def results(self):
        """Specific pages (one query per page type for each slice) in order of relevance."""
        if not self.words:
            return []
        label = self.section.label if self.section else ""
        return _RankedPages(self._remember(f"ids:{label}", self._ranked_ids))

    def _ranked_ids(self):
        pages = self._visible_pages
        if self.section:
            pages = pages.filter(content_type_id__in=self.section.content_type_ids)
        results = self._search(pages.only("pk"))
        # SQLite's ranking reads every match's score anyway: take the order without the rows.
        ranked_ids = getattr(results.query_compiler, "ranked_ids", lambda: None)()
        return ranked_ids if ranked_ids is not None else [page.pk for page in results]

    @cached_property
    def section_counts(self):
        """[(section, number of results)] for the sections that have results, in one query."""
        if not self.words:
            return []
        return self._remember("counts", self._section_counts)

    def _section_counts(self):
        by_content_type = self._search(self._visible_pages).facet("content_type_id")
        counts = [
            (section, sum(by_content_type.get(pk, 0) for pk in section.content_type_ids))
            for section in self.sections
        ]
        return [(section, count) for section, count in counts if count]

    @cached_property
    def total_in_all_sections(self):
        return sum(count for _section, count in self.section_counts)

    @property
    def count(self):
        if self.section is None:
            return self.total_in_all_sections
        return dict(self.section_counts).get(self.section, 0)

    def paginate(self, number, per_page):
        """A page of results; the total comes from the section counts, not another query."""
        return Paginator(Counted(self.count, self.results), per_page).get_page(number)

    def hits(self, pages):
        return [
            Hit(
                page=page,
                section=section_of(page),
                date=getattr(page, "search_date", None) or page.first_published_at,
                title=highlight(page.title, self.words),
                snippet=highlight(
                    searchable_text(page) or page.search_description,
                    self.words,
                    length=SNIPPET_LENGTH,
                ),
            )
            for page in pages
        ]
