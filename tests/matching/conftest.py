import pytest

from matching.models import MatchingIndexPage
from tests.members.factories import MemberAccountFactory


@pytest.fixture
def matching_index(home_page):
    page = MatchingIndexPage(title="ニーズ・シーズ", slug="matching")
    home_page.add_child(instance=page)
    return page


@pytest.fixture
def owner(client, organisation):
    """A member of `organisation` (each module says which), logged in."""
    user = MemberAccountFactory(organisation=organisation).user
    client.force_login(user)
    return user
