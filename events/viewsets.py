"""Admin for event kinds (a snippet) and registrations (a plain model).

Registrations hold personal data. Staff who manage events see every registration's
reference, status, type and number of people; names, affiliations, e-mail addresses and
notes appear (in the list, search, exports and the edit form) only for users with the
"参加者の個人情報を閲覧できる" permission.
"""

import django_filters
from django.db import transaction
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, EditView, HistoryView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from website.dates import format_moment
from website.exports import ExcelExportMixin
from website.teams import (
    ForumFilterMixin,
    ForumOwnedObjectMixin,
    ForumOwnedPermissionPolicy,
    PageWorkersMenuMixin,
)

from .models import EventKind, EventPage, Registration
from .registrations import Links, promote_after_change

BASE_COLUMNS = [
    "reference",
    "event",
    "status",
    "participant_type",
    "number_of_people",
    "created_at",
]
PERSONAL_COLUMNS = ["name", "affiliation", "email"]
BASE_EXPORT = [
    "reference",
    "event.title",
    "status",
    "participant_type",
    "number_of_people",
    "created_at",
    "cancelled_at",
]
PERSONAL_EXPORT = ["name", "affiliation", "email", "notes"]


class EventPageIndexView(ForumFilterMixin, ExcelExportMixin, PageListingViewSet.index_view_class):
    list_export = ["title", "start", "end", "forum", "kind", "status", "held", "live", "url"]
    default_ordering = "-start"
    export_headings = {"live": "公開中", "url": "URL"}

    def annotate_queryset(self, pages):
        pages = super().annotate_queryset(pages)
        return pages.select_related("forum", "kind", for_specific_subqueries=True)


class EventPageListingViewSet(PageWorkersMenuMixin, PageListingViewSet):
    """Every event page in one flat list, as ニュース has: filter by forum, kind and status."""

    model = EventPage
    icon = "date"
    menu_label = "イベント"
    menu_order = 120
    add_to_admin_menu = True
    index_view_class = EventPageIndexView
    columns = PageListingViewSet.columns + [
        # The date itself: Wagtail's DateColumn says how long ago, 「0分前」 for a future one.
        Column(
            "start",
            label="開始日時",
            sort_key="start",
            accessor=lambda page: format_moment(page.start),
        ),
        Column("forum", label="主催フォーラム"),
        Column("kind", label="種類"),
    ]
    list_filter = ["forum", "kind", "status", "held"]


class EventKindViewSet(SnippetViewSet):
    model = EventKind
    icon = "tag"
    menu_label = "イベントの種類"
    list_display = ["name", "activity_kind", "slug", "sort_order"]
    list_filter = ["activity_kind"]
    search_fields = ["name"]
    list_export = ["name", "slug", "activity_kind", "sort_order"]
    ordering = ["sort_order", "name"]


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label="イベント",
        queryset=EventPage.objects.filter(registration_mode=EventPage.RegistrationMode.SITE)
        .order_by("-start")
        .only("pk", "title"),
    )

    class Meta:
        model = Registration
        fields = ["event", "status", "participant_type"]


# A forum's editors see the registrations of their own forum's events only.
register_permission_policy(Registration, ForumOwnedPermissionPolicy(Registration, "event__forum"))


def shows_personal_data(user):
    return user.has_perm(Registration.PERSONAL_DATA_PERMISSION)


class RegistrationIndexView(ExcelExportMixin, IndexView):
    page_title = "イベント参加申込み"  # as the menu says: 出前授業 has its own 申込み

    @cached_property
    def personal_data(self):
        return shows_personal_data(self.request.user)

    @cached_property
    def list_display(self):
        if self.personal_data:
            return BASE_COLUMNS[:1] + PERSONAL_COLUMNS + BASE_COLUMNS[1:]
        return BASE_COLUMNS

    @cached_property
    def list_export(self):
        return BASE_EXPORT + (PERSONAL_EXPORT if self.personal_data else [])

    @cached_property
    def search_fields(self):
        # Searching by name would tell who registered, even with the column hidden.
        return ["reference"] + (PERSONAL_COLUMNS if self.personal_data else [])

    export_headings = {
        "event.title": "イベント",
        "status": "状態",
        "participant_type": "区分",
    }
    custom_field_preprocess = {
        "status": {fmt: lambda value: Registration.Status(value).label for fmt in ("csv", "xlsx")},
        "participant_type": {
            fmt: lambda value: Registration.ParticipantType(value).label if value else ""
            for fmt in ("csv", "xlsx")
        },
    }

    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("event")
        return self.permission_policy.limit_queryset(queryset, self.request.user)


class RegistrationEditView(ForumOwnedObjectMixin, EditView):
    """An editor cancelling someone (or freeing places) moves the waiting list up."""

    def save_instance(self):
        with transaction.atomic():
            instance = super().save_instance()
            promote_after_change(instance.event, links=Links(instance.event, self.request))
        return instance


class RegistrationHistoryView(ForumOwnedObjectMixin, HistoryView):
    pass


class RegistrationDeleteView(ForumOwnedObjectMixin, DeleteView):
    object_actions = ["delete"]

    def delete_action(self):
        event = self.object.event
        with transaction.atomic():
            super().delete_action()
            promote_after_change(event, links=Links(event, self.request))


class RegistrationViewSet(ModelViewSet):
    model = Registration
    name = "event_registrations"
    icon = "user"
    menu_label = "イベント参加申込み"
    menu_order = 300
    add_to_admin_menu = True
    index_view_class = RegistrationIndexView
    edit_view_class = RegistrationEditView
    delete_view_class = RegistrationDeleteView
    history_view_class = RegistrationHistoryView
    filterset_class = RegistrationFilterSet
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
    export_filename = "event-registrations"
