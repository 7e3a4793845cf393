"""The needs survey form: open only during its period (Japan dates), hostile input answered
in Japanese next to the field, stored complete as an unpublished need, or not at all."""

import datetime
from unittest import mock

import pytest

from matching.models import Need, Publication
from website.dates import JAPAN
from website.forms import HONEYPOT_FIELD
from website.submissions import new_submission_key

from .factories import NeedsSurveyFactory, field

pytestmark = pytest.mark.django_db


@pytest.fixture
def at():
    patches = []

    def freeze(*args):
        patcher = mock.patch(
            "django.utils.timezone.now", return_value=datetime.datetime(*args, tzinfo=JAPAN)
        )
        patcher.start()
        patches.append(patcher)

    yield freeze
    # Last started, first stopped: each patch restores what was there before it.
    for patcher in reversed(patches):
        patcher.stop()


@pytest.fixture
def survey(matching_index):
    return NeedsSurveyFactory(
        title="第3回ニーズ調査",
        opens_on=datetime.date(2021, 5, 12),
        closes_on=datetime.date(2021, 6, 30),
    )


def url(survey):
    return f"/matching/surveys/{survey.pk}/"


def answer(**overrides):
    data = {
        "prefecture": "34",
        "government_name": "呉市",
        "facility_manager": "土木部 河川課",
        "fields": [str(field("river").pk)],
        "theme": "河道・堤防の点検・診断",
        "sought": "堤防の変状を広い範囲で効率よく把握したい。",
        "contact_name": "呉 太郎",
        "contact_email": "taro@example.jp",
        "publication_consent": "public",
        "submission_key": new_submission_key(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        ((2021, 5, 11, 23, 59), False),
        ((2021, 5, 12, 0, 0), True),
        ((2021, 6, 30, 23, 59), True),
        ((2021, 7, 1, 0, 0), False),
    ],
)
def test_the_form_is_open_only_during_its_period_in_japan_time(client, survey, at, moment, is_open):
    at(*moment)
    page = client.get(url(survey)).content.decode()

    assert ('name="theme"' in page) is is_open
    assert ("受け付けます" in page or "終了しました" in page) is not is_open
    response = client.post(url(survey), answer())
    assert Need.objects.exists() is is_open
    if not is_open:
        assert response.status_code == 200


def test_an_answer_is_stored_as_an_unpublished_need_of_the_surveys_forum(client, survey, at):
    at(2021, 6, 1, 10, 0)
    response = client.post(url(survey), answer())

    assert response.status_code == 302
    need = Need.objects.get()
    assert (need.survey, need.forum, need.is_public) == (survey, survey.forum, False)
    assert need.local_government.code == "342025"
    assert list(need.fields.all()) == [field("river")]
    assert need.publication_consent == Publication.PUBLIC
    assert not need.shown_to_members
    assert "回答を受け付けました" in client.get(response["Location"]).content.decode()


def test_an_answer_sent_twice_is_stored_once(client, survey, at):
    at(2021, 6, 1, 10, 0)
    data = answer()
    client.post(url(survey), data)
    client.post(url(survey), data)

    assert Need.objects.count() == 1


def test_answers_past_the_rate_limit_are_refused_with_what_was_typed_kept(client, survey, at):
    at(2021, 6, 1, 10, 0)
    # Answers with mistakes are told what to correct and use up nothing: the offices of one
    # local government often share an address.
    for _ in range(12):
        mistaken = client.post(url(survey), answer(theme=""), REMOTE_ADDR="198.51.100.7")
        assert mistaken.status_code == 200
        assert mistaken.context["form"].errors["theme"]
    for _ in range(10):
        response = client.post(url(survey), answer(), REMOTE_ADDR="198.51.100.7")
        assert response.status_code == 302
    response = client.post(url(survey), answer(theme="道路照明の点検"), REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 429
    page = response.content.decode()
    assert "しばらく時間をおいてから" in page
    assert 'value="道路照明の点検"' in page
    assert Need.objects.count() == 10
    mistaken = client.post(url(survey), answer(theme=""), REMOTE_ADDR="198.51.100.7")
    assert mistaken.status_code == 200
    assert mistaken.context["form"].errors["theme"]


def test_a_prefecture_answers_with_an_empty_government_name(client, survey, at):
    at(2021, 6, 1, 10, 0)
    client.post(url(survey), answer(government_name=""))

    assert Need.objects.get().local_government.code == "340006"


@pytest.mark.parametrize(
    ("overrides", "name", "message"),
    [
        ({"government_name": "存在しない村"}, "government_name", "という団体が見つかりません"),
        ({"prefecture": "99"}, "prefecture", "一覧にあるものから選んでください"),
        ({"prefecture": "' OR 1=1 --"}, "prefecture", "一覧にあるものから選んでください"),
        ({"fields": ["999999"]}, "fields", "一覧にあるものから選んでください"),
        ({"fields": ["abc", "1 OR 1=1"]}, "fields", "一覧にあるものから選んでください"),
        ({"government_name": "呉市\x00"}, "government_name", None),
        ({"fields": None}, "fields", "インフラ分野を選んでください"),
        ({"theme": ""}, "theme", "技術テーマを入力してください"),
        ({"theme": "あ" * 201}, "theme", "200文字以内"),
        ({"sought": "<script>alert(1)</script>\x00"}, "sought", None),
        ({"contact_email": "not-an-address"}, "contact_email", "name@example.jp"),
        ({"publication_consent": "everyone"}, "publication_consent", "一覧にある選択肢"),
        ({"publication_consent": None}, "publication_consent", "公開してよいかを選んでください"),
    ],
)
def test_hostile_input_is_answered_next_to_the_field_and_nothing_is_stored(
    client, survey, at, overrides, name, message
):
    at(2021, 6, 1, 10, 0)
    response = client.post(url(survey), answer(**overrides))

    if message is None:  # accepted: control characters dropped, markup kept as text
        assert response.status_code == 302
        need = Need.objects.get()
        assert "\x00" not in need.sought
        assert need.local_government.code == "342025"
        if name == "sought":
            assert "<script>" in need.sought
        return
    assert response.status_code == 200
    errors = response.context["form"].errors[name]
    assert any(message in error for error in errors)
    assert not Need.objects.exists()
    page = response.content.decode()
    assert "入力内容を確認してください" in page
    assert 'value="呉 太郎"' in page  # the rest of the input is kept


def test_a_bot_filling_the_honeypot_stores_nothing(client, survey, at):
    at(2021, 6, 1, 10, 0)
    client.post(url(survey), answer(**{HONEYPOT_FIELD: "https://spam.example"}))

    assert not Need.objects.exists()


def test_a_members_only_survey_refuses_visitors(client, matching_index, at):
    at(2021, 6, 1, 10, 0)
    survey = NeedsSurveyFactory(members_only=True)

    response = client.post(url(survey), answer())

    assert response.status_code == 403
    assert "会員限定" in response.content.decode()
    assert not Need.objects.exists()


def test_an_unknown_survey_is_not_found(client, matching_index):
    assert client.get("/matching/surveys/9999/").status_code == 404


def test_the_form_page_is_private(client, survey, at):
    at(2021, 6, 1, 10, 0)
    response = client.get(url(survey))

    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_member_answers_a_members_only_survey(client, matching_index, at):
    from tests.members.factories import MemberAccountFactory

    at(2021, 6, 1, 10, 0)
    survey = NeedsSurveyFactory(members_only=True)
    client.force_login(MemberAccountFactory().user)

    assert client.post(url(survey), answer()).status_code == 302
    assert Need.objects.get().survey == survey


def test_a_consent_to_members_only_is_kept_and_publishes_nothing(client, survey, at):
    at(2021, 6, 1, 10, 0)
    client.post(url(survey), answer(publication_consent="members"))

    need = Need.objects.get()
    assert need.publication_consent == Publication.MEMBERS
    assert not need.is_public and not need.shown_to_members  # until an editor reviews it


def test_the_forums_editors_are_told_of_an_answer_once(
    client, survey, at, django_user_model, django_capture_on_commit_callbacks
):
    from django.core import mail

    editor = django_user_model.objects.create_user(
        username="chugoku", password="x", email="chugoku-editor@example.jp"
    )
    editor.groups.add(survey.forum.editor_group)
    at(2021, 6, 1, 10, 0)
    data = answer()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(survey), data)
        client.post(url(survey), data)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "chugoku-editor@example.jp" in message.to
    assert "第3回ニーズ調査" in message.subject
    need = Need.objects.get()
    assert f"/admin/snippets/matching/need/edit/{need.pk}/" in message.body
    assert "taro@example.jp" not in message.body  # contact details stay in the admin


def test_the_answer_is_told_to_the_secretariat_and_the_surveys_forums_editors_only(
    client, survey, at, django_user_model, settings, django_capture_on_commit_callbacks
):
    from django.core import mail

    from tests.factories import ForumFactory

    settings.STAFF_NOTIFICATION_EMAILS = ["secretariat@example.jp"]
    for username, group in [
        ("chugoku", survey.forum.editor_group),
        ("kinki", ForumFactory().editor_group),
    ]:
        editor = django_user_model.objects.create_user(
            username=username, password="x", email=f"{username}-editor@example.jp"
        )
        editor.groups.add(group)
    # An editor whose address is also the secretariat's gets it once.
    desk = django_user_model.objects.create_user(
        username="desk", password="x", email="Secretariat@example.jp"
    )
    desk.groups.add(survey.forum.editor_group)
    at(2021, 6, 1, 10, 0)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(survey), answer())

    [message] = mail.outbox
    assert message.to == ["secretariat@example.jp", "chugoku-editor@example.jp"]
