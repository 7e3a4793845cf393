from mailings import demo
from mailings.models import Delivery, Issue, Subscriber
from news import demo as news_demo
from news.models import NewsPage
from tests.factories import ForumFactory
from website.dates import japan_date


def test_demo_content_is_idempotent(home_page):
    demo.load(home_page)
    demo.load(home_page)
    assert Subscriber.objects.count() == demo.SUBSCRIBER_COUNT
    assert Subscriber.objects.confirmed().count() > 150
    archived = list(Issue.objects.archived())
    assert [issue.number for issue in archived] == [2, 1]
    assert Issue.objects.filter(status=Issue.Status.DRAFT, live=False).count() == 1
    assert Delivery.objects.filter(issue=archived[0], status=Delivery.Status.SENT).exists()


def test_no_demo_issue_reads_as_a_draft_or_out_of_its_time(home_page):
    demo.load(home_page)
    draft = Issue.objects.get(status=Issue.Status.DRAFT)
    for text in (draft.subject, draft.introduction, draft.latest_revision.as_object().subject):
        assert "下書き" not in text
    for issue in Issue.objects.all():
        assert "感染症" not in issue.introduction and "新しい日常" not in issue.introduction


def test_a_demo_loaded_before_is_brought_up_to_date(home_page):
    """The draft gets its real subject; a back number its text and the content of its date."""
    demo.load(home_page)
    draft = Issue.objects.get(status=Issue.Status.DRAFT)
    Issue.objects.filter(pk=draft.pk).update(subject=demo.DRAFT["former_subjects"][0])
    first = Issue.objects.get(number=1)
    content = first.content
    Issue.objects.filter(pk=first.pk).update(
        introduction="感染症の新しい日常に対応し、ウェブでの活動を進めます。",
        content=[{"type": "paragraph", "text": "後日のお知らせ"}],
    )
    demo.load(home_page)
    assert Issue.objects.filter(status=Issue.Status.DRAFT).count() == 1
    draft.refresh_from_db()
    assert draft.subject == demo.DRAFT["subject"]
    assert draft.latest_revision.as_object().subject == demo.DRAFT["subject"]
    first.refresh_from_db()
    assert first.introduction == demo.ISSUES[0]["introduction"]
    assert first.content == content


def news_demo_forums():
    for slug in {spec["forum"] for spec in news_demo.NEWS}:
        ForumFactory(slug=slug)


def test_the_demo_back_numbers_hold_only_news_published_before_them(home_page):
    news_demo_forums()
    news_demo.load(home_page)
    demo.load(home_page)
    for issue in Issue.objects.archived():
        sent_on = japan_date(issue.started_at)
        (news,) = [s for s in issue.content if s.get("heading") == "新着ニュース"]
        assert news["items"], f"第{issue.number}号 has no news"
        for item in news["items"]:
            published = NewsPage.objects.get(title=item["title"]).date
            assert published <= sent_on, (issue.number, item["title"], published, sent_on)
