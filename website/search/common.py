"""What the SQLite and the PostgreSQL backends share (website/search/backend.py chooses one).

Both index our terms instead of the raw text and rewrite every PlainText or Phrase query
into our terms, with website.search.text, so the two databases find the same pages.
"""

import time

from django.conf import settings
from django.db.models import Avg
from django.db.models.functions import Length
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.translation import get_language
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import MATCH_NONE, And, Boost, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from website.models import SearchText
from website.search.fields import UnquotedSearchField

from . import text, variants


def document_texts(obj):
    """The text of each index column of obj ({"title": [(text, boost), …], "body": …}) and
    the texts its results' passage quotes.

    The same split as modelsearch's ObjectIndexer: the title field, every other search
    field (following RelatedFields), and the autocomplete fields. The passage is the body's
    texts but the title and those of an UnquotedSearchField.
    """
    columns = {"title": [], "body": [], "autocomplete": []}
    passage = []

    def collect(target, fields, top_level):
        for field in fields:
            if isinstance(field, SearchField):
                column = "title" if top_level and field.field_name == "title" else "body"
                value = (as_text(field.get_value(target)), field.boost)
                columns[column].append(value)
                if column == "body" and not isinstance(field, UnquotedSearchField):
                    passage.append(value)
            elif isinstance(field, AutocompleteField):
                columns["autocomplete"].append((as_text(field.get_value(target)), None))
            elif isinstance(field, RelatedFields):
                for related in _related_objects(field.get_value(target)):
                    collect(related, field.fields, top_level=False)

    collect(obj, obj.get_search_fields(), top_level=True)
    # The body holds the title too, so that one index scan of the body finds a page however its
    # words are spread over the title and the rest (website/search/postgres.py).
    columns["body"] = columns["title"] + columns["body"]
    return columns, passage


def passage_text(texts):
    """A column's texts as one string, for the passage a search result shows."""
    return " ".join(" ".join(value.split()) for value, _boost in texts if value.strip())


def as_text(value):
    if value is None:
        return ""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        # "None": what Wagtail's image block gives for an image without alt text.
        texts = (as_text(item) for item in value)
        return " ".join(text for text in texts if text and text != "None")
    return force_str(value)


def _related_objects(value):
    if value is None:
        return []
    if hasattr(value, "all"):  # a related manager
        return value.all()
    return [value() if callable(value) else value]


def column_positions(texts):
    """The positions of a column's texts, each with its text's boost; MAX_POSITIONS at most."""
    positions = []
    for value, boost in texts:
        for terms in text.index_positions(value):
            if len(positions) == text.MAX_POSITIONS:
                return positions
            positions.append((terms, boost))
    return positions


class JapaneseIndexMixin:
    """add_items for both databases; the vendor subclass says how to store the terms."""

    def encode_columns(self, columns):
        """{"title": …, "body": …, "autocomplete": …, …} as the vendor's IndexEntry stores them."""
        raise NotImplementedError

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        objs = list(objs)
        # English pages are indexed with their words' stems (website.search.text),
        # and with what they show in English: labels, prefectures, forums, periods.
        english = english_object_ids(objs)
        texts, passages = {}, {}
        for obj in objs:
            object_id = force_str(obj.pk)
            with translation.override("en" if object_id in english else settings.LANGUAGE_CODE):
                texts[object_id], passages[object_id] = document_texts(obj)
        if not texts:
            return
        documents = {}
        for object_id, columns in texts.items():
            with text.english(object_id in english):
                documents[object_id] = self.encode_columns(columns)
        content_type_id = get_content_type_pk(model)
        SearchText.objects.bulk_create(
            [
                SearchText(
                    content_type_id=content_type_id,
                    object_id=object_id,
                    text=passage_text(passage),
                )
                for object_id, passage in passages.items()
            ],
            update_conflicts=True,
            unique_fields=["content_type", "object_id"],
            update_fields=["text"],
        )
        index_entry = self.entries.model
        average = self._average_title_length()
        # One upsert: concurrent saves of the same object cannot collide on the unique key.
        self.entries.bulk_create(
            [
                index_entry(
                    content_type_id=content_type_id,
                    object_id=object_id,
                    title_norm=self._title_norm(
                        texts[object_id]["title"], average, object_id in english
                    ),
                    **columns,
                )
                for object_id, columns in documents.items()
            ],
            update_conflicts=True,
            unique_fields=["content_type", "object_id"],
            update_fields=[*next(iter(documents.values())), "title_norm"],
        )

    def title_length(self, texts):
        """The title's length as the vendor's Length("title") counts it (rank normalisation)."""
        return len({term for terms, _boost in column_positions(texts) for term in terms})

    def _title_norm(self, texts, average, english=False):
        """modelsearch's title_norm (average title length / this title's), set on writing
        rather than by _refresh_title_norms, which rewrites every new row in a second scan."""
        with text.english(english):
            length = self.title_length(texts)
        return average / length if length and average else 1.0

    def _average_title_length(self):
        """The average over the index, read again every AVERAGE_SECONDS: it moves slowly, and
        reading it is a scan of the whole index, the largest cost of indexing one page."""
        now = time.monotonic()
        known = _average_title_lengths.get(self.entries.model)
        if known is None or now - known[1] > AVERAGE_SECONDS:
            average = (
                self.entries.annotate(title_length=Length("title"))
                .filter(title_length__gt=0)
                .aggregate(Avg("title_length"))["title_length__avg"]
            )
            known = (average, now)
            _average_title_lengths[self.entries.model] = known
        return known[0]


AVERAGE_SECONDS = 600
_average_title_lengths = {}


def english_object_ids(objs):
    """The pks (as strings) of the objects that are in English (a page's locale)."""
    locale_ids = {getattr(obj, "locale_id", None) for obj in objs} - {None}
    if not locale_ids:
        return set()
    from wagtail.models import Locale

    english = set(
        Locale.objects.filter(pk__in=locale_ids, language_code__startswith="en").values_list(
            "pk", flat=True
        )
    )
    return {force_str(obj.pk) for obj in objs if getattr(obj, "locale_id", None) in english}


class JapaneseQueryCompilerMixin:
    """Rewrites the query into our terms before the vendor compiler builds its SQL.

    The index has three columns only, so `fields=` cannot be honoured field by field: the
    whole document (or the autocomplete column) is searched, and no field raises an error.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A search made in English also matches the stems of English pages' words.
        with text.english((get_language() or "").startswith("en")):
            query = self.query
            self.query = japanese_query(query)
            exact = japanese_query(query, split_particles=False)
        # The query with its phrases as typed (橋の点検, not 橋 and 点検): the pages it finds,
        # a part of those self.query finds, are ranked first. None if no word was cut.
        self.exact_query = None if repr(exact) == repr(self.query) else exact
        self.fields = None


def japanese_query(query, split_particles=True):
    """The query with every PlainText/Phrase replaced by terms the index contains.

    A term is a PlainText of one term; a Japanese word of 4+ characters is the And of its
    three-character pieces. A word typed with particles is its content words, each required
    (text.content_words: 橋の点検 is 橋 and 点検), unless split_particles is False or it is a
    Phrase. A word with other spellings (website.search.variants) matches in any of them.
    Words without any letter or digit are dropped; a query left with nothing matches nothing.
    """
    rewritten = _rewrite(query, split_particles)
    return MATCH_NONE if rewritten is None else rewritten


def _rewrite(query, split_particles):
    if isinstance(query, PlainText) and query.operator == "or" and split_particles:
        # Any of the words, but each with all its content words.
        words = query.query_string[: text.MAX_QUERY_LENGTH].split()[: text.MAX_QUERY_WORDS]
        return _combine(Or, [_rewrite(PlainText(word), split_particles) for word in words])
    if isinstance(query, PlainText | Phrase):
        operator = getattr(query, "operator", "and")
        alternatives = text.query_alternatives(
            query.query_string,
            variants.groups(),
            split_particles=split_particles and isinstance(query, PlainText),
        )
        words = [
            _combine(
                Or, [_combine(And, [_terms(terms) for terms in spelling]) for spelling in word]
            )
            for word in alternatives
        ]
        return _combine(And if operator == "and" else Or, words)
    if isinstance(query, And | Or):
        return _combine(
            type(query), [_rewrite(subquery, split_particles) for subquery in query.subqueries]
        )
    if isinstance(query, Not):
        # Excluded as typed: cut into its content words, it would exclude far more pages.
        subquery = _rewrite(query.subquery, split_particles=False)
        return None if subquery is None else Not(subquery)
    if isinstance(query, Boost):
        subquery = _rewrite(query.subquery, split_particles)
        return None if subquery is None else Boost(subquery, query.boost)
    return query  # MatchAll, Fuzzy


def _terms(terms):
    return _combine(And, [PlainText(term) for term in terms])


def _combine(operator, parts):
    parts = [part for part in parts if part is not None]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else operator(parts)
