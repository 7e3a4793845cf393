"""The Japanese backend on PostgreSQL: our terms written as tsvector/tsquery literals.

modelsearch builds vectors with to_tsvector and queries with to_tsquery, which run
PostgreSQL's word parser: it depends on the database locale (with C.UTF-8 it silently drops
rare kanji such as 𠀋) and the default configuration stems English. Our terms are final, so
they are written as literals ('橋梁':4A '点検':9A …), which PostgreSQL stores and compares
exactly as given, whatever the locale.
"""

import operator
from dataclasses import dataclass
from functools import reduce

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connections
from django.db.models import BooleanField, ExpressionWrapper, IntegerField, Q, Value, Window
from django.db.models.functions import Cast, RowNumber
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks
from psycopg import ClientCursor
from wagtail.search.models import IndexEntry

from .common import JapaneseIndexMixin, JapaneseQueryCompilerMixin, column_positions


def quote(term):
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(texts):
    """ "'term' 'other' …": each distinct term once, without positions.

    No query needs positions (website.search.text: no phrases), and without them a page's
    vector is a fraction of the size, quicker to write and to read. ts_rank, which the admin's
    searches still use, ranks such vectors by the number of terms matched.
    """
    terms = dict.fromkeys(term for terms, _boost in column_positions(texts) for term in terms)
    return " ".join(quote(term) for term in terms)


def tsquery_literal(query):
    """The whole query (after japanese_query) as one tsquery: '橋梁' & ( '点検' | … )."""
    if isinstance(query, PlainText):
        return quote(query.query_string)
    if isinstance(query, And | Or):
        joiner = " & " if isinstance(query, And) else " | "
        return "(" + joiner.join(tsquery_literal(sub) for sub in query.subqueries) + ")"
    if isinstance(query, Not):
        return f"!{tsquery_literal(query.subquery)}"
    if isinstance(query, Boost):
        return tsquery_literal(query.subquery)
    raise NotImplementedError(f"{type(query).__name__} is not supported in a search query.")


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
        # The title as text, as modelsearch keeps it for its fuzzy search. Not the body: the
        # rows stay small, so that reading the matches of a common word stays fast, and the
        # text of a result's passage is kept in website.SearchText.
        encoded["title_text"] = " ".join(value for value, _boost in columns["title"]).strip()
        encoded["body_text"] = ""
        return encoded


def client_binding_cursor(connection):
    """A cursor of `connection` that binds parameters on the client, whatever the
    connection's server_side_binding (website/settings/base.py): the server cannot prepare
    several statements as one. Wrapped as Django wraps its own, so it is logged and counted."""
    connection.ensure_connection()
    cursor = ClientCursor(connection.connection)
    if connection.queries_logged:
        return connection.make_debug_cursor(cursor)
    return connection.make_cursor(cursor)


@dataclass
class Ranking:
    """What ranked_matches found: the slice's pks, best first, and their content types; the
    number of matches of each content type (None if not asked); the pks of the objects
    listed before the pages."""

    ids: list
    content_types: dict
    counts: dict | None
    before: list


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
        if self.order_by_relevance and self.exact_query is not None:
            # Pages with a phrase as typed first, as in ranked_matches.
            has_phrase = ExpressionWrapper(
                self._matches(self.exact_query, columns), output_field=BooleanField()
            )
            queryset = queryset.order_by(has_phrase.desc(), rank.desc(), "-pk")
            if score_field is not None:
                queryset = queryset.annotate(**{score_field: rank})
            return queryset[start:stop]
        return self._apply_ordering_and_scoring(queryset, rank, start, stop, score_field)

    def ranked_matches(
        self,
        newest_first,
        start=0,
        stop=None,
        content_type_ids=None,
        counts=True,
        before=None,
        before_in_slice=True,
    ):
        """One slice of the matches, ranked, and how many there are of each content type, in
        one statement: a Ranking of the pks from `start` to `stop` (None: to the end) of the
        matches whose content type is in `content_type_ids` (None: all), those with a phrase
        of the query as typed first (exact_query), then those with the query in their title,
        then the newest by the field `newest_first`, with their content types; {content type
        id: number of matches} of all the matches, or None without `counts`.

        `before`, a queryset of another indexed model (the forums), lists the objects of it
        that match ahead of the pages, in its own order: their pks come in the Ranking too,
        and, with `before_in_slice`, they take the first places of the list that `start` and
        `stop` cut (a slice from 0 to 10 after 2 of them holds 8 pages).

        Only the slice and the counts leave the database: a common word matches thousands
        of pages, and returning them all cost more than finding them.

        The body vector holds the title too, so the whole query is one tsquery against it.
        Its terms carry no positions (website.search.text), so the body's GIN index answers it
        alone, and the title's GIN index tells which matches are in the title: neither reads
        a vector from the table (the vectors are stored out of line, migration
        website.0005, so the rows read for their ids are small). PostgreSQL's planner does
        not see this: as soon as a word is common it scans the table (or another index) and
        decompresses every page's vectors, ten times slower. So the entries are found first,
        on their own (materialised CTEs), with sequential scans off for this statement only,
        then joined to the queryset's rows by primary key.
        """
        tsquery = TSQueryLiteral(tsquery_literal(self.query))
        model = self.queryset.model
        # The entries are found from a GIN index alone, with no other condition that the
        # planner could prefer an index for (the content type's, which then reads every
        # entry's vector); the entries of other models are left out by the join.
        entries = IndexEntry.objects.values_list("object_id", "content_type_id")
        rows = self.queryset.order_by().values_list("pk", "content_type_id", newest_first)
        primary_key = model._meta.pk
        if isinstance(getattr(primary_key, "target_field", primary_key), IntegerField):
            # Compared as integers, so that the table's primary key serves. Only the entries of
            # this model's content types are cast: another model's object id may be text.
            key = "row.pk"
            object_id = "CASE WHEN {0}.content_type_id = ANY(%s) THEN {0}.object_id::bigint END"
            model_content_types = [get_descendants_content_types_pks(model)]
        else:
            key, object_id, model_content_types = "row.pk::text", "{0}.object_id", []

        # Not a join: row estimates of a many-term tsquery are far too low, and the planner
        # would then loop over the title matches for every match. IN is a hashed subplan.
        def among(cte):
            return (
                f"(row.content_type_id, {key}) IN "
                f"(SELECT {cte}.content_type_id, {object_id.format(cte)} FROM {cte})"
            )

        found_sql, found_params = entries.filter(body=tsquery).query.sql_with_params()
        titled_sql, titled_params = entries.filter(title=tsquery).query.sql_with_params()
        # The pages with a phrase as typed (橋の点検, where the query has 橋 and 点検) first,
        # then those with the query in their title.
        relevance, relevance_params = f"({among('titled')})::int", model_content_types
        phrased, phrased_params = "", []
        if self.exact_query is not None:
            phrase = TSQueryLiteral(tsquery_literal(self.exact_query))
            phrased_sql, phrased_params = entries.filter(body=phrase).query.sql_with_params()
            phrased = f"phrased (object_id, content_type_id) AS MATERIALIZED ({phrased_sql}), "
            relevance = f"2 * ({among('phrased')})::int + {relevance}"
            relevance_params = [*model_content_types, *model_content_types]
        rows_sql, rows_params = rows.query.sql_with_params()
        in_slice = "" if content_type_ids is None else "WHERE content_type_id = ANY(%s)"
        order = "relevance DESC, newest DESC NULLS LAST, pk DESC"
        # The slice, then one row per content type with its count; a last sort (of a few
        # rows) so that the slice's order does not depend on how UNION ALL is carried out.
        counted = (
            "UNION ALL (SELECT NULL, content_type_id, COUNT(*), NULL, NULL, NULL "
            "FROM matches GROUP BY content_type_id) "
            if counts
            else ""
        )
        before_sql, before_params = self._before(before)
        # The pages come after the objects listed before them, whose number only the
        # statement knows: the slice's bounds are computed there.
        listed = "(SELECT COUNT(*) FROM before)" if before is not None and before_in_slice else "0"
        offset = f"GREATEST(0, %s - {listed})"
        limit = "ALL" if stop is None else f"GREATEST(0, GREATEST(0, %s - {listed}) - {offset})"
        bounds_params = [start] if stop is None else [stop, start, start]
        listed_before = (
            ""
            if before is None
            else "UNION ALL (SELECT pk, content_type_id, NULL, position, NULL, NULL FROM before) "
        )
        sql = (
            f"WITH found (object_id, content_type_id) AS MATERIALIZED ({found_sql}), "
            f"titled (object_id, content_type_id) AS MATERIALIZED ({titled_sql}), "
            f"{phrased}"
            f"{before_sql}"
            f"matches AS MATERIALIZED ("
            f"SELECT row.pk, row.content_type_id, row.newest, {relevance} AS relevance "
            f"FROM ({rows_sql}) AS row (pk, content_type_id, newest) "
            f"JOIN found ON found.content_type_id = row.content_type_id "
            f"AND {key} = {object_id.format('found')}) "
            f"SELECT pk, content_type_id, number, position FROM ("
            f"(SELECT pk, content_type_id, NULL::bigint AS number, NULL::bigint AS position, "
            f"relevance, newest "
            f"FROM matches {in_slice} ORDER BY {order} LIMIT {limit} OFFSET {offset}) "
            f"{listed_before}"
            f"{counted}) AS answer "
            f"ORDER BY number NULLS FIRST, position NULLS LAST, {order}"
        )
        params = [
            *found_params,
            *titled_params,
            *phrased_params,
            *before_params,
            *relevance_params,
            *rows_params,
            *model_content_types,
            *([] if content_type_ids is None else [list(content_type_ids)]),
            *bounds_params,
        ]
        # One round trip: a cursor that binds the parameters itself lets several statements
        # go together. Outside a transaction they form one (implicit) transaction, which SET
        # LOCAL lasts for; inside one, the settings are put back after.
        # Without sequential scans, that of a small table (the forums') is given a prohibitive
        # cost, which would have PostgreSQL compile the statement (JIT) for a second: no JIT.
        with client_binding_cursor(connections[rows.db]) as cursor:
            cursor.execute(
                f"SET LOCAL enable_seqscan = off; SET LOCAL jit = off; {sql}; "
                "SET LOCAL enable_seqscan TO DEFAULT; SET LOCAL jit TO DEFAULT",
                params,
            )
            while cursor.description is None and cursor.nextset():
                pass  # the answer of SET
            answer = cursor.fetchall()
        pages = [
            (pk, content_type_id)
            for pk, content_type_id, number, position in answer
            if number is None and position is None
        ]
        return Ranking(
            ids=[pk for pk, _content_type_id in pages],
            content_types=dict(pages),
            counts=None
            if not counts
            else {
                content_type_id: number
                for _pk, content_type_id, number, _position in answer
                if number is not None
            },
            before=[pk for pk, _ct, _number, position in answer if position is not None],
        )

    @staticmethod
    def _before(queryset):
        """The CTE `before` (pk, content_type_id, position) of the objects of `queryset` that
        are among the entries found, in the queryset's order, and its parameters."""
        if queryset is None:
            return "", []
        model = queryset.model
        ordering = [*(queryset.query.order_by or model._meta.ordering), "pk"]
        listed = (
            queryset.order_by()
            .annotate(position=Window(RowNumber(), order_by=ordering))
            .values_list("pk", "position")
        )
        listed_sql, listed_params = listed.query.sql_with_params()
        sql = (
            f"before AS MATERIALIZED (SELECT listed.pk, %s AS content_type_id, listed.position "
            f"FROM ({listed_sql}) AS listed (pk, position) "
            f"WHERE listed.pk IN (SELECT found.object_id::bigint FROM found "
            f"WHERE found.content_type_id = ANY(%s))), "
        )
        params = [
            ContentType.objects.get_for_model(model).pk,
            *listed_params,
            get_descendants_content_types_pks(model),
        ]
        return sql, params

    def _matches(self, query, columns, invert=False):
        # Negation is pushed down to the tsqueries (De Morgan), as modelsearch does: a
        # negated condition on the joined index entry would need an unsupported subquery.
        if isinstance(query, And) and all(isinstance(sub, PlainText) for sub in query.subqueries):
            # The pieces of one word: all of them in the same field, one tsquery.
            literal = " & ".join(quote(sub.query_string) for sub in query.subqueries)
            tsquery = TSQueryLiteral(f"!({literal})" if invert else literal)
            combine = operator.and_ if invert else operator.or_
            return reduce(combine, (Q(**{column: tsquery}) for column in columns))
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
