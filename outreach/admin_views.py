"""Wagtail admin views for bookings and slots: listings, the status workflow, a calendar."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import ButtonsColumnMixin, Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import (
    CreateView,
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    InspectView,
)
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from website import dates
from website.exports import ExcelExportMixin
from website.teams import (
    ForumFilterMixin,
    ForumOwnedObjectMixin,
    ForumOwnedPermissionPolicy,
    PageWorkersMenuMixin,
    edits_all_forums,
    forum_ids,
)

from .bookings import change_status
from .forms import BookingAdminForm, BookingTransitionForm, LessonSlotAdminForm
from .models import (
    WITHHELD_FIELDS,
    Booking,
    BookingStatus,
    InvalidTransition,
    LessonPage,
    LessonSlot,
    no_school_reason,
)
from .panels import WITHHELD

ANY_BOOKING_PERMISSION = ["add", "change", "delete", "view"]


class BookingStatusLogFormatter(LogFormatter):
    label = "状況の変更"

    def format_message(self, log_entry):
        data = log_entry.data or {}
        labels = dict(BookingStatus.choices)
        message = f"状況を「{labels.get(data.get('from'), '')}」から「{labels.get(data.get('to'), '')}」に変更"
        if data.get("by_teacher"):
            message += "（先生が取り消し）"
        return message


# A forum's editors see the bookings of their own forum's lessons only.
BOOKING_POLICY = ForumOwnedPermissionPolicy(Booking, "lesson__forum")
register_permission_policy(Booking, BOOKING_POLICY)


def bookings_for(user):
    return BOOKING_POLICY.limit_queryset(Booking.objects.all(), user)


def shows_personal_data(user):
    """The teacher's name, contact details and what they wrote: only with the permission (a
    forum's editors have it for the bookings they are shown, their forum's)."""
    return user.has_perm(Booking.PERSONAL_DATA_PERMISSION)


def booking_url(user, booking):
    """Where a booking is opened from a list: its status page, where it is handled."""
    if BOOKING_POLICY.user_has_permission(user, "change"):
        return reverse("lesson_bookings:status", args=[booking.pk])
    return reverse("lesson_bookings:inspect", args=[booking.pk])


class BookingTitleColumn(ButtonsColumnMixin, TitleColumn):
    """The reference, on one line and linked to the booking's status page, with the row's other
    actions."""

    def __init__(self, name, *, view, **kwargs):
        super().__init__(
            name,
            get_url=lambda booking: booking_url(view.request.user, booking),
            link_attrs={"style": "white-space: nowrap"},
            **kwargs,
        )
        self.view = view

    def get_buttons(self, instance, parent_context):
        return self.view.get_list_buttons(instance)


class BookingStatusColumn(StatusTagColumn):
    """A badge that keeps 「申込み受付」 on one line in a narrow column."""

    cell_template_name = "outreach/admin/status_cell.html"


BASE_SEARCH_FIELDS = ["reference", "school_name", "city"]
# The exports' columns; WITHHELD_FIELDS only for those who may see them.
EXPORT_COLUMNS = [
    "reference",
    "get_status_display",
    "lesson",
    "lesson_date",
    "start_time",
    "preferred_date_1",
    "preferred_date_2",
    "get_preferred_period_display",
    "get_delivery_mode_display",
    "school_name",
    "get_school_type_display",
    "prefecture",
    "city",
    "address",
    "teacher_name",
    "email",
    "phone",
    "get_grade_display",
    "classes",
    "pupils",
    "accessibility_needs",
    "notes",
    "decline_reason",
    "pupils_attended",
    "report",
    "created_at",
]


class BookingIndexView(ExcelExportMixin, IndexView):
    export_headings = {
        "get_status_display": "状況",
        "get_delivery_mode_display": "実施方法",
        "get_preferred_period_display": "希望の時間帯（校時）",
        "get_school_type_display": "学校の種別",
        "get_grade_display": "学年",
    }

    @cached_property
    def personal_data(self):
        return shows_personal_data(self.request.user)

    @cached_property
    def search_fields(self):
        # Searching by name or e-mail address would tell who booked, with no column shown.
        return BASE_SEARCH_FIELDS + (["teacher_name", "email"] if self.personal_data else [])

    @cached_property
    def list_export(self):
        if self.personal_data:
            return EXPORT_COLUMNS
        return [name for name in EXPORT_COLUMNS if name not in WITHHELD_FIELDS]

    @cached_property
    def list_display(self):
        return [
            BookingTitleColumn("reference", label="受付番号", sort_key="reference", view=self),
            "lesson",
            "school_name",
            Column("date_display", label="実施日・希望日"),
            BookingStatusColumn("get_status_display", label="状況", sort_key="status"),
            "created_at",
        ]

    def get_base_queryset(self):
        queryset = (
            super()
            .get_base_queryset()
            .select_related("lesson", "slot", "prefecture")
            .with_was_confirmed()  # for the date column
        )
        return self.permission_policy.limit_queryset(queryset, self.request.user)

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                "カレンダー", url=reverse("lesson_bookings:calendar"), icon_name="calendar"
            ),
        ]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.next_statuses and self.user_has_permission("change"):
            buttons.insert(
                0,
                Button(
                    "状況を変更",
                    url=reverse("lesson_bookings:status", args=[instance.pk]),
                    icon_name="tasks",
                    priority=5,
                ),
            )
        return buttons


class SameNewTitleMixin:
    """For a create view: the browser's title and the heading read as the breadcrumb does
    (「新規：日時枠」), not Wagtail's 「新規作成: 日時枠」 beside 「新規：日時枠」."""

    def get_header_title(self):
        return _("New: %(model_name)s") % {"model_name": self.get_page_subtitle()}


class StatusButtonMixin:
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.next_statuses and self.user_has_permission("change"):
            buttons.insert(
                0,
                Button(
                    "状況を変更",
                    url=reverse("lesson_bookings:status", args=[self.object.pk]),
                    icon_name="tasks",
                    priority=5,
                ),
            )
        return buttons


class BookingEditView(ForumOwnedObjectMixin, StatusButtonMixin, EditView):
    pass


class BookingCreateView(SameNewTitleMixin, CreateView):
    pass


class BookingInspectView(ForumOwnedObjectMixin, StatusButtonMixin, InspectView):
    object_actions = ["view", "change"]

    def get_field_display_value(self, field_name, field):
        if field_name in WITHHELD_FIELDS and not shows_personal_data(self.request.user):
            return WITHHELD
        return super().get_field_display_value(field_name, field)


class BookingHistoryView(ForumOwnedObjectMixin, HistoryView):
    pass


class BookingStatusView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Move a booking along its workflow; the teacher is e-mailed where it matters."""

    model = Booking
    permission_required = "change"
    template_name = "outreach/admin/booking_status.html"
    form_class = BookingTransitionForm
    page_title = "状況の変更"
    header_icon = "tasks"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.booking = get_object_or_404(
            bookings_for(request.user).select_related("lesson", "slot", "prefecture"),
            pk=kwargs["pk"],
        )

    def get_page_subtitle(self):
        return str(self.booking)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("lesson_bookings:index"), "label": "出前授業の申込み"},
            {
                "url": reverse("lesson_bookings:edit", args=[self.booking.pk]),
                "label": str(self.booking),
            },
            {"url": "", "label": self.page_title},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "booking": self.booking}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            booking=self.booking,
            personal_data=shows_personal_data(self.request.user),
            withheld=WITHHELD,
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            booking = change_status(
                self.booking,
                data["status"],
                user=self.request.user,
                request=self.request,
                lesson_date=data.get("lesson_date"),
                start_time=data.get("start_time"),
                decline_reason=data.get("decline_reason"),
                pupils_attended=data.get("pupils_attended"),
                report=data.get("report"),
            )
        except InvalidTransition as error:
            form.add_error("status", str(error))
            return self.form_invalid(form)
        messages.success(
            self.request, f"{booking.reference} を「{booking.get_status_display()}」にしました。"
        )
        return redirect("lesson_bookings:index")


class BookingCalendarView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A month of slots and bookings, for staff planning visits."""

    model = Booking
    any_permission_required = ANY_BOOKING_PERMISSION
    template_name = "outreach/admin/booking_calendar.html"
    page_title = "出前授業のカレンダー"
    header_icon = "calendar"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("lesson_bookings:index"), "label": "出前授業の申込み"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = dates.japan_today()
        year, month = dates.parse_month(self.request.GET.get("month")) or (today.year, today.month)
        slots = (
            LessonSlot.objects.in_month(year, month).with_booked_classes().select_related("lesson")
        )
        if not edits_all_forums(self.request.user):
            slots = slots.filter(lesson__forum__in=forum_ids(self.request.user))
        bookings = (
            bookings_for(self.request.user)
            .holding_place()
            .filter(lesson_date__range=dates.month_dates(year, month))
            .select_related("lesson")
            .order_by("lesson_date", "start_time")
        )
        by_day = {}
        for slot in slots:
            by_day.setdefault(slot.date, {"slots": [], "bookings": []})["slots"].append(slot)
        for booking in bookings:
            booking.admin_url = booking_url(self.request.user, booking)
            by_day.setdefault(booking.lesson_date, {"slots": [], "bookings": []})[
                "bookings"
            ].append(booking)
        holidays = dates.holidays_in_month(year, month)
        # Staff plan the working week: Monday first.
        weeks = [
            [
                {
                    "date": day,
                    "in_month": day.month == month,
                    "is_today": day == today,
                    "label": dates.format_date(day),
                    "holiday": holidays.get(day),
                    **by_day.get(day, {"slots": [], "bookings": []}),
                }
                for day in week
            ]
            for week in dates.month_weeks(year, month, first_weekday=dates.MONDAY)
        ]
        context.update(
            {
                "weeks": weeks,
                "month_label": dates.month_label(year, month),
                "previous_month": dates.month_value(*dates.shift_month(year, month, -1)),
                "next_month": dates.month_value(*dates.shift_month(year, month, 1)),
                "weekdays": [short for short, _ in dates.weekday_headers(dates.MONDAY)],
                "index_url": reverse("lesson_bookings:index"),
            }
        )
        return context


class BookingViewSet(ModelViewSet):
    model = Booking
    name = "lesson_bookings"
    icon = "date"
    menu_label = "出前授業の申込み"
    menu_order = 100
    index_view_class = BookingIndexView
    add_view_class = BookingCreateView
    edit_view_class = BookingEditView
    inspect_view_class = BookingInspectView
    history_view_class = BookingHistoryView
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_handler = ObjectList(Booking.panels, base_form_class=BookingAdminForm)
    list_per_page = 50
    ordering = ["-created_at"]
    # Searched with the database (Booking is not in the search index: personal data).
    search_backend_name = None
    list_filter = ["status", "lesson", "delivery_mode", "prefecture", "lesson_date"]
    export_filename = "lesson-bookings"
    inspect_view_fields = [
        "reference",
        "status",
        "lesson",
        "slot",
        "lesson_date",
        "start_time",
        "preferred_date_1",
        "preferred_date_2",
        "preferred_period",
        "delivery_mode",
        "school_name",
        "school_type",
        "prefecture",
        "city",
        "address",
        "teacher_name",
        "email",
        "phone",
        "grade",
        "classes",
        "pupils",
        "accessibility_needs",
        "notes",
        "decline_reason",
        "pupils_attended",
        "report",
        "created_at",
        "anonymised_at",
    ]

    @property
    def status_view(self):
        return self.construct_view(BookingStatusView)

    @property
    def calendar_view(self):
        return self.construct_view(BookingCalendarView)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("calendar/", self.calendar_view, name="calendar"),
            path("status/<int:pk>/", self.status_view, name="status"),
        ]


# A forum's editors keep the slots of their own forum's lessons only.
SLOT_POLICY = ForumOwnedPermissionPolicy(LessonSlot, "lesson__forum")
register_permission_policy(LessonSlot, SLOT_POLICY)


class LessonSlotIndexView(ExcelExportMixin, IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("lesson").with_booked_classes()
        return self.permission_policy.limit_queryset(queryset, self.request.user)


class NoSchoolDayNoticeMixin:
    """A slot saved on a day schools have no lessons is kept (a Saturday class, a lesson at a
    holiday event), with a word in case the date was a slip."""

    def form_valid(self, form):
        response = super().form_valid(form)
        reason = no_school_reason(self.object.date)
        if reason:
            messages.warning(
                self.request,
                f"{reason}です。土曜授業など学校と決めた日でなければ、実施日を見直してください。",
            )
        return response


class LessonSlotCreateView(SameNewTitleMixin, NoSchoolDayNoticeMixin, CreateView):
    def get_initial(self):
        # From a lesson's page in the admin: 「日時枠を追加」 with the lesson chosen.
        initial = super().get_initial()
        if self.request.GET.get("lesson"):
            initial["lesson"] = self.request.GET["lesson"]
        return initial


class LessonSlotEditView(NoSchoolDayNoticeMixin, ForumOwnedObjectMixin, EditView):
    pass


class LessonSlotDeleteView(ForumOwnedObjectMixin, DeleteView):
    pass


class LessonSlotHistoryView(ForumOwnedObjectMixin, HistoryView):
    pass


class LessonSlotViewSet(ModelViewSet):
    model = LessonSlot
    name = "lesson_slots"
    icon = "time"
    menu_label = "日時枠"
    menu_order = 200
    index_view_class = LessonSlotIndexView
    add_view_class = LessonSlotCreateView
    edit_view_class = LessonSlotEditView
    delete_view_class = LessonSlotDeleteView
    history_view_class = LessonSlotHistoryView
    edit_handler = ObjectList(LessonSlot.panels, base_form_class=LessonSlotAdminForm)
    ordering = ["-date", "start_time"]
    search_fields = ["lesson__title", "note"]
    search_backend_name = None
    list_display = [
        "date",
        "lesson",
        "start_time",
        "periods",
        "capacity",
        Column("booked_classes", label="申込み済みクラス数"),
        "note",
    ]
    list_filter = ["lesson", "date"]
    list_export = ["lesson", "date", "start_time", "periods", "capacity", "booked_classes", "note"]
    export_headings = {"booked_classes": "申込み済みクラス数"}
    export_filename = "lesson-slots"


class LessonPageIndexView(ForumFilterMixin, PageListingViewSet.index_view_class):
    default_ordering = "title"

    def annotate_queryset(self, pages):
        pages = super().annotate_queryset(pages)
        return pages.select_related("forum", for_specific_subqueries=True)


class LessonPageListingViewSet(PageWorkersMenuMixin, PageListingViewSet):
    """Every lesson in one flat list, as ニュース and イベント have: editors reach their
    lessons without the page tree, whose 出前授業の一覧 they may not edit."""

    name = "lesson_pages"
    model = LessonPage
    icon = "doc-full"
    menu_label = "授業の一覧"
    index_view_class = LessonPageIndexView
    columns = PageListingViewSet.columns + [Column("forum", label="フォーラム")]
    list_filter = ["forum"]


class OutreachViewSetGroup(ModelViewSetGroup):
    menu_label = "出前授業"
    menu_icon = "group"
    menu_order = 310
    items = (LessonPageListingViewSet, BookingViewSet, LessonSlotViewSet)
