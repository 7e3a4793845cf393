"""Demo content for 情報発信メール, from the plan: 広報部会's first task for the year is
「情報発信メールの充実」 (strengthening the information e-mails), run with 事務局.

- 240 subscribers with example.jp addresses: most confirmed, some pending, paused or
  unsubscribed, with topics, forums and prefectures spread out;
- two sent issues in the archive (their send log complete), and one draft to try the preview,
  the test send and sending (`make run` delivers to the console).

The sent issues are dated after the demo's recent news (news/demo.py: 30 and 16 days ago), and
hold what there was when they were sent, like a real back number (rendering.build_sections with
their send time as `until`).

Idempotent: subscribers by address, issues by subject. A demo issue loaded before keeps its
dates; a sent one has its text and its content rebuilt for those dates, the draft its subject.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from website.models import Forum, Prefecture

from . import rendering
from .models import Delivery, Issue, Subscriber

SUBSCRIBER_COUNT = 240

ISSUES = [
    {
        "subject": "今年度の国民会議の活動計画をお知らせします",
        "introduction": (
            "いつもインフラメンテナンス国民会議の活動にご関心をお寄せいただき、ありがとうございます。"
            "今年度の各フォーラムの活動計画と、これからの取り組みをお知らせします。"
            "会場とオンラインの両方で、イベントと会員の交流を進めています。"
        ),
        "paragraph": (
            "広報部会では、今年度の取り組みの一つ目として、この情報発信メールの充実に取り組みます。"
            "各フォーラムのニュース、イベント、出前授業のご案内を定期的にお届けします。"
        ),
        "days_ago": 25,
    },
    {
        "subject": "ピッチイベントと出前授業のご案内",
        "introduction": (
            "地方フォーラムでは、自治体のニーズと企業の技術をつなぐピッチイベントを開きます。"
            "学校向けの出前授業も受け付けています。"
        ),
        "paragraph": (
            "第3回ニーズ調査（5月12日〜6月30日）には、多くの施設管理者の皆さまからご回答をいただきました。"
            "ありがとうございました。"
        ),
        "days_ago": 12,
    },
]
DRAFT = {
    "subject": "会員専用ページでご覧いただける情報のご案内",
    "former_subjects": ["【下書き】会員交流のオンライン化についてのご案内"],
    "introduction": (
        "会員専用ページでは、ご自身のイベントの申込み状況や、会員向けにご案内している"
        "オンライン参加の情報をご覧いただけます。"
    ),
    "paragraph": (
        "ログインの方法や、申込みの確かめ方でご不明な点があれば、事務局にお問い合わせください。"
    ),
}


def body(paragraph):
    return [
        ("paragraph", paragraph),
        ("latest_news", {"heading": "新着ニュース", "forums": [], "limit": 5}),
        ("upcoming_events", {"heading": "これからのイベント", "forums": [], "limit": 3}),
        ("open_lessons", {"heading": "出前授業のご案内", "forums": [], "limit": 3}),
    ]


def ensure_subscribers(now):
    forums = list(Forum.objects.order_by("sort_order", "pk"))
    prefectures = list(Prefecture.objects.order_by("code"))
    existing = set(
        Subscriber.objects.filter(email__endswith="@example.jp").values_list("email", flat=True)
    )
    statuses = (
        [Subscriber.Status.CONFIRMED] * 8
        + [Subscriber.Status.PENDING, Subscriber.Status.UNSUBSCRIBED]
        + [Subscriber.Status.CONFIRMED] * 6
        + [Subscriber.Status.PAUSED]
    )
    created = []
    for number in range(1, SUBSCRIBER_COUNT + 1):
        email = f"subscriber{number:03d}@example.jp"
        if email in existing:
            continue
        status = statuses[number % len(statuses)]
        joined = now - datetime.timedelta(days=200 - number % 180, hours=number % 24)
        subscriber = Subscriber(
            email=email,
            status=status,
            topic_news=number % 3 != 0,
            topic_events=number % 2 == 0,
            topic_lessons=number % 5 == 0,
            prefecture=prefectures[number % len(prefectures)]
            if prefectures and number % 4
            else None,
            consented_at=joined,
            created_at=joined,
            updated_at=joined,
            confirmed_at=joined if status != Subscriber.Status.PENDING else None,
            unsubscribed_at=now - datetime.timedelta(days=3)
            if status == Subscriber.Status.UNSUBSCRIBED
            else None,
        )
        created.append(
            (subscriber, forums[number % len(forums)] if forums and number % 3 == 0 else None)
        )
    Subscriber.objects.bulk_create([subscriber for subscriber, _ in created])
    through = Subscriber.forums.through
    emails = {subscriber.email: forum for subscriber, forum in created if forum is not None}
    through.objects.bulk_create(
        [
            through(subscriber_id=pk, forum_id=emails[email].pk)
            for pk, email in Subscriber.objects.filter(email__in=emails).values_list("pk", "email")
        ]
    )
    return len(created)


def ensure_issue(data, *, sent_at=None):
    subjects = [data["subject"], *data.get("former_subjects", [])]
    issue = Issue.objects.filter(subject__in=subjects).order_by("pk").first()
    if issue is not None:
        refresh_issue(issue, data)
        return issue
    issue = Issue(
        subject=data["subject"],
        introduction=data["introduction"],
        body=body(data["paragraph"]),
        audience_news=True,
        audience_events=True,
        audience_lessons=True,
        live=sent_at is not None,
    )
    issue.save()
    revision = issue.save_revision()
    if sent_at is None:
        return issue
    revision.publish()
    with transaction.atomic():
        issue.refresh_from_db()
        since = rendering.previous_issue_start(issue, before=sent_at)
        issue.items_since = since or sent_at - datetime.timedelta(days=40)
        issue.content = rendering.build_sections(issue, since=issue.items_since, until=sent_at)
        issue.number = (Issue.objects.exclude(number=None).count()) + 1
        issue.status = Issue.Status.SENT
        issue.started_at = issue.heartbeat_at = sent_at
        issue.sent_at = sent_at + datetime.timedelta(minutes=12)
        issue.save()
        recipients = issue.audience().filter(confirmed_at__lt=sent_at).values_list("pk", flat=True)
        Delivery.objects.bulk_create(
            [
                Delivery(
                    issue=issue,
                    subscriber_id=pk,
                    status=Delivery.Status.SENT,
                    attempts=1,
                    sent_at=issue.sent_at,
                    next_attempt_at=sent_at,
                )
                for pk in recipients
            ],
            ignore_conflicts=True,
        )
    return issue


def refresh_issue(issue, data):
    """A demo issue loaded by an earlier version of this module: a sent one gets its text as it
    is now and its content as it was when sent (its own dates); the draft its new subject."""
    if issue.status == Issue.Status.DRAFT and not issue.live:
        if issue.subject in data.get("former_subjects", []):
            issue.subject, issue.introduction = data["subject"], data["introduction"]
            issue.save(update_fields=["subject", "introduction"])
            issue.save_revision()
    elif issue.status == Issue.Status.SENT and issue.started_at is not None:
        issue.introduction = data["introduction"]
        issue.content = rendering.build_sections(
            issue, since=issue.items_since, until=issue.started_at
        )
        issue.save(update_fields=["introduction", "content"])


def load(home, stdout=None):
    now = timezone.now()
    created = ensure_subscribers(now)
    for data in ISSUES:
        ensure_issue(data, sent_at=now - datetime.timedelta(days=data["days_ago"]))
    ensure_issue(DRAFT)
    if stdout:
        stdout.write(
            f"情報発信メール: 購読者 {created} 件を追加、送信済み {len(ISSUES)} 号と下書き 1 号を確認しました。"
        )
