import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.factories import ForumFactory, prefecture

KINKI = ("18", "25", "26", "27", "28", "29", "30")
KANTO = ("08", "09", "10", "11", "12", "13", "14", "19", "20")


@pytest.fixture
def regions(db):
    return SimpleNamespace(
        kinki=ForumFactory(
            name="近畿本部フォーラム",
            slug="kinki",
            regional=True,
            prefectures=[prefecture(code) for code in KINKI],
        ),
        kanto=ForumFactory(
            name="関東フォーラム",
            slug="kanto",
            regional=True,
            prefectures=[prefecture(code) for code in KANTO],
        ),
    )


@pytest.fixture
def index(home_page):
    return CaseStudyIndexPageFactory(parent=home_page)


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def cases(index, regions):
    """Four visible cases, and two hidden ones that would change every count if listed.

    | case | prefecture | kinds        | forms                 | model | published  |
    | a    | 27 大阪府  | bridge       | inspection            | yes   | 4 days ago |
    | b    | 26 京都府  | road, bridge | cleaning              | no    | 3 days ago |
    | c    | 13 東京都  | road         | inspection, reporting | yes   | 2 days ago |
    | d    | 01 北海道  | river        | cleaning              | no    | 1 day ago  |
    """
    a = CaseStudyPageFactory(
        parent=index,
        title="大阪の橋の見守り",
        prefecture=prefecture("27"),
        kinds=["bridge"],
        forms=["inspection"],
        is_model_case=True,
        first_published_at=days_ago(4),
    )
    b = CaseStudyPageFactory(
        parent=index,
        title="京都の道と橋の清掃",
        prefecture=prefecture("26"),
        kinds=["road", "bridge"],
        forms=["cleaning"],
        first_published_at=days_ago(3),
    )
    c = CaseStudyPageFactory(
        parent=index,
        title="東京の道路の通報",
        prefecture=prefecture("13"),
        kinds=["road"],
        forms=["inspection", "reporting"],
        is_model_case=True,
        first_published_at=days_ago(2),
    )
    d = CaseStudyPageFactory(
        parent=index,
        title="北海道の川の清掃",
        prefecture=prefecture("01"),
        kinds=["river"],
        forms=["cleaning"],
        first_published_at=days_ago(1),
    )
    draft = CaseStudyPageFactory(
        parent=index,
        title="下書きの事例",
        live=False,
        prefecture=prefecture("27"),
        kinds=["bridge", "tunnel"],
        forms=["inspection"],
        is_model_case=True,
    )
    private = CaseStudyPageFactory(
        parent=index,
        title="会員限定の事例",
        prefecture=prefecture("27"),
        kinds=["bridge", "tunnel"],
        forms=["inspection"],
        is_model_case=True,
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return SimpleNamespace(
        index=index, a=a, b=b, c=c, d=d, draft=draft, private=private, regions=regions
    )
