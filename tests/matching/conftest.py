import pytest

from matching.models import MatchingIndexPage


@pytest.fixture
def matching_index(home_page):
    page = MatchingIndexPage(title="ニーズ・シーズ", slug="matching")
    home_page.add_child(instance=page)
    return page
