"""The live site runs as production does, and journeys fail on a page that answers an error."""

import urllib.request

import pytest

from .conftest import _documents, error_documents, new_context


def x_cache(live_site, path):
    with urllib.request.urlopen(live_site.url + path, timeout=30) as response:
        return response.headers["X-Cache"], response.read().decode()


def test_the_live_site_serves_pages_from_its_page_cache_and_shows_changes_at_once(live_site):
    x_cache(live_site, "/forums/hokkaido/")
    cached, html = x_cache(live_site, "/forums/hokkaido/")
    assert cached == "HIT"
    # Made in another process, as journeys prepare their data: seen on the next request.
    live_site.shell(
        "from website.models import Forum\n"
        "Forum.objects.filter(slug='hokkaido').update(short_description='北海道の道路を守る')\n"
    )
    fresh, html = x_cache(live_site, "/forums/hokkaido/")
    assert fresh == "MISS" and "北海道の道路を守る" in html


def test_a_journey_fails_on_an_error_page_unless_it_allows_it(browser, live_site, request):
    context = new_context(browser, live_site, "desktop")
    page = context.new_page()
    _documents.clear()
    page.goto("/no-such-page/")
    page.goto("/about/")
    context.close()
    assert error_documents(request.node) == ["HTTP 404 for the page /no-such-page/"]

    request.node.add_marker(pytest.mark.allow_error_document(404, "/no-such-page/"))
    assert error_documents(request.node) == []
