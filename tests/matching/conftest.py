import pytest

from matching.models import MatchingIndexPage
from tests.factories import ForumFactory
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


@pytest.fixture
def chugoku():
    return ForumFactory(name="中国フォーラム", slug="chugoku", regional=True)


@pytest.fixture
def kinki():
    return ForumFactory(name="近畿本部フォーラム", slug="kinki", regional=True)


@pytest.fixture
def chugoku_editor(django_user_model, chugoku):
    """An editor of the 中国 forum (through its editor group)."""
    user = django_user_model.objects.create_user(
        username="chugoku", password="x", email="chugoku@example.jp"
    )
    user.groups.add(chugoku.editor_group)
    return user
