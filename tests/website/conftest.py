"""Forums as teams: a 九州 and a 近畿 forum, their news, a 九州 editor and a 広報部会 reviewer."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import ForumFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from website import teams


@pytest.fixture
def kyushu(db):
    return ForumFactory(name="九州インフラメンテナンス地方フォーラム", slug="kyushu", regional=True)


@pytest.fixture
def kinki(db):
    return ForumFactory(name="近畿インフラメンテナンス地方フォーラム", slug="kinki", regional=True)


@pytest.fixture
def news_index(home_page, kyushu, kinki):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def kyushu_editor(django_user_model, kyushu):
    user = django_user_model.objects.create_user(
        username="kyushu", password="x", email="kyushu@example.jp"
    )
    user.groups.add(kyushu.editor_group)
    return user


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user(
        username="reviewer", password="x", email="pr@example.jp"
    )
    user.groups.add(Group.objects.get(name=teams.REVIEWERS))
    return user


@pytest.fixture
def kinki_news(news_index, kinki):
    return NewsPageFactory(parent=news_index, forum=kinki, title="近畿のお知らせ")


@pytest.fixture
def kyushu_news(news_index, kyushu, kyushu_editor):
    return NewsPageFactory(parent=news_index, forum=kyushu, title="九州のお知らせ", live=False)
