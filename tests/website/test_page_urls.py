"""The URLs of many pages at once (website/page_urls.py): what Page.get_url gives,
with Wagtail's route reversed once per site root rather than once per page."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import Page

from tests.factories import StandardPageFactory
from tests.i18n.conftest import translate
from website.page_urls import page_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted_reverses(monkeypatch):
    """How many times Wagtail reverses its serve route (its get_url_parts)."""
    calls = []

    def counting_reverse(*args, **kwargs):
        calls.append(args)
        return reverse(*args, **kwargs)

    monkeypatch.setattr("wagtail.models.pages.reverse", counting_reverse)
    return calls


def pairs(pages):
    return [(page.pk, page.url_path) for page in pages]


def test_urls_are_those_of_get_url_with_one_reverse_per_site_root(home_page, counted_reverses):
    parent = StandardPageFactory(parent=home_page, slug="about")
    pages = [
        parent,
        *(StandardPageFactory(parent=parent, slug=f"page-{n}") for n in range(10)),
        StandardPageFactory(parent=parent, slug="橋梁の点検"),
        home_page,
    ]
    request = RequestFactory().get("/")
    expected = {page.pk: Page.objects.get(pk=page.pk).get_url(request) for page in pages}
    assert expected[pages[1].pk] == "/about/page-0/"
    counted_reverses.clear()

    assert page_urls(pairs(pages), request) == expected
    assert len(counted_reverses) == 1


def test_pages_of_each_language_root_follow_their_own_root(home_page, counted_reverses):
    about = StandardPageFactory(parent=home_page, slug="about")
    english_home = translate(home_page, title="Home")
    english_about = translate(about, title="About")
    english_child = translate(StandardPageFactory(parent=about, slug="history"), title="History")
    pages = [about, english_about, english_home, english_child]
    request = RequestFactory().get("/")
    expected = {page.pk: Page.objects.get(pk=page.pk).get_url(request) for page in pages}
    assert expected[english_about.pk] == "/en/about/"
    counted_reverses.clear()

    assert page_urls(pairs(pages), request) == expected
    assert len(counted_reverses) == 2  # one per language's home page


def test_a_page_outside_every_site_has_no_url(home_page):
    outside = StandardPageFactory(parent=Page.get_first_root_node(), slug="elsewhere")
    assert page_urls(pairs([outside]), RequestFactory().get("/")) == {outside.pk: None}
