import datetime

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from members import local_governments
from members.models import MembersIndexPage, MembersPage
from tests.factories import ForumFactory
from tests.kpi.conftest import plan  # noqa: F401
from tests.members.factories import MemberAccountFactory, MemberOrganisationFactory

PASSWORD = "members-area-2026"


@pytest.fixture
def governments(db):
    """The 1,788 local governments (migration 0002 loads them; this makes sure they are there
    even after a test that flushed the database)."""
    if not apps.get_model("members", "LocalGovernment").objects.exists():
        local_governments.load()


@pytest.fixture
def forums(db):
    return ForumFactory(name="近畿フォーラム", slug="kinki"), ForumFactory(
        name="九州フォーラム", slug="kyushu"
    )


@pytest.fixture
def area(home_page, forums):
    """The members' area with a page for every member and one for the Kinki forum's."""
    index = home_page.add_child(
        instance=MembersIndexPage(
            title="会員専用ページ", slug="members", introduction="会員の皆さまへ"
        )
    )
    everyone = index.add_child(
        instance=MembersPage(title="総会資料2021", slug="general-meeting", summary="総会の資料")
    )
    kinki = MembersPage(title="近畿の会議録", slug="kinki-minutes", summary="近畿フォーラムの記録")
    kinki.forums.set([forums[0]])
    index.add_child(instance=kinki)
    collection = Collection.get_first_root_node().add_child(name="会員専用資料")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    document = Document.objects.create(title="会員名簿2021", collection=collection)
    document.file.save("register.pdf", ContentFile(b"%PDF-1.4 members only"), save=True)
    return {"index": index, "everyone": everyone, "kinki": kinki, "document": document}


@pytest.fixture
def kinki_member(forums):
    organisation = MemberOrganisationFactory(
        name="近畿保全株式会社", joined_on=datetime.date(2020, 4, 1), forums=[forums[0]]
    )
    return MemberAccountFactory(organisation=organisation).user


@pytest.fixture
def kyushu_member(forums):
    organisation = MemberOrganisationFactory(
        name="九州点検株式会社", joined_on=datetime.date(2020, 4, 1), forums=[forums[1]]
    )
    return MemberAccountFactory(organisation=organisation).user
