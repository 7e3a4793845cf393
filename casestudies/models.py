from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Prefetch
from django.utils.translation import gettext
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from website import images
from website.blocks import BaseStreamBlock
from website.dates import month_label
from website.i18n import is_default_language, translated
from website.listing import Counted
from website.models import BasePage, PagePhoto, VisiblePageQuerySet
from website.prefectures import place_label
from website.teams import ForumOwnedPage, ForumOwnedPageForm, TeamIndexPage

from .filters import CaseStudyFilterForm


class Taxonomy(models.Model):
    """A small editor-managed list of terms, offered as a filter on the case-study index."""

    name = models.CharField("名称", max_length=50, unique=True)
    slug = models.SlugField(
        "コード",
        max_length=50,
        unique=True,
        help_text="絞り込みのURLに使う英字の識別子（例: bridge）",
    )
    sort_order = models.PositiveSmallIntegerField(
        "表示順", default=50, help_text="小さい順に並びます。「その他」は999です。"
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class InfrastructureKind(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = "インフラの種類"
        verbose_name_plural = "インフラの種類"


class CollaborationForm(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = "協働の形"
        verbose_name_plural = "協働の形"


class CaseStudyQuerySet(VisiblePageQuerySet):
    def for_listing(self):
        """Everything a case card shows (its place, summary, image and terms) and nothing
        else of the wide page rows, in a fixed number of queries whatever the count. The
        terms come as lists (`listed_kinds`, `listed_forms`): a prefetched manager costs a
        query set per case and per term."""
        card_fields = ["summary", "image", "prefecture", "municipality", "is_model_case"]
        return (
            self.select_related("prefecture")
            .only("title", "url_path", *card_fields)
            .prefetch_related(
                Prefetch("infrastructure_kinds", to_attr="listed_kinds"),
                Prefetch("collaboration_forms", to_attr="listed_forms"),
            )
            .with_image("image", *images.rendition_specs("card"))
        )

    def featured_first(self):
        return self.order_by("-is_model_case", "-first_published_at", "-pk")

    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")

    def model_cases(self):
        return self.filter(is_model_case=True)

    def in_prefectures(self, prefectures):
        return self.filter(prefecture__in=prefectures)

    def of_kind(self, kind):
        return self.filter(infrastructure_kinds=kind)

    def of_form(self, collaboration_form):
        return self.filter(collaboration_forms=collaboration_form)

    def for_forum(self, forum):
        """A forum's cases: those it was involved in and, for a regional forum, its area's."""
        involved = models.Q(forum=forum)
        if forum.is_regional:
            # The codes themselves (the forum page prefetches them): no subquery to build.
            codes = [prefecture.pk for prefecture in forum.prefectures.all()]
            involved |= models.Q(prefecture__in=codes)
        return self.filter(involved)

    def related_to(self, case_study):
        """Other cases sharing an infrastructure kind or a form of collaboration, best first.

        The cases sharing a term are read from the link tables once (`pk IN`), not checked
        case by case: correlated EXISTS made PostgreSQL misjudge the rows and loop over every
        image and prefecture for each candidate (7 ms for 500 cases, now 3 ms)."""
        page_model = self.model
        same_kind = page_model.infrastructure_kinds.through.objects.filter(
            infrastructurekind__in=case_study.infrastructure_kinds.all()
        ).values("casestudypage")
        same_form = page_model.collaboration_forms.through.objects.filter(
            collaborationform__in=case_study.collaboration_forms.all()
        ).values("casestudypage")
        return (
            self.exclude(pk=case_study.pk)
            .annotate(same_kind=models.Q(pk__in=same_kind), same_form=models.Q(pk__in=same_form))
            .filter(models.Q(pk__in=same_kind) | models.Q(pk__in=same_form))
            .order_by("-same_kind", "-same_form", "-is_model_case", "-first_published_at", "-pk")
        )

    # The filters' counts: one aggregate query each, whatever the number of values or cases.
    def count_by_prefecture_and_model(self):
        """{(prefecture code, is a model case): cases}: the area options, the model-case count
        and the number of results all add up from it (CaseStudyFilterForm.count_cases)."""
        # A case has one prefecture: no DISTINCT, which sorts every matching row.
        rows = self.order_by().values("prefecture", "is_model_case").annotate(n=Count("pk"))
        return {(row["prefecture"], row["is_model_case"]): row["n"] for row in rows}

    def count_by_kind(self):
        rows = (
            self.order_by()
            .filter(infrastructure_kinds__isnull=False)
            .values("infrastructure_kinds")
            .annotate(n=Count("pk", distinct=True))
        )
        return {row["infrastructure_kinds"]: row["n"] for row in rows}

    def count_by_form(self):
        rows = (
            self.order_by()
            .filter(collaboration_forms__isnull=False)
            .values("collaboration_forms")
            .annotate(n=Count("pk", distinct=True))
        )
        return {row["collaboration_forms"]: row["n"] for row in rows}


CaseStudyManager = PageManager.from_queryset(CaseStudyQuerySet)


class CaseStudyIndexPage(TeamIndexPage, BasePage):
    introduction = models.TextField("導入文", blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    search_result = False  # lists other pages: not a result of the site search
    parent_page_types = ["website.HomePage"]
    subpage_types = ["casestudies.CaseStudyPage"]
    max_count_per_parent = 1
    # Forum editors add and edit their forum's pages here; 広報部会 approves them (website/teams.py).
    approval_by_default = True

    per_page = 12

    class Meta:
        verbose_name = "協働事例の一覧"
        verbose_name_plural = "協働事例の一覧"

    def get_cases(self):
        return CaseStudyPage.objects.visible().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cases = self.get_cases()
        filter_form = CaseStudyFilterForm(
            request.GET,
            kinds=InfrastructureKind.objects.all(),
            collaboration_forms=CollaborationForm.objects.all(),
        )
        # The counts of the options give the number of results: the paginator counts no more.
        result_count = filter_form.count_cases(cases)
        paginator = Paginator(
            Counted(result_count, filter_form.filter(cases).for_listing().featured_first()),
            self.per_page,
        )
        page_obj = paginator.get_page(request.GET.get("page"))
        listed = list(page_obj.object_list)
        active_filters = filter_form.active_filters(request.path)
        context.update(
            filter_form=filter_form,
            active_filters=active_filters,
            page_obj=page_obj,
            paginator=paginator,
            model_cases=[case for case in listed if case.is_model_case],
            other_cases=[case for case in listed if not case.is_model_case],
        )
        if active_filters and not result_count:
            # The ways out of an empty result: each filter removed alone, or all of them.
            context.update(
                chosen_filters=gettext("、").join(chip["text"] for chip in active_filters),
                relaxations=filter_form.relaxations(cases, request.path),
                unfiltered_count=cases.count(),
            )
        return context


class CaseStudyPage(ForumOwnedPage, BasePage):
    served_with = ("forum", "prefecture", "image")

    summary = models.TextField(
        "概要", max_length=300, help_text="一覧やSNSで表示する、300字以内の紹介文です。"
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="一覧用の画像",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="一覧のカードとページの冒頭に表示します。",
    )
    prefecture = models.ForeignKey(
        "website.Prefecture",
        verbose_name="都道府県",
        on_delete=models.PROTECT,
        related_name="case_studies",
    )
    municipality = models.CharField(
        "市区町村",
        max_length=50,
        blank=True,
        help_text="例: 堺市。都道府県の取組みなら空欄にします。",
    )
    forum = models.ForeignKey(
        "website.Forum",
        verbose_name="関わったフォーラム",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
    )
    infrastructure_kinds = ParentalManyToManyField(
        InfrastructureKind, verbose_name="インフラの種類", related_name="case_studies"
    )
    collaboration_forms = ParentalManyToManyField(
        CollaborationForm, verbose_name="協働の形", related_name="case_studies"
    )
    is_model_case = models.BooleanField(
        "モデル事例",
        default=False,
        help_text="ほかの地域に広めたい事例です。一覧の先頭とトップページで紹介します。",
    )
    period_start = models.DateField("開始日", null=True, blank=True)
    period_end = models.DateField(
        "終了日", null=True, blank=True, help_text="継続中なら空欄にします。"
    )
    period_note = models.CharField(
        "期間の補足",
        max_length=100,
        blank=True,
        help_text="日付が分からないときや補足に（例: 2019年から継続、毎年6月と10月）",
    )
    outcomes = models.TextField("成果", blank=True)
    contact = models.TextField(
        "問い合わせ先", blank=True, help_text="担当部署など。個人の氏名や連絡先は載せません。"
    )
    body = StreamField(BaseStreamBlock(), verbose_name="本文", blank=True)

    objects = CaseStudyManager()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("is_model_case"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prefecture"), FieldPanel("municipality")]),
                FieldPanel("forum"),
            ],
            heading="地域とフォーラム",
        ),
        MultiFieldPanel(
            [
                FieldPanel("infrastructure_kinds", widget=forms.CheckboxSelectMultiple),
                FieldPanel("collaboration_forms", widget=forms.CheckboxSelectMultiple),
            ],
            heading="分類",
        ),
        InlinePanel("participants", heading="参加者", label="参加者", min_num=1),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldPanel("period_note"),
            ],
            heading="期間",
        ),
        FieldPanel("outcomes"),
        FieldPanel("body"),
        InlinePanel("gallery_images", heading="写真", label="写真"),
        MultiFieldPanel(
            [FieldPanel("contact"), InlinePanel("links", label="リンク")],
            heading="問い合わせ先・出典",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("municipality"),
        index.SearchField("outcomes"),
        index.SearchField("body"),
        index.SearchField("search_details"),
        index.FilterField("is_model_case"),
    ]
    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types = []
    base_form_class = ForumOwnedPageForm

    search_section = "事例"

    class Meta:
        verbose_name = "協働事例"
        verbose_name_plural = "協働事例"

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "終了日は開始日より後の日付にしてください。"})

    @property
    def search_date(self):
        return self.first_published_at

    @property
    def location_label(self):
        """'愛知県豊田市', 'Toyota, Aichi' on English pages."""
        return place_label(self.prefecture_id, self.municipality)

    @property
    def period_label(self):
        """The period for people: '2019年4月〜2021年3月（毎年実施）', '2021年11月〜', or the note."""
        start, end = (
            month_label(day.year, day.month) if day else ""
            for day in (self.period_start, self.period_end)
        )
        if start and start == end:
            dates = start
        elif start or end:
            dates = f"{start}〜{end}" if is_default_language() else f"{start} – {end}".strip()
        else:
            dates = ""
        if dates and self.period_note:
            if not is_default_language():
                return f"{dates} ({self.period_note})"
            return f"{dates}（{self.period_note}）"
        return dates or self.period_note

    @classmethod
    def get_indexed_objects(cls):
        # What search_details() reads, fetched for a whole batch when the index is rebuilt.
        return (
            super()
            .get_indexed_objects()
            .select_related("prefecture", "forum")
            .prefetch_related(
                "infrastructure_kinds",
                "collaboration_forms",
                "participants",
                "gallery_images",
                "links",
            )
        )

    def search_details(self):
        """What the page shows besides the fields indexed by name, in the page's language:
        place, kinds, forms, forum, period, participants…"""
        return [
            self.location_label,
            *(translated(kind.name) for kind in self.infrastructure_kinds.all()),
            *(translated(form.name) for form in self.collaboration_forms.all()),
            self.forum.local_name if self.forum else "",
            self.period_label,
            *(f"{kind}：{'、'.join(names)}" for kind, names in self.get_participant_groups()),
            *(photo.caption for photo in self.gallery_images.all()),
            self.contact,
            *(link.title for link in self.links.all()),
        ]

    def get_gallery(self):
        return self.gallery_images.prefetch_related(
            Prefetch("image", queryset=images.with_renditions("case-gallery"))
        )

    def get_participant_groups(self):
        """Participants grouped by type, in the order of the type list."""
        groups = {}
        for participant in self.participants.all():
            groups.setdefault(participant.get_kind_display(), []).append(participant.name)
        order = [label for _, label in CaseStudyParticipant.Kind.choices]
        return sorted(groups.items(), key=lambda item: order.index(item[0]))

    def get_related_cases(self, limit=3):
        return list(
            CaseStudyPage.objects.visible()
            .sibling_of(self, inclusive=False)
            .related_to(self)
            .for_listing()[:limit]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            kinds=list(self.infrastructure_kinds.all()),
            collaboration_forms=list(self.collaboration_forms.all()),
            links=list(self.links.all()),
            gallery=list(self.get_gallery()),
            participant_groups=self.get_participant_groups(),
            related_cases=self.get_related_cases(),
            index_page=self.get_parent(),
        )
        return context


class CaseStudyParticipant(Orderable):
    class Kind(models.TextChoices):
        CITIZENS = "citizens", "市民団体・自治会"
        SCHOOL = "school", "学校"
        COMPANY = "company", "企業"
        NPO = "npo", "NPO"
        UNIVERSITY = "university", "大学・研究機関"
        GOVERNMENT = "government", "行政"
        OTHER = "other", "その他"

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField("種別", max_length=20, choices=Kind.choices)
    name = models.CharField(
        "名称", max_length=100, help_text="団体・学校・企業などの名称（個人名は載せません）"
    )

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("name")])]

    class Meta(Orderable.Meta):
        verbose_name = "参加者"
        verbose_name_plural = "参加者"

    def __str__(self):
        return self.name


class CaseStudyGalleryImage(PagePhoto):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="gallery_images")


class CaseStudyLink(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="links")
    title = models.CharField("リンクの名前", max_length=100, help_text="例: 市の紹介ページ")
    url = models.URLField("URL")

    panels = [FieldRowPanel([FieldPanel("title"), FieldPanel("url")])]

    class Meta(Orderable.Meta):
        verbose_name = "リンク"
        verbose_name_plural = "リンク"

    def __str__(self):
        return self.title
