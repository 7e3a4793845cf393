import re

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.forms import TaskStateCommentForm
from wagtail.images import get_image_model
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import GroupApprovalTask, Orderable, Page, PageViewRestriction
from wagtail.models.audit_log import BaseLogEntry, ModelLogEntryManager
from wagtail.permissions import policy_registry
from wagtail.search import index

from .addresses import absolute_url
from .admin_forms import SankakuPageForm, default_slug
from .blocks import BaseStreamBlock
from .search.fields import UnquotedSearchField
from .visibility import (  # noqa: F401
    VisiblePageManager,
    VisiblePageQuerySet,
    paths_checked_by_wagtail,
)
from .widgets import PrefectureCheckboxes


class Prefecture(models.Model):
    """One of the 47 prefectures (fixed data, loaded by a migration)."""

    code = models.CharField("コード", max_length=2, primary_key=True)
    name = models.CharField("都道府県名", max_length=10, unique=True)
    region = models.SlugField(
        "地方ブロック", max_length=20, help_text="この都道府県を担当する地方フォーラムのコード"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = "都道府県"
        verbose_name_plural = "都道府県"

    def __str__(self):
        return self.name

    @property
    def local_name(self):
        """'愛知県', 'Aichi' on English pages."""
        from .i18n import is_default_language
        from .prefectures import ENGLISH_NAMES

        return self.name if is_default_language() else ENGLISH_NAMES.get(self.code, self.name)


class ForumQuerySet(models.QuerySet):
    def national(self):
        return self.filter(kind=Forum.Kind.NATIONAL)

    def regional(self):
        return self.filter(kind=Forum.Kind.REGIONAL)

    def in_language(self):
        """The forums that have a page in the language being read: all in Japanese, those
        with an English name in English (website/i18n.py)."""
        from .i18n import is_default_language

        return self if is_default_language() else self.exclude(name_en="")


class Forum(index.Indexed, ClusterableModel):
    """A national or regional forum of the council: the organiser of news, events, lessons."""

    class Kind(models.TextChoices):
        NATIONAL = "national", "全国フォーラム"
        REGIONAL = "regional", "地方フォーラム"

    name = models.CharField("名称", max_length=100, unique=True)
    slug = models.SlugField(
        "コード", max_length=50, unique=True, help_text="URLに使う英字の識別子（例: kinki）"
    )
    kind = models.CharField("種別", max_length=10, choices=Kind.choices)
    short_description = models.TextField("紹介文", max_length=500, blank=True)
    prefectures = ParentalManyToManyField(
        Prefecture,
        verbose_name="対象の都道府県",
        blank=True,
        related_name="forums",
        help_text="地方フォーラムが担当する都道府県",
    )
    website_url = models.URLField("ウェブサイト", blank=True)
    # The English version: a forum with an English name has an English page.
    name_en = models.CharField(
        "英語の名称",
        max_length=100,
        blank=True,
        help_text="入力すると、英語版サイト（/en/forums/）にこのフォーラムのページができます。",
    )
    short_description_en = models.TextField("英語の紹介文", max_length=500, blank=True)
    sort_order = models.PositiveSmallIntegerField("表示順", default=100)
    editor_group = models.OneToOneField(
        "auth.Group",
        verbose_name="編集者グループ",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="forum",
        help_text="このフォーラムのページを編集できる人のグループ（website/teams.py が作ります）",
    )

    objects = ForumQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("short_description"),
        FieldPanel("prefectures", widget=PrefectureCheckboxes),
        FieldPanel("website_url"),
        MultiFieldPanel(
            [FieldPanel("name_en"), FieldPanel("short_description_en")], heading="英語版"
        ),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_description"),
        index.SearchField("search_details"),
        UnquotedSearchField("name_en"),
        UnquotedSearchField("short_description_en"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "フォーラム"
        verbose_name_plural = "フォーラム"
        permissions = [("edit_all_forums", "すべてのフォーラムのコンテンツを編集できる")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forum_detail", kwargs={"slug": self.slug})

    @property
    def is_regional(self):
        return self.kind == self.Kind.REGIONAL

    @property
    def local_name(self):
        """The name in the language being read (the Japanese one when there is no English)."""
        from .i18n import is_default_language

        return self.name if is_default_language() else (self.name_en or self.name)

    @property
    def local_description(self):
        from .i18n import is_default_language

        return self.short_description if is_default_language() else self.short_description_en

    @property
    def local_kind(self):
        from django.utils.translation import gettext

        return gettext(self.get_kind_display())

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # modelcluster writes the prefectures after post_save, when the forum was indexed.
        index.insert_or_update_object(self)

    def search_details(self):
        """What the forum's page shows besides its name and description."""
        return [
            self.get_kind_display(),
            *(prefecture.name for prefecture in self.prefectures.all()),
        ]


def international_phone(number):
    """A Japanese number as dialled from abroad ('03-5253-8111' → '+81 3-5253-8111'); one
    already given with a country code stays as it is."""
    number = number.strip()
    if number.startswith("0"):
        return f"+81 {number[1:]}"
    return number


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What editors change about the organisation without a deploy."""

    organisation_name = models.CharField(
        "団体名", max_length=100, default="インフラメンテナンス国民会議"
    )
    secretariat_name = models.CharField(
        "事務局名", max_length=100, blank=True, default="インフラメンテナンス国民会議 事務局"
    )
    postal_address = models.TextField("所在地", blank=True)
    email = models.EmailField("メールアドレス", blank=True)
    phone = models.CharField("電話番号", max_length=30, blank=True)
    contact_hours = models.CharField("受付時間", max_length=100, blank=True)
    x_url = models.URLField("X（旧Twitter）", blank=True)
    facebook_url = models.URLField("Facebook", blank=True)
    youtube_url = models.URLField("YouTube", blank=True)
    privacy_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="プライバシーポリシーのページ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The pages a Japanese public-sector site links from every footer.
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="ウェブアクセシビリティ方針のページ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    site_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="サイトポリシーのページ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    access_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="アクセス（所在地への道順）のページ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    default_social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="SNS共有用の既定画像",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("secretariat_name"),
                FieldPanel("postal_address"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("contact_hours"),
            ],
            heading="連絡先",
        ),
        MultiFieldPanel(
            [FieldPanel("x_url"), FieldPanel("facebook_url"), FieldPanel("youtube_url")],
            heading="SNS",
        ),
        MultiFieldPanel(
            [
                FieldPanel("privacy_policy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("site_policy_page"),
                FieldPanel("access_page"),
            ],
            heading="フッターにリンクするページ",
        ),
        FieldPanel("default_social_image"),
    ]

    # The footer and the forms link these pages; og:image falls back to the default image.
    linked_pages = ["privacy_policy_page", "accessibility_page", "site_policy_page", "access_page"]
    select_related = [*linked_pages, "default_social_image"]

    class Meta:
        verbose_name = "サイト設定"
        verbose_name_plural = "サイト設定"

    @classmethod
    def base_queryset(cls):
        # Every page reads the settings. Of each linked page only its URL is shown: reading
        # Wagtail's wide page rows whole cost more than the rest of the settings' query.
        image_fields = [field.name for field in get_image_model()._meta.concrete_fields]
        return (
            super()
            .base_queryset()
            .only(
                *(field.name for field in cls._meta.concrete_fields),
                *(f"{page}__url_path" for page in cls.linked_pages),
                *(f"default_social_image__{field}" for field in image_fields),
            )
        )

    @property
    def phone_uri(self):
        """The phone number as a tel: link dials it from anywhere: 'tel:+81-3-5253-8111'."""
        return f"tel:{international_phone(self.phone).replace(' ', '-')}"

    @property
    def phone_abroad(self):
        """'+81 3-5253-8111': how English pages give the number, for callers from abroad."""
        return international_phone(self.phone)

    @cached_property
    def social_links(self):
        links = [("X", self.x_url), ("Facebook", self.facebook_url), ("YouTube", self.youtube_url)]
        return [(name, url) for name, url in links if url]


class BasePage(Page):
    """Every page type: a social image and a description for OpenGraph and search engines."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="SNS共有用の画像",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="空欄ならページの画像か、サイトの既定画像を使います。",
    )

    promote_panels = Page.promote_panels + [FieldPanel("social_image")]
    base_form_class = SankakuPageForm  # ASCII slugs (website/admin_forms.py)
    # The foreign keys that the page type's own template shows (its forum, category, image…),
    # read in the same query as the page when it is served, instead of a query each.
    served_with = ()

    objects = VisiblePageManager()

    class Meta:
        abstract = True

    def route(self, request, path_components):
        """Wagtail's routing, reading each page passed through only as far as Wagtail's own
        fields, which find its children: one query per level fewer. The page served, and a
        page with routes of its own (RoutablePageMixin) that may serve itself, are read whole.
        """
        if not path_components:
            return super().route(request, path_components)
        child_slug, *remaining = path_components
        try:
            child = self.get_children().get(slug=child_slug)
        except Page.DoesNotExist:
            raise Http404 from None
        # As Wagtail does, so that get_parent() needs no query (guarded by a test).
        child._cached_parent_obj = self
        model = child.specific_class
        passed_through = remaining and model and not issubclass(model, RoutablePageMixin)
        return (child.specific_deferred if passed_through else read_whole(child)).route(
            request, remaining
        )

    def full_clean(self, *args, **kwargs):
        # Wagtail makes a missing slug from the title; a Japanese title gives none with
        # ASCII slugs, so it is made as the admin form makes it (website/admin_forms.py).
        if not self.slug and not slugify(self.title or ""):
            values = {name: getattr(self, name, None) for name in ("date", "start")}
            values["forum"] = (
                getattr(self, "forum", None) if getattr(self, "forum_id", None) else None
            )
            parent = self.get_parent() if self.path and self.depth and self.depth > 1 else None
            self.slug = default_slug(self, values, parent)
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        if kwargs.get("update_fields") is None:
            # modelcluster writes inline children (participants, photos…) and parental
            # many-to-many fields after post_save, when the page was indexed: again with them.
            index.insert_or_update_object(self)
        return result

    def get_meta_description(self):
        """The promote tab's description, else the page's own summary or introduction."""
        return (
            self.search_description
            or getattr(self, "summary", "")
            or getattr(self, "introduction", "")
            or ""
        )

    def get_meta_image(self):
        return self.social_image or getattr(self, "image", None)

    def get_full_url(self, request=None):
        """On the configured SITE_URL, not the Wagtail Site's hostname and port: the sitemap,
        `{% fullpageurl %}` and the admin's links all print this."""
        url = self.get_url(request=request)
        return absolute_url(url) if url is not None else None

    full_url = property(get_full_url)

    def get_view_restrictions(self):
        """Wagtail's, without its queries when no restricted page, nor an alias of one, is this
        page or above it (most pages, and all of them when nothing is restricted)."""
        if not any(self.path.startswith(path) for path in paths_checked_by_wagtail()):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def read_whole(page):
    """`page` as its specific page type, read with the foreign keys that the type's template
    shows (`served_with`); the attributes already set on `page` are carried over, as
    Wagtail's `specific` does."""
    model = page.specific_class
    related = getattr(model, "served_with", ())
    if not related:
        return page.specific
    specific = model._default_manager.select_related(*related).get(pk=page.pk)
    for name, value in page.__dict__.items():
        specific.__dict__.setdefault(name, value)
    return specific


class HomePage(BasePage):
    hero_heading = models.CharField(
        "メインの見出し", max_length=120, default="インフラメンテナンスを、みんなの手で。"
    )
    hero_lead = models.TextField("リード文", blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="メイン画像",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    introduction = RichTextField("国民会議の紹介", blank=True, features=["bold", "link", "ul"])
    body = StreamField(BaseStreamBlock(), verbose_name="本文", blank=True)

    served_with = ("hero_image",)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_lead"), FieldPanel("hero_image")],
            heading="メイン",
        ),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hero_lead"),
        index.SearchField("introduction"),
    ]
    search_result = False  # lists other pages: not a result of the site search
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "トップページ"
        verbose_name_plural = "トップページ"

    def get_meta_image(self):
        return self.social_image or self.hero_image

    def get_meta_description(self):
        return self.search_description or self.hero_lead

    def get_context(self, request, *args, **kwargs):
        from .sections import collect_sections

        context = super().get_context(request, *args, **kwargs)
        forums = list(Forum.objects.in_language())  # one query for both lists
        context["national_forums"] = [forum for forum in forums if not forum.is_regional]
        context["regional_forums"] = [forum for forum in forums if forum.is_regional]
        context["sections"] = collect_sections("website_home_sections", request, page=self)
        return context


class StandardPage(BasePage):
    introduction = models.TextField("導入文", blank=True, max_length=500)
    body = StreamField(BaseStreamBlock(), verbose_name="本文", blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    parent_page_types = ["website.HomePage", "website.StandardPage"]
    subpage_types = ["website.StandardPage"]

    class Meta:
        verbose_name = "一般ページ"
        verbose_name_plural = "一般ページ"


class PagePhoto(Orderable):
    """A photo in a page's gallery; each app's subclass adds the `page` ParentalKey."""

    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="写真", on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField("キャプション", max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = "写真"
        verbose_name_plural = "写真"


class SpellingVariant(models.Model):
    """Spellings of one word that the site search treats as the same (website/search/variants.py)."""

    spellings = models.CharField(
        "表記",
        max_length=200,
        unique=True,
        help_text="同じことばの書き方を「、」で区切って入力します（例: 橋梁、橋りょう）。"
        "どれで検索しても、ほかの書き方のページも見つかります。",
    )
    note = models.CharField("メモ", max_length=200, blank=True)

    panels = [FieldPanel("spellings"), FieldPanel("note")]

    class Meta:
        ordering = ["spellings"]
        verbose_name = "検索の表記ゆれ"
        verbose_name_plural = "検索の表記ゆれ"

    def __str__(self):
        return self.spellings

    @property
    def spelling_list(self):
        return split_spellings(self.spellings)

    def clean(self):
        super().clean()
        spellings = self.spelling_list
        if len(spellings) < 2:
            raise ValidationError(
                {"spellings": "書き方を2つ以上、「、」で区切って入力してください。"}
            )
        self.spellings = "、".join(spellings)


def split_spellings(value):
    """「橋梁、橋りょう」 → ["橋梁", "橋りょう"]: separated by 、 , or spaces, each once."""
    return list(dict.fromkeys(part for part in re.split(r"[、,，\s]+", value or "") if part))


class SearchText(models.Model):
    """The text the search index holds for an object, as written, for the passage a result shows.

    Written beside the index entry (website/search/common.py), so a result's passage comes from
    one query for the whole results page, structured fields and inline children included.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=50)
    text = models.TextField(blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="unique_search_text")
        ]

    def __str__(self):
        return self.text[:50]


class ChangesRequestForm(TaskStateCommentForm):
    """The dialog of 「修正を依頼」: the comment is all the forum's editor is sent to act on."""

    comment = forms.CharField(
        label="コメント",
        help_text="コメントは、申請した人にメールで届きます。",
        error_messages={"required": "どこをどう直せばよいか、コメントに書いてください。"},
        widget=forms.Textarea({"rows": 4}),
    )


class ReviewTask(GroupApprovalTask):
    """The task of 「広報部会の承認」 (website/teams.py): Wagtail's group approval, whose
    request for changes must say what to change."""

    def get_form_for_action(self, action):
        if action == "reject":
            return ChangesRequestForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        # Every way to act comes here, a snippet's edit view and a hand-made request too: the
        # dialogs check the form first, this makes sure nothing is sent back without a comment.
        if action_name == "reject" and not ChangesRequestForm(kwargs).is_valid():
            raise PermissionDenied(
                ChangesRequestForm.base_fields["comment"].error_messages["required"]
            )
        super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return (
            "選んだグループのメンバーが承認します。"
            "修正を依頼するときは、どこをどう直せばよいかをコメントに書きます。"
        )

    class Meta:
        verbose_name = "グループによる承認（修正の依頼にはコメントが必要）"
        verbose_name_plural = "グループによる承認（修正の依頼にはコメントが必要）"


class ForumOwnedLogEntryManager(ModelLogEntryManager):
    def viewable_by_user(self, user):
        """The entries of the models the user has a permission on, less those each model's
        permission policy keeps from the user: a forum's editors see their forums' objects'
        (website/teams.py `ForumOwnedPermissionPolicy.narrow_log_entries`)."""
        policies = {
            model: policy_registry.get_by_type(model)
            for model in apps.get_models()
            if log_action_registry.get_log_model_for_model(model) is self.model
        }
        permitted = {
            model: policy
            for model, policy in policies.items()
            if policy.user_has_any_permission(user, ["add", "change", "delete", "view"])
        }
        types = ContentType.objects.get_for_models(*permitted, for_concrete_models=False)
        entries = self.filter(content_type__in=types.values())
        for policy in permitted.values():
            entries = policy.narrow_log_entries(entries, user)
        return entries


class ForumOwnedLogEntry(BaseLogEntry):
    """The log of objects that belong to a forum (bookings, slots, registrations, KPI records,
    needs, matchings): Wagtail's model log, kept apart so that サイト履歴 and the other log
    listings show a forum's editors their own forums' entries only (website/wagtail_hooks.py
    registers the models)."""

    object_id = models.CharField(max_length=255, db_index=True)

    objects = ForumOwnedLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = "フォーラムの記録の履歴"
        verbose_name_plural = "フォーラムの記録の履歴"

    def __str__(self):
        return f"{self.object_verbose_name} {self.object_id}: {self.action}"
