"""The Japanese backend on PostgreSQL: our terms written as tsvector/tsquery literals.

modelsearch builds vectors with to_tsvector and queries with to_tsquery, which run
PostgreSQL's word parser: it depends on the database locale (with C.UTF-8 it silently drops
rare kanji such as 𠀋) and the default configuration stems English. Our terms are final, so
they are written as literals ('橋梁':4A '点検':9A …), which PostgreSQL stores and compares
exactly as given, whatever the locale.
"""

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db.models import Value
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.weights import get_weight
from modelsearch.query import Phrase, PlainText

from .backend import JapaneseIndexMixin, JapaneseQueryCompilerMixin, column_positions

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
