"""The Japanese backend on SQLite: modelsearch's FTS5 backend, storing our terms as words.

FTS5's unicode61 tokenizer splits on spaces and keeps letters and digits as they are, so
each of our terms (already lower case, without accents) is one FTS5 token, and a run's
two-character pieces are consecutive tokens that a phrase query matches in order.
"""

from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)

from .backend import JapaneseIndexMixin, JapaneseQueryCompilerMixin, column_positions


def as_words(texts):
    return " ".join(term for terms, _boost in column_positions(texts) for term in terms)


class JapaneseSQLiteIndex(JapaneseIndexMixin, SQLiteIndex):
    def encode_columns(self, columns):
        return {name: as_words(texts) for name, texts in columns.items()}


class JapaneseSQLiteSearchQueryCompiler(JapaneseQueryCompilerMixin, SQLiteSearchQueryCompiler):
    pass


class JapaneseSQLiteAutocompleteQueryCompiler(
    JapaneseQueryCompilerMixin, SQLiteAutocompleteQueryCompiler
):
    pass


class JapaneseSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = JapaneseSQLiteIndex
    query_compiler_class = JapaneseSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = JapaneseSQLiteAutocompleteQueryCompiler
