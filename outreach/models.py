import datetime
import re
import unicodedata

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, F, Max, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page, PageManager
from wagtail.search import index

from website import images, submissions
from website.dates import (
    NEW_YEAR_BREAK,
    WEEKDAYS,
    format_date,
    holiday_name,
    is_new_year_break,
    is_school_day,
    japan_today,
    month_dates,
)
from website.fiscal import fiscal_year, fiscal_year_dates
from website.models import BasePage, Forum, PagePhoto, Prefecture, VisiblePageQuerySet
from website.teams import ForumOwnedPage, ForumOwnedPageForm, TeamIndexPage
from website.widgets import PrefectureCheckboxes

from .blocks import LessonPlanBlock
from .bookings import STATUS_LOG_ACTION
from .choices import (
    GRADE_SEARCH_WORDS,
    BookingMode,
    BookingStatus,
    DeliveryMode,
    Grade,
    PreferredPeriod,
    Preparation,
    SchoolType,
    Subject,
)
from .fields import ChoiceSetField, has_choice_lookup
from .filters import LessonFilterForm
from .panels import WithheldPanel, personal_data_panels


def duration_label(periods):
    """'2校時分（90分）': a school period (校時) is 45 minutes."""
    return f"{periods}校時分（{periods * 45}分）"


class LessonIndexPage(TeamIndexPage, BasePage):
    """The catalogue of school visit lessons (出前授業)."""

    cache_scopes = ("bookings",)  # the cards' open dates (website/cache.py)

    introduction = models.TextField("導入文", blank=True, max_length=500)
    how_to_book = RichTextField("お申込みの流れ", blank=True, features=["bold", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("how_to_book")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    search_result = False  # lists other pages: not a result of the site search
    parent_page_types = ["website.HomePage"]
    subpage_types = ["outreach.LessonPage"]
    max_count = 1
    # Forum editors add, edit and publish their forum's lessons here (website/teams.py).
    team_page_permissions = ("add", "change", "publish")

    class Meta:
        verbose_name = "出前授業の一覧"
        verbose_name_plural = "出前授業の一覧"

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        filters = LessonFilterForm(request.GET)
        lessons = filters.filter(LessonPage.objects.visible().child_of(self).for_listing())
        page_obj = Paginator(lessons, 12).get_page(request.GET.get("page"))
        LessonPage.attach_bookability(page_obj.object_list, japan_today())
        area = filters.chosen_area
        for lesson in page_obj.object_list:
            lesson.reach_note = lesson.reach_in(area) if area else ""
        context.update(
            {
                "filters": filters,
                "filter_chips": filters.active_filters(request.path),
                "page_obj": page_obj,
                "lessons": page_obj,
                "chosen_area": area.pk if area else "",
            }
        )
        return context


class LessonPageQuerySet(VisiblePageQuerySet):
    def for_listing(self):
        """What a lesson card shows and its booking status needs, of the wide lesson rows;
        of the forum only its name."""
        card_fields = [
            *("image", "summary", "forum__name", "provider_name", "target_grades", "periods"),
            *("online_available", "is_free", "booking_mode", "accepts_bookings"),
            *("booking_window_start", "booking_window_end", "min_notice_days"),
        ]
        return (
            self.select_related("forum")
            .only("title", "url_path", *card_fields)
            .prefetch_related("prefectures")
            .with_image("image", *images.rendition_specs("card"))
        )

    def for_grade(self, grade):
        if grade not in Grade.values:
            return self.none()
        return self.filter(**has_choice_lookup("target_grades", grade))

    def for_subject(self, subject):
        if subject not in Subject.values:
            return self.none()
        return self.filter(**has_choice_lookup("subjects", subject))

    def visiting_schools(self, prefecture=None):
        """Lessons given at the school, anywhere or in `prefecture`."""
        visits = self._prefectures_through().filter(lessonpage_id=OuterRef("pk"))
        if prefecture is not None:
            visits = visits.filter(prefecture_id=prefecture.pk)
        return self.filter(Exists(visits))

    def online(self):
        return self.filter(online_available=True)

    def deliverable_in(self, prefecture):
        """Lessons a school in `prefecture` can have: a visit there, or online from anywhere;
        those that visit first, as a school would rather have the lesson in its classroom."""
        visits = self._prefectures_through().filter(
            lessonpage_id=OuterRef("pk"), prefecture_id=prefecture.pk
        )
        return (
            self.alias(visits_there=Exists(visits))
            .filter(Q(visits_there=True) | Q(online_available=True))
            .order_by("-visits_there", "path")
        )

    def for_school(self, prefecture=None, mode=None):
        """What a school in `prefecture` can have, by visit, online, or either (mode None)."""
        if mode == DeliveryMode.VISIT:
            return self.visiting_schools(prefecture)
        if mode == DeliveryMode.ONLINE:
            return self.online()
        return self.deliverable_in(prefecture) if prefecture else self

    def for_forum(self, forum):
        """Lessons the forum gives, and for a regional forum the lessons visiting its area."""
        condition = Q(forum=forum)
        if forum.is_regional:
            # The codes themselves (the forum page prefetches them): no subquery to build.
            codes = [prefecture.pk for prefecture in forum.prefectures.all()]
            visits = self._prefectures_through().filter(
                lessonpage_id=OuterRef("pk"), prefecture_id__in=codes
            )
            condition |= Q(Exists(visits))
        return self.filter(condition)

    def _prefectures_through(self):
        return LessonPage.prefectures.through.objects.all()


LessonPageManager = PageManager.from_queryset(LessonPageQuerySet)


class LessonPageForm(ForumOwnedPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("forum") and not cleaned_data.get("provider_name"):
            self.add_error("forum", "実施するフォーラムか会員団体名のどちらかを入力してください。")
        if not cleaned_data.get("prefectures") and not cleaned_data.get("online_available"):
            self.add_error(
                "prefectures",
                "訪問できる地域を選ぶか、「オンラインで実施できる」を選んでください。",
            )
        start = cleaned_data.get("booking_window_start")
        end = cleaned_data.get("booking_window_end")
        if start and end and start > end:
            self.add_error("booking_window_end", "終了日は開始日より後の日付にしてください。")
        return cleaned_data


def no_school_reason(day):
    """Why schools have no lessons on `day`, as the start of a Japanese sentence
    (「11月3日は文化の日」), or None on a school day."""
    if is_school_day(day):
        return None
    if is_new_year_break(day):
        (first_month, first_day), (last_month, last_day) = NEW_YEAR_BREAK
        return f"{first_month}月{first_day}日から{last_month}月{last_day}日までは年末年始"
    if day.weekday() >= 5:
        return f"{day.month}月{day.day}日は{WEEKDAYS[day.weekday()]}曜日"
    return f"{day.month}月{day.day}日は{holiday_name(day)}"


class LessonPage(ForumOwnedPage, RoutablePageMixin, BasePage):
    """One lesson programme that schools can book."""

    cache_scopes = ("bookings",)  # open dates and classes left (website/cache.py)
    served_with = ("forum", "image")
    # Whether a school of the area chosen in the lesson list can have the lesson, set there
    # (LessonIndexPage); a card shown elsewhere says where the lesson is given instead.
    reach_note = ""

    summary = models.TextField("概要", max_length=300, help_text="一覧やSNSで表示されます。")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="メイン写真",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    forum = models.ForeignKey(
        Forum,
        verbose_name="実施するフォーラム",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lessons",
    )
    provider_name = models.CharField(
        "実施する会員団体",
        max_length=100,
        blank=True,
        help_text="会員企業・団体が実施する場合はその名称（フォーラムと併記できます）",
    )
    target_grades = ChoiceSetField("対象学年", options=Grade.choices, blank=False)
    subjects = ChoiceSetField("関連する教科", options=Subject.choices)
    periods = models.PositiveSmallIntegerField(
        "授業時間（校時数）",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text="1校時45分で数えます。",
    )
    max_pupils = models.PositiveSmallIntegerField(
        "1回あたりの最大人数", default=40, validators=[MinValueValidator(1)]
    )
    prefectures = ParentalManyToManyField(
        Prefecture,
        verbose_name="訪問できる地域",
        blank=True,
        related_name="+",
        help_text="学校へ訪問して実施できる都道府県",
    )
    online_available = models.BooleanField("オンラインで実施できる", default=False)
    is_free = models.BooleanField("無料", default=True)
    fee_note = models.CharField(
        "費用について", max_length=200, blank=True, help_text="有料の場合の金額や、教材費など"
    )
    preparations = ChoiceSetField("学校で準備していただくもの", options=Preparation.choices)
    preparation_note = models.CharField("準備についての補足", max_length=200, blank=True)
    body = StreamField(LessonPlanBlock(), verbose_name="授業の内容と流れ", blank=True)

    booking_mode = models.CharField(
        "申込みの方法", max_length=10, choices=BookingMode.choices, default=BookingMode.SLOTS
    )
    accepts_bookings = models.BooleanField(
        "申込みを受け付ける", default=True, help_text="外すと、一覧に「受付停止中」と表示します。"
    )
    booking_window_start = models.DateField(
        "実施できる期間（開始）", null=True, blank=True, help_text="空欄なら制限なし"
    )
    booking_window_end = models.DateField(
        "実施できる期間（終了）", null=True, blank=True, help_text="空欄なら1年先まで"
    )
    min_notice_days = models.PositiveSmallIntegerField(
        "申込みの締切（実施日の何日前まで）",
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(180)],
    )
    one_booking_per_school_per_year = models.BooleanField(
        "1校につき年度内1回まで",
        default=False,
        help_text="多くの学校に機会を届けるため、同じ学校からの同じ年度の2件目をお断りします。",
    )

    objects = LessonPageManager()
    base_form_class = LessonPageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        MultiFieldPanel([FieldPanel("forum"), FieldPanel("provider_name")], heading="実施する団体"),
        MultiFieldPanel(
            [
                FieldPanel("target_grades"),
                FieldPanel("subjects"),
                FieldRowPanel([FieldPanel("periods"), FieldPanel("max_pupils")]),
            ],
            heading="対象と時間",
        ),
        MultiFieldPanel(
            [
                FieldPanel("prefectures", widget=PrefectureCheckboxes),
                FieldPanel("online_available"),
            ],
            heading="実施できる地域",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("fee_note")]),
                FieldPanel("preparations"),
                FieldPanel("preparation_note"),
            ],
            heading="費用と準備",
        ),
        FieldPanel("body"),
        InlinePanel("photos", label="写真", heading="授業の様子の写真"),
        MultiFieldPanel(
            [
                HelpPanel(
                    "「日時枠」を選んだ場合は、管理画面の「出前授業 › 日時枠」で日時を登録してください。"
                ),
                FieldPanel("booking_mode"),
                FieldPanel("accepts_bookings"),
                FieldRowPanel(
                    [FieldPanel("booking_window_start"), FieldPanel("booking_window_end")]
                ),
                FieldPanel("min_notice_days"),
                FieldPanel("one_booking_per_school_per_year"),
            ],
            heading="申込みの受付",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("provider_name"),
        index.SearchField("body"),
        index.SearchField("search_details"),
        index.FilterField("online_available"),
    ]
    parent_page_types = ["outreach.LessonIndexPage"]
    subpage_types = []

    search_section = "出前授業"

    class Meta:
        verbose_name = "出前授業"
        verbose_name_plural = "出前授業"

    @property
    def search_date(self):
        return self.last_published_at or self.first_published_at

    def get_meta_description(self):
        return self.search_description or self.summary

    @path("book/", name="book")
    def book(self, request):
        from .views import book_lesson

        return book_lesson(request, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = japan_today()
        open_slots = list(self.open_slots(today)) if self.uses_slots else []
        LessonPage.attach_bookability([self], today, slots=open_slots)
        context["open_slots"] = open_slots
        context["photos"] = list(
            self.photos.prefetch_related(Prefetch("image", queryset=images.with_renditions("card")))
        )
        return context

    def search_details(self):
        """What the page shows besides the fields indexed by name: its kind (出前授業, which a
        lesson's own text seldom repeats), grades (also as 4年生), subjects, areas, fee, what
        the school prepares, photo captions, open dates' notes."""
        return [
            "出前授業",
            self.forum.name if self.forum else "",
            *self.grade_labels,
            *(GRADE_SEARCH_WORDS.get(grade, "") for grade in self.target_grades),
            *self.subject_labels,
            *(prefecture.name for prefecture in self.prefectures.all()),
            "オンライン" if self.online_available else "",
            self.fee_note,
            *self.preparation_labels,
            self.preparation_note,
            *(photo.caption for photo in self.photos.all()),
            *(slot.note for slot in self.slots.all() if slot.note),
        ]

    # Display helpers

    @property
    def provider_display(self):
        """'近畿本部フォーラム・インフラ点検研究会'; the provider alone when its name already
        starts with the forum's ('近畿本部フォーラム 河川維持管理ワーキング')."""
        forum_name = self.forum.name if self.forum else ""
        if forum_name and self.provider_name.startswith(forum_name):
            return self.provider_name
        return "・".join(name for name in (forum_name, self.provider_name) if name)

    @property
    def grade_labels(self):
        return self._meta.get_field("target_grades").labels(self.target_grades)

    @property
    def grade_range_display(self):
        labels = self.grade_labels
        if len(labels) > 2 and self._are_consecutive(self.target_grades):
            return f"{labels[0]}〜{labels[-1]}"
        return "・".join(labels)

    @staticmethod
    def _are_consecutive(values):
        order = Grade.values  # built anew on each read: once, not once per value
        positions = [order.index(value) for value in values]
        return positions == list(range(positions[0], positions[0] + len(positions)))

    @property
    def subject_labels(self):
        return self._meta.get_field("subjects").labels(self.subjects)

    @property
    def preparation_labels(self):
        return self._meta.get_field("preparations").labels(self.preparations)

    @property
    def duration_display(self):
        return duration_label(self.periods)

    @property
    def area_display(self):
        """'北海道・青森県・岩手県ほか5県、オンライン' (uses the prefetched prefectures)."""
        names = [prefecture.name for prefecture in self.prefectures.all()]
        parts = []
        if names:
            shown = "・".join(names[:3])
            parts.append(
                f"訪問（{shown}ほか{len(names) - 3}都道府県）"
                if len(names) > 3
                else f"訪問（{shown}）"
            )
        if self.online_available:
            parts.append("オンライン")
        return "、".join(parts)

    def reach_in(self, prefecture):
        """In plain words, whether a school in `prefecture` can have this lesson, and how
        (uses the prefetched prefectures)."""
        visits = any(p.pk == prefecture.pk for p in self.prefectures.all())
        if visits and self.online_available:
            return f"{prefecture.name}の学校へ訪問できます（オンラインでも実施できます）"
        if visits:
            return f"{prefecture.name}の学校へ訪問できます"
        if self.online_available:
            return f"{prefecture.name}へは訪問できません。オンラインで実施できます"
        return f"{prefecture.name}では実施できません"

    @property
    def uses_slots(self):
        return self.booking_mode == BookingMode.SLOTS

    @property
    def delivery_modes(self):
        modes = []
        if self.pk and self.prefectures.all():
            modes.append(DeliveryMode.VISIT)
        if self.online_available:
            modes.append(DeliveryMode.ONLINE)
        return modes

    # Booking rules

    def booking_window(self, today):
        """First and last lesson date that can be booked today."""
        earliest = today + datetime.timedelta(days=self.min_notice_days)
        if self.booking_window_start and self.booking_window_start > earliest:
            earliest = self.booking_window_start
        latest = self.booking_window_end or today + datetime.timedelta(days=365)
        return earliest, latest

    def date_problem(self, day, today, *, school_days_only=True):
        """Why `day` cannot be booked today (a Japanese sentence), or None when it can.

        A teacher's preferred date must be a school day; a slot's date is the editor's
        choice (a Saturday class, a lesson on a holiday event), so its check leaves that out.
        """
        earliest, latest = self.booking_window(today)
        if day <= today:
            # The day this lesson can first be booked for, not just "a later day".
            return (
                f"今日以前の日付は選べません。この授業は{format_date(earliest)}"
                "以降の日付を選べます。"
            )
        if day < today + datetime.timedelta(days=self.min_notice_days):
            return (
                f"この授業は実施日の{self.min_notice_days}日前までにお申し込みください"
                f"（{format_date(earliest)}以降の日付を選べます）。"
            )
        if day < earliest or day > latest:
            return (
                f"この授業は{format_date(earliest)}から{format_date(latest)}までの間で"
                "実施日を選べます。"
            )
        if school_days_only:
            return self.school_day_problem(day)
        return None

    @staticmethod
    def school_day_problem(day):
        """Why a school cannot have a lesson on `day` (a Japanese sentence), or None on a school
        day."""
        reason = no_school_reason(day)
        if reason is None:
            return None
        return f"{reason}のため選べません。学校の授業がある平日を選んでください。"

    def pupils_problem(self, pupils, classes):
        """Why `pupils` in `classes` classes are too many (a Japanese sentence), or None. Each
        class has the lesson on its own (a slot's classes follow one another), so the limit is
        per class."""
        if not pupils or not classes or pupils <= self.max_pupils * classes:
            return None
        if classes == 1:
            return (
                f"この授業は1回（1クラス）{self.max_pupils}人までです。"
                "2クラス以上で受ける場合は、クラス数も入れてください。"
            )
        return (
            f"この授業は1回（1クラス）{self.max_pupils}人まで、"
            f"{classes}クラスで{self.max_pupils * classes}人までです。"
        )

    def open_slots(self, today):
        earliest, latest = self.booking_window(today)
        return (
            self.slots.filter(date__range=(earliest, latest))
            .with_room()
            .order_by("date", "start_time")
        )

    @classmethod
    def attach_bookability(cls, lessons, today, slots=None):
        """Set `bookable` and `next_open_slot` on each lesson, with one query for them all."""
        lessons = list(lessons)
        if slots is None:
            slot_lessons = [lesson.pk for lesson in lessons if lesson.uses_slots]
            slots = (
                LessonSlot.objects.filter(lesson_id__in=slot_lessons, date__gt=today)
                .with_room()
                .order_by("date", "start_time")
                if slot_lessons
                else []
            )
        first_open = {}
        lessons_by_pk = {lesson.pk: lesson for lesson in lessons}
        for slot in slots:
            lesson = lessons_by_pk.get(slot.lesson_id)
            if lesson is None or slot.lesson_id in first_open:
                continue
            earliest, latest = lesson.booking_window(today)
            if earliest <= slot.date <= latest:
                first_open[slot.lesson_id] = slot
        for lesson in lessons:
            lesson.next_open_slot = first_open.get(lesson.pk)
            if not lesson.accepts_bookings:
                lesson.bookable = False
            elif lesson.uses_slots:
                lesson.bookable = lesson.next_open_slot is not None
            else:
                earliest, latest = lesson.booking_window(today)
                lesson.bookable = earliest <= latest
        return lessons


class LessonPagePhoto(PagePhoto):
    page = ParentalKey(LessonPage, on_delete=models.CASCADE, related_name="photos")


class LessonSlotQuerySet(models.QuerySet):
    def with_booked_classes(self):
        booked = (
            Booking.objects.filter(slot=OuterRef("pk"))
            .holding_place()
            .order_by()
            .values("slot")
            .annotate(total=Sum("classes"))
            .values("total")
        )
        return self.annotate(booked_classes=Coalesce(Subquery(booked), 0))

    def with_room(self):
        return self.with_booked_classes().filter(booked_classes__lt=F("capacity"))

    def in_month(self, year, month):
        return self.filter(date__range=month_dates(year, month))


class LessonSlot(models.Model):
    """A date and time that a lesson can be booked for (when the lesson uses slots)."""

    lesson = models.ForeignKey(
        LessonPage, verbose_name="授業", on_delete=models.CASCADE, related_name="slots"
    )
    date = models.DateField("実施日", db_index=True)
    start_time = models.TimeField("開始時刻")
    periods = models.PositiveSmallIntegerField(
        "校時数",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text="授業の長さです。1校時は45分です。",
    )
    capacity = models.PositiveSmallIntegerField(
        "受けられるクラス数",
        default=1,
        validators=[MinValueValidator(1)],
        help_text="この日時に続けて実施できるクラスの数です。",
    )
    note = models.CharField(
        "補足",
        max_length=100,
        blank=True,
        help_text="授業のページで、日時の横に学校向けに表示されます。例：午後のみ",
    )

    objects = LessonSlotQuerySet.as_manager()

    panels = [
        # A list of the lessons the user keeps (LessonSlotAdminForm), not Wagtail's page
        # chooser, which browses every lesson of every forum.
        FieldPanel("lesson", widget=forms.Select),
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time")]),
        FieldRowPanel([FieldPanel("periods"), FieldPanel("capacity")]),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = "日時枠"
        verbose_name_plural = "日時枠"

    def __str__(self):
        return f"{self.label}（{self.lesson.title}）"

    def clean(self):
        duplicates = LessonSlot.objects.filter(
            lesson_id=self.lesson_id, date=self.date, start_time=self.start_time
        ).exclude(pk=self.pk)
        if self.lesson_id and self.date and self.start_time and duplicates.exists():
            raise ValidationError(
                {
                    "start_time": "この授業には、同じ実施日・開始時刻の枠がすでにあります。"
                    "受けられるクラス数を増やすときは、その枠を編集してください。"
                }
            )

    @property
    def label(self):
        return f"{format_date(self.date)} {self.start_time:%H:%M}から {self.periods}校時分"

    @property
    def short_label(self):
        """「4月8日（木）13:30」: a lesson card's next open date."""
        return f"{format_date(self.date, with_year=False)}{self.start_time:%H:%M}"

    def booked_classes_now(self):
        if hasattr(self, "booked_classes"):
            return self.booked_classes
        return self.bookings.holding_place().aggregate(total=Sum("classes"))["total"] or 0

    @property
    def remaining_classes(self):
        return max(self.capacity - self.booked_classes_now(), 0)


# Statuses that keep a place in a slot; delivered and reported lessons count for the KPIs.
HOLDING_PLACE = (
    BookingStatus.REQUESTED,
    BookingStatus.CONFIRMED,
    BookingStatus.DELIVERED,
    BookingStatus.REPORTED,
)
DONE = (BookingStatus.DELIVERED, BookingStatus.REPORTED)
# Statuses in which a booking's lesson_date is the date decided for it (a cancelled booking's
# is when it had been confirmed: see Booking.date_is_decided).
DATE_DECIDED = (BookingStatus.CONFIRMED, BookingStatus.DELIVERED, BookingStatus.REPORTED)
TRANSITIONS = {
    BookingStatus.REQUESTED: (
        BookingStatus.CONFIRMED,
        BookingStatus.DECLINED,
        BookingStatus.CANCELLED,
    ),
    BookingStatus.CONFIRMED: (BookingStatus.DELIVERED, BookingStatus.CANCELLED),
    BookingStatus.DELIVERED: (BookingStatus.REPORTED,),
}


class InvalidTransition(Exception):
    pass


TOKEN_SALT = "outreach.booking-link"

# What the retention command blanks. The school, its municipality, the dates and the pupil
# counts stay: they are not about a person, and the KPIs count them.
PERSONAL_DATA_FIELDS = (
    "teacher_name",
    "email",
    "phone",
    "address",
    "accessibility_needs",
    "notes",
    "decline_reason",
)
# What the admin shows only to staff with Booking.PERSONAL_DATA_PERMISSION: what the teacher
# gave about themselves and their pupils. The decline reason is the staff's own text.
WITHHELD_FIELDS = ("teacher_name", "email", "phone", "address", "accessibility_needs", "notes")


class BookingQuerySet(models.QuerySet):
    def holding_place(self):
        return self.filter(status__in=HOLDING_PLACE)

    def done(self):
        return self.filter(status__in=DONE)

    def in_fiscal_year(self, year):
        return self.filter(lesson_date__range=fiscal_year_dates(year))

    def from_school(self, name, prefecture_code):
        """Bookings from this school, however its name is spelt (see school_key)."""
        return self.filter(school_key=school_key(name, prefecture_code))

    def missing_delivery_details(self):
        """Delivered lessons whose pupil count or report is still to be entered."""
        return self.filter(status=BookingStatus.DELIVERED).filter(
            Q(pupils_attended__isnull=True) | Q(report="")
        )

    def personal_data_expired(self, last_year_to_purge):
        """Bookings of fiscal year `last_year_to_purge` or before, not yet anonymised."""
        _, last_day = fiscal_year_dates(last_year_to_purge)
        undated = Q(lesson_date__isnull=True, created_at__date__lte=last_day)
        return self.filter(anonymised_at__isnull=True).filter(
            Q(lesson_date__lte=last_day) | undated
        )

    def anonymise(self, now):
        """Blank the personal data; keep what the KPIs count (date, place, pupils, lesson)."""
        return self.update(**{name: "" for name in PERSONAL_DATA_FIELDS}, anonymised_at=now)

    def with_was_confirmed(self):
        """Each booking's `was_confirmed` in the same query (for lists of bookings)."""
        log_model = log_registry.get_log_model_for_model(self.model)
        confirmations = log_model.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model, for_concrete_model=False),
            object_id=Cast(OuterRef("pk"), models.CharField()),
            action=STATUS_LOG_ACTION,
            data__to=BookingStatus.CONFIRMED,
        )
        return self.annotate(was_confirmed=Exists(confirmations))

    def from_token(self, token):
        """The booking a private link points to; submissions.ExpiredLink for a link too old,
        submissions.InvalidLink for one altered or pointing to nothing (any more)."""
        reference = submissions.read_token(token, salt=TOKEN_SALT)
        booking = (
            self.select_related("lesson", "slot", "prefecture")
            .filter(reference=reference, anonymised_at__isnull=True)
            .first()
        )
        if booking is None:
            raise submissions.InvalidLink("unknown booking")
        return booking


class Booking(models.Model):
    """A school's request for a lesson. Holds personal data: staff with permission only."""

    PERSONAL_DATA_PERMISSION = "outreach.view_booking_personal_data"

    reference = models.CharField("受付番号", max_length=20, unique=True, editable=False)
    reference_year = models.PositiveSmallIntegerField(editable=False)
    reference_number = models.PositiveIntegerField(editable=False)
    lesson = models.ForeignKey(
        LessonPage,
        verbose_name="授業",
        null=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
    )
    slot = models.ForeignKey(
        LessonSlot,
        verbose_name="日時枠",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
    )
    status = models.CharField(
        "状況",
        max_length=12,
        choices=BookingStatus.choices,
        default=BookingStatus.REQUESTED,
        db_index=True,
    )
    delivery_mode = models.CharField(
        "実施方法", max_length=10, choices=DeliveryMode.choices, default=DeliveryMode.VISIT
    )
    lesson_date = models.DateField(
        "実施日",
        null=True,
        blank=True,
        db_index=True,
        help_text="日時枠の日付、または決まった実施日（決まるまでは第1希望日）",
    )
    start_time = models.TimeField("開始時刻", null=True, blank=True)
    preferred_date_1 = models.DateField("第1希望日", null=True, blank=True)
    preferred_date_2 = models.DateField("第2希望日", null=True, blank=True)
    preferred_period = models.CharField(
        "希望の時間帯（校時）",
        max_length=4,
        choices=PreferredPeriod.choices,
        blank=True,
        help_text="希望日で申し込まれた授業を、何校時から始めたいか",
    )

    school_name = models.CharField("学校名", max_length=100)
    school_type = models.CharField("学校の種別", max_length=20, choices=SchoolType.choices)
    prefecture = models.ForeignKey(
        Prefecture, verbose_name="都道府県", on_delete=models.PROTECT, related_name="+"
    )
    city = models.CharField("市区町村", max_length=50)
    address = models.CharField("町名・番地", max_length=200, blank=True)
    teacher_name = models.CharField("ご担当の先生", max_length=100, blank=True)
    email = models.EmailField("メールアドレス", blank=True)
    phone = models.CharField("電話番号", max_length=30, blank=True)
    grade = models.CharField("学年", max_length=4, choices=Grade.choices)
    classes = models.PositiveSmallIntegerField(
        "クラス数", default=1, validators=[MinValueValidator(1)]
    )
    pupils = models.PositiveSmallIntegerField("児童・生徒数", validators=[MinValueValidator(1)])
    accessibility_needs = models.TextField("配慮が必要なこと", blank=True)
    notes = models.TextField("連絡事項", blank=True)
    privacy_consented_at = models.DateTimeField("個人情報の取扱いへの同意", null=True, blank=True)

    decline_reason = models.TextField("お断りの理由", blank=True)
    pupils_attended = models.PositiveSmallIntegerField(
        "実施した児童・生徒数", null=True, blank=True
    )
    report = models.TextField(
        "実施報告", blank=True, help_text="授業の様子を短くまとめてください。"
    )

    # Who the school is, normalised, for "one booking per school per fiscal year".
    school_key = models.CharField(max_length=120, editable=False, db_index=True)
    # The one-time key of the form that was sent, so a repeated submission finds the first.
    submission_key = models.CharField(max_length=64, blank=True, default="", editable=False)
    created_at = models.DateTimeField("申込日時", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("更新日時", auto_now=True)
    status_changed_at = models.DateTimeField(
        "状況の更新日時", null=True, blank=True, editable=False
    )
    anonymised_at = models.DateTimeField(
        "個人情報の削除日時", null=True, blank=True, editable=False
    )

    objects = BookingQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("lesson"),
                FieldPanel("slot"),
                FieldPanel("delivery_mode"),
                FieldRowPanel([FieldPanel("lesson_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("preferred_date_1"), FieldPanel("preferred_date_2")]),
                FieldPanel("preferred_period"),
            ],
            heading="授業と日程",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("school_name"), FieldPanel("school_type")]),
                FieldRowPanel([FieldPanel("prefecture"), FieldPanel("city")]),
                *personal_data_panels("address", PERSONAL_DATA_PERMISSION),
            ],
            heading="学校",
        ),
        MultiFieldPanel(
            [
                *personal_data_panels("teacher_name", PERSONAL_DATA_PERMISSION),
                FieldRowPanel(
                    [
                        FieldPanel("email", permission=PERSONAL_DATA_PERMISSION),
                        FieldPanel("phone", permission=PERSONAL_DATA_PERMISSION),
                    ]
                ),
                FieldRowPanel(
                    [
                        WithheldPanel("email", permission=PERSONAL_DATA_PERMISSION),
                        WithheldPanel("phone", permission=PERSONAL_DATA_PERMISSION),
                    ]
                ),
            ],
            heading="ご担当の先生",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("grade"), FieldPanel("classes"), FieldPanel("pupils")]),
                *personal_data_panels("accessibility_needs", PERSONAL_DATA_PERMISSION),
                *personal_data_panels("notes", PERSONAL_DATA_PERMISSION),
            ],
            heading="クラスとご要望",
        ),
        MultiFieldPanel(
            [FieldPanel("decline_reason"), FieldPanel("pupils_attended"), FieldPanel("report")],
            heading="対応と実施報告",
            help_text="状況（受付・決定・実施など）は一覧の「状況を変更」から変えてください。",
        ),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "出前授業の申込み"
        verbose_name_plural = "出前授業の申込み"
        permissions = [("view_booking_personal_data", "申し込んだ先生の個人情報を閲覧できる")]
        constraints = [
            models.UniqueConstraint(
                fields=["reference_year", "reference_number"], name="outreach_booking_reference"
            ),
            models.UniqueConstraint(
                fields=["lesson", "submission_key"],
                condition=~Q(submission_key=""),
                name="outreach_booking_one_per_submission",
            ),
        ]

    def __str__(self):
        # Only the reference: this label ends up in admin logs and messages.
        return self.reference or "（新しい申込み）"

    def clean(self):
        if self.slot_id and self.lesson_id and self.slot.lesson_id != self.lesson_id:
            raise ValidationError({"slot": "この授業の日時枠を選んでください。"})

    def save(self, *args, **kwargs):
        self.school_key = school_key(self.school_name, self.prefecture_id)
        if self.slot_id and not self.lesson_date:
            self.lesson_date, self.start_time = self.slot.date, self.slot.start_time
        if self.reference:
            return super().save(*args, **kwargs)
        return self._save_with_new_reference(*args, **kwargs)

    def _save_with_new_reference(self, *args, **kwargs):
        """Number DM-<fiscal year>-<sequence>; two simultaneous requests retry the next one."""
        year = fiscal_year(self.created_at)
        for _attempt in range(20):
            last = Booking.objects.filter(reference_year=year).aggregate(
                last=Max("reference_number")
            )["last"]
            self.reference_year, self.reference_number = year, (last or 0) + 1
            self.reference = f"DM-{year}-{self.reference_number:04d}"
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                if not Booking.objects.filter(reference=self.reference).exists():
                    self.reference = ""
                    raise
        self.reference = ""
        raise IntegrityError("no free booking reference")

    # Workflow

    @property
    def next_statuses(self):
        return TRANSITIONS.get(self.status, ())

    def check_transition(self, new_status):
        if new_status not in self.next_statuses:
            raise InvalidTransition(
                f"「{self.get_status_display()}」から「{BookingStatus(new_status).label}」には変更できません。"
            )

    @property
    def is_done(self):
        return self.status in DONE

    @property
    def can_be_changed_by_teacher(self):
        return self.status in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED) and (
            self.lesson_date is None or self.lesson_date > japan_today()
        )

    @cached_property
    def was_confirmed(self):
        """Whether staff ever confirmed the booking (実施決定), as its status log records."""
        confirmed = type(self).objects.filter(pk=self.pk).with_was_confirmed()
        return bool(confirmed.values_list("was_confirmed", flat=True).first())

    @property
    def date_is_decided(self):
        """Whether lesson_date is when the lesson was to take place: a slot's date, or the date
        staff set when confirming. Until then a booking by preferred dates holds its first
        preferred date there, and it still does when it is declined or cancelled before a
        decision."""
        if self.slot_id or self.status in DATE_DECIDED:
            return True
        return self.status == BookingStatus.CANCELLED and self.was_confirmed

    @property
    def date_display(self):
        if self.lesson_date and (not self.preferred_date_1 or self.date_is_decided):
            time = f" {self.start_time:%H:%M}から" if self.start_time else ""
            return f"{format_date(self.lesson_date)}{time}"
        dates = [d for d in (self.preferred_date_1, self.preferred_date_2) if d]
        shown = "、".join(f"第{i}希望 {format_date(d)}" for i, d in enumerate(dates, start=1))
        if self.preferred_period:
            shown += f"（{self.get_preferred_period_display()}）"
        return shown

    @property
    def duration_display(self):
        """'2校時分（90分）': the slot's periods, else the lesson's; '' when both are gone."""
        source = self.slot if self.slot_id else self.lesson
        return duration_label(source.periods) if source else ""

    def make_token(self):
        return submissions.make_token(self.reference, salt=TOKEN_SALT)


KANJI_DIGITS = dict(zip("〇一二三四五六七八九", range(10), strict=True)) | {"零": 0}
KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
KANJI_NUMBER = re.compile("[〇零一二三四五六七八九十百千]+")


def kanji_number(numeral):
    """'十一' → '11', '二十' → '20', '百五' → '105', '一〇' → '10' (digit by digit)."""
    if not any(character in KANJI_UNITS for character in numeral):
        return "".join(str(KANJI_DIGITS[character]) for character in numeral)
    total, digit = 0, None
    for character in numeral:
        if character in KANJI_UNITS:
            total += (1 if digit is None else digit) * KANJI_UNITS[character]
            digit = None
        else:
            digit = KANJI_DIGITS[character]
    return str(total + (digit or 0))


def school_key(name, prefecture_code):
    """'13:千代田区立霞が関小学校' whatever the spacing, full-width letters or numerals.

    「第一小学校」, 「第1小学校」 and 「第１小学校」 are one school. Only for comparing: the key
    may read oddly (「十日町」 becomes 「10日町」), but two spellings of one name meet.
    """
    compact = "".join(unicodedata.normalize("NFKC", name or "").split()).lower()
    compact = KANJI_NUMBER.sub(lambda match: kanji_number(match.group()), compact)
    return f"{prefecture_code or ''}:{compact}"[:120]
