"""The public site search: live, public pages and the forums' pages, by section, with the
kind of page, its date and the passage that matched.

Sections come from the page models: a model with `search_section = "ニュース"` (事例,
イベント, 出前授業 …) is listed under it; every other page type is a ページ, except those with
`search_result = False` (the home page and the index pages, which only list other pages).
Forums (a snippet with its own page, /forums/<slug>/) are the section フォーラム.

Privacy-restricted pages are left out, except for whom an app says may see them: a
`website_search_audience` hook answers, for a request, a `SearchAudience` (the members'
area's pages for a logged-in member, members/search.py) or None. Its key keeps what is
remembered for one audience apart from what is remembered for another and for the public.
"""

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import CharField, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from modelsearch.query import MatchAll, Not
from wagtail import hooks
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page, get_page_models
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from website.fragments import remember
from website.i18n import active_language, home_page, is_default_language, translated
from website.listing import Counted
from website.models import Forum, SearchText
from website.sections import top_pages
from website.visibility import VisiblePageQuerySet

from . import text as search_text
from . import variants
from .snippets import SNIPPET_LENGTH, highlight, without_repeats

OTHER_SECTION = "ページ"
FORUM_SECTION = "フォーラム"
MAX_QUERY_LENGTH = 100
MAX_EXPECTED_PAGE = 100_000


# A section is named as its label is translated, except where the catalogue's translation
# names one page, as a result's kind does: the section イベント lists "Events", not "Event".
SECTION_NAMES = {"イベント": "イベント一覧"}


@dataclass(frozen=True)
class Section:
    label: str
    content_type_ids: frozenset
    # Only pages some audience may see (a model with `search_restricted = True`): the public
    # is not offered the section.
    restricted: bool = False
    # Its page types: where its pages may be (has_place_under).
    page_models: tuple = field(default=(), compare=False)

    @property
    def name(self):
        """The section's name in the language being read: ニュース, News…"""
        if is_default_language():
            return self.label
        return gettext(SECTION_NAMES.get(self.label, self.label))

    def has_place_under(self, parent_models):
        """Whether a page of the section may be under a page of one of parent_models."""
        return any(
            issubclass(parent_model, allowed)
            for model in self.page_models
            for allowed in model.allowed_parent_page_models()
            for parent_model in parent_models
        )


@dataclass(frozen=True)
class OtherLanguageSearch:
    """The same words searched in another language: where, and how many results."""

    language: str
    url: str
    count: int


def sections():
    """Every section, in the order of INSTALLED_APPS, フォーラム and ページ last."""
    models = [model for model in get_page_models() if is_search_result(model)]
    content_types = ContentType.objects.get_for_models(Forum, *models)
    ids_by_label = {}
    for model in models:
        label = section_of(model)
        ids_by_label.setdefault(label, set()).add(content_types[model].pk)
    ordered = sorted(ids_by_label, key=lambda label: label == OTHER_SECTION)
    ordered.insert(len(ordered) - (OTHER_SECTION in ordered), FORUM_SECTION)
    ids_by_label[FORUM_SECTION] = {content_types[Forum].pk}
    restricted = {
        label
        for label in ids_by_label
        if all(
            getattr(model, "search_restricted", False)
            for model in models
            if section_of(model) == label
        )
        and label != FORUM_SECTION
    }
    models_by_label = {}
    for model in models:
        models_by_label.setdefault(section_of(model), []).append(model)
    return [
        Section(
            label,
            frozenset(ids_by_label[label]),
            label in restricted,
            tuple(models_by_label.get(label, ())),
        )
        for label in ordered
    ]


def is_search_result(page_model):
    return getattr(page_model, "search_result", True)


def section_of(page_or_model):
    if isinstance(page_or_model, Forum):
        return FORUM_SECTION
    return getattr(page_or_model, "search_section", None) or OTHER_SECTION


def written_in(query, language):
    """Whether the query is plainly in `language`: Japanese when it has a Japanese letter;
    English when it has none and a word of four letters or more that is not an abbreviation
    (bridge, Drone; not DX, AI or IoT, which Japanese texts use)."""
    if any(search_text.is_japanese(char) for char in query):
        return language == "ja"
    english = any(
        len(word) >= 4 and word.isascii() and word.isalpha() and (word.islower() or word.istitle())
        for word in query.split()
    )
    return english and language == "en"


def kind_of(page_or_forum):
    """What kind of page a result is, in words: ニュース, 協働事例, 一般ページ, 地方フォーラム…"""
    if isinstance(page_or_forum, Forum):
        return page_or_forum.get_kind_display()
    return str(page_or_forum._meta.verbose_name)


def clean_query(value):
    """The query as typed, minus control characters and unpaired surrogates, spaces collapsed."""
    value = "".join(
        " " if char.isspace() else char
        for char in str(value or "")
        if char.isspace() or unicodedata.category(char) not in {"Cc", "Cs"}
    )
    return " ".join(value.split())[:MAX_QUERY_LENGTH]


@dataclass(frozen=True)
class SearchAudience:
    """Restricted pages a request may find besides the public ones.

    `key` names the audience in the fragment cache (the same pages, the same key), `pages` is
    a filter over Page rows (the lookups of Page's own search filter fields: path, depth, id).
    """

    key: str
    pages: Q


def search_audience(request):
    """The first audience a `website_search_audience` hook gives this request, or None."""
    if request is None:
        return None
    for hook in hooks.get_hooks("website_search_audience"):
        audience = hook(request)
        if audience is not None:
            return audience
    return None


@dataclass
class Hit:
    page: Page | Forum
    section: str
    kind: str
    url: str
    date: date | datetime | None
    title: SafeString
    snippet: SafeString


class _RankedPages:
    """The pages of a ranked list of keys, fetched a slice at a time.

    A key is a page's id, or ("forum", id) for a forum's page; `keys(start, stop)` gives those
    of one slice of the list, and `length` is the length of the whole list. `content_types`
    ({page id: content type id}, filled as keys are given) names the type of the pages whose
    ranking told it: those are read from their own model's table, with the text kept for
    their passage, in one query per page type.
    """

    def __init__(self, length, keys, content_types=None):
        self.length = length
        self.keys = keys
        self.content_types = {} if content_types is None else content_types

    def __len__(self):
        return self.length

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        start, stop, _step = key.indices(self.length)
        return self._pages(self.keys(start, stop)) if start < stop else []

    def _pages(self, keys):
        page_ids = [key for key in keys if not isinstance(key, tuple | list)]
        forum_ids = [key[1] for key in keys if isinstance(key, tuple | list)]
        ids_by_type = {}
        for page_id in page_ids:
            ids_by_type.setdefault(self.content_types.get(page_id), []).append(page_id)
        found = {}
        # A hit shows the title, date and kept passage: the bodies are not read.
        for content_type_id, ids in ids_by_type.items():
            if content_type_id is None:  # SQLite's ranking: Page's table tells the types
                pages = Page.objects.live().filter(pk__in=ids).defer_streamfields().specific()
            else:
                model = ContentType.objects.get_for_id(content_type_id).model_class()
                pages = with_indexed_text(
                    model.objects.live().filter(pk__in=ids).defer_streamfields(), content_type_id
                )
            found.update((page.pk, page) for page in pages)
        if forum_ids:
            forums = with_indexed_text(
                Forum.objects.filter(pk__in=forum_ids),
                ContentType.objects.get_for_model(Forum).pk,
            )
            found.update((("forum", forum.pk), forum) for forum in forums)
        return [found[_hashable(key)] for key in keys if _hashable(key) in found]


def with_indexed_text(objects, content_type_id):
    """`objects` (of one content type) with their indexed text (website.SearchText, None
    if they have none) as `indexed_text`, read in the same query."""
    text = SearchText.objects.filter(
        content_type_id=content_type_id, object_id=Cast(OuterRef("pk"), CharField())
    ).values("text")[:1]
    return objects.annotate(indexed_text=Subquery(text))


def _hashable(key):
    return tuple(key) if isinstance(key, list) else key


class PageSearch:
    """One search of the public site: results, per-section counts, and hits for display.

    With a request, the ranking and the counts are kept in the fragment cache under the
    content generation (website/fragments.py): a search asked again before any content
    changes costs only the ten pages it shows.
    """

    def __init__(self, query, section="", request=None):
        self.request = request
        self.query = clean_query(query)
        self.audience = search_audience(request)
        self.sections = [s for s in sections() if self.audience or not s.restricted]
        self.section = next((s for s in self.sections if s.label == section), None)
        self.words = search_text.query_words(self.query)
        # PostgreSQL: the slice of pages that the page of results about to be shown needs
        # (see paginate), read in the same statement as the counts, the slices read, and
        # the content types of the pages ranked.
        self._expected_slice = (0, 0)
        self._read_slices = {}
        self._content_types = {}

    @property
    def audience_key(self):
        """'' for the public; what fragments of this search are kept under."""
        return self.audience.key if self.audience else ""

    @cached_property
    def highlighted_words(self):
        """The words of the query in all their spellings (website.search.variants)."""
        return search_text.highlight_words(self.query, variants.groups())

    @cached_property
    def phrase_words(self):
        """The words typed with particles (橋の点検): a passage is shown from where they are."""
        return search_text.phrase_words(self.query, variants.groups())

    @cached_property
    def promotions(self):
        """検索のおすすめ: what editors put above the results for this very search term
        (Wagtail's search promotions), when every kind of page is searched. Pages only if
        the public may see them in the language being read; external links as they are.
        Teachers search 「出前授業」, a word the lessons' own texts seldom repeat."""
        if not self.query or self.section is not None:
            return []
        return self._remember("promotions", self._find_promotions)

    def _find_promotions(self):
        visible_pages = VisiblePageQuerySet(Page).visible()
        return list(
            SearchPromotion.objects.filter(
                Q(page__in=visible_pages) | Q(page__isnull=True, external_link_url__gt=""),
                query__query_string=normalise_query_string(self.query),
            ).select_related("page")
        )

    @cached_property
    def offered_sections(self):
        """The sections the form offers: those that have a place in the language being read
        (under its home page or one of the pages under it: the English site has /en/news/
        but no /en/lessons/), the forums, and the chosen one. No query of its own: the pages
        under the home page are those of the menu, and the answer is remembered."""
        if self.request is None:
            return self.sections
        labels = remember(self.request, "search:sections", self._sections_with_a_place)
        return [
            section
            for section in self.sections
            if section.label in labels
            or section == self.section
            or section.restricted
            or section.label == FORUM_SECTION
        ]

    def _sections_with_a_place(self):
        home = home_page(self.request)
        parents = ([home] if home is not None else []) + list(top_pages(self.request))
        parent_models = {page.specific_class for page in parents} - {None}
        return [
            section.label for section in self.sections if section.has_place_under(parent_models)
        ]

    @cached_property
    def elsewhere(self):
        """The same words searched in the other language (an OtherLanguageSearch), offered
        when nothing is found here or the words are plainly in that language, and only if
        it finds something. Its count is that search's own (one statement on PostgreSQL),
        remembered under that language, as its own page remembers it."""
        if not self.words or self.request is None:
            return None
        here = active_language()
        other = next((code for code, _name in settings.LANGUAGES if code != here), None)
        if other is None or (self.total_in_all_sections and not written_in(self.query, other)):
            return None
        with translation.override(other):
            search = PageSearch(self.query, request=self.request)
            # The other language's pages by its locale, in the same statement: its home page
            # is not read.
            search._language_filter = Q(
                locale__in=Locale.objects.filter(language_code=other).values("pk")
            )
            count = search.total_in_all_sections
            url = f"{reverse('search')}?{urlencode({'q': self.query})}"
        return OtherLanguageSearch(other, url, count) if count else None

    @cached_property
    def _visible_pages(self):
        content_type_ids = set().union(
            *(
                section.content_type_ids
                for section in self.sections
                if section.label != FORUM_SECTION
            )
        )
        # The pages of the language being read only: /en/search/ finds English pages.
        # The restrictions that public() reads are those the request has read already.
        pages = (
            VisiblePageQuerySet(Page)
            .live()
            .filter(self._language_filter, content_type_id__in=content_type_ids)
        )
        if self.audience is None:
            return pages.public()
        return pages.filter(~pages.private_q() | self.audience.pages)

    @cached_property
    def _language_filter(self):
        """The pages of the language being read (by its locale's id, known in a request)."""
        return Q(locale=self._locale_id)

    @cached_property
    def _locale_id(self):
        language = active_language()
        home = home_page(self.request) if self.request is not None else None
        if home is not None:
            return home.locale_id  # the language's home page, already read: no query
        return Locale.objects.filter(language_code=language).values_list("pk", flat=True).first()

    @cached_property
    def _forum_ids(self):
        """The forums found, best first (a few, so always all of them)."""
        if not self.words:
            return []
        if self._ranks_in_database:
            # PostgreSQL: found by the statement that ranks the pages and counts them.
            return self._counted["forums"]
        # A handful of forums: in their usual order, without ranking them.
        return self._remember("forums", self._find_forum_ids)

    def _find_forum_ids(self):
        found = [
            forum.pk
            for forum in get_search_backend().search(
                self.query, Forum.objects.only("pk"), operator="and", order_by_relevance=False
            )
        ]
        if is_default_language():
            return found
        # In English, the forums that have an English page.
        shown = set(Forum.objects.in_language().values_list("pk", flat=True))
        return [pk for pk in found if pk in shown]

    def _search(self, objects):
        return get_search_backend().search(self.query, objects, operator="and")

    def _remember(self, key, find):
        if self.request is None:
            return find()
        audience = f"{self.audience_key}:" if self.audience else ""
        return remember(self.request, f"search:{audience}{key}:{self.query}", find)

    @cached_property
    def results(self):
        """Specific pages (one query per page type for each slice) in order of relevance."""
        if not self.words:
            return []
        return _RankedPages(self.count, self.result_keys, self._content_types)

    def result_keys(self, start=0, stop=None):
        """The keys of the results from `start` to `stop` (None: the end), best first: the
        forums first (the council's own bodies, and a handful at most), then the pages."""
        if not self.words:
            return []
        stop = self.count if stop is None else stop
        in_forum_section = self.section and self.section.label == FORUM_SECTION
        forums = [] if self.section and not in_forum_section else self._forum_keys
        keys = forums[start:stop]
        page_start, page_stop = max(0, start - len(forums)), stop - len(forums)
        if not in_forum_section and page_start < page_stop:
            keys += self._page_ids(page_start, page_stop)
        return keys

    @cached_property
    def _forum_keys(self):
        return [["forum", pk] for pk in self._forum_ids]

    def _page_ids(self, start, stop):
        """The ids of the pages from `start` to `stop` in the ranking (of the section's pages
        if a section is chosen)."""
        label = self.section.label if self.section else ""
        if self._ranks_in_database:
            # One slice at a time: a common word matches thousands of pages. Each page's
            # content type comes with its id, so that its own table is read directly.
            ranked = self._remember(
                f"ranked:{label}:{start}:{stop}", lambda: self._read_slice(start, stop)
            )
            self._content_types.update(ranked)
            return [pk for pk, _content_type_id in ranked]
        return self._remember(f"ids:{label}", self._ranked_page_ids)[start:stop]

    def _read_slice(self, start, stop):
        """PostgreSQL: [[id, content type id], …] of a slice of the ranking, read with the
        counts if it was the expected one."""
        known = self._read_slices.get(start)
        if known is not None:
            known_stop, ranked = known
            # The expected slice ends at a full page; the last page is cut at the count.
            if stop <= known_stop or len(ranked) < known_stop - start:
                return ranked[: stop - start]
        if not self._words_to_rank:
            return []
        self._ranked_matches(start, stop)
        return self._read_slices[start][1]

    def _ranked_matches(self, start, stop, forums=None):
        """PostgreSQL: the Ranking of a slice of the pages, with the forums found if `forums`
        (a queryset) is given, which come first in the list that start and stop cut unless
        a section is chosen."""
        compiler = self._page_results.query_compiler
        content_type_ids = self.section.content_type_ids if self.section else None
        ranking = compiler.ranked_matches(
            "first_published_at",
            start,
            stop,
            content_type_ids,
            counts=forums is not None,
            before=forums,
            before_in_slice=self.section is None,
        )
        if forums is not None and self.section is None:  # the slice's bounds among pages
            start, stop = max(0, start - len(ranking.before)), max(0, stop - len(ranking.before))
        ranked = [[pk, ranking.content_types[pk]] for pk in ranking.ids]
        self._read_slices[start] = (stop, ranked)
        return ranking

    @cached_property
    def _words_to_rank(self):
        """False when the query has no word left to look for (only excluded words)."""
        return not isinstance(self._page_results.query_compiler.query, MatchAll | Not)

    def _ranked_page_ids(self):
        """SQLite: the ids of every match, ranked by its own index (bm25)."""
        pages = self._visible_pages
        if self.section:
            pages = pages.filter(content_type_id__in=self.section.content_type_ids)
        results = self._search(pages.only("pk"))
        # SQLite's ranking reads every match's score anyway: take the order without the rows.
        ranked_ids = getattr(results.query_compiler, "ranked_ids", lambda: None)()
        return ranked_ids if ranked_ids is not None else [page.pk for page in results]

    @cached_property
    def _ranks_in_database(self):
        """PostgreSQL: the ranking (pages found in the title first, then the newest) and the
        counts come from one statement. Not on SQLite, whose ranking (bm25) comes from its own
        index. Known without a query, so that what is remembered costs none."""
        return hasattr(get_search_backend().query_compiler_class, "ranked_matches")

    @cached_property
    def _page_results(self):
        return self._search(self._visible_pages)

    @cached_property
    def section_counts(self):
        """[(section, number of results)] for the sections that have results, in one query."""
        if not self.words:
            return []
        if self._ranks_in_database:
            return self._counted["counts"]
        return self._remember("counts", self._section_counts)

    @cached_property
    def _counted(self):
        """PostgreSQL: the section counts and the forums found, remembered together."""
        return self._remember("counted", self._count_in_database)

    def _count_in_database(self):
        if not self._words_to_rank:  # only excluded words: no page, the forums as on SQLite
            forum_ids = self._find_forum_ids()
            return {"counts": self._count_sections({}, len(forum_ids)), "forums": forum_ids}
        # One statement: the forums found, the counts, and the slice of pages expected next
        # (of the list that the forums start, unless a section is chosen).
        start, stop = self._expected_slice
        if self.section and self.section.label == FORUM_SECTION:
            start = stop = 0  # forums only: no pages to show
        forums = Forum.objects.all() if is_default_language() else Forum.objects.in_language()
        ranking = self._ranked_matches(start, stop, forums=forums)
        return {
            "counts": self._count_sections(ranking.counts, len(ranking.before)),
            "forums": ranking.before,
        }

    def _section_counts(self):
        """SQLite: the counts from the index's own facet."""
        by_content_type = self._search(self._visible_pages).facet("content_type_id")
        return self._count_sections(by_content_type, len(self._forum_ids))

    def _count_sections(self, by_content_type, forums):
        by_content_type[ContentType.objects.get_for_model(Forum).pk] = forums
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
        try:
            # Bounded, so that the slice's OFFSET stays a number the database takes; a page
            # past the last is shown the last one anyway (Paginator.get_page).
            expected = min(max(1, int(number)), MAX_EXPECTED_PAGE)
        except (TypeError, ValueError, OverflowError):
            expected = 1  # as Paginator.get_page
        self._expected_slice = ((expected - 1) * per_page, expected * per_page)
        return Paginator(Counted(self.count, self.results), per_page).get_page(number)

    def hits(self, pages):
        """The results to show, each with the passage that matched (one query for them all)."""
        pages = list(pages)
        # Read with the pages, or else in one query.
        passages = search_texts([page for page in pages if not hasattr(page, "indexed_text")])
        words = self.highlighted_words
        hits = []
        for page in pages:
            is_forum = isinstance(page, Forum)
            if hasattr(page, "indexed_text"):
                passage = page.indexed_text
            else:
                passage = passages.get(_text_key(page))
            if is_forum and not is_default_language():
                passage = page.local_description  # its indexed text is the Japanese one
            if passage is None:  # not indexed since the passage was kept
                passage = page.local_description if is_forum else page.search_description
            hits.append(
                Hit(
                    page=page,
                    section=section_of(page),
                    kind=translated(kind_of(page), "検索結果の種類"),
                    url=page.get_absolute_url() if is_forum else page.url,
                    date=None if is_forum else _date_of(page),
                    title=highlight(page.local_name if is_forum else page.title, words),
                    snippet=highlight(
                        without_repeats(passage),
                        words,
                        length=SNIPPET_LENGTH,
                        focus=self.phrase_words,
                    ),
                )
            )
        return hits


def _date_of(page):
    return getattr(page, "search_date", None) or page.first_published_at


def _text_key(obj):
    content_type_id = getattr(obj, "content_type_id", None)
    if content_type_id is None:
        content_type_id = ContentType.objects.get_for_model(obj).pk
    return content_type_id, str(obj.pk)


def search_texts(objects):
    """{(content type id, object id): the indexed text} of objects, in one query."""
    keys = [_text_key(obj) for obj in objects]
    if not keys:
        return {}
    rows = SearchText.objects.filter(
        content_type_id__in={content_type_id for content_type_id, _ in keys},
        object_id__in={object_id for _, object_id in keys},
    ).values_list("content_type_id", "object_id", "text")
    return {(content_type_id, object_id): text for content_type_id, object_id, text in rows}
