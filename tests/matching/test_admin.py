"""The 「ニーズ・シーズ」 admin menu: forum editors keep their own forum's records only, and a
matching's current stage is dated in its history."""

import datetime

import pytest

from kpi.models import Activity
from matching.models import Matching, Stage
from tests.factories import ForumFactory

from .factories import MatchingFactory, NeedFactory, OperationalStoryFactory, SeedFactory

pytestmark = pytest.mark.django_db


def refused(response):
    return response.status_code in (302, 403)


@pytest.mark.parametrize(
    ("model", "factory"),
    [
        ("need", NeedFactory),
        ("matching", MatchingFactory),
        ("operationalstory", OperationalStoryFactory),
    ],
)
def test_forum_editor_sees_and_edits_own_forums_records_only(
    client, chugoku_editor, chugoku, kinki, model, factory
):
    if model == "matching":
        own = factory(need=NeedFactory(forum=chugoku))
        other = factory(need=NeedFactory(forum=kinki))
    else:
        own, other = factory(forum=chugoku), factory(forum=kinki)
    client.force_login(chugoku_editor)

    assert client.get(f"/admin/snippets/matching/{model}/").status_code == 200
    assert client.get(f"/admin/snippets/matching/{model}/edit/{own.pk}/").status_code == 200
    assert refused(client.get(f"/admin/snippets/matching/{model}/edit/{other.pk}/"))
    assert refused(client.get(f"/admin/snippets/matching/{model}/delete/{other.pk}/"))
    form = client.get(f"/admin/snippets/matching/{model}/add/").content.decode()
    assert chugoku.name in form and kinki.name not in form


def test_the_menu_lists_needs_seeds_and_matchings(admin_client):
    for model in (
        "need",
        "seed",
        "matching",
        "needssurvey",
        "operationalstory",
        "infrastructurefield",
    ):
        assert admin_client.get(f"/admin/snippets/matching/{model}/").status_code == 200


def matching_form(matching, stage, changes):
    data = {
        "need": matching.need.pk,
        "seeds": [seed.pk for seed in matching.seeds.all()],
        "forum": matching.forum.pk,
        "event": "",
        "stage": stage,
        "dropped_reason": "",
        "notes": "",
        "stage_changes-TOTAL_FORMS": str(len(changes)),
        "stage_changes-INITIAL_FORMS": "0",
        "stage_changes-MIN_NUM_FORMS": "0",
        "stage_changes-MAX_NUM_FORMS": "1000",
    }
    for i, (change_stage, date) in enumerate(changes):
        data |= {
            f"stage_changes-{i}-stage": change_stage,
            f"stage_changes-{i}-date": date,
            f"stage_changes-{i}-note": "",
            f"stage_changes-{i}-ORDER": str(i + 1),
            f"stage_changes-{i}-id": "",
            f"stage_changes-{i}-DELETE": "",
        }
    return data


def test_editing_a_matching_in_the_admin_records_its_stages(admin_client):
    matching = MatchingFactory(seeds=[SeedFactory()])
    url = f"/admin/snippets/matching/matching/edit/{matching.pk}/"

    response = admin_client.post(
        url,
        matching_form(
            matching, Stage.CONCLUDED, [("considered", "2021-06-01"), ("concluded", "2022-04-01")]
        ),
    )

    assert response.status_code == 302
    assert sorted(Activity.objects.values_list("date", flat=True)) == [
        datetime.date(2021, 6, 1),
        datetime.date(2022, 4, 1),
    ]


def test_a_stage_without_its_date_or_a_stage_dated_twice_is_refused(admin_client):
    matching = MatchingFactory(seeds=[SeedFactory()])
    url = f"/admin/snippets/matching/matching/edit/{matching.pk}/"

    undated = admin_client.post(
        url, matching_form(matching, Stage.CONCLUDED, [("considered", "2021-06-01")])
    )
    twice = admin_client.post(
        url,
        matching_form(
            matching, Stage.CONSIDERED, [("considered", "2021-06-01"), ("considered", "2021-07-01")]
        ),
    )

    assert undated.status_code == 200 and "到達した日付" in undated.content.decode()
    assert twice.status_code == 200 and "同じ段階の日付" in twice.content.decode()
    assert Matching.objects.get().stage == Stage.CONSIDERED
    assert not Activity.objects.exists()


def test_dropping_a_matching_needs_a_reason(admin_client):
    matching = MatchingFactory(seeds=[SeedFactory()])
    response = admin_client.post(
        f"/admin/snippets/matching/matching/edit/{matching.pk}/",
        matching_form(matching, Stage.DROPPED, [("considered", "2021-06-01")]),
    )
    assert response.status_code == 200
    assert "見送りの理由を入力してください" in response.content.decode()


def test_admin_lists_and_forms_take_few_queries(admin_client, django_assert_max_num_queries):
    for _ in range(30):
        MatchingFactory(seeds=[SeedFactory()]).reach(Stage.CONSIDERED)
    for url in (
        "/admin/snippets/matching/need/",
        "/admin/snippets/matching/matching/",
        "/admin/snippets/matching/need/add/",
        "/admin/snippets/matching/matching/add/",
    ):
        with django_assert_max_num_queries(60):
            assert admin_client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("moment", "listed"),
    [((2021, 12, 31, 23, 59), False), ((2022, 1, 1, 0, 0), True), ((2022, 4, 1, 0, 0), False)],
)
def test_regional_forums_without_a_story_are_listed_from_january_in_japan_time(
    chugoku, kinki, admin_user, moment, listed
):
    from unittest import mock

    from matching.wagtail_hooks import forums_missing_an_operational_story
    from website.dates import JAPAN

    ForumFactory(name="全国のフォーラム")  # national forums owe no story
    OperationalStoryFactory(forum=kinki, fiscal_year=2021)
    with mock.patch(
        "django.utils.timezone.now", return_value=datetime.datetime(*moment, tzinfo=JAPAN)
    ):
        records = forums_missing_an_operational_story(admin_user)

    if listed:
        assert [record["title"] for record in records] == [
            "中国フォーラムの運営ノウハウ（2021年度）"
        ]
        assert records[0]["date"] == datetime.date(2022, 3, 31)
        assert records[0]["edit_url"] == "/admin/snippets/matching/operationalstory/add/"
    else:
        assert records == []


def test_a_forum_editor_is_reminded_of_their_own_forums_story_only(
    chugoku_editor, chugoku, kinki, django_user_model, client
):
    from unittest import mock

    from django.contrib.auth.models import Group

    from matching.wagtail_hooks import forums_missing_an_operational_story
    from website import teams
    from website.dates import JAPAN

    clerk = django_user_model.objects.create_user(username="jimukyoku", password="x")
    clerk.groups.add(Group.objects.get(name=teams.ADMINISTRATORS))
    with mock.patch(
        "django.utils.timezone.now", return_value=datetime.datetime(2022, 2, 1, tzinfo=JAPAN)
    ):
        records = forums_missing_an_operational_story(chugoku_editor)
        assert forums_missing_an_operational_story(clerk) is None  # may not add a story

    assert [record["title"] for record in records] == ["中国フォーラムの運営ノウハウ（2021年度）"]
    client.force_login(chugoku_editor)
    assert client.get(records[0]["edit_url"]).status_code == 200
