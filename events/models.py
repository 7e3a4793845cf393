"""Events: their kinds, the event index and event pages, report photos and registrations."""

import datetime
import secrets
import uuid
from urllib.parse import quote_plus

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from kpi.activities import ActivityKind
from website import dates, images, submissions
from website.filters import not_found_note
from website.i18n import is_default_language, original_page
from website.listing import Counted
from website.models import BasePage, Forum, PagePhoto, Prefecture, VisiblePageQuerySet
from website.prefectures import JAPANESE_NAMES, place_label
from website.teams import ForumOwnedPage, ForumOwnedPageForm, TeamIndexPage

from .blocks import EventStreamBlock
from .choices import ParticipantType, RegistrationStatus
from .filters import EventFilterForm
from .month import MonthCalendar
from .panels import RegistrationsPanel


def prefecture_in_address(address):
    """The code of the prefecture an address begins with ('東京都墨田区…' → '13'), after a
    postal code if any; None if it names none."""
    text = (address or "").strip().lstrip("〒0123456789０１２３４５６７８９-－ー‐ 　")
    for code, name in JAPANESE_NAMES.items():
        if text.startswith(name):
            return code
    return None


class EventKind(models.Model):
    """ワークショップ講座, ピッチイベント…: what sort of event, and what it counts as in the KPIs."""

    name = models.CharField("名称", max_length=50, unique=True)
    slug = models.SlugField(
        "コード", max_length=50, unique=True, help_text="絞り込みのURLに使う英字の識別子"
    )
    activity_kind = models.CharField(
        "KPIでの活動の種類",
        max_length=32,
        choices=ActivityKind.choices,
        default=ActivityKind.OTHER,
        help_text="開催済みのイベントを、KPIの活動実績としてどの種類で数えるか",
    )
    sort_order = models.PositiveSmallIntegerField("表示順", default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("activity_kind"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "イベントの種類"
        verbose_name_plural = "イベントの種類"

    def __str__(self):
        return self.name


def attending(how):
    """'in_person' or 'online': hybrid (WEB併用) events are both."""
    modes = {
        "in_person": [EventPage.Attendance.IN_PERSON, EventPage.Attendance.HYBRID],
        "online": [EventPage.Attendance.ONLINE, EventPage.Attendance.HYBRID],
    }
    return Q(attendance__in=modes[how])


def held_in(codes):
    """Held at a venue in one of the prefectures `codes`: an online-only event has none."""
    return Q(prefecture__in=codes) & attending("in_person")


class EventPageQuerySet(VisiblePageQuerySet):
    def upcoming(self, now=None):
        """Not over yet (including events in progress), soonest first."""
        return self.filter(finishes_at__gt=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        """Over, newest first."""
        return self.filter(finishes_at__lte=now or timezone.now()).order_by("-start", "-pk")

    def overlapping(self, start, end):
        """Taking place at some moment of [start, end)."""
        return self.filter(start__lt=end, finishes_at__gt=start)

    def in_month(self, year, month):
        return self.overlapping(*dates.month_range(year, month))

    def count_by_month(self):
        """{(year, month): number of events starting then (Japan time)}, from one query."""
        by_month = (
            self.order_by()
            .annotate(month=TruncMonth("start", tzinfo=dates.JAPAN))
            .values("month")
            .annotate(n=Count("pk"))
        )
        return {(row["month"].year, row["month"].month): row["n"] for row in by_month}

    def of_kind(self, slug):
        return self.filter(kind__slug=slug)

    def by_forum(self, slug):
        return self.filter(forum__slug=slug)

    def attendable(self, how):
        """'in_person' or 'online': hybrid (WEB併用) events are both."""
        return self.filter(attending(how))

    def in_prefectures(self, codes):
        """Held at a venue in one of the prefectures `codes` (in person or WEB併用)."""
        return self.filter(held_in(codes))

    def for_forum(self, forum):
        """A forum's events: those it organises and, for a regional forum, those held at a
        venue in its prefectures, whoever organises them (each once)."""
        involved = Q(forum=forum)
        if forum.is_regional:
            # The codes themselves (the forum page prefetches them): no subquery to build.
            involved |= held_in([prefecture.pk for prefecture in forum.prefectures.all()])
        return self.filter(involved)

    def held(self):
        return self.filter(held=True)

    def missing_report(self):
        """Held, but without a participant count or a report."""
        return self.held().filter(Q(participants__isnull=True) | Q(report=""))

    def for_listing(self):
        """What cards show: kind, forum, prefecture, places taken and the card image
        renditions, in a fixed few queries; of the wide event rows only the fields a card reads
        (its status, dates, place and registration)."""
        card_fields = [
            *("kind", "forum", "image", "summary", "status", "held"),
            *("start", "end", "all_day", "finishes_at", "attendance", "venue_name"),
            *("prefecture", "municipality"),
            *("registration_mode", "registration_opens_at", "registration_closes_at"),
            *("capacity", "waiting_list_enabled"),
        ]
        return (
            self.select_related("kind", "forum", "prefecture")
            .only("title", "url_path", *card_fields)
            .with_image("image", *images.rendition_specs("card"))
            .with_places_taken()
        )

    def with_places_taken(self):
        """`booked_places` on each event: the confirmed places, in the same query."""
        confirmed = (
            Registration.objects.filter(event=OuterRef("pk"))
            .confirmed()
            .order_by()
            .values("event")
            .annotate(total=Sum("number_of_people"))
            .values("total")
        )
        return self.annotate(booked_places=Coalesce(Subquery(confirmed), 0))

    def for_calendar(self):
        """Calendar cells show title, time and status only."""
        return self.listed()


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventIndexPage(TeamIndexPage, RoutablePageMixin, BasePage):
    """イベント: upcoming and past events, a month calendar and iCalendar feeds."""

    # Refreshed with the events' own pages when someone registers (website/cache.py).
    cache_scopes = ("registrations",)

    introduction = models.TextField("導入文", blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    search_result = False  # lists other pages: not a result of the site search
    parent_page_types = ["website.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1
    # Forum editors add and edit their forum's pages here; 広報部会 approves them (website/teams.py).
    approval_by_default = True

    class Meta:
        verbose_name = "イベント一覧"
        verbose_name_plural = "イベント一覧"

    TAB_UPCOMING, TAB_PAST, TAB_CALENDAR = "upcoming", "past", "calendar"
    PER_PAGE = 12

    def events(self):
        return EventPage.objects.visible().child_of(self)

    def get_context(self, request, *args, tab=TAB_UPCOMING, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        today = dates.japan_date(now)
        if tab == self.TAB_CALENDAR:
            context.update(self.calendar_context(request, today))
        else:
            context.update(self.list_context(request, tab, now))
        context.update(tab=tab, now=now, today=today)
        return context

    def filter_form(self, request, months=None):
        return EventFilterForm(
            request.GET or None,
            kinds=EventKind.objects.all(),
            forums=list(Forum.objects.all()),
            months=months,
        )

    def list_context(self, request, tab, now):
        """A page of upcoming or past events, filtered by the query string."""
        events = self.events()
        events = events.upcoming(now) if tab == self.TAB_UPCOMING else events.past(now)
        by_month = events.count_by_month()
        months = sorted(by_month)
        filters = self.filter_form(request, months[::-1] if tab == self.TAB_PAST else months)
        listed = filters.filter(events).for_listing()
        if not filters.is_filtering:
            # The month list's counts add up to the list's length: no second count.
            listed = Counted(sum(by_month.values()), listed)
        page_obj = Paginator(listed, self.PER_PAGE).get_page(request.GET.get("page"))
        return {
            "filters": filters,
            "filter_chips": filters.active_filters(request.path),
            "events": page_obj.object_list,
            "page_obj": page_obj,
            # Said when a regional forum's list is empty (in Japanese only: the hint has no
            # English yet): the events held in its region may be organised by another forum.
            "area_of_forum": (
                filters.area_of_forum(request.path) if is_default_language() else None
            ),
        }

    def calendar_context(self, request, today):
        """The month of `?month=` (else this month) with its events, filtered. A month that
        cannot be read is said so, as a filter's value that is not found."""
        asked = request.GET.get("month", "")
        chosen = dates.parse_month(asked)
        year, month = chosen or (today.year, today.month)
        filters = self.filter_form(request)
        month_events = filters.filter(self.events()).in_month(year, month)
        return {
            "filters": filters,
            "filter_chips": filters.active_filters(request.path),
            "calendar_keep": [("month", dates.month_value(year, month))],
            "calendar": MonthCalendar(
                year, month, month_events.for_calendar().order_by("start", "pk"), today=today
            ),
            "calendar_label": dates.month_label(year, month),
            "calendar_value": dates.month_value(year, month),
            "month_not_found": (
                not_found_note(gettext("開催月")) if asked and chosen is None else ""
            ),
        }

    @path("")
    def upcoming_events(self, request):
        return self.render(request, tab=self.TAB_UPCOMING)

    @path("past/")
    def past_events(self, request):
        return self.render(request, tab=self.TAB_PAST)

    @path("calendar/")
    def calendar(self, request):
        return self.render(request, tab=self.TAB_CALENDAR)

    @path("feed/")
    def feed(self, request):
        from .views import upcoming_feed

        return upcoming_feed(request, self)

    @path("feed/<slug:forum_slug>/")
    def forum_feed(self, request, forum_slug):
        from .views import upcoming_feed

        return upcoming_feed(request, self, forum_slug=forum_slug)


class EventPage(ForumOwnedPage, RoutablePageMixin, BasePage):
    """One event: when and where, how to join, the programme, and afterwards its report."""

    cache_scopes = ("registrations",)  # places left (website/cache.py)
    served_with = ("forum", "kind", "image", "prefecture")

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", "会場"
        ONLINE = "online", "オンライン"
        HYBRID = "hybrid", "WEB併用（会場とオンライン）"

    class OnlineUrlVisibility(models.TextChoices):
        PUBLIC = "public", "ページで公開する"
        PARTICIPANTS = "participants", "参加登録した人だけに知らせる"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "開催予定"
        CANCELLED = "cancelled", "中止"
        POSTPONED = "postponed", "延期"

    class RegistrationMode(models.TextChoices):
        NONE = "none", "申込み不要"
        SITE = "site", "このサイトで受け付ける"
        EXTERNAL = "external", "外部のサイトで受け付ける"

    kind = models.ForeignKey(
        EventKind,
        verbose_name="種類",
        null=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    forum = models.ForeignKey(
        Forum,
        verbose_name="主催フォーラム",
        null=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    start = models.DateTimeField("開始日時", db_index=True, help_text="日本時間")
    end = models.DateTimeField(
        "終了日時", help_text="日本時間。終日の場合は最終日の日付（時刻は使いません）"
    )
    all_day = models.BooleanField(
        "終日", default=False, help_text="時刻を決めない催し（展示、複数日の行事など）"
    )
    # The instant the event is over (the midnight after the last day of an all-day event):
    # "upcoming" and "past" are decided by this one column, computed on save.
    finishes_at = models.DateTimeField("終了判定日時", editable=False, db_index=True)
    status = models.CharField(
        "開催状況",
        max_length=12,
        choices=Status.choices,
        default=Status.SCHEDULED,
        db_index=True,
    )
    status_note = models.CharField(
        "開催状況の補足",
        max_length=200,
        blank=True,
        help_text="中止・延期の理由や、延期後の日程など",
    )
    summary = models.TextField(
        "概要", max_length=500, help_text="一覧やカレンダーに表示する短い紹介文"
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="画像",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attendance = models.CharField(
        "参加方法", max_length=12, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    venue_name = models.CharField(
        "会場名",
        max_length=200,
        blank=True,
        help_text="例: 区民センター 第1会議室。会場が日によって違うときは主な会場（初日の会場）を入れ、"
        "ほかの会場は「プログラム・詳細」に書きます。",
    )
    # Where the venue is, for the list's filter by area and the cards: an event has one venue
    # (an online-only event none).
    prefecture = models.ForeignKey(
        Prefecture,
        verbose_name="都道府県",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="会場のある都道府県。一覧の「地域」で探せるようになります。"
        "空欄なら、会場の住所の都道府県にします。",
    )
    municipality = models.CharField(
        "市区町村", max_length=50, blank=True, help_text="例: 墨田区、大阪市北区"
    )
    venue_address = models.CharField(
        "会場の住所",
        max_length=255,
        blank=True,
        help_text="「地図を開く」のリンクとカレンダーアプリの場所に使います。1か所の住所だけを入れます。",
    )
    map_url = models.URLField(
        "地図のURL", blank=True, help_text="空欄なら住所から地図へのリンクを作ります。"
    )
    online_url = models.URLField("オンライン参加のURL", blank=True)
    online_url_visibility = models.CharField(
        "オンライン参加のURLの扱い",
        max_length=12,
        choices=OnlineUrlVisibility.choices,
        default=OnlineUrlVisibility.PARTICIPANTS,
    )
    # Hybrid events: never on the public page, only with the URL to participants.
    online_materials = models.TextField(
        "オンライン参加の案内・資料",
        blank=True,
        help_text="ミーティングID・パスコード、資料の置き場所など。URLと同じく、参加登録した人"
        "（と、選んだ場合は会員）だけに知らせ、公開のページには載せません。",
    )
    online_for_members = models.BooleanField(
        "会員にも知らせる",
        default=False,
        help_text="オンにすると、ログインした会員の会員ページにURLと案内を表示します。",
    )
    audience = models.CharField(
        "対象", max_length=200, blank=True, help_text="例: 自治体職員、企業の技術者、一般の方"
    )
    fee = models.CharField("参加費", max_length=100, default="無料")
    body = StreamField(EventStreamBlock(), verbose_name="プログラム・詳細", blank=True)

    registration_mode = models.CharField(
        "参加申込み",
        max_length=10,
        choices=RegistrationMode.choices,
        default=RegistrationMode.NONE,
    )
    external_registration_url = models.URLField("外部の申込みページのURL", blank=True)
    capacity = models.PositiveIntegerField(
        "定員", null=True, blank=True, help_text="人数。空欄なら定員なし"
    )
    registration_opens_at = models.DateTimeField(
        "受付開始日時", null=True, blank=True, help_text="空欄なら公開と同時に受付を始めます。"
    )
    registration_closes_at = models.DateTimeField(
        "受付締切日時",
        null=True,
        blank=True,
        help_text="空欄ならイベントの開始日時で締め切ります。",
    )
    waiting_list_enabled = models.BooleanField(
        "キャンセル待ちを受け付ける",
        default=False,
        help_text="満席のとき、キャンセル待ちとして申込みを受け付け、空きが出たら順に繰り上げます。",
    )
    ask_affiliation = models.BooleanField("所属をたずねる", default=True)
    ask_participant_type = models.BooleanField("参加者の区分をたずねる", default=True)
    ask_number_of_people = models.BooleanField(
        "人数をたずねる", default=True, help_text="しない場合は1申込み1名です。"
    )
    ask_notes = models.BooleanField("連絡事項の欄を設ける", default=True)

    held = models.BooleanField(
        "開催済み",
        default=False,
        db_index=True,
        help_text="開催後にチェックすると、公開時にKPIの活動実績として記録されます。",
    )
    participants = models.PositiveIntegerField("参加者数", null=True, blank=True)
    report = RichTextField(
        "開催報告", blank=True, features=["bold", "link", "ul", "ol"], help_text="短い報告"
    )
    # Incremented whenever a published change moves, relocates, cancels or postpones the
    # event, so calendar apps replace their copy (iCalendar SEQUENCE).
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = EventPageManager()

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("forum")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldRowPanel([FieldPanel("status"), FieldPanel("status_note")]),
            ],
            heading="日時と開催状況",
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance"),
                FieldPanel("venue_name"),
                FieldRowPanel([FieldPanel("prefecture"), FieldPanel("municipality")]),
                FieldPanel("venue_address"),
                FieldPanel("map_url"),
                FieldPanel("online_url"),
                FieldPanel("online_url_visibility"),
                FieldPanel("online_materials"),
                FieldPanel("online_for_members"),
            ],
            heading="会場・参加方法",
        ),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("fee")]),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    registration_panels = [
        RegistrationsPanel(heading="申込み状況"),
        FieldPanel("registration_mode"),
        FieldPanel("external_registration_url"),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
                FieldPanel("waiting_list_enabled"),
            ],
            heading="このサイトで受け付ける場合",
        ),
        MultiFieldPanel(
            [
                HelpPanel("氏名・メールアドレス・プライバシーポリシーへの同意は必ずたずねます。"),
                FieldPanel("ask_affiliation"),
                FieldPanel("ask_participant_type"),
                FieldPanel("ask_number_of_people"),
                FieldPanel("ask_notes"),
            ],
            heading="申込みフォームの項目",
        ),
    ]
    report_panels = [
        FieldPanel("held"),
        FieldPanel("participants"),
        FieldPanel("report"),
        InlinePanel("report_photos", label="写真", heading="開催時の写真"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="内容"),
            ObjectList(registration_panels, heading="参加申込み"),
            ObjectList(report_panels, heading="開催報告"),
            ObjectList(BasePage.promote_panels, heading="プロモーション"),
            ObjectList(Page.settings_panels, heading="設定"),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("venue_name"),
        index.SearchField("venue_address"),
        index.SearchField("body"),
        index.SearchField("report"),
        index.SearchField("search_details"),
        index.FilterField("start"),
        index.FilterField("held"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    base_form_class = ForumOwnedPageForm
    exclude_fields_in_copy = ["held", "participants", "report", "report_photos", "ical_sequence"]
    search_section = "イベント"

    # Changing these after publication is a change calendar apps must pick up.
    RESCHEDULING_FIELDS = (
        "start",
        "end",
        "all_day",
        "status",
        "attendance",
        "venue_name",
        "venue_address",
    )

    class Meta:
        verbose_name = "イベント"
        verbose_name_plural = "イベント"

    def forum_publishes_directly(self):
        """The report (開催報告) of a published event that has begun goes out without review."""
        return self.live and self.start is not None and self.start <= timezone.now()

    # --- time ---------------------------------------------------------------------------

    @property
    def search_date(self):
        return self.start

    @property
    def start_date(self):
        return dates.japan_date(self.start)

    @property
    def last_date(self):
        """The last calendar day (Japan time) on which the event takes place."""
        last = dates.japan_date(self.finishes_at - datetime.timedelta(microseconds=1))
        return max(last, self.start_date)

    @property
    def period_display(self):
        return dates.format_period(self.start, self.end, all_day=self.all_day)

    def normalise_times(self):
        """All-day events run from the first day's midnight to the midnight after the last."""
        if self.start is None or self.end is None:
            return
        if self.all_day:
            self.start = dates.japan_midnight(dates.japan_date(self.start))
            self.end = dates.japan_midnight(dates.japan_date(self.end))
            self.finishes_at = self.end + datetime.timedelta(days=1)
        else:
            self.finishes_at = self.end

    def is_upcoming(self, now=None):
        return self.finishes_at > (now or timezone.now())

    def search_details(self):
        """What the page shows besides the fields indexed by name: kind, organiser, audience…"""
        held_or_called_off = "開催済み" if self.held else ""
        if self.status != self.Status.SCHEDULED:
            held_or_called_off = self.get_status_display()
        return [
            self.kind.name if self.kind else "",
            self.forum.name if self.forum else "",
            held_or_called_off,
            self.status_note,
            self.get_attendance_display(),
            self.audience,
            self.fee or "無料",
            *(photo.caption for photo in self.report_photos.all()),
        ]

    # --- place and status ---------------------------------------------------------------

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_postponed(self):
        return self.status == self.Status.POSTPONED

    def status_label(self, now=None):
        """開催予定, 開催済み, 終了, 中止 or 延期: what a visitor needs to know at a glance."""
        if self.status != self.Status.SCHEDULED:
            return gettext(self.get_status_display())
        if self.held:
            return gettext("開催済み")
        return gettext("開催予定") if self.is_upcoming(now) else gettext("終了")

    @property
    def has_venue(self):
        return self.attendance in (self.Attendance.IN_PERSON, self.Attendance.HYBRID)

    @property
    def is_online(self):
        return self.attendance in (self.Attendance.ONLINE, self.Attendance.HYBRID)

    @property
    def map_link(self):
        if self.map_url:
            return self.map_url
        if self.venue_address:
            return "https://www.google.com/maps/search/?api=1&query=" + quote_plus(
                self.venue_address
            )
        return ""

    @property
    def public_online_url(self):
        if self.is_online and self.online_url_visibility == self.OnlineUrlVisibility.PUBLIC:
            return self.online_url
        return ""

    def _location(self, place=""):
        venue = " ".join(
            part for part in (place, self.venue_name if self.has_venue else "") if part
        )
        parts = [venue] if venue else []
        if self.is_online:
            parts.append(gettext("オンライン"))
        return gettext("＋").join(parts)

    @property
    def location_display(self):
        """Where, as the event's page says it: '区民センター', '事務局会議室＋オンライン'."""
        return self._location()

    @property
    def place_label(self):
        """The town of the venue: '東京都墨田区' ('Sumida, Tokyo' on English pages), '' when
        no prefecture is given or there is no venue."""
        if not self.has_venue:
            return ""
        return place_label(self.prefecture_id, self.municipality)

    @property
    def listed_location(self):
        """Where, as a list says it: '東京都墨田区 区民センター', '東京都千代田区 事務局会議室＋オンライン'."""
        return self._location(self.place_label)

    @property
    def is_free(self):
        return self.fee.strip() in ("", "無料", "0円")

    # --- registration -------------------------------------------------------------------

    @property
    def registers_here(self):
        return self.registration_mode == self.RegistrationMode.SITE

    @property
    def registration_deadline(self):
        return self.registration_closes_at or self.start

    def registration_state(self, now=None):
        """'open', 'not_yet', 'closed' or 'cancelled' for registration on this site."""
        now = now or timezone.now()
        if self.status != self.Status.SCHEDULED:
            return "cancelled"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet"
        if now >= self.registration_deadline:
            return "closed"
        return "open"

    def places_taken(self):
        if self.pk is None:  # a preview of an event not saved yet
            return 0
        if hasattr(self, "booked_places"):  # a list's events (with_places_taken)
            return self.booked_places
        return Registration.objects.filter(event=self).places_taken()

    def registration_summary(self, now=None):
        """What a card says of registration, in a few words ('' when there is nothing to
        say: a past or cancelled event, or one without registration)."""
        now = now or timezone.now()
        if self.is_cancelled or not self.is_upcoming(now):
            return ""
        if self.registration_mode == self.RegistrationMode.EXTERNAL:
            return gettext("参加申込み受付中（外部サイト）")
        if not self.registers_here:
            return ""
        if not is_default_language():
            # An English listing shows English pages: their form is on the Japanese page,
            # which counts the places.
            return gettext("参加申込みは日本語のフォームで受け付けています")
        state = self.registration_state(now)
        if state == "not_yet":
            return (
                f"参加申込みは{dates.format_date(dates.japan_date(self.registration_opens_at))}から"
            )
        if state != "open":
            return "参加申込みの受付は終了しました"
        left = self.places_left()
        if left is None:
            return "参加申込み受付中"
        if left == 0:
            return "満席（キャンセル待ちを受付中）" if self.waiting_list_enabled else "満席"
        return f"参加申込み受付中・残り{left}名"

    def places_left(self):
        """Free places, or None when there is no capacity limit."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.places_taken(), 0)

    # --- validation and saving ----------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.has_venue:
            named = prefecture_in_address(self.venue_address)
            if self.prefecture_id is None and named:
                self.prefecture_id = named
            elif named and self.prefecture_id != named:
                errors["prefecture"] = (
                    f"会場の住所は{JAPANESE_NAMES[named]}ですが、都道府県が"
                    f"{JAPANESE_NAMES.get(self.prefecture_id, '')}になっています。"
                    "どちらかを直してください。"
                )
        if self.start and self.end:
            if self.all_day and dates.japan_date(self.end) < dates.japan_date(self.start):
                errors["end"] = "終了日は開始日と同じか、それより後にしてください。"
            elif not self.all_day and self.end <= self.start:
                errors["end"] = "終了日時は開始日時より後にしてください。"
        if (
            self.registration_mode == self.RegistrationMode.EXTERNAL
            and not self.external_registration_url
        ):
            errors["external_registration_url"] = "申込みページのURLを入力してください。"
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = "締切は受付開始より後にしてください。"
        if self.registration_opens_at and self.start and not self.opens_before_the_start():
            errors["registration_opens_at"] = "受付開始はイベントの開始より前にしてください。"
        if self.registration_closes_at and self.start and self.end and not errors:
            if self.registration_closes_after_the_event():
                errors["registration_closes_at"] = (
                    "締切はイベントの終了より前にしてください（終了後も申込みを受け付けてしまいます）。"
                )
        if self.held:
            if self.status == self.Status.CANCELLED:
                errors["held"] = "中止したイベントは「開催済み」にできません。"
            elif self.start and self.start > timezone.now():
                errors["held"] = "開始日時より前に「開催済み」にはできません。"
        if errors:
            raise ValidationError(errors)

    def opens_before_the_start(self):
        """An all-day event starts at the midnight of its first day, Japan time."""
        start = self.start
        if self.all_day:
            start = dates.japan_midnight(dates.japan_date(start))
        return self.registration_opens_at < start

    def registration_closes_after_the_event(self):
        closes = self.registration_closes_at
        if self.all_day:
            return dates.japan_date(closes) > dates.japan_date(self.end)
        return closes > self.end

    def save(self, *args, **kwargs):
        self.normalise_times()
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None or "start" in update_fields):
            self.ical_sequence = self._next_ical_sequence()
        return super().save(*args, **kwargs)

    def _next_ical_sequence(self):
        previous = (
            EventPage.objects.filter(pk=self.pk)
            .values("ical_sequence", *self.RESCHEDULING_FIELDS)
            .first()
        )
        if previous is None:
            return self.ical_sequence
        changed = any(previous[name] != getattr(self, name) for name in self.RESCHEDULING_FIELDS)
        return previous["ical_sequence"] + (1 if changed else 0)

    # --- routes -------------------------------------------------------------------------

    @path("ical/")
    def ical(self, request):
        from .views import event_ical

        return event_ical(request, self)

    @path("register/")
    def register(self, request):
        from .views import register

        if self.locale.language_code != settings.LANGUAGE_CODE:
            # The form is Japanese only: an English page sends it to the Japanese page's, where
            # places are counted.
            original = original_page(self)
            if original is None:
                raise Http404
            return redirect(original.url + original.reverse_subpage("register"))
        return register(request, self)

    @path("register/sent/")
    def registration_sent(self, request):
        from .views import registration_sent

        return registration_sent(request, self)

    @path("registration/")
    def registration(self, request):
        """Links sent before the key moved into the path of /event-registrations/<token>/."""
        from .views import registration_by_query

        return registration_by_query(request, self)

    def get_context(self, request, *args, **kwargs):
        from website.structured_data import json_ld

        from .structured_data import event_data

        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = json_ld(event_data(self, request))
        if self.registers_here:
            context["registration_state"] = self.registration_state()
            context["places_left"] = self.places_left()
        if self.held:
            context["report_photos"] = self.report_photos.prefetch_related(
                Prefetch("image", queryset=images.with_renditions("event-photo"))
            )
        return context


class EventReportPhoto(PagePhoto):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="report_photos")
    caption = models.CharField("説明", max_length=200)  # required: the report says what happened

    class Meta(PagePhoto.Meta):
        verbose_name = "開催時の写真"
        verbose_name_plural = "開催時の写真"


TOKEN_SALT = "events.registration"


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")

    def active(self):
        return self.filter(status__in=Registration.ACTIVE_STATUSES)

    def places_taken(self):
        return self.confirmed().aggregate(total=Sum("number_of_people"))["total"] or 0

    def from_token(self, token):
        """The registration a private link points to; submissions.InvalidLink (ExpiredLink
        when too old) if it was altered, is too old or points to nothing."""
        key = submissions.read_token(token, salt=TOKEN_SALT)
        registration = self.select_related("event").filter(key=key, event__live=True).first()
        if registration is None:
            raise submissions.InvalidLink("unknown registration")
        return registration


def new_reference():
    # No 0/O or 1/I, so a reference read out on the phone is unambiguous.
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "R-" + "".join(secrets.choice(alphabet) for _ in range(8))


class Registration(models.Model):
    """A registration for an event. Holds personal data: see the permission below."""

    # In events/choices.py, where the form and the registration service read them too.
    Status = RegistrationStatus
    ParticipantType = ParticipantType

    ACTIVE_STATUSES = (Status.CONFIRMED, Status.WAITING)
    PERSONAL_DATA_PERMISSION = "events.view_registration_personal_data"

    event = models.ForeignKey(
        EventPage, verbose_name="イベント", on_delete=models.CASCADE, related_name="registrations"
    )
    reference = models.CharField(
        "申込番号", max_length=12, unique=True, default=new_reference, editable=False
    )
    # Signed into the registrant's link to see or cancel the registration without logging in.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        "状態", max_length=10, choices=Status.choices, default=Status.CONFIRMED, db_index=True
    )
    name = models.CharField("氏名", max_length=100)
    affiliation = models.CharField("所属", max_length=100, blank=True)
    email = models.EmailField("メールアドレス")
    participant_type = models.CharField(
        "区分", max_length=12, choices=ParticipantType.choices, blank=True
    )
    number_of_people = models.PositiveSmallIntegerField(
        "人数", default=1, validators=[MinValueValidator(1)]
    )
    notes = models.TextField("連絡事項", blank=True)
    consented_at = models.DateTimeField("プライバシーポリシーへの同意日時", null=True, blank=True)
    # The one-time key of the form that was sent, so a repeated submission finds the first.
    submission_key = models.CharField(max_length=64, blank=True, default="", editable=False)
    created_at = models.DateTimeField("申込日時", default=timezone.now, db_index=True)
    promoted_at = models.DateTimeField("繰り上げ日時", null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField("キャンセル日時", null=True, blank=True, editable=False)
    # The day-before e-mail with the online URL (events/reminders.py): sent once, never again.
    reminded_at = models.DateTimeField(
        "前日のご案内の送信日時", null=True, blank=True, editable=False
    )

    objects = RegistrationQuerySet.as_manager()

    personal_data_panels = [
        FieldPanel("name", permission=PERSONAL_DATA_PERMISSION),
        FieldPanel("affiliation", permission=PERSONAL_DATA_PERMISSION),
        FieldPanel("email", permission=PERSONAL_DATA_PERMISSION),
        FieldPanel("notes", permission=PERSONAL_DATA_PERMISSION),
    ]
    panels = [
        FieldPanel("event"),
        FieldPanel("status"),
        FieldRowPanel([FieldPanel("participant_type"), FieldPanel("number_of_people")]),
        MultiFieldPanel(personal_data_panels, heading="個人情報"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "参加申込み"
        verbose_name_plural = "参加申込み"
        permissions = [("view_registration_personal_data", "参加者の個人情報を閲覧できる")]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=["confirmed", "waiting"]),
                name="events_registration_one_active_per_email",
            ),
            models.UniqueConstraint(
                fields=["event", "submission_key"],
                condition=~Q(submission_key=""),
                name="events_registration_one_per_submission",
            ),
        ]

    def __str__(self):
        # Never the name: this string lands in admin history and log entries.
        return f"{self.reference}（{self.event.title}）"

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    @property
    def is_waiting(self):
        return self.status == self.Status.WAITING

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    def make_token(self):
        """The signed key of the registrant's private link (Registration.objects.from_token)."""
        return submissions.make_token(self.key, salt=TOKEN_SALT)
