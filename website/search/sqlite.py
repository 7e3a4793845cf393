"""The Japanese backend on SQLite: modelsearch's FTS5 backend, storing our terms as words.

FTS5's unicode61 tokenizer splits on spaces and keeps letters and digits as they are, so
each of our terms (already lower case, without accents) is one FTS5 token, and a run's
two-character pieces are consecutive tokens that a phrase query matches in order.
"""

from django.db.models import Exists, OuterRef, TextField, Value
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

from .common import JapaneseIndexMixin, JapaneseQueryCompilerMixin, column_positions

# Objects fetched per query when a whole ranked result set is asked for.
FETCH_BATCH = 500


def as_words(texts):
    return " ".join(term for terms, _boost in column_positions(texts) for term in terms)


class JapaneseSQLiteIndex(JapaneseIndexMixin, SQLiteIndex):
    def encode_columns(self, columns):
        return {name: as_words(texts) for name, texts in columns.items()}

    def title_length(self, texts):
        return len(as_words(texts))


class RankedSearchMixin:
    """Relevance ordering in linear time.

    modelsearch orders by a correlated subquery that runs the full-text query, and bm25's
    corpus statistics, again for every matching row: in the benchmark (5,000 pages), 橋梁 took
    23 s for its first ten results, 44 ms here. Here the scores of the matches that the queryset allows are read in one
    query, sorted in Python, and the requested slice is fetched by primary key.
    """

    def ranked_scores(self):
        """{pk: bm25 score} of every match the queryset allows, best first; None: no ranking."""
        query = normalize(self.query)
        if isinstance(query, MatchAll | Not):
            return None  # no ranking involved: modelsearch's queryset is fine
        wanted = self.queryset.order_by().annotate(_object_id=Cast("pk", TextField()))
        search_query = self.build_search_query(query)
        in_title = SQLiteFTSIndexEntry.objects.filter(
            MatchExpression(["title"], search_query), index_entry=OuterRef("index_entry")
        )
        has_phrase = Value(False)
        if self.exact_query is not None:
            exact_query = self.build_search_query(normalize(self.exact_query))
            has_phrase = Exists(
                SQLiteFTSIndexEntry.objects.filter(
                    MatchExpression(self.FTS_TABLE_FIELDS, exact_query),
                    index_entry=OuterRef("index_entry"),
                )
            )
        matches = (
            SQLiteFTSIndexEntry.objects.filter(MatchExpression(self.FTS_TABLE_FIELDS, search_query))
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(
                    self.queryset.model
                ),
                index_entry__object_id__in=wanted.values("_object_id"),
            )
            .annotate(
                score=self._build_rank_expression(self.get_search_vectors(), None),
                in_title=Exists(in_title),
                has_phrase=has_phrase,
            )
        )
        to_pk = self.queryset.model._meta.pk.to_python
        scores, titled, phrased = {}, set(), set()
        for object_id, score, matched_title, matched_phrase in matches.values_list(
            "index_entry__object_id", "score", "in_title", "has_phrase"
        ):
            scores[to_pk(object_id)] = score
            if matched_title:
                titled.add(to_pk(object_id))
            if matched_phrase:
                phrased.add(to_pk(object_id))
        # As on PostgreSQL (website/search/postgres.py), pages with a phrase as typed come first
        # (橋の点検 before 橋 and 点検 apart), then pages whose title matches; then bm25 (lower is
        # better), ties newest first.
        ranked = sorted(scores, reverse=True)
        ranked.sort(key=lambda pk: (pk not in phrased, pk not in titled, scores[pk]))
        return {pk: scores[pk] for pk in ranked}

    def ranked_ids(self):
        """The primary keys of the matches, best first, without fetching the objects."""
        scores = self.ranked_scores()
        return None if scores is None else list(scores)

    def ranked_results(self, start, stop, score_field=None):
        scores = self.ranked_scores()
        if scores is None:
            return None
        ranked = list(scores)[start:stop]
        objects = {}
        for batch in range(0, len(ranked), FETCH_BATCH):
            chunk = ranked[batch : batch + FETCH_BATCH]
            objects.update((obj.pk, obj) for obj in self.queryset.filter(pk__in=chunk))
        results = [objects[pk] for pk in ranked if pk in objects]
        if score_field:
            for obj in results:
                setattr(obj, score_field, scores[obj.pk])
        return results


class JapaneseSQLiteSearchQueryCompiler(
    JapaneseQueryCompilerMixin, RankedSearchMixin, SQLiteSearchQueryCompiler
):
    pass


class JapaneseSQLiteAutocompleteQueryCompiler(
    JapaneseQueryCompilerMixin, RankedSearchMixin, SQLiteAutocompleteQueryCompiler
):
    pass


class JapaneseSQLiteSearchResults(SQLiteSearchResults):
    def _do_search(self):
        if self.query_compiler.order_by_relevance:
            results = self.query_compiler.ranked_results(self.start, self.stop, self._score_field)
            if results is not None:
                return results
        return super()._do_search()


class JapaneseSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = JapaneseSQLiteIndex
    query_compiler_class = JapaneseSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = JapaneseSQLiteAutocompleteQueryCompiler
    results_class = JapaneseSQLiteSearchResults
