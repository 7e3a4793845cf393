"""Seed owners (the people of a member organisation) enter and change their seeds in the
members' area; what they send waits as a draft until the forum's editors publish it."""

import datetime

import pytest
from django.core import mail

from matching.models import Publication, Seed
from tests.factories import ForumFactory
from tests.members.factories import MemberOrganisationFactory

from .factories import SeedFactory, field

pytestmark = pytest.mark.django_db

LIST = "/member-account/seeds/"
NEW = "/member-account/seeds/new/"


def edit_url(seed):
    return f"/member-account/seeds/{seed.pk}/edit/"


@pytest.fixture
def organisation(kinki):
    return MemberOrganisationFactory(
        name="近畿保全テック株式会社", joined_on=datetime.date(2018, 4, 1), forums=[kinki]
    )


@pytest.fixture
def kinki_editor(django_user_model, kinki):
    user = django_user_model.objects.create_user(
        username="kinki-editor", password="x", email="kinki-editor@example.jp"
    )
    user.groups.add(kinki.editor_group)
    return user


def answer(**overrides):
    data = {
        "technology": "電磁波レーダによる床版の非破壊検査",
        "overview": "舗装をはがさずに床版の土砂化を調べます。",
        "fields": [str(field("bridge").pk)],
        "netis_number": "KK-200001-A",
        "reference_url": "https://example.jp/radar/",
        "contact_department": "技術開発室",
        "contact_email": "radar@example.jp",
        "contact_phone": "06-0000-0000",
        "publication": "public",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_visitors_are_sent_to_the_login_page_and_non_members_refused(
    client, django_user_model, organisation
):
    seed = SeedFactory(member=organisation)
    for url in (LIST, NEW, edit_url(seed)):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(django_user_model.objects.create_user("someone", "s@example.jp", "pw"))
    for url in (LIST, NEW, edit_url(seed)):
        assert client.get(url).status_code == 403
    assert client.post(NEW, answer()).status_code == 403
    assert Seed.objects.count() == 1


def test_a_new_seed_waits_for_the_editors_before_it_is_public(
    client, owner, organisation, kinki_editor, matching_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, answer())

    assert response.status_code == 302 and response["Location"] == LIST
    seed = Seed.objects.get()
    assert (seed.member, seed.organisation_name) == (organisation, "近畿保全テック株式会社")
    assert not seed.live and seed.is_public  # the owner's wish, applied once published
    assert list(seed.fields.all()) == [field("bridge")]
    assert "事務局の確認待ち" in client.get(LIST).content.decode()
    assert client.get(f"/matching/seeds/{seed.pk}/").status_code == 404
    assert "電磁波レーダ" not in client.get("/matching/seeds/").content.decode()
    # The forum's editors are told, with a link to review it.
    assert len(mail.outbox) == 1
    assert "kinki-editor@example.jp" in mail.outbox[0].to
    assert f"/admin/snippets/matching/seed/edit/{seed.pk}/" in mail.outbox[0].body

    seed.get_latest_revision().publish()
    assert client.get(f"/matching/seeds/{seed.pk}/").status_code == 200


def test_the_draft_is_told_to_the_secretariat_and_the_editors_of_the_organisations_forums(
    client,
    owner,
    organisation,
    kinki,
    kinki_editor,
    django_user_model,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.STAFF_NOTIFICATION_EMAILS = ["secretariat@example.jp"]
    national = ForumFactory(name="道路メンテナンスフォーラム", slug="road")
    organisation.forums.add(national)
    organisation.save()  # a ParentalManyToManyField is written on save
    elsewhere = ForumFactory(name="九州フォーラム", slug="kyushu", regional=True)
    for username, forum in [("road-editor", national), ("kyushu-editor", elsewhere)]:
        editor = django_user_model.objects.create_user(
            username=username, password="x", email=f"{username}@example.jp"
        )
        editor.groups.add(forum.editor_group)
    # An editor whose address is also the secretariat's gets it once.
    desk = django_user_model.objects.create_user(
        username="desk", password="x", email="Secretariat@example.jp"
    )
    desk.groups.add(kinki.editor_group)
    seed = SeedFactory(member=organisation)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(seed), answer())

    [notice] = mail.outbox
    assert notice.to == [
        "secretariat@example.jp",
        "kinki-editor@example.jp",
        "road-editor@example.jp",
    ]


def test_a_change_to_a_published_seed_is_a_draft_until_published(
    client, owner, organisation, matching_index
):
    seed = SeedFactory(member=organisation, technology="旧い技術名", organisation_name="近畿保全")
    page = client.get(edit_url(seed)).content.decode()
    assert 'value="旧い技術名"' in page

    response = client.post(edit_url(seed), answer(technology="新しい技術名", publication="members"))

    assert response.status_code == 302
    seed.refresh_from_db()
    assert seed.technology == "旧い技術名" and seed.is_public and seed.has_unpublished_changes
    public = client.get(f"/matching/seeds/{seed.pk}/").content.decode()
    assert "旧い技術名" in public and "新しい技術名" not in public
    # The owner goes on from their draft.
    assert 'value="新しい技術名"' in client.get(edit_url(seed)).content.decode()
    assert "変更は事務局の確認待ち" in client.get(LIST).content.decode()

    seed.get_latest_revision().publish()
    seed.refresh_from_db()
    assert seed.technology == "新しい技術名"
    assert seed.publication == Publication.MEMBERS
    assert seed.contact_email == "radar@example.jp"


def test_an_editor_with_the_forums_permissions_publishes_the_draft_in_the_admin(
    client, owner, organisation, kinki_editor
):
    client.post(NEW, answer())
    seed = Seed.objects.get()
    client.force_login(kinki_editor)

    page = client.get(f"/admin/snippets/matching/seed/edit/{seed.pk}/")
    assert page.status_code == 200 and "電磁波レーダ" in page.content.decode()
    response = client.post(
        f"/admin/snippets/matching/seed/edit/{seed.pk}/",
        {
            "organisation_name": seed.organisation_name,
            "member": organisation.pk,
            "technology": seed.technology,
            "overview": seed.overview,
            "fields": [field("bridge").pk],
            "is_public": "on",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
            "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "1000",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
            "documents-MIN_NUM_FORMS": "0",
            "documents-MAX_NUM_FORMS": "1000",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302
    seed.refresh_from_db()
    assert seed.live and not seed.has_unpublished_changes


def test_an_owner_cannot_open_another_organisations_seed(client, owner):
    other = SeedFactory(member=MemberOrganisationFactory(), technology="他社の技術")

    assert client.get(edit_url(other)).status_code == 404
    assert client.post(edit_url(other), answer()).status_code == 404
    assert "他社の技術" not in client.get(LIST).content.decode()
    other.refresh_from_db()
    assert not other.has_unpublished_changes


@pytest.mark.parametrize(
    ("overrides", "name", "message"),
    [
        ({"technology": ""}, "technology", "技術名を入力してください"),
        ({"technology": "あ" * 201}, "technology", "200文字以内"),
        ({"fields": ["999999"]}, "fields", "一覧にあるものから選んでください"),
        ({"fields": ["1 OR 1=1"]}, "fields", "一覧にあるものから選んでください"),
        ({"reference_url": "javascript:alert(1)"}, "reference_url", "https://"),
        ({"contact_email": "not-an-address"}, "contact_email", "name@example.jp"),
        ({"contact_phone": "abc"}, "contact_phone", "市外局番から入力してください"),
        ({"contact_phone": "06-1234"}, "contact_phone", "市外局番から入力してください"),
        ({"publication": "everyone"}, "publication", "一覧にある選択肢"),
        ({"publication": None}, "publication", "公開の範囲を選んでください"),
    ],
)
def test_mistakes_are_answered_next_to_the_field_and_nothing_is_stored(
    client, owner, overrides, name, message
):
    response = client.post(NEW, answer(**overrides))

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[name])
    assert not Seed.objects.exists()
    page = response.content.decode()
    assert "入力内容を確認してください" in page
    assert 'value="技術開発室"' in page  # the rest of the input is kept


def test_markup_and_control_characters_are_kept_as_text(client, owner):
    client.post(NEW, answer(overview="<script>alert(1)</script>\x00 堤防"))

    seed = Seed.objects.get()
    assert "\x00" not in seed.overview and "<script>" in seed.overview


def test_the_same_technology_twice_is_refused(client, owner):
    assert client.post(NEW, answer()).status_code == 302
    response = client.post(NEW, answer())

    assert response.status_code == 200
    assert "同じ技術名のシーズがすでに登録されています" in response.content.decode()
    assert Seed.objects.count() == 1


def test_a_name_freed_by_a_renamed_draft_can_be_used_and_the_new_name_cannot(client, owner):
    assert client.post(NEW, answer(technology="床版検査")).status_code == 302
    seed = Seed.objects.get()
    assert client.post(edit_url(seed), answer(technology="床版点検")).status_code == 302
    assert Seed.objects.get().technology == "床版検査"  # the row; the new name is in the draft

    taken = client.post(NEW, answer(technology="床版点検"))
    assert "同じ技術名のシーズがすでに登録されています" in taken.content.decode()
    assert client.post(NEW, answer(technology="床版検査")).status_code == 302
    assert Seed.objects.count() == 2


def test_the_members_page_links_to_the_seeds(client, owner, organisation):
    SeedFactory(member=organisation, technology="床版検査")

    page = client.get("/member-account/mypage/").content.decode()

    assert "床版検査：公開中" in page
    assert 'href="/member-account/seeds/"' in page


def test_the_owners_pages_are_private(client, owner):
    for url in (LIST, NEW):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_phone_number_is_stored_as_the_other_public_forms_store_it(client, owner):
    client.post(NEW, answer(contact_phone="０６（１２３４）５６７８"))

    assert Seed.objects.get().contact_phone == "06-1234-5678"


def test_the_publication_help_does_not_contradict_the_choice_not_to_publish(client, owner):
    page = client.get(NEW).content.decode()

    assert "公開しない" in page
    assert "どの場合も" not in page
    assert "「一般に」「会員にだけ」のどちらを選んだ場合も" in page


def test_an_owner_sees_the_change_to_a_seed_never_published(
    client, owner, organisation, django_capture_on_commit_callbacks
):
    client.post(NEW, answer(technology="最初の技術名"), follow=True)
    seed = Seed.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(seed), answer(technology="直した技術名"), follow=True)

    message = str(list(response.context["messages"])[0])
    assert message == "「直した技術名」の変更を受け付けました。事務局が確認してから公開します。"
    page = response.content.decode()
    assert "直した技術名" in page and "最初の技術名" not in page
    assert "それまでは、これまでの内容が表示されます" not in page
    # In the notice box of every member's page, not a bulleted list.
    assert '<div role="status" class="notice"><p>「直した技術名」の変更を受け付けました。' in page
    mypage = client.get("/member-account/mypage/").content.decode()
    assert "直した技術名：事務局の確認待ち（未公開）" in mypage
    assert "最初の技術名" not in mypage and "）（" not in mypage and "））" not in mypage
    form = client.get(edit_url(seed)).content.decode()
    assert "<title>シーズの編集：直した技術名" in form
    # Nothing was ever public, and the editors are not told otherwise.
    assert "サイトには表示されません" in mail.outbox[-1].body


def test_a_change_to_a_published_seed_says_the_published_text_stays_meanwhile(
    client, owner, organisation, matching_index
):
    seed = SeedFactory(member=organisation, technology="公開中の技術")

    response = client.post(edit_url(seed), answer(technology="直した技術"), follow=True)

    message = str(list(response.context["messages"])[0])
    assert message.endswith("それまでは、これまでの内容が表示されます。")
    assert "直した技術" in response.content.decode()
    assert "公開中（変更は事務局の確認待ち）" in response.content.decode()


def test_the_list_links_to_the_public_page_of_a_published_seed_only(
    client, owner, organisation, matching_index
):
    public = SeedFactory(member=organisation, technology="公開の技術")
    members = SeedFactory(
        member=organisation, technology="会員向けの技術", is_public=False, shown_to_members=True
    )
    client.post(NEW, answer(technology="未公開の技術"))
    waiting = Seed.objects.get(technology="未公開の技術")

    page = client.get(LIST).content.decode()

    assert f'href="/matching/seeds/{public.pk}/"' in page
    assert f'href="/matching/seeds/{members.pk}/"' in page
    assert f'href="/matching/seeds/{waiting.pk}/"' not in page
    assert "「公開の技術」の公開ページを見る" in page
