import pytest

from website.models import SiteSettings


@pytest.fixture
def fragment_cache_on(settings):
    settings.FRAGMENT_CACHE_ENABLED = True
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def home_page(home_page):
    # The site settings row is created on the first render; create it now so that the first
    # request of a test does not count as a content change.
    SiteSettings.for_site(home_page.get_site())
    return home_page
