import factory
from django.utils import timezone

from mailings.models import Issue, Subscriber


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"reader{n}@example.jp")
    status = Subscriber.Status.CONFIRMED
    topic_news = True
    consented_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)


class IssueFactory(factory.django.DjangoModelFactory):
    """A published (approved) issue, ready to send."""

    class Meta:
        model = Issue
        skip_postgeneration_save = True

    subject = factory.Sequence(lambda n: f"インフラメンテナンスのお知らせ 第{n}回")
    introduction = "いつも国民会議の活動にご関心をお寄せいただき、ありがとうございます。"
    body = factory.LazyFunction(
        lambda: [
            ("paragraph", "今月の活動をお知らせします。\n各フォーラムの取り組みをご覧ください。")
        ]
    )
    live = True
    audience_news = True
