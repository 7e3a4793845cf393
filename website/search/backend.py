"""A Wagtail search backend that finds Japanese words, on SQLite and on PostgreSQL.

It is modelsearch's database backend (pinned in pyproject.toml) with two changes, both made
with website.search.text so the two databases find the same pages:

- indexing: each column of an index entry (title, body, autocomplete) holds our terms
  (see text.index_positions) instead of the raw text;
- querying: every PlainText or Phrase query is rewritten into our terms (text.query_terms):
  a single term, or the three-character pieces of a longer Japanese word, all of them
  required, in any of the word's spellings (website.search.variants); a word typed with
  particles needs its content words (橋の点検: 橋 and 点検), and the pages with the phrase
  itself are ranked first.

Configure with WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "website.search.backend"}}.
The vendor module is imported only for the database in use: modelsearch's SQLite module
cannot even be imported on PostgreSQL.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection


def SearchBackend(params):  # noqa: N802 (the name modelsearch looks up)
    if connection.vendor == "postgresql":
        from .postgres import JapanesePostgresSearchBackend as backend_class
    elif connection.vendor == "sqlite":
        from .sqlite import JapaneseSQLiteSearchBackend as backend_class
    else:
        raise ImproperlyConfigured("Japanese site search supports SQLite and PostgreSQL only.")
    return backend_class(params)
