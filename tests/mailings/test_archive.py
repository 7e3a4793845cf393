"""The public archive of sent issues: its list, each issue's page and its feed, without any
recipient data; drafts never appear."""

import feedparser
from django.test import Client

from mailings import sending
from mailings.models import Issue
from tests.mailings.factories import IssueFactory, SubscriberFactory


def test_archive_shows_sent_issues_only(db, home_page, django_capture_on_commit_callbacks):
    SubscriberFactory(email="private-reader@example.jp")
    sent = IssueFactory(subject="送った号")
    with django_capture_on_commit_callbacks(execute=True):
        sending.start(sent)
    IssueFactory(subject="下書きの号", live=False)
    sent.refresh_from_db()
    assert sent.status == Issue.Status.SENT

    archive = Client().get("/mail/").content.decode()
    assert "送った号" in archive and "下書きの号" not in archive
    page = Client().get("/mail/1/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "今月の活動をお知らせします。" in content
    assert "private-reader" not in content
    assert "/mail/preferences/" not in content and "/mail/unsubscribe/" not in content
    assert Client().get("/mail/2/").status_code == 404

    feed = feedparser.parse(Client().get("/mail/feed/").content)
    assert [entry.title for entry in feed.entries] == ["送った号"]
    assert feed.entries[0].link == "http://testserver/mail/1/"
