from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from website.fiscal import fiscal_year, fiscal_year_dates
from website.models import Forum


class ActivityKind(models.TextChoices):
    SCHOOL_LESSON = "school_lesson", "出前授業"
    WORKSHOP = "workshop", "ワークショップ講座"
    CITIZEN_EVENT = "citizen_event", "市民参画イベント"
    FORUM_MEETING = "forum_meeting", "フォーラム開催"
    MATCHING_CONSIDERED = "matching_considered", "マッチング検討"
    MATCHING_CONCLUDED = "matching_concluded", "マッチング成立"
    FIELD_TRIAL = "field_trial", "現場試行"
    DEPLOYMENT = "deployment", "社会実装"
    MUNICIPAL_SUPPORT = "municipal_support", "自治体支援"
    CONSULTATION = "consultation", "よろず相談"
    SEMINAR = "seminar", "シンポジウム・セミナー・講演会"
    PITCH_EVENT = "pitch_event", "ピッチイベント"
    MATCHING_EVENT = "matching_event", "マッチングイベント"
    OTHER = "other", "その他"


class ActivityQuerySet(models.QuerySet):
    def in_fiscal_year(self, year):
        start, end = fiscal_year_dates(year)
        return self.filter(date__range=(start, end))

    def of_kinds(self, kinds):
        return self.filter(kind__in=kinds)

    def national(self):
        return self.filter(forum__kind=Forum.Kind.NATIONAL)

    def regional(self):
        return self.filter(forum__kind=Forum.Kind.REGIONAL)

    def for_source(self, source):
        return self.filter(
            source_content_type=ContentType.objects.get_for_model(source),
            source_object_id=str(source.pk),
        )


class Activity(ClusterableModel):
    """Something the council did that counts toward a KPI.

    Events marked as held and delivered school lessons record theirs through
    `kpi.activities.record`; editors add what happened off the site by hand.
    """

    kind = models.CharField("種類", max_length=32, choices=ActivityKind.choices, db_index=True)
    title = models.CharField("件名", max_length=255)
    date = models.DateField(
        "実施日", db_index=True, help_text="日本時間の日付。年度はこの日付で決まります。"
    )
    forum = models.ForeignKey(
        Forum,
        verbose_name="フォーラム",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    participants = models.PositiveIntegerField("参加者数", null=True, blank=True)
    notes = models.TextField("備考", blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="関連ページ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The object this activity was recorded from (an event page, a lesson booking); empty
    # for activities entered by hand.
    source_content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    source_object_id = models.CharField(max_length=64, blank=True, default="")
    source = GenericForeignKey("source_content_type", "source_object_id")
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    objects = ActivityQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldRowPanel([FieldPanel("forum"), FieldPanel("participants")]),
        FieldPanel("page"),
        InlinePanel("municipalities", label="関わった自治体", heading="関わった自治体"),
        MultiFieldPanel([FieldPanel("notes")], heading="備考"),
    ]

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "活動実績"
        verbose_name_plural = "活動実績"
        constraints = [
            models.UniqueConstraint(
                fields=["source_content_type", "source_object_id"],
                condition=~models.Q(source_object_id=""),
                name="kpi_activity_one_per_source",
            )
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    @property
    def fiscal_year(self):
        return fiscal_year(self.date)

    @property
    def is_recorded_automatically(self):
        return bool(self.source_object_id)


class ActivityMunicipality(Orderable):
    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="municipalities")
    prefecture = models.ForeignKey(
        "website.Prefecture", verbose_name="都道府県", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(
        "自治体名", max_length=50, blank=True, help_text="市区町村名。都道府県そのものなら空欄。"
    )

    panels = [FieldRowPanel([FieldPanel("prefecture"), FieldPanel("name")])]

    class Meta(Orderable.Meta):
        verbose_name = "関わった自治体"
        verbose_name_plural = "関わった自治体"

    def __str__(self):
        return f"{self.prefecture.name}{self.name}"
