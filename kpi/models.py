from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from website.fiscal import (
    current_fiscal_year,
    fiscal_year,
    fiscal_year_dates,
    fiscal_year_full_label,
)
from website.models import BasePage, Forum, VisiblePageQuerySet
from website.page_urls import page_urls
from website.panels import InlinePanel

from . import counting
from .exports import report_csv_response
from .forms import FiscalYearForm

# The council was founded on 2016-11-28: no fiscal year before 2016 has anything to show.
FIRST_FISCAL_YEAR = 2016
# The citizen-participation KPI (school visit lessons and workshops held), shown on the home
# page and first on the admin panel.
CITIZEN_PARTICIPATION_CODE = "lessons-and-workshops"


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

    def counted_in(self, report):
        """The activities behind the counted figures of the report's year, newest first."""
        activities = self.in_fiscal_year(report.year)
        if not report.counts_every_kind:
            activities = activities.of_kinds(report.counted_kinds)
        return activities

    def recorded_twice(self):
        """{(title, date): number of records} of these activities that share their title and
        date: most likely one event recorded twice (by hand and from its page), which counts
        it twice. One query."""
        rows = (
            self.order_by()
            .values("title", "date")
            .annotate(records=models.Count("pk"))
            .filter(records__gt=1)
        )
        return {(row["title"], row["date"]): row["records"] for row in rows}

    def fiscal_year_facts(self):
        """{(fiscal year, kind, whether it names a local government)} of these activities, as
        kpi.counting.years_with_figures reads them; one query. Grouped by month in SQL, so
        that the fiscal year of each month is fiscal_year()'s."""
        names_municipality = models.Case(
            models.When(municipalities__isnull=False, then=True),
            default=False,
            output_field=models.BooleanField(),
        )
        rows = (
            self.order_by()
            .annotate(month=TruncMonth("date"), names_municipality=names_municipality)
            .values_list("month", "kind", "names_municipality")
            .distinct()
        )
        return {(fiscal_year(month), kind, names) for month, kind, names in rows}

    def for_source(self, source):
        return self.filter(
            source_content_type=ContentType.objects.get_for_model(source),
            source_object_id=str(source.pk),
        )

    def for_listing(self):
        """With what a public list shows (`forum_name`, the municipalities as
        `listed_municipalities`) in two queries. Of the forum only its name: whole rows cost
        more than the rest of the list. The pages' URLs come with their visibility
        (`public_page_urls`)."""
        return self.annotate(forum_name=models.F("forum__name")).prefetch_related(
            models.Prefetch(
                "municipalities",
                queryset=ActivityMunicipality.objects.select_related("prefecture").order_by(
                    "sort_order", "pk"
                ),
                to_attr="listed_municipalities",
            )
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

    @property
    def recorded_from_label(self):
        """'自動（イベント）' for what a page or booking recorded, '手入力' for the rest."""
        if not self.is_recorded_automatically:
            return "手入力"
        model = self.source_content_type.model_class() if self.source_content_type_id else None
        return f"自動（{model._meta.verbose_name}）" if model else "自動"


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


def fiscal_year_validators():
    return [MinValueValidator(FIRST_FISCAL_YEAR), MaxValueValidator(2100)]


FISCAL_YEAR_HELP = "4月1日に始まる年度の西暦。2021年度（令和3年度）なら 2021。"


class IndicatorQuerySet(models.QuerySet):
    def report(self, year, *, codes=None, now=None):
        """Every indicator (or those with the given codes) for fiscal year `year`, counted
        as kpi.counting says."""
        return counting.build_report(
            year,
            indicators=self.all(),
            targets=IndicatorTarget.objects.all(),
            entered_figures=EnteredFigure.objects.all(),
            activities=Activity.objects.all(),
            municipalities=ActivityMunicipality.objects.all(),
            codes=codes,
            now=now,
        )

    def cached_result(self, code, year):
        """(IndicatorResult or None, as-of datetime) of one indicator, from the cache if
        fresh: the home page shows one figure on every request."""
        key = f"kpi:result:{counting.figures_version()}:{year}:{code}"

        def compute():
            report = self.report(year, codes={code})
            return report.get(code), report.as_of

        return cache.get_or_set(key, compute, counting.CACHED_RESULT_SECONDS)

    def latest_reported_year(self, now=None, *, code=None):
        """The most recent fiscal year, up to the current one, with figures (the given
        indicator's when `code` is given), as kpi.counting.years_with_figures decides: the
        year a visitor should see first. The current year when there is nothing at all.

        Three queries, kept until any KPI figure changes.
        """
        current = current_fiscal_year(now or timezone.now())

        def find():
            entered = EnteredFigure.objects.filter(fiscal_year__lte=current)
            indicators = list(self.all())
            if code is not None:
                indicators = [indicator for indicator in indicators if indicator.code == code]
                if not indicators:
                    return current
                entered = entered.filter(indicator=indicators[0])
            activities = Activity.objects.filter(date__lte=fiscal_year_dates(current)[1])
            years = counting.years_with_figures(
                indicators,
                activities.fiscal_year_facts(),
                entered.order_by().values_list("fiscal_year", flat=True).distinct(),
            )
            return max(years, default=current)

        key = f"kpi:latest-year:{counting.figures_version()}:{current}:{code or ''}"
        return cache.get_or_set(key, find, counting.CACHED_RESULT_SECONDS)


class Indicator(ClusterableModel):
    """One KPI of the business plan, and how the site arrives at its figure each year."""

    class Area(models.TextChoices):
        OPERATIONS = "operations", "国民会議の運営"
        MUNICIPAL_SUPPORT = "municipal_support", "自治体支援"
        CITIZEN_PARTICIPATION = "citizen_participation", "市民参画"
        OVERSEAS = "overseas", "海外展開"
        OTHER = "other", "その他"

    class Unit(models.TextChoices):
        CASES = "件", "件"
        TIMES = "回", "回"
        MUNICIPALITIES = "自治体", "自治体"
        PERCENT = "%", "％"
        COUNTRIES = "国・地域", "国・地域"
        PEOPLE = "人", "人"

    class Method(models.TextChoices):
        ACTIVITY_COUNT = "activity_count", "活動の件数を数える"
        MUNICIPALITY_COUNT = "municipality_count", "活動に関わった自治体を重複なく数える"
        RATIO = "ratio", "ほかの指標の値を分母で割った割合（％）"
        ENTERED = "entered", "入力した数値をそのまま使う"

    code = models.SlugField(
        "コード",
        max_length=50,
        unique=True,
        help_text="英字の識別子。集計やトップページの表示に使うため、作成後は変えないでください。",
    )
    name = models.CharField("指標名", max_length=100)
    area = models.CharField("分野", max_length=30, choices=Area.choices)
    unit = models.CharField("単位", max_length=10, choices=Unit.choices)
    description = models.TextField(
        "説明",
        blank=True,
        help_text="事業計画のKPI内容説明（例: 自治体ニーズ紹介等実施の自治体数。）",
    )
    plain_summary = models.CharField(
        "ひとことで（市民向け）",
        max_length=120,
        blank=True,
        help_text="KPIのページで数値の横に出す、専門用語を使わない一文（例: 国民会議の活動で関わった市町村などの数です。）",
    )
    method = models.CharField("数え方", max_length=30, choices=Method.choices)
    activity_kinds = models.JSONField(
        "数える活動の種類",
        default=list,
        blank=True,
        help_text="「活動の件数」では必須。「自治体を重複なく数える」で空欄なら、すべての種類の活動が対象です。",
    )
    numerator = models.ForeignKey(
        "self",
        verbose_name="割合の分子にする指標",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="「割合」のときに使います（例: 行政会員である自治体数）。",
    )
    denominator = models.DecimalField(
        "割合の分母",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="「割合」のときに使います（例: 地方自治体総数 1788）。",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="親の指標",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="内訳の指標なら、その親（例: マッチング検討数 → マッチング・現場試行・実装実施数）。",
    )
    children_add_up = models.BooleanField(
        "内訳の合計がこの指標になる",
        default=False,
        help_text="オンにすると、入力値の内訳の合計が合わないときに管理画面で注意を表示します。",
    )
    counted_from = models.PositiveSmallIntegerField(
        "活動の集計を始めた年度",
        default=2021,
        validators=fiscal_year_validators(),
        help_text="これより前の年度は、入力値がなければ「—」と表示します。",
    )
    counting_explanation = models.TextField(
        "数え方の説明（公開）",
        blank=True,
        help_text="KPIのページに表示します。何を数えるか、いつからか、何を数えないかを、わかりやすく書いてください。",
    )
    sort_order = models.PositiveSmallIntegerField("表示順", default=100)

    objects = IndicatorQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
        FieldRowPanel([FieldPanel("area"), FieldPanel("unit"), FieldPanel("sort_order")]),
        FieldPanel("description"),
        FieldPanel("plain_summary"),
        MultiFieldPanel(
            [
                FieldPanel("method"),
                FieldPanel("activity_kinds"),
                FieldRowPanel([FieldPanel("numerator"), FieldPanel("denominator")]),
                FieldPanel("counted_from"),
                FieldPanel("counting_explanation"),
            ],
            heading="数え方",
        ),
        MultiFieldPanel(
            [FieldPanel("parent"), FieldPanel("children_add_up")],
            heading="内訳",
            classname="collapsed",
        ),
        InlinePanel("targets", label="年度の目標", heading="年度ごとの目標"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "KPI指標"
        verbose_name_plural = "KPI指標"

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.method == self.Method.ACTIVITY_COUNT and not self.activity_kinds:
            errors["activity_kinds"] = "数える活動の種類を1つ以上選んでください。"
        if self.method == self.Method.RATIO:
            if self.numerator_id is None:
                errors["numerator"] = "割合の分子にする指標を選んでください。"
            elif self.numerator_id == self.pk or self.numerator.method == self.Method.RATIO:
                errors["numerator"] = "分子には、割合以外の別の指標を選んでください。"
            if not self.denominator or self.denominator <= 0:
                errors["denominator"] = "分母には0より大きい数を入力してください。"
        if self.parent_id is not None:
            if self.parent_id == self.pk:
                errors["parent"] = "自分自身を親にはできません。"
            elif self.parent.parent_id is not None:
                errors["parent"] = (
                    "内訳の内訳は作れません。親には内訳ではない指標を選んでください。"
                )
        if errors:
            raise ValidationError(errors)

    @property
    def is_counted_from_activities(self):
        return self.method in (self.Method.ACTIVITY_COUNT, self.Method.MUNICIPALITY_COUNT)

    def get_activity_kinds_display(self):
        labels = dict(ActivityKind.choices)
        return "、".join(labels.get(kind, kind) for kind in self.activity_kinds)


class IndicatorTarget(models.Model):
    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    fiscal_year = models.PositiveSmallIntegerField(
        "年度", validators=fiscal_year_validators(), help_text=FISCAL_YEAR_HELP
    )
    value = models.DecimalField("目標値", max_digits=12, decimal_places=2)

    panels = [FieldRowPanel([FieldPanel("fiscal_year"), FieldPanel("value")])]

    class Meta:
        ordering = ["fiscal_year"]
        verbose_name = "年度の目標"
        verbose_name_plural = "年度の目標"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "fiscal_year"],
                name="kpi_target_one_per_year",
                violation_error_message="同じ年度の目標が2つあります。",
            )
        ]

    def __str__(self):
        return f"{self.indicator} {fiscal_year_full_label(self.fiscal_year)}: {self.value}"


class EnteredFigure(models.Model):
    """A figure typed in rather than counted: historical years, ratios, figures from elsewhere.

    When an indicator has any entered figure for a fiscal year, that year's figures of the
    indicator are the entered ones only (see kpi.counting).
    """

    class Scope(models.TextChoices):
        ALL = "all", "全体"
        NATIONAL = "national", "全国フォーラム計"
        REGIONAL = "regional", "地方フォーラム計"
        FORUM = "forum", "フォーラム別"

    indicator = models.ForeignKey(
        Indicator, verbose_name="指標", on_delete=models.CASCADE, related_name="entered_figures"
    )
    fiscal_year = models.PositiveSmallIntegerField(
        "年度", validators=fiscal_year_validators(), help_text=FISCAL_YEAR_HELP
    )
    scope = models.CharField("範囲", max_length=10, choices=Scope.choices, default=Scope.ALL)
    forum = models.ForeignKey(
        Forum,
        verbose_name="フォーラム",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="範囲が「フォーラム別」のときだけ選びます。",
    )
    value = models.DecimalField("数値", max_digits=12, decimal_places=2)
    source = models.CharField(
        "出典", max_length=255, blank=True, help_text="例: 令和3年度事業計画「令和2年度 KPI 結果」"
    )
    note = models.TextField("備考", blank=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    panels = [
        FieldPanel("indicator"),
        FieldRowPanel([FieldPanel("fiscal_year"), FieldPanel("scope"), FieldPanel("forum")]),
        FieldPanel("value"),
        FieldPanel("source"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["-fiscal_year", "indicator__sort_order", "scope"]
        verbose_name = "KPIの入力値"
        verbose_name_plural = "KPIの入力値"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "fiscal_year", "scope"],
                condition=models.Q(forum__isnull=True),
                name="kpi_figure_one_per_scope",
                violation_error_message="この指標・年度・範囲の入力値はすでにあります。",
            ),
            models.UniqueConstraint(
                fields=["indicator", "fiscal_year", "forum"],
                condition=models.Q(forum__isnull=False),
                name="kpi_figure_one_per_forum",
                violation_error_message="この指標・年度・フォーラムの入力値はすでにあります。",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} {fiscal_year_full_label(self.fiscal_year)} {self.scope_label}"

    def clean(self):
        if self.scope == self.Scope.FORUM and self.forum_id is None:
            raise ValidationError(
                {"forum": "範囲が「フォーラム別」なら、フォーラムを選んでください。"}
            )
        if self.scope != self.Scope.FORUM and self.forum_id is not None:
            raise ValidationError(
                {"forum": "フォーラムを選ぶのは、範囲が「フォーラム別」のときだけです。"}
            )

    @property
    def value_label(self):
        """The figure as entered: 83, not 83.00."""
        text = format(self.value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text

    @property
    def scope_label(self):
        if self.scope == self.Scope.FORUM and self.forum_id:
            return self.forum.name
        return self.get_scope_display()

    @property
    def fiscal_year_label(self):
        return fiscal_year_full_label(self.fiscal_year)


class KpiDashboardPage(RoutablePageMixin, BasePage):
    """The public KPI dashboard: every indicator of a fiscal year, and how it is counted."""

    cache_scopes = ("kpi",)  # its figures and CSV (website/cache.py)

    introduction = models.TextField(
        "導入文",
        blank=True,
        max_length=500,
        default="事業計画で定めたKPI（重要業績評価指標）の目標と実績を、年度ごとに公開しています。",
    )
    activities_per_page = 50

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "KPIダッシュボード"
        verbose_name_plural = "KPIダッシュボード"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        latest_year = Indicator.objects.latest_reported_year()
        form, year = FiscalYearForm.bound(
            request.GET, first_year=FIRST_FISCAL_YEAR, default_year=latest_year
        )
        report = Indicator.objects.report(year)
        forum_columns, forum_rows = report.forum_table()
        context.update(
            form=form,
            year=year,
            report=report,
            page_obj=self.counted_activities_page(report, request.GET.get("page", ""), request),
            forum_columns=forum_columns,
            forum_rows=forum_rows,
            funnel=counting.funnel(report),
            latest_year=latest_year,
            current_year=form.current_year,
            previous_year=year - 1 if year > form.first_year else None,
            next_year=year + 1 if year < form.last_year else None,
        )
        return context

    def counted_activities_page(self, report, number, request):
        """The page `number` of the counted activities the public may read about, newest
        first; `hidden_count` and `hidden_kinds` tell how many others counted, and of which
        kinds, without listing them."""
        activities = Activity.objects.counted_in(report)
        urls = public_page_urls(activities, request)
        shown, hidden = shown_and_hidden(urls)
        listed = activities.filter(shown).for_listing()
        page_obj = Paginator(listed, self.activities_per_page).get_page(number)
        page_obj.object_list = list(page_obj.object_list)
        page_obj.recorded_twice = activities.recorded_twice()
        # Each row's kind from one table: get_kind_display() rebuilds it for every row.
        kind_labels = dict(ActivityKind.choices)
        for activity in page_obj.object_list:
            activity.public_url = urls.get(activity.page_id)
            activity.records_of_same = page_obj.recorded_twice.get((activity.title, activity.date))
            activity.kind_label = kind_labels.get(activity.kind, activity.kind)
        hidden_counts = dict(
            activities.filter(hidden)
            .order_by()
            .values_list("kind")
            .annotate(count=models.Count("pk"))
        )
        page_obj.hidden_kinds = [
            (label, hidden_counts[kind])
            for kind, label in ActivityKind.choices
            if kind in hidden_counts
        ]
        page_obj.hidden_count = sum(hidden_counts.values())
        page_obj.counted_count = page_obj.paginator.count + page_obj.hidden_count
        return page_obj

    @path("csv/", name="csv")
    def csv(self, request):
        _, year = FiscalYearForm.bound(
            request.GET,
            first_year=FIRST_FISCAL_YEAR,
            default_year=Indicator.objects.latest_reported_year(),
        )
        return report_csv_response(Indicator.objects.report(year))


def public_page_urls(activities, request):
    """{pk: URL} of the pages of `activities` the public may see: live, not privacy-restricted.
    One query, however many activities; the restrictions are read once per request
    (website/visibility.py), the URLs come from the paths (website/page_urls.py)."""
    pages = (
        VisiblePageQuerySet(Page)
        .filter(pk__in=activities.filter(page__isnull=False).values("page_id"))
        .live()
        .public()
        .values_list("pk", "url_path")
    )
    return page_urls(pages, request)


def shown_and_hidden(public_page_ids):
    """(condition, condition) on activities: those the public list shows (their page is
    public, or they were entered by hand without one) and those it only counts (a draft,
    unpublished or privacy-restricted page, or a recorded activity without a page, such as a
    matching). The hidden ones still count, but their titles and places stay unpublished: a
    lesson's title names the school's city, a matching's its need."""
    public_page_ids = list(public_page_ids)
    shown = Q(page_id__in=public_page_ids) | Q(page__isnull=True, source_object_id="")
    hidden = (Q(page__isnull=False) & ~Q(page_id__in=public_page_ids)) | (
        Q(page__isnull=True) & ~Q(source_object_id="")
    )
    return shown, hidden
