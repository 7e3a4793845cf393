from mailings import demo
from mailings.models import Delivery, Issue, Subscriber


def test_demo_content_is_idempotent(home_page):
    demo.load(home_page)
    demo.load(home_page)
    assert Subscriber.objects.count() == demo.SUBSCRIBER_COUNT
    assert Subscriber.objects.confirmed().count() > 150
    archived = list(Issue.objects.archived())
    assert [issue.number for issue in archived] == [2, 1]
    assert Issue.objects.filter(status=Issue.Status.DRAFT, live=False).count() == 1
    assert Delivery.objects.filter(issue=archived[0], status=Delivery.Status.SENT).exists()
