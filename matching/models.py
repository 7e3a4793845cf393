"""Needs of local governments, seeds of companies and universities, and the matchings between
them, from a forum's needs survey to deployment. Each stage a matching reaches is dated in its
history (MatchingStageChange) and counted toward the KPIs (matching/kpi_sync.py)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import DraftStateMixin, Orderable, Page, RevisionMixin
from wagtail.search import index

from website.dates import japan_today
from website.fiscal import current_fiscal_year
from website.models import BasePage, Forum

from . import views
from .audience import sees_members_content
from .choices import Publication, Stage
from .funnel import funnel, latest_year


class InfrastructureField(models.Model):
    """道路, 河川, 砂防…: the fields needs and seeds are sorted by (editors add their own)."""

    name = models.CharField("名称", max_length=50, unique=True)
    slug = models.SlugField(
        "コード", max_length=50, unique=True, help_text="URLに使う英字の識別子（例: road）"
    )
    sort_order = models.PositiveSmallIntegerField("表示順", default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "インフラ分野"
        verbose_name_plural = "インフラ分野"

    def __str__(self):
        return self.name


class NeedsSurvey(models.Model):
    """A forum's call for needs over a period (中国フォーラム「第3回ニーズ調査」5/12〜6/30)."""

    forum = models.ForeignKey(
        Forum, verbose_name="実施フォーラム", on_delete=models.PROTECT, related_name="needs_surveys"
    )
    title = models.CharField("名称", max_length=200)
    introduction = models.TextField("案内文", blank=True, max_length=1000)
    opens_on = models.DateField("受付開始日")
    closes_on = models.DateField(
        "受付終了日", help_text="この日の終わり（日本時間）まで受け付けます。"
    )
    members_only = models.BooleanField(
        "会員限定", default=False, help_text="会員としてログインした人だけが回答できます。"
    )

    panels = [
        FieldPanel("forum"),
        FieldPanel("title"),
        FieldPanel("introduction"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")], heading="受付期間"),
        FieldPanel("members_only"),
    ]

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = "ニーズ調査"
        verbose_name_plural = "ニーズ調査"

    def __str__(self):
        return self.title

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": "受付終了日は受付開始日より後にしてください。"})

    def is_open(self, today=None):
        today = today or japan_today()
        return self.opens_on <= today <= self.closes_on


class NeedQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def for_members(self):
        """What a logged-in member (or an editor) sees: the public needs and those the
        organisation let members see."""
        return self.filter(models.Q(is_public=True) | models.Q(shown_to_members=True))

    def visible(self, members=False):
        return self.for_members() if members else self.public()

    def for_listing(self):
        return (
            self.select_related("local_government__prefecture", "forum")
            .prefetch_related("fields")
            .order_by("-created_at", "-pk")
        )


class Need(ClusterableModel):
    """What a local government or facility manager needs (ニーズ)."""

    local_government = models.ForeignKey(
        "members.LocalGovernment",
        verbose_name="地方公共団体",
        on_delete=models.PROTECT,
        related_name="needs",
    )
    facility_manager = models.CharField(
        "施設管理者・担当部署", max_length=200, blank=True, help_text="例: 建設部 河川課"
    )
    fields = ParentalManyToManyField(
        InfrastructureField, verbose_name="インフラ分野", related_name="needs"
    )
    theme = models.CharField("技術テーマ", max_length=200)
    sought = models.TextField("求める内容・条件", max_length=3000)
    forum = models.ForeignKey(
        Forum, verbose_name="担当フォーラム", on_delete=models.PROTECT, related_name="needs"
    )
    survey = models.ForeignKey(
        NeedsSurvey,
        verbose_name="ニーズ調査",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs",
    )
    is_public = models.BooleanField(
        "公開する",
        default=False,
        help_text="編集者が内容を確認し、団体が公開に同意したものだけ公開してください。",
    )
    shown_to_members = models.BooleanField(
        "会員に公開する",
        default=False,
        help_text="一般には公開しなくても、ログインした会員には表示します"
        "（団体が会員への公開に同意したものだけ）。",
    )
    publication_consent = models.CharField(
        "公開への同意",
        max_length=10,
        choices=Publication.choices,
        default=Publication.NONE,
        help_text="回答者がこのニーズの公開にどこまで同意したか",
    )
    contact_name = models.CharField("回答者氏名", max_length=100, blank=True)
    contact_email = models.EmailField("回答者メールアドレス", blank=True)
    submission_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("local_government"), FieldPanel("facility_manager")], heading="団体"
        ),
        FieldPanel("fields", widget=forms.CheckboxSelectMultiple),
        FieldPanel("theme"),
        FieldPanel("sought"),
        FieldRowPanel([FieldPanel("forum"), FieldPanel("survey")]),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("publication_consent"),
            ],
            heading="回答者（非公開）",
        ),
        FieldRowPanel([FieldPanel("is_public"), FieldPanel("shown_to_members")], heading="公開"),
    ]

    objects = NeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "ニーズ"
        verbose_name_plural = "ニーズ"

    def __str__(self):
        return f"{self.local_government}「{self.theme}」"

    def clean(self):
        """Never shown wider than the respondent agreed to (公開への同意)."""
        errors = {}
        if self.is_public and self.publication_consent != Publication.PUBLIC:
            errors["is_public"] = (
                "「公開への同意」が「一般に公開してよい」ではないため、一般には公開できません。"
            )
        if self.shown_to_members and self.publication_consent == Publication.NONE:
            errors["shown_to_members"] = (
                "「公開への同意」が「公開しない」のため、会員にも公開できません。"
            )
        if errors:
            raise ValidationError(errors)

    def shown_matchings(self):
        """The matchings its public page lists (not the dropped ones), each with its case study
        only where the public may see that page: never a draft or a restricted one."""
        case_studies = Matching._meta.get_field("case_study").related_model.objects.visible()
        return self.matchings.exclude(stage=Stage.DROPPED).prefetch_related(
            "seeds", models.Prefetch("case_study", queryset=case_studies.listed())
        )


class SeedQuerySet(models.QuerySet):
    def public(self):
        """Published seeds of organisations that agreed to be named."""
        return self.filter(live=True, is_public=True, anonymous=False)

    def for_members(self):
        """What a logged-in member (or an editor) sees: the public seeds and those the
        organisation let members see (never an anonymous one, never a draft)."""
        return self.filter(live=True, anonymous=False).filter(
            models.Q(is_public=True) | models.Q(shown_to_members=True)
        )

    def visible(self, members=False):
        return self.for_members() if members else self.public()

    def owned_by(self, organisation):
        return self.filter(member=organisation)

    def for_listing(self):
        return self.prefetch_related("fields").select_related("image").order_by("-pk")


class Seed(DraftStateMixin, RevisionMixin, ClusterableModel):
    """A technology a company, university or other organisation offers (シーズ).

    Drafts and revisions: an owner's changes from the members' area (matching/owners.py) are
    saved as a draft revision, and the public site keeps showing the published row until the
    forum's editors publish the draft in the admin.
    """

    organisation_name = models.CharField("団体名", max_length=200)
    member = models.ForeignKey(
        "members.MemberOrganisation",
        verbose_name="会員団体",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seeds",
        help_text="会員なら選んでください。",
    )
    technology = models.CharField("技術名", max_length=200)
    overview = models.TextField("概要", max_length=3000)
    fields = ParentalManyToManyField(
        InfrastructureField, verbose_name="対象のインフラ分野", related_name="seeds"
    )
    netis_number = models.CharField(
        "NETIS登録番号", max_length=30, blank=True, help_text="例: KT-190001-A"
    )
    reference_url = models.URLField("参考URL", blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="画像",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_department = models.CharField(
        "問い合わせ窓口（部署）", max_length=200, blank=True, help_text="例: 営業本部 技術営業課"
    )
    contact_email = models.EmailField("問い合わせ窓口のメールアドレス", blank=True)
    contact_phone = models.CharField("問い合わせ窓口の電話番号", max_length=30, blank=True)
    is_public = models.BooleanField("公開する", default=False)
    shown_to_members = models.BooleanField(
        "会員に公開する",
        default=False,
        help_text="一般には公開しなくても、ログインした会員には表示します。",
    )
    anonymous = models.BooleanField(
        "団体名を伏せる",
        default=False,
        help_text="団体が名前の公開を望まない場合。公開サイトにも会員にも一切表示されません。",
    )

    panels = [
        FieldRowPanel([FieldPanel("organisation_name"), FieldPanel("member")]),
        FieldPanel("technology"),
        FieldPanel("overview"),
        FieldPanel("fields", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("netis_number"), FieldPanel("reference_url")]),
        FieldPanel("image"),
        InlinePanel("photos", heading="画像", label="画像"),
        InlinePanel("documents", heading="資料", label="資料"),
        MultiFieldPanel(
            [
                FieldPanel("contact_department"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading="問い合わせ窓口（ログインした会員にだけ表示）",
        ),
        FieldRowPanel(
            [FieldPanel("is_public"), FieldPanel("shown_to_members"), FieldPanel("anonymous")],
            heading="公開",
        ),
    ]

    objects = SeedQuerySet.as_manager()

    class Meta:
        ordering = ["-pk"]
        verbose_name = "シーズ"
        verbose_name_plural = "シーズ"

    def __str__(self):
        return f"{self.technology}（{self.organisation_name}）"

    @property
    def publication(self):
        if self.is_public:
            return Publication.PUBLIC
        return Publication.MEMBERS if self.shown_to_members else Publication.NONE

    @property
    def has_contact(self):
        return bool(self.contact_department or self.contact_email or self.contact_phone)

    def is_owned_by(self, organisation):
        """Whether the people of `organisation` (a member, or None) enter and change it."""
        return organisation is not None and self.member_id == organisation.pk


class SeedPhoto(Orderable):
    """A picture of the technology at work, shown on the seed's page."""

    seed = ParentalKey(Seed, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="画像", on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(
        "説明", max_length=200, blank=True, help_text="画像の内容（代替テキストにもなります）"
    )

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "シーズの画像"
        verbose_name_plural = "シーズの画像"


class SeedDocument(Orderable):
    """A leaflet, specification or report on the technology (a Wagtail document)."""

    seed = ParentalKey(Seed, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="資料", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        "表示名", max_length=200, blank=True, help_text="空欄なら資料のタイトルを表示します。"
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "シーズの資料"
        verbose_name_plural = "シーズの資料"

    @property
    def label(self):
        return self.title or self.document.title


class Matching(ClusterableModel):
    """A need and the seeds proposed for it, moving 検討 → 成立 → 現場試行 → 社会実装."""

    need = models.ForeignKey(
        Need, verbose_name="ニーズ", on_delete=models.CASCADE, related_name="matchings"
    )
    seeds = ParentalManyToManyField(Seed, verbose_name="シーズ", related_name="matchings")
    forum = models.ForeignKey(
        Forum, verbose_name="担当フォーラム", on_delete=models.PROTECT, related_name="matchings"
    )
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name="出会いのイベント",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matchings",
        help_text="ピッチイベントやマッチングイベントで出会った場合",
    )
    stage = models.CharField(
        "現在の段階", max_length=20, choices=Stage.choices, default=Stage.CONSIDERED
    )
    dropped_reason = models.TextField("見送りの理由", blank=True, max_length=1000)
    case_study = models.ForeignKey(
        "casestudies.CaseStudyPage",
        verbose_name="協働事例",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matchings",
        help_text="社会実装に至ったら、事例として紹介するページを選んでください。",
    )
    notes = models.TextField("メモ（非公開）", blank=True)

    panels = [
        FieldPanel("need"),
        FieldPanel("seeds"),
        FieldRowPanel([FieldPanel("forum"), FieldPanel("event")]),
        MultiFieldPanel(
            [
                FieldPanel("stage"),
                FieldPanel("dropped_reason"),
                FieldPanel("case_study"),
                InlinePanel(
                    "stage_changes",
                    heading="段階の履歴",
                    label="段階",
                    help_text="到達した段階ごとに日付を記録します（KPIの年度はこの日付で決まります）。",
                ),
            ],
            heading="段階",
        ),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["-pk"]
        verbose_name = "マッチング"
        verbose_name_plural = "マッチング"

    def __str__(self):
        return f"{self.need.theme}（{self.get_stage_display()}）"

    def clean(self):
        if self.stage == Stage.DROPPED and not self.dropped_reason.strip():
            raise ValidationError({"dropped_reason": "見送りの理由を入力してください。"})

    def reach(self, stage, date=None, note=""):
        """Move to `stage`, dating it in the history (a stage reached again keeps one row)."""
        self.stage = stage
        self.save()
        change, _ = MatchingStageChange.objects.update_or_create(
            matching=self, stage=stage, defaults={"date": date or japan_today(), "note": note}
        )
        return change


class MatchingStageChange(Orderable):
    """The date a matching reached a stage: one row per stage, corrected in place."""

    matching = ParentalKey(Matching, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.CharField("段階", max_length=20, choices=Stage.choices)
    date = models.DateField("到達日", default=japan_today)
    note = models.CharField("メモ", max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("stage"), FieldPanel("date")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "段階の履歴"
        verbose_name_plural = "段階の履歴"
        constraints = [
            models.UniqueConstraint(
                fields=["matching", "stage"], name="matching_one_date_per_stage"
            )
        ]

    def __str__(self):
        return f"{self.get_stage_display()}（{self.date:%Y-%m-%d}）"


class OperationalStory(models.Model):
    """運営ノウハウ: each regional forum's success or failure story of the year."""

    class Kind(models.TextChoices):
        SUCCESS = "success", "成功事例"
        FAILURE = "failure", "失敗事例"

    forum = models.ForeignKey(
        Forum,
        verbose_name="フォーラム",
        on_delete=models.PROTECT,
        related_name="operational_stories",
    )
    fiscal_year = models.PositiveSmallIntegerField(
        "年度", default=current_fiscal_year, help_text="例: 2021（2021年度）"
    )
    kind = models.CharField("種類", max_length=10, choices=Kind.choices)
    title = models.CharField("表題", max_length=200)
    body = models.TextField("内容", max_length=5000)

    panels = [
        FieldRowPanel([FieldPanel("forum"), FieldPanel("fiscal_year"), FieldPanel("kind")]),
        FieldPanel("title"),
        FieldPanel("body"),
    ]

    class Meta:
        ordering = ["-fiscal_year", "forum__sort_order", "pk"]
        verbose_name = "運営ノウハウ"
        verbose_name_plural = "運営ノウハウ"

    def __str__(self):
        return self.title


class MatchingIndexPage(RoutablePageMixin, BasePage):
    """ニーズ・シーズ: the published needs and seeds, and the forums' open needs surveys.

    Needs and seeds are snippets, shown here through sub-pages (needs/, seeds/, needs/12/…),
    so only this page itself is in the site search and the sitemap.
    """

    introduction = models.TextField("導入文", blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    search_result = False
    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    per_page = 20

    class Meta:
        verbose_name = "ニーズ・シーズ"
        verbose_name_plural = "ニーズ・シーズ"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = japan_today()
        context["open_surveys"] = NeedsSurvey.objects.filter(
            opens_on__lte=today, closes_on__gte=today
        ).select_related("forum")
        members = sees_members_content(request)
        context["need_count"] = Need.objects.visible(members).count()
        context["seed_count"] = Seed.objects.visible(members).count()
        context["for_members"] = members
        context["seed_offer_url"] = views.seed_offer_url(request)
        changes = MatchingStageChange.objects.all()
        year = latest_year(changes)
        if year is not None:
            context["funnel_year"] = year
            context["funnel"] = funnel(changes, year)
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        """A member's index shows their own counts and link to the seeds form: theirs only."""
        response = super().index_route(request, *args, **kwargs)
        return views.shown(request, response, sees_members_content(request))

    # Each route hands matching/views.py the querysets it reads (as a URLconf gives Django's
    # generic views theirs).

    @path("needs/", name="needs")
    def needs(self, request):
        return views.need_list(request, self, Need.objects.all(), InfrastructureField.objects.all())

    @path("needs/<int:pk>/", name="need")
    def need(self, request, pk):
        return views.need_detail(request, self, pk, Need.objects.all(), Seed.objects.all())

    @path("seeds/", name="seeds")
    def seeds(self, request):
        return views.seed_list(request, self, Seed.objects.all(), InfrastructureField.objects.all())

    @path("seeds/<int:pk>/", name="seed")
    def seed(self, request, pk):
        return views.seed_detail(request, self, pk, Seed.objects.all())

    @path("surveys/<int:pk>/", name="survey")
    def survey(self, request, pk):
        return views.survey_form(
            request, self, pk, NeedsSurvey.objects.all(), InfrastructureField.objects.all()
        )

    @path("surveys/<int:pk>/thanks/", name="survey_thanks")
    def survey_thanks(self, request, pk):
        return views.survey_thanks(request, self, pk, NeedsSurvey.objects.all())
