"""Editors reviewing survey answers in the admin: a need is never shown wider than its
respondent agreed to, and a forum's editors are not offered another forum's needs and surveys
to choose."""

import pytest

from matching.choices import Publication
from matching.models import Need

from .factories import NeedFactory, NeedsSurveyFactory, field

pytestmark = pytest.mark.django_db


def review(need, **overrides):
    data = {
        "local_government": need.local_government_id,
        "facility_manager": need.facility_manager,
        "fields": [field.pk for field in need.fields.all()],
        "theme": need.theme,
        "sought": need.sought,
        "forum": need.forum_id,
        "survey": need.survey_id or "",
        "contact_name": "山田 太郎",
        "contact_email": "yamada@example.jp",
        "publication_consent": need.publication_consent,
    }
    return {key: value for key, value in {**data, **overrides}.items() if value is not False}


@pytest.mark.parametrize(
    ("consent", "checked", "message"),
    [
        (Publication.MEMBERS, "is_public", "一般には公開できません"),
        (Publication.NONE, "is_public", "一般には公開できません"),
        (Publication.NONE, "shown_to_members", "会員にも公開できません"),
    ],
)
def test_an_answer_is_not_published_wider_than_its_respondent_agreed(
    client, chugoku_editor, chugoku, consent, checked, message
):
    need = NeedFactory(forum=chugoku, is_public=False, publication_consent=consent)
    client.force_login(chugoku_editor)

    response = client.post(
        f"/admin/snippets/matching/need/edit/{need.pk}/", review(need, **{checked: "on"})
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    need.refresh_from_db()
    assert not need.is_public and not need.shown_to_members


@pytest.mark.parametrize(
    ("consent", "checked"),
    [
        (Publication.PUBLIC, "is_public"),
        (Publication.PUBLIC, "shown_to_members"),
        (Publication.MEMBERS, "shown_to_members"),
    ],
)
def test_an_answer_is_published_as_far_as_its_respondent_agreed(
    client, chugoku_editor, chugoku, consent, checked
):
    need = NeedFactory(
        forum=chugoku, is_public=False, publication_consent=consent, fields=[field("road")]
    )
    client.force_login(chugoku_editor)

    response = client.post(
        f"/admin/snippets/matching/need/edit/{need.pk}/", review(need, **{checked: "on"})
    )

    assert response.status_code == 302
    assert getattr(Need.objects.get(pk=need.pk), checked)


def chooser_rows(client, model, query=""):
    response = client.get(f"/admin/snippets/choose/matching/{model}/{query}")
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()  # the search results alone


def test_a_forum_editor_chooses_among_their_forums_needs_and_surveys_only(
    client, chugoku_editor, chugoku, kinki
):
    NeedFactory(forum=chugoku, theme="河道の点検")
    other = NeedFactory(forum=kinki, theme="未公開の回答", is_public=False)
    NeedsSurveyFactory(forum=chugoku, title="中国の調査")
    other_survey = NeedsSurveyFactory(forum=kinki, title="近畿の調査")
    client.force_login(chugoku_editor)

    needs = chooser_rows(client, "need") + chooser_rows(client, "need", "results/?q=回答")
    surveys = chooser_rows(client, "needssurvey")

    assert "河道の点検" in needs and "未公開の回答" not in needs
    assert "中国の調査" in surveys and "近畿の調査" not in surveys
    assert client.get(f"/admin/snippets/choose/matching/need/chosen/{other.pk}/").status_code == 404
    chosen = client.get(f"/admin/snippets/choose/matching/needssurvey/chosen/{other_survey.pk}/")
    assert chosen.status_code == 404


def test_a_matching_is_not_linked_to_another_forums_need(client, chugoku_editor, chugoku, kinki):
    other = NeedFactory(forum=kinki)
    client.force_login(chugoku_editor)

    response = client.post(
        "/admin/snippets/matching/matching/add/",
        {
            "need": other.pk,
            "forum": chugoku.pk,
            "stage": "considered",
            "stage_changes-TOTAL_FORMS": "1",
            "stage_changes-INITIAL_FORMS": "0",
            "stage_changes-MIN_NUM_FORMS": "0",
            "stage_changes-MAX_NUM_FORMS": "1000",
            "stage_changes-0-stage": "considered",
            "stage_changes-0-date": "2021-06-01",
            "stage_changes-0-ORDER": "1",
        },
    )

    assert response.status_code == 200
    assert "need" in response.context["form"].errors
    assert not other.matchings.exists()


def test_the_secretariat_and_the_reviewers_still_choose_any_forums_need(admin_client, kinki):
    NeedFactory(forum=kinki, theme="近畿のニーズ")

    assert "近畿のニーズ" in chooser_rows(admin_client, "need")
