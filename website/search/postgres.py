"""The Japanese backend on PostgreSQL: our terms written as tsvector/tsquery literals.

modelsearch builds vectors with to_tsvector and queries with to_tsquery, which run
PostgreSQL's word parser: it depends on the database locale (with C.UTF-8 it silently drops
rare kanji such as 𠀋) and the default configuration stems English. Our terms are final, so
they are written as literals ('橋梁':4A '点検':9A …), which PostgreSQL stores and compares
exactly as given, whatever the locale.
"""

import operator
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db.models import Q, Value
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.weights import get_weight
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText

from .common import JapaneseIndexMixin, JapaneseQueryCompilerMixin, column_positions

# PostgreSQL keeps at most 256 positions of one lexeme in a tsvector.
MAX_POSITIONS_PER_TERM = 256


def quote(term):
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(texts):
    """ "'term':1A,7A 'other':2A …": each term with its positions and the weight of its field."""
    positions = {}
    for number, (terms, boost) in enumerate(column_positions(texts), start=1):
        weight = get_weight(boost)
        for term in terms:
            positions.setdefault(term, []).append(f"{number}{weight}")
    return " ".join(
        f"{quote(term)}:{','.join(found[:MAX_POSITIONS_PER_TERM])}"
        for term, found in positions.items()
    )


class TSQueryLiteral(SearchQuery):
    """A tsquery given in PostgreSQL's own syntax, cast rather than parsed by to_tsquery."""

    def __init__(self, literal):
        self.literal = literal
        super().__init__(literal)

    def as_sql(self, compiler, connection, **extra_context):
        return "%s::tsquery", [self.literal]


class JapanesePostgresIndex(JapaneseIndexMixin, PostgresIndex):
    def encode_columns(self, columns):
        encoded = {
            name: Cast(Value(tsvector_literal(texts)), SearchVectorField())
            for name, texts in columns.items()
        }
        # Plain-text copies, as modelsearch keeps them for its fuzzy search.
        encoded["title_text"] = " ".join(value for value, _boost in columns["title"]).strip()
        encoded["body_text"] = " ".join(value for value, _boost in columns["body"]).strip()
        return encoded


class JapanesePostgresQueryMixin(JapaneseQueryCompilerMixin):
    """Our terms as tsquery literals, and a WHERE clause that PostgreSQL can index.

    modelsearch filters on title || body, an expression that no index covers, so every
    search reads every index entry. Here each term or phrase must match within the title
    or within the body (as FTS5 matches on SQLite), which the GIN index of each column
    answers; ranking is unchanged.
    """

    def search(self, config, start, stop, score_field=None, backend=None):
        matches_nothing = isinstance(self.query, Not) and isinstance(self.query.subquery, MatchAll)
        if isinstance(self.query, MatchAll | Fuzzy) or matches_nothing:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        columns = [vector.name for vector, _boost in self.get_index_vectors(None)]
        queryset = self.queryset.filter(self._matches(self.query, columns))
        rank = self._build_rank_expression(self.get_search_vectors(None), config)
        return self._apply_ordering_and_scoring(queryset, rank, start, stop, score_field)

    def _matches(self, query, columns, invert=False):
        # Negation is pushed down to the tsqueries (De Morgan), as modelsearch does: a
        # negated condition on the joined index entry would need an unsupported subquery.
        if isinstance(query, PlainText | Phrase):
            tsquery = self.build_tsquery_content(query, invert=invert)
            combine = operator.and_ if invert else operator.or_
            return reduce(combine, (Q(**{column: tsquery}) for column in columns))
        if isinstance(query, And | Or):
            combine = operator.and_ if isinstance(query, And) != invert else operator.or_
            return reduce(
                combine, (self._matches(sub, columns, invert) for sub in query.subqueries)
            )
        if isinstance(query, Not):
            return self._matches(query.subquery, columns, not invert)
        if isinstance(query, Boost):
            return self._matches(query.subquery, columns, invert)
        raise NotImplementedError(f"{type(query).__name__} is not supported in a search query.")

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText):  # one term, after japanese_query()
            literal = quote(query.query_string)
            if self.LAST_TERM_IS_PREFIX:
                literal += ":*"
        elif isinstance(query, Phrase):
            literal = " <-> ".join(quote(term) for term in query.query_string.split())
        else:
            return super().build_tsquery_content(query, config=config, invert=invert)
        return TSQueryLiteral(f"!({literal})" if invert else literal)


class JapanesePostgresSearchQueryCompiler(JapanesePostgresQueryMixin, PostgresSearchQueryCompiler):
    pass


class JapanesePostgresAutocompleteQueryCompiler(
    JapanesePostgresQueryMixin, PostgresAutocompleteQueryCompiler
):
    pass


class JapanesePostgresSearchBackend(PostgresSearchBackend):
    index_class = JapanesePostgresIndex
    query_compiler_class = JapanesePostgresSearchQueryCompiler
    autocomplete_query_compiler_class = JapanesePostgresAutocompleteQueryCompiler
