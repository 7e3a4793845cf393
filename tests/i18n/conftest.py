"""An English version of a small site: the home page and an about page are translated, a
Japanese-only page is not."""

import pytest
from wagtail.models import Locale

from tests.factories import StandardPageFactory


def translate(page, **fields):
    """The English translation of `page`, published, as an editor makes one."""
    english = page.copy_for_translation(Locale.objects.get(language_code="en")).specific
    for name, value in fields.items():
        setattr(english, name, value)
    english.save_revision().publish()
    return english


@pytest.fixture
def about(home_page):
    return StandardPageFactory(
        parent=home_page,
        title="国民会議について",
        slug="about",
        show_in_menus=True,
        introduction="産学官民のプラットフォームです。",
    )


@pytest.fixture
def japanese_only(home_page):
    return StandardPageFactory(
        parent=home_page,
        title="日本語だけのページ",
        slug="japanese-only",
        show_in_menus=True,
        introduction="このページに英語版はありません。",
    )


@pytest.fixture
def english_home(home_page):
    return translate(
        home_page,
        title="Home",
        hero_heading="Infrastructure maintenance, by all of us.",
        hero_lead="An English lead.",
    )


@pytest.fixture
def english_about(english_home, about):
    return translate(
        about,
        title="About the Council",
        introduction="A platform of industry, academia, government and citizens.",
    )
