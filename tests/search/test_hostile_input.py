"""Any input gives results or an empty page, never an error (SQLite FTS5 and PostgreSQL
tsquery both have query languages; none of their syntax may reach them unescaped)."""

import pytest
from wagtail.images.models import Image
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from website.models import Forum

from .conftest import found

HOSTILE = [
    '"',
    '""',
    '"橋梁',
    "'",
    "''",
    "*",
    "橋梁*",
    "NEAR(",
    "NEAR(橋梁 点検, 2)",
    "OR",
    "AND",
    "NOT",
    "橋梁 OR 点検",
    "-",
    "-橋梁",
    "--",
    "(",
    ")",
    "((((",
    "^橋梁",
    ":",
    "title:橋梁",
    "{title body}:橋梁",
    "\\",
    "\\'",
    "%",
    "_",
    "%_%",
    "'; DROP TABLE wagtailcore_page; --",
    "<script>alert(1)</script>",
    "!",
    "&",
    "|",
    "<->",
    ":*",
    "'橋梁':*",
    "\x00",
    "橋\x00梁",
    "\x1b[31m",
    "\u200b",
    "\ufeff",
    "🌉",
    "e\u0301",
    " ",
    "\n\t",
    "\u3000",
    "橋" * 5000,
    "あい " * 2000,
    "x" * 10000,
]
# Unpaired surrogates cannot arrive over HTTP (invalid UTF-8 is decoded as U+FFFD), but may
# be passed to the search API by code.
SURROGATES = ["\ud800", "橋\udfff梁"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", HOSTILE + SURROGATES)
def test_search_api_never_fails(corpus, query):
    assert isinstance(found(query), set)
    assert isinstance(list(Page.objects.search(query)), list)
    assert isinstance(list(Page.objects.autocomplete(query)), list)


@pytest.mark.django_db
@pytest.mark.parametrize("query", HOSTILE)
def test_public_search_page_never_fails(client, corpus, query):
    response = client.get("/search/", {"q": query, "section": query, "page": query})
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("query_string", ["q=%FF%FE", "q=%ED%A0%80", "q=%00", "q=%E6%A9", "q"])
def test_invalid_utf8_and_bare_parameters(client, corpus, query_string):
    response = client.get(f"/search/?{query_string}")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("query", HOSTILE)
def test_admin_searches_never_fail(admin_client, corpus, query):
    for url in ("/admin/pages/search/", "/admin/images/", "/admin/snippets/website/forum/"):
        response = admin_client.get(url, {"q": query})
        assert response.status_code == 200, url


@pytest.mark.django_db
def test_operators_are_words_not_syntax(corpus):
    # Quotes and operators are dropped or searched as plain words: never a wider match.
    assert found('"橋梁"') == {"bridge"}
    assert found("橋梁 OR 道路") == set()
    assert found("-橋梁") == {"bridge"}
    assert found("橋梁*") == {"bridge"}
    assert found("NEAR(橋梁") == set()


@pytest.mark.django_db
def test_query_is_escaped_on_the_page(client, corpus):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_other_models_search_with_hostile_input(corpus):
    backend = get_search_backend()
    for query in ['"', "NEAR(", "*", "\x00"]:
        assert list(backend.search(query, Forum)) == []
        assert list(backend.autocomplete(query, Image)) == []
