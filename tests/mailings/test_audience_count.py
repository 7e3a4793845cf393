"""How many an issue will go to, shown before sending: beside 送る相手 in the edit form (and
asked again as audiences are ticked), and on the send page, where 0 recipients are refused and
"everyone" is pointed out. The count is the sending queryset's, in one query, with no address."""

import pytest
from django.contrib.auth.models import Group

from mailings import sending
from mailings.forms import IssueAudienceForm
from mailings.models import Delivery, Issue, Subscriber
from tests.factories import ForumFactory, prefecture
from tests.mailings.factories import IssueFactory, SubscriberFactory
from website import teams

ISSUES = "/admin/snippets/mailings/issue/"
COUNT_URL = f"{ISSUES}audience-count/"
S = Subscriber.Status


@pytest.fixture
def forums(db):
    return ForumFactory(name="九州フォーラム"), ForumFactory(name="近畿フォーラム")


@pytest.fixture
def readers(forums):
    """Overlapping audiences: news, events and two forums; and people never sent to."""
    kyushu, kinki = forums

    def reader(email, forums=(), **fields):
        subscriber = SubscriberFactory(email=email, **{"topic_news": False, **fields})
        subscriber.forums.set(forums)
        return subscriber

    reader("news@example.jp", topic_news=True)
    reader("events@example.jp", topic_events=True)
    reader("everything@example.jp", [kyushu, kinki], topic_news=True, topic_events=True)
    reader("kyushu@example.jp", [kyushu])
    reader("both-forums@example.jp", [kyushu, kinki])
    reader("lessons-only@example.jp", topic_lessons=True)
    reader("pending@example.jp", [kyushu], topic_news=True, status=S.PENDING, confirmed_at=None)
    reader("unsubscribed@example.jp", [kyushu], topic_news=True, status=S.UNSUBSCRIBED)
    reader("paused@example.jp", [kinki], topic_events=True, status=S.PAUSED)
    return {
        "news@example.jp",
        "events@example.jp",
        "everything@example.jp",
        "kyushu@example.jp",
        "both-forums@example.jp",
    }


@pytest.fixture
def secretariat(django_user_model):
    user = django_user_model.objects.create_user(
        username="jimukyoku", password="x", email="jimukyoku@example.jp"
    )
    user.groups.add(Group.objects.get(name=teams.ADMINISTRATORS))
    return user


def audience_form(**data):
    form = IssueAudienceForm(data=data)
    assert form.is_valid(), form.errors
    return form.issue()


def test_the_count_is_who_the_send_step_sends_to(
    readers,
    forums,
    smtp_server,
    fast_sending,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    kyushu, kinki = forums
    issue = IssueFactory(audience_news=True, audience_events=True)
    issue.audience_forums.set([kyushu, kinki])
    issue.save()
    issue = Issue.objects.get(pk=issue.pk)
    assert issue.audience_summary().count == len(readers) == 5
    assert not issue.audience_summary().everyone

    # The same audiences as ticked in the form, unsaved: one query, nobody counted twice.
    ticked = audience_form(
        audience_news="on", audience_events="on", audience_forums=[kyushu.pk, kinki.pk]
    )
    with django_assert_num_queries(1):
        summary = ticked.audience_summary()
    assert summary.count == 5

    with django_capture_on_commit_callbacks(execute=True):
        sending.start(issue)
    assert sorted(smtp_server.recipients()) == sorted(readers)
    sent = Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT).count()
    assert sent == summary.count


def test_the_count_follows_topics_forums_and_regions(readers, forums):
    kyushu, kinki = forums
    tokyo = prefecture("13")
    Subscriber.objects.filter(email="events@example.jp").update(prefecture=tokyo)
    Subscriber.objects.filter(email="everything@example.jp").update(prefecture=prefecture("27"))

    assert audience_form(audience_events="on").audience_summary().count == 2
    assert audience_form(audience_forums=[kinki.pk]).audience_summary().count == 2
    # Unticking news and the forums: the issue goes to every confirmed reader.
    everyone = audience_form().audience_summary()
    assert (everyone.count, everyone.everyone) == (6, True)
    # A region narrows the topics chosen: Tokyo, and those who gave no region unless unticked.
    in_tokyo = audience_form(audience_events="on", audience_prefectures=["13"])
    assert in_tokyo.audience_summary().count == 1
    with_no_region = audience_form(
        audience_news="on", audience_prefectures=["13"], include_no_region="on"
    )
    assert with_no_region.audience_summary().count == 1  # news@ gave no region
    assert not with_no_region.audience_summary().everyone


def test_the_edit_form_counts_again_as_audiences_are_ticked(client, secretariat, readers, forums):
    kyushu, _ = forums
    issue = IssueFactory(audience_news=True)
    client.force_login(secretariat)

    page = client.get(f"{ISSUES}edit/{issue.pk}/").content.decode()
    assert "この条件で送る相手（いまの人数）：<strong>2人</strong>" in page
    assert f'data-url="{COUNT_URL}"' in page
    assert "js/mailing-recipients.js" in page
    assert 'data-fields="audience_news audience_events audience_lessons audience_forums' in page

    response = client.get(COUNT_URL, {"audience_news": "on", "audience_forums": [kyushu.pk]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "この条件で送る相手（いまの人数）：<strong>4人</strong>" in html
    assert "確認待ち・一時停止中・配信停止の人には送りません" in html
    assert "@" not in html  # a number, never who

    everyone = client.get(COUNT_URL).content.decode()
    assert "<strong>6人</strong>" in everyone
    assert "配信中の全員に送ります" in everyone
    nobody = client.get(COUNT_URL, {"audience_prefectures": ["47"]}).content.decode()
    assert "<strong>0人</strong>" in nobody
    assert "このままでは送信できません" in nobody
    assert client.get(COUNT_URL, {"audience_forums": ["999"]}).status_code == 400

    # A form sent back with errors shows audiences not saved: the script counts those.
    unsaved = {"subject": "件名", "body-count": "0", "audience_events": "on"}
    sent_back = client.post(f"{ISSUES}edit/{issue.pk}/", {**unsaved, "audience_forums": ["999"]})
    assert sent_back.status_code == 200
    assert "data-recount" in sent_back.content.decode()
    assert "<strong>2人</strong>" not in sent_back.content.decode()


def test_only_those_who_write_issues_may_ask_the_count(client, django_user_model, readers):
    anonymous = client.get(COUNT_URL)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]

    from tests.factories import ForumFactory

    forum = ForumFactory(name="九州地方フォーラム", regional=True)
    forum_editor = django_user_model.objects.create_user(username="kyushu", password="x")
    forum_editor.groups.add(forum.editor_group)
    client.force_login(forum_editor)
    refused = client.get(COUNT_URL)
    # Wagtail answers a PermissionDenied in its admin with a redirect to the dashboard.
    assert (refused.status_code, refused.get("Location")) in [(403, None), (302, "/admin/")]
    assert "人</strong>" not in refused.content.decode()


def test_the_send_page_refuses_an_issue_that_reaches_nobody(client, secretariat, readers):
    issue = IssueFactory(audience_news=False, audience_lessons=True)
    Subscriber.objects.filter(topic_lessons=True).update(status=S.UNSUBSCRIBED)
    client.force_login(secretariat)
    send_page = f"{ISSUES}send/{issue.pk}/"

    page = client.get(send_page).content.decode()
    assert "0人" in page
    assert "このままでは送信できません" in page
    assert 'value="now"' not in page and 'value="schedule"' not in page

    for data in ({"action": "now"}, {"action": "schedule", "send_at": "2099-05-12T10:00"}):
        refused = client.post(send_page, data, follow=True)
        assert "送信できません" in refused.content.decode()
        issue.refresh_from_db()
        assert issue.status == Issue.Status.DRAFT
    assert not Delivery.objects.filter(issue=issue).exists()


def test_the_send_page_shows_the_count_and_warns_when_it_is_everyone(client, secretariat, readers):
    client.force_login(secretariat)
    some = IssueFactory(audience_news=False, audience_events=True)
    page = client.get(f"{ISSUES}send/{some.pk}/").content.decode()
    assert "<dd>2人（配信中の人だけを数えています。" in page
    assert "配信中の全員" not in page
    assert 'value="now"' in page

    everyone = IssueFactory(audience_news=False)
    page = client.get(f"{ISSUES}send/{everyone.pk}/").content.decode()
    assert "配信中の全員（6人）に送ります" in page
    assert 'value="now"' in page
