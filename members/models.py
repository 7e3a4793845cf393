"""The membership register: local governments, member organisations, their people.

Membership is decided by dates, not by a flag: an organisation is a member on a day when it
joined on or before that day and has not left (`left_on` is the first day it is no longer a
member). Access to the members' area and the KPI 自治体会員数 both ask the same question
(`MemberOrganisationQuerySet.members_on`), so a member who leaves loses access the same day
the ratio stops counting them.
"""

import datetime
import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import Coalesce, NullIf
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from website.blocks import BaseStreamBlock
from website.dates import japan_date, japan_today
from website.models import BasePage, Forum, Prefecture
from website.submissions import make_private

from .panels import ContactsPanel

# Japan's local governments (47 prefectures and 1,741 municipalities) as of the shipped list.
LOCAL_GOVERNMENT_TOTAL = 1788


def normalize(text):
    """NFKC and trimmed: half-width kana and full-width digits become one spelling."""
    return unicodedata.normalize("NFKC", text or "").strip()


def check_digit(five_digits):
    """The check digit of a 全国地方公共団体コード (JIS X 0402): weights 6..2, modulus 11."""
    total = sum(int(d) * w for d, w in zip(five_digits, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


def validate_local_government_code(value):
    if not (len(value) == 6 and value.isascii() and value.isdigit()):
        raise ValidationError("団体コードは6桁の数字で入力してください（例: 131016）。")
    if check_digit(value[:5]) != int(value[5]):
        raise ValidationError("団体コードの検査数字（6桁目）が合いません。")


class LocalGovernmentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(abolished=False)

    def matching(self, query):
        """By code (its first digits, 5 or 6 digits), name or kana, in any width."""
        query = normalize(query)
        if not query:
            return self
        if query.isdigit():
            return self.filter(code__startswith=query)
        return self.filter(
            models.Q(name__icontains=query)
            | models.Q(kana__icontains=query)
            | models.Q(prefecture__name__icontains=query)
        )


class LocalGovernment(models.Model):
    """One of Japan's local governments, from 総務省「全国地方公共団体コード」.

    Loaded from members/data/local_governments.csv by a migration and refreshed with
    `manage.py load_local_governments` (members/data/README.md); editors do not type them.
    """

    class Kind(models.TextChoices):
        PREFECTURE = "prefecture", "都道府県"
        DESIGNATED_CITY = "designated_city", "政令指定都市"
        CITY = "city", "市"
        SPECIAL_WARD = "special_ward", "特別区"
        TOWN = "town", "町"
        VILLAGE = "village", "村"

    code = models.CharField(
        "団体コード",
        max_length=6,
        primary_key=True,
        validators=[validate_local_government_code],
        help_text="全国地方公共団体コード（6桁、検査数字を含む）",
    )
    name = models.CharField("団体名", max_length=30, help_text="都道府県なら都道府県名")
    kana = models.CharField("団体名（カナ）", max_length=60, blank=True)
    prefecture = models.ForeignKey(
        Prefecture, verbose_name="都道府県", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("種別", max_length=20, choices=Kind.choices)
    abolished = models.BooleanField(
        "廃止", default=False, help_text="合併などで一覧からなくなった団体（会員の記録のため残す）"
    )

    objects = LocalGovernmentQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "地方公共団体"
        verbose_name_plural = "地方公共団体"

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        if self.kind == self.Kind.PREFECTURE:
            return self.name
        return f"{self.prefecture.name}{self.name}"


class OrganisationType(models.TextChoices):
    COMPANY = "company", "企業"
    LOCAL_GOVERNMENT = "local_government", "地方公共団体"
    ACADEMIC = "academic", "学術・研究機関"
    CITIZEN_GROUP = "citizen_group", "市民団体"
    INDIVIDUAL = "individual", "個人"
    OTHER = "other", "その他"


# Individuals are members too, but their names are personal data: not in the directory.
DIRECTORY_TYPES = [choice for choice in OrganisationType.choices if choice[0] != "individual"]


class MemberOrganisationQuerySet(models.QuerySet):
    def members_on(self, day):
        """Members on `day` (a date, or an aware datetime read in Japan time)."""
        return self.filter(member_on(day))

    def current(self):
        return self.members_on(japan_today())

    def local_governments(self):
        return self.filter(type=OrganisationType.LOCAL_GOVERNMENT, local_government__isnull=False)

    def matching(self, query):
        query = normalize(query)
        if not query:
            return self
        return self.filter(models.Q(name__icontains=query) | models.Q(kana__icontains=query))

    def for_directory(self):
        """Today's members as the directory lists them: no individuals (personal data), the
        forums in one more query."""
        return (
            self.current()
            .exclude(type=OrganisationType.INDIVIDUAL)
            .select_related("prefecture", "local_government")
            .prefetch_related("forums")
            .defer("notes")
        )

    def in_kana_order(self):
        # A local government without its own kana sorts by the local-government list's kana.
        reading = Coalesce(
            NullIf("kana", models.Value("")),
            NullIf("local_government__kana", models.Value("")),
            "name",
        )
        return self.order_by(reading, "pk")

    def individuals(self):
        return self.filter(type=OrganisationType.INDIVIDUAL)

    def of_user(self, user):
        """The organisation `user` logs in for, if the user is active and it is a member today."""
        if not (user.is_authenticated and user.is_active):
            return None
        return self.current().filter(accounts__user=user).first()


def member_on(day):
    """The condition of being a member on `day` (a date, or an aware datetime read in Japan
    time)."""
    if isinstance(day, datetime.datetime):
        day = japan_date(day)
    return models.Q(joined_on__lte=day) & (
        models.Q(left_on__isnull=True) | models.Q(left_on__gt=day)
    )


def local_government_members_on(day):
    """How many distinct local governments are members on `day`."""
    return local_government_members_on_days([day])[day]


def local_government_members_on_days(days):
    """{day: how many distinct local governments are members on it} of each of `days`
    (dates), in one query."""
    days = list(dict.fromkeys(days))
    if not days:
        return {}
    counts = (
        MemberOrganisation.objects.local_governments()
        .order_by()
        .aggregate(
            **{
                f"on_{index}": models.Count(
                    "local_government", distinct=True, filter=member_on(day)
                )
                for index, day in enumerate(days)
            }
        )
    )
    return {day: counts[f"on_{index}"] for index, day in enumerate(days)}


class MemberOrganisation(ClusterableModel):
    """A member of the council: a company, a local government, a university, a group, a person."""

    type = models.CharField("会員種別", max_length=20, choices=OrganisationType.choices)
    name = models.CharField("名称", max_length=200)
    kana = models.CharField("名称（カナ）", max_length=200, blank=True)
    prefecture = models.ForeignKey(
        Prefecture,
        verbose_name="都道府県",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    local_government = models.ForeignKey(
        LocalGovernment,
        verbose_name="地方公共団体",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="member_organisations",
        help_text="会員種別が「地方公共団体」のとき、団体名か団体コードで選びます。",
    )
    joined_on = models.DateField("入会日")
    left_on = models.DateField(
        "退会日",
        null=True,
        blank=True,
        help_text="この日から会員ではなくなります（空欄: 在籍中）。",
    )
    forums = ParentalManyToManyField(
        Forum, verbose_name="参加フォーラム", blank=True, related_name="member_organisations"
    )
    public_description = models.TextField(
        "紹介文（会員名簿）",
        blank=True,
        max_length=1000,
        help_text="会員名簿（ログインした会員だけが見るページ）に載せる紹介文",
    )
    website_url = models.URLField(
        "ウェブサイト", blank=True, help_text="会員名簿で、団体名からこのページにリンクします。"
    )
    notes = models.TextField("事務局メモ", blank=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    objects = MemberOrganisationQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("type"), FieldPanel("prefecture")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("kana")]),
        FieldPanel("local_government"),
        FieldRowPanel([FieldPanel("joined_on"), FieldPanel("left_on")]),
        FieldPanel("forums", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("public_description"), FieldPanel("website_url")],
            heading="会員名簿に載せる情報",
        ),
        FieldPanel("notes"),
        ContactsPanel(heading="担当者（個人情報）"),
    ]

    class Meta:
        ordering = ["kana", "name"]
        verbose_name = "会員"
        verbose_name_plural = "会員名簿"
        permissions = [("view_contact_personal_data", "会員の担当者の個人情報を閲覧できる")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gt=models.F("joined_on")),
                name="members_left_after_joining",
                violation_error_message="退会日は入会日より後の日付にしてください。",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        is_government = self.type == OrganisationType.LOCAL_GOVERNMENT
        if is_government and not self.local_government_id:
            errors["local_government"] = "地方公共団体の会員は、団体を選んでください。"
        if not is_government and self.local_government_id:
            errors["local_government"] = (
                "団体を選ぶのは、会員種別が「地方公共団体」のときだけです。"
            )
        if self.left_on and self.joined_on and self.left_on <= self.joined_on:
            errors["left_on"] = "退会日は入会日より後の日付にしてください。"
        if errors:
            raise ValidationError(errors)
        if is_government and not self.prefecture_id:
            self.prefecture_id = self.local_government.prefecture_id

    def is_member_on(self, day):
        if isinstance(day, datetime.datetime):
            day = japan_date(day)
        return self.joined_on <= day and (self.left_on is None or self.left_on > day)

    @property
    def is_current(self):
        return self.is_member_on(japan_today())


class ContactPerson(models.Model):
    """Someone the secretariat writes to at a member. Personal data: kept out of the
    organisation's form and managed in its own admin list, open only with the permission."""

    PERSONAL_DATA_PERMISSION = "members.view_contact_personal_data"

    organisation = models.ForeignKey(
        MemberOrganisation, verbose_name="会員", on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField("氏名", max_length=100)
    department = models.CharField("部署・役職", max_length=200, blank=True)
    email = models.EmailField("メールアドレス", blank=True)
    phone = models.CharField("電話番号", max_length=30, blank=True)

    panels = [
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("department")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    ]

    class Meta:
        ordering = ["organisation__kana", "name"]
        verbose_name = "担当者"
        verbose_name_plural = "担当者"

    def __str__(self):
        return self.name


class MemberAccount(models.Model):
    """A person's log-in to the members' area, on behalf of one member organisation.

    The secretariat creates it with an e-mail address and sends the invitation; the person
    sets a password from the signed link. Access needs an active user and an organisation
    that is a member today (members.access).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="ユーザー",
        on_delete=models.CASCADE,
        related_name="member_account",
    )
    organisation = models.ForeignKey(
        MemberOrganisation,
        verbose_name="会員",
        on_delete=models.CASCADE,
        related_name="accounts",
    )
    invited_at = models.DateTimeField("招待日時", null=True, blank=True)
    activated_at = models.DateTimeField("利用開始日時", null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "user__email"]
        verbose_name = "会員アカウント"
        verbose_name_plural = "会員アカウント"

    def __str__(self):
        return f"{self.user.email}（{self.organisation}）"


# --- the members' area (会員専用ページ) ------------------------------------------------------


class MembersOnlyPage(BasePage):
    """A page of the members' area: never kept by the page cache or any shared cache."""

    page_cache_exempt = True

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        return make_private(super().serve(request, *args, **kwargs))


class MembersIndexPage(MembersOnlyPage):
    """The members' area: only logged-in members see it and what is under it.

    Creating it adds Wagtail's 「ログインユーザーのみ」 restriction (members.signals), which keeps
    it and its pages out of every public listing, the search, feeds, the sitemap and the page
    cache; members.access checks that the person is a member today.
    """

    introduction = models.TextField("導入文", blank=True, max_length=500)

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]
    search_result = False  # lists other pages: not a result of the site search
    parent_page_types = ["website.HomePage"]
    subpage_types = ["members.MembersPage", "members.MembersDirectoryPage"]
    max_count = 1

    class Meta:
        verbose_name = "会員専用ページ（トップ）"
        verbose_name_plural = "会員専用ページ（トップ）"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["directories"] = MembersDirectoryPage.objects.child_of(self).live()
        pages = MembersPage.objects.child_of(self).live().order_by("-first_published_at")
        if not request.user.has_perm("wagtailadmin.access_admin"):  # editors review them all
            organisation = MemberOrganisation.objects.of_user(request.user)
            forum_ids = (
                list(organisation.forums.values_list("pk", flat=True)) if organisation else []
            )
            pages = pages.filter(
                models.Q(forums__isnull=True) | models.Q(forums__in=forum_ids)
            ).distinct()
        context["members_pages"] = pages.prefetch_related("forums")
        return context


class MembersPage(MembersOnlyPage):
    """Meeting materials, recordings, notices: for members, or for the members of some forums."""

    summary = models.TextField("概要", blank=True, max_length=300)
    body = StreamField(BaseStreamBlock(), verbose_name="本文", blank=True)
    forums = ParentalManyToManyField(
        Forum,
        verbose_name="閲覧できるフォーラム",
        blank=True,
        related_name="+",
        help_text="選ぶと、そのフォーラムに参加している会員だけが見られます（空欄: 会員全員）。",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("forums", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    # Found in the site search by logged-in members only (members/search.py).
    search_section = "会員専用"
    search_restricted = True
    parent_page_types = ["members.MembersIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "会員専用ページ"
        verbose_name_plural = "会員専用ページ"

    def restricted_forum_ids(self):
        return list(self.forums.values_list("pk", flat=True))


class MembersDirectoryPage(MembersOnlyPage):
    """会員名簿: today's member organisations from the register, for members only (under the
    members' area). Individual members are counted, never named (personal data)."""

    introduction = models.TextField("導入文", blank=True, max_length=500)
    members_per_page = 50

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]
    search_result = False  # lists the register, not a result of the site search
    parent_page_types = ["members.MembersIndexPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "会員名簿（会員専用）"
        verbose_name_plural = "会員名簿（会員専用）"

    def get_context(self, request, *args, **kwargs):
        from .filters import DirectoryFilterForm

        context = super().get_context(request, *args, **kwargs)
        filter_form = DirectoryFilterForm(request.GET, types=DIRECTORY_TYPES)
        members = filter_form.filter(MemberOrganisation.objects.for_directory()).in_kana_order()
        page_obj = Paginator(members, self.members_per_page).get_page(request.GET.get("page"))
        context.update(
            filter_form=filter_form,
            active_filters=filter_form.active_filters(request.path),
            page_obj=page_obj,
            directory=page_obj.object_list,
            individuals=MemberOrganisation.objects.current().individuals().count(),
        )
        return context
