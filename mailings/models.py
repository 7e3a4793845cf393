"""情報発信メール: subscribers, issues and the per-recipient send log.

- ``Subscriber``: one row per address (double opt-in: pending → confirmed; paused;
  unsubscribed). Its topics say which issues it receives. The address is personal data: shown
  only with ``mailings.view_subscriber_personal_data``, never logged (rows are named by id).
- ``Issue``: one e-mail issue, composed in the admin (a snippet with drafts, revisions and the
  approval workflow where one is assigned). Once sending starts, its HTML and text parts are
  frozen in ``html_body``/``text_body``: the public archive shows exactly what was sent.
- ``Delivery``: one row per recipient per issue, unique together, so an issue reaches each
  address at most once however often the worker restarts (mailings/sending.py).
"""

import uuid
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin, WorkflowMixin

from website.models import Forum, Prefecture
from website.widgets import PrefectureCheckboxes

from .blocks import IssueStreamBlock
from .panels import AudienceCountPanel

PERSONAL_DATA_PERMISSION = "mailings.view_subscriber_personal_data"
SEND_PERMISSION = "mailings.send_issue"


class Topic(models.TextChoices):
    NEWS = "news", "すべてのニュース"
    EVENTS = "events", "イベントのご案内"
    LESSONS = "lessons", "出前授業のご案内"


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def for_audience(self, *, topics=(), forum_ids=(), prefecture_codes=(), include_no_region=True):
        """Confirmed subscribers who chose one of the topics or forums (none chosen: everyone
        confirmed), in one of the prefectures (none chosen: anywhere)."""
        queryset = self.confirmed()
        wanted = Q()
        for topic in topics:
            wanted |= Q(**{f"topic_{topic}": True})
        if forum_ids:
            wanted |= Q(forums__in=list(forum_ids))
        if wanted:
            queryset = queryset.filter(wanted)
        if prefecture_codes:
            region = Q(prefecture__in=list(prefecture_codes))
            if include_no_region:
                region |= Q(prefecture__isnull=True)
            queryset = queryset.filter(region)
        return queryset.distinct()

    def retention_expired(self, cutoff):
        """Unsubscribed, or never confirmed, before `cutoff` (mailings/retention.py)."""
        return self.filter(
            Q(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at__lt=cutoff)
            | Q(status=Subscriber.Status.PENDING, updated_at__lt=cutoff)
        )


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "確認待ち"
        CONFIRMED = "confirmed", "配信中"
        PAUSED = "paused", "一時停止中"
        UNSUBSCRIBED = "unsubscribed", "配信停止"

    email = models.EmailField("メールアドレス", max_length=254, unique=True)
    # What the signed links carry: never the address itself.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        "状態", max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    topic_news = models.BooleanField(Topic.NEWS.label, default=False)
    topic_events = models.BooleanField(Topic.EVENTS.label, default=False)
    topic_lessons = models.BooleanField(Topic.LESSONS.label, default=False)
    forums = models.ManyToManyField(
        Forum, verbose_name="フォーラムのニュース", blank=True, related_name="+"
    )
    prefecture = models.ForeignKey(
        Prefecture,
        verbose_name="地域（都道府県）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consented_at = models.DateTimeField("同意日時")
    created_at = models.DateTimeField("登録日時", default=timezone.now)
    updated_at = models.DateTimeField("最終更新", default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField("確認日時", null=True, blank=True)
    unsubscribed_at = models.DateTimeField("配信停止日時", null=True, blank=True, db_index=True)
    confirmation_sent_at = models.DateTimeField("確認メール送信日時", null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    panels = [
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("topic_news"),
                FieldPanel("topic_events"),
                FieldPanel("topic_lessons"),
                FieldPanel("forums"),
            ],
            heading="受け取る内容",
        ),
        FieldPanel("prefecture"),
    ]

    class Meta:
        verbose_name = "購読者"
        verbose_name_plural = "購読者"
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("view_subscriber_personal_data", "購読者のメールアドレスを閲覧できる"),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        """How logs and the admin name a subscriber without the address."""
        return f"購読者 #{self.pk}"

    @property
    def receives(self):
        return self.status == self.Status.CONFIRMED

    def topic_labels(self, forums=None):
        labels = [topic.label for topic in Topic if getattr(self, f"topic_{topic.value}")]
        forums = self.forums.all() if forums is None else forums
        labels += [f"{forum.name}のニュース" for forum in forums]
        return labels


class IssueQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(status=Issue.Status.SENT)

    def archived(self):
        """What the public archive shows: issues sent, newest first."""
        return self.sent().filter(number__isnull=False).order_by("-sent_at", "-pk")

    def with_progress(self):
        """sent / failed / remaining counts in the same query (the admin list)."""
        statuses = Delivery.Status
        return self.annotate(
            count_sent=Count("deliveries", filter=Q(deliveries__status=statuses.SENT)),
            count_failed=Count(
                "deliveries",
                filter=Q(deliveries__status__in=[statuses.FAILED, statuses.UNKNOWN]),
            ),
            count_remaining=Count(
                "deliveries",
                filter=Q(deliveries__status__in=[statuses.PENDING, statuses.SENDING]),
            ),
            count_skipped=Count("deliveries", filter=Q(deliveries__status=statuses.SKIPPED)),
        )


class Issue(WorkflowMixin, DraftStateMixin, RevisionMixin, PreviewableMixin, ClusterableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "下書き"
        SCHEDULED = "scheduled", "送信予約"
        SENDING = "sending", "送信中"
        SENT = "sent", "送信済み"

    subject = models.CharField("件名", max_length=120)
    introduction = models.TextField(
        "はじめに", max_length=1000, blank=True, help_text="本文の最初に入る短い挨拶や案内"
    )
    body = StreamField(IssueStreamBlock(), verbose_name="本文", blank=True)
    audience_news = models.BooleanField("「すべてのニュース」を希望した人", default=True)
    audience_events = models.BooleanField("「イベントのご案内」を希望した人", default=False)
    audience_lessons = models.BooleanField("「出前授業のご案内」を希望した人", default=False)
    audience_forums = ParentalManyToManyField(
        Forum,
        verbose_name="送る相手（フォーラム）",
        blank=True,
        related_name="+",
        help_text="このフォーラムのニュースを希望した人にも送ります。",
    )
    audience_prefectures = ParentalManyToManyField(
        Prefecture,
        verbose_name="送る相手（地域）",
        blank=True,
        related_name="+",
        help_text="選ぶと、その都道府県を登録した人にだけ送ります。",
    )
    include_no_region = models.BooleanField("地域を登録していない人にも送る", default=True)
    # 送る相手: what the recipient count beside them reads (IssueAudienceForm, the panel's script).
    audience_fields = (
        *("audience_news", "audience_events", "audience_lessons"),
        *("audience_forums", "audience_prefectures", "include_no_region"),
    )

    status = models.CharField(
        "送信状態", max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    number = models.PositiveIntegerField("号", null=True, blank=True, unique=True, editable=False)
    send_at = models.DateTimeField("送信予定日時", null=True, blank=True, editable=False)
    started_at = models.DateTimeField("送信開始", null=True, blank=True, editable=False)
    sent_at = models.DateTimeField("送信完了", null=True, blank=True, editable=False)
    # Where the automatic blocks start ("since the last issue"), fixed when sending starts.
    items_since = models.DateTimeField(null=True, blank=True, editable=False)
    # The body's sections as sent (plain strings: headings, items, URLs), fixed when sending
    # starts; the messages and the archive page are rendered from it (mailings/rendering.py).
    content = models.JSONField(default=list, blank=True, editable=False)
    # Last sign of life of the sending worker: a stalled send is resumed (sending.resume).
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="mailing_issue")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="mailing_issue",
        for_concrete_model=False,
    )

    objects = IssueQuerySet.as_manager()

    panels = [
        FieldPanel("subject"),
        FieldPanel("introduction"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("audience_news"),
                        FieldPanel("audience_events"),
                        FieldPanel("audience_lessons"),
                    ]
                ),
                FieldPanel("audience_forums", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audience_prefectures", widget=PrefectureCheckboxes),
                FieldPanel("include_no_region"),
                AudienceCountPanel(),
            ],
            heading="送る相手",
            help_text="選んだ話題・フォーラムのどれかを希望した人に送ります。どれも選ばなければ、配信中の全員に送ります。",
        ),
    ]

    class Meta:
        verbose_name = "情報発信メール"
        verbose_name_plural = "情報発信メール"
        ordering = ["-created_at", "-pk"]
        permissions = [("send_issue", "情報発信メールを送信できる")]

    def __str__(self):
        # A draft autosaved before its subject was typed has none yet.
        return self.subject or "（件名なし）"

    @property
    def revisions(self):
        return self._revisions

    # --- preview in the admin (the e-mail as a recipient sees it) ---

    preview_modes = [("html", "HTML"), ("text", "テキスト")]

    def serve_preview(self, request, mode_name):
        from django.http import HttpResponse

        from . import rendering

        parts = rendering.render_issue(self)
        placeholders = rendering.sample_links()
        if mode_name == "text":
            text = rendering.personalise(parts.text, placeholders)
            return HttpResponse(text, content_type="text/plain; charset=utf-8")
        return HttpResponse(rendering.personalise(parts.html, placeholders, html=True))

    # --- the public archive ---

    def get_absolute_url(self):
        return reverse("mailings:issue", args=[self.number]) if self.number else ""

    def audience_topics(self):
        return [topic for topic in Topic.values if getattr(self, f"audience_{topic}")]

    def audience_choices(self):
        """The issue's 送る相手 as `SubscriberQuerySet.for_audience()` takes them."""
        return {
            "topics": self.audience_topics(),
            "forum_ids": [forum.pk for forum in self.audience_forums.all()],
            "prefecture_codes": [prefecture.pk for prefecture in self.audience_prefectures.all()],
            "include_no_region": self.include_no_region,
        }

    def audience(self):
        """Who sending writes a delivery for (sending.start)."""
        return Subscriber.objects.for_audience(**self.audience_choices())

    def audience_summary(self):
        """How many the issue would go to now, counted in one query on the very queryset
        sending uses (so OR-ed audiences count each person once), and whether nothing narrows
        it: then it goes to everyone who receives the e-mails."""
        choices = self.audience_choices()
        return AudienceSummary(
            count=self.audience().count(),
            everyone=not (choices["topics"] or choices["forum_ids"] or choices["prefecture_codes"]),
        )


@dataclass(frozen=True)
class AudienceSummary:
    count: int
    everyone: bool


class Delivery(models.Model):
    """One recipient of one issue: the send log that makes sending exactly once."""

    class Status(models.TextChoices):
        PENDING = "pending", "未送信"
        SENDING = "sending", "送信処理中"
        SENT = "sent", "送信済み"
        FAILED = "failed", "送信失敗"
        # The worker stopped while handing this message to the mail server: it may have gone
        # out, so it is never sent again automatically.
        UNKNOWN = "unknown", "送信中に中断（未確認）"
        SKIPPED = "skipped", "送信せず（配信停止など）"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # A worker's claim on the row; past it another worker may take the row.
    claimed_until = models.DateTimeField(null=True, blank=True)
    sending_since = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The mail server's answer (code and text), never the address.
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "配信記録"
        verbose_name_plural = "配信記録"
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="mailings_one_delivery_per_recipient"
            )
        ]
        indexes = [models.Index(fields=["issue", "status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.issue_id}/{self.subscriber_id}: {self.status}"


def retention_days():
    return settings.MAILINGS_RETENTION_DAYS
