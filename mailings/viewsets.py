"""Admin of 情報発信メール: the issues (a snippet with drafts, revisions, preview and the
approval workflow where one is assigned to it) with their 「送信・進捗」 page, and the
subscribers (addresses only for users with 「購読者のメールアドレスを閲覧できる」).

The 送信・進捗 page sends a test to oneself, sends now or at a time (only the approved,
published version), and shows sent / failed / remaining.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

from . import sending
from .forms import IssueAudienceForm, ScheduleForm, SubscriberAdminForm
from .models import PERSONAL_DATA_PERMISSION, SEND_PERMISSION, Delivery, Issue, Subscriber


def send_url(issue):
    return reverse(Issue.snippet_viewset.get_url_name("send"), args=[issue.pk])


class ProgressColumn(Column):
    """sent / failed / remaining, from the list's own annotated query (no query per row)."""

    def get_value(self, instance):
        if instance.status == Issue.Status.DRAFT:
            return "—"
        if instance.status == Issue.Status.SCHEDULED:
            return timezone.localtime(instance.send_at).strftime("%Y-%m-%d %H:%M に送信予定")
        return f"送信 {instance.count_sent} / 失敗 {instance.count_failed} / 残り {instance.count_remaining}"


UNDELIVERED_SHOWN = 100


def undelivered(issue):
    """The send log's failed and interrupted rows, with the mail server's answer: what the
    send page lists under the counts."""
    return list(
        Delivery.objects.filter(
            issue=issue, status__in=[Delivery.Status.FAILED, Delivery.Status.UNKNOWN]
        )
        .select_related("subscriber")
        .order_by("pk")[:UNDELIVERED_SHOWN]
    )


class IssueIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().with_progress()

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            Button("送信・進捗", url=send_url(instance), icon_name="mail", priority=5),
        ]


class IssueEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            HeaderButton("送信・進捗", url=send_url(self.object), icon_name="mail"),
        ]


ALREADY_SENDING = (
    "この号はすでに送信を始めています（二度は送りません）。進み具合はこのページでご確認ください。"
)
NOT_SENDABLE = "送信できるのは、公開（承認）済みで、未公開の変更がない号だけです。"
NO_RECIPIENTS = (
    "この号の送る相手に当てはまる人がいないため（0人）、送信できません。"
    "編集画面で「送る相手」を見直してください。"
)


class IssueViewSet(SnippetViewSet):
    model = Issue
    icon = "mail"
    menu_label = "情報発信メール"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = IssueIndexView
    edit_view_class = IssueEditView
    list_display = [
        "subject",
        Column("status", label="送信状態", accessor="get_status_display"),
        Column("number", label="号"),
        ProgressColumn("progress", label="送信 / 失敗 / 残り"),
    ]
    list_filter = ["status"]
    search_fields = ["subject"]
    search_backend_name = None  # the database's own LIKE on the subject
    copy_view_enabled = True
    list_per_page = 30

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("send/<int:pk>/", self.send_view, name="send"),
            path("audience-count/", self.audience_count_view, name="audience_count"),
        ]

    def audience_count_view(self, request):
        """The edit form's recipient count for the audiences as ticked (not saved): only the
        number, for those who may write issues."""
        if not self.permission_policy.user_has_any_permission(request.user, ["add", "change"]):
            raise PermissionDenied
        form = IssueAudienceForm(data=request.GET)
        if not form.is_valid():
            return HttpResponseBadRequest("送る相手の指定が正しくありません。")
        response = TemplateResponse(
            request,
            "mailings/admin/includes/audience_count.html",
            {"summary": form.issue().audience_summary()},
        )
        add_never_cache_headers(response)
        return response

    def send_view(self, request, pk):
        if not self.permission_policy.user_has_any_permission(request.user, ["change", "view"]):
            raise PermissionDenied
        issue = get_object_or_404(Issue, pk=pk)
        may_send = request.user.has_perm(SEND_PERMISSION)
        schedule_form = ScheduleForm()
        confirming = audience_changed = False
        if request.method == "POST":
            action = request.POST.get("action")
            if action == "test":
                if not request.user.email:
                    messages.error(
                        request, "あなたのアカウントにメールアドレスが登録されていません。"
                    )
                elif not issue.subject:
                    messages.error(
                        request,
                        "件名がまだありません。編集画面で件名を入れて保存してから、"
                        "テスト送信してください。",
                    )
                else:
                    sending.send_test(issue, request.user.email)
                    messages.success(
                        request, f"テスト送信しました。{request.user.email} に届きます。"
                    )
                return redirect(send_url(issue))
            if not may_send:
                raise PermissionDenied
            if action in ("now", "schedule") and not sending.may_send(issue):
                # A second press (a double click, the browser's back and resend) finds the
                # issue already going out: say so, not that it is unpublished.
                started = issue.status in (Issue.Status.SENDING, Issue.Status.SENT)
                messages.error(request, ALREADY_SENDING if started else NOT_SENDABLE)
                return redirect(send_url(issue))
            if action in ("now", "schedule") and not issue.audience().exists():
                messages.error(request, NO_RECIPIENTS)
                return redirect(send_url(issue))
            if action == "now":
                # Sending cannot be undone: the first press asks again with the number of
                # people; the second sends only if that number still holds.
                count = issue.audience_summary().count
                if request.POST.get("confirmed_count") == str(count):
                    sending.start(issue)
                    messages.success(
                        request, "送信を始めました。このページで進み具合を確認できます。"
                    )
                    return redirect(send_url(issue))
                confirming = True
                audience_changed = "confirmed_count" in request.POST
            if action == "schedule":
                schedule_form = ScheduleForm(request.POST)
                if schedule_form.is_valid():
                    sending.schedule(issue, schedule_form.cleaned_data["send_at"])
                    messages.success(request, "送信を予約しました。")
                    return redirect(send_url(issue))
            elif action == "unschedule":
                sending.unschedule(issue)
                messages.success(request, "送信の予約を取り消しました。")
                return redirect(send_url(issue))
            elif action == "retry":
                count = sending.retry_failed(issue)
                messages.success(request, f"失敗した{count}件を再送します。")
                return redirect(send_url(issue))
        progress = Issue.objects.with_progress().get(pk=issue.pk)
        return TemplateResponse(
            request,
            "mailings/admin/send.html",
            {
                "issue": progress,
                "may_send": may_send,
                "sendable": sending.may_send(issue),
                "audience": issue.audience_summary()
                if issue.status in (Issue.Status.DRAFT, Issue.Status.SCHEDULED)
                else None,
                "schedule_form": schedule_form,
                "confirming": confirming,
                "audience_changed": audience_changed,
                "edit_url": reverse(self.get_url_name("edit"), args=[issue.pk]),
                "index_url": reverse(self.get_url_name("list")),
                "preview_url": reverse(self.get_url_name("preview_on_edit"), args=[issue.pk]),
                "running": issue.status == Issue.Status.SENDING,
                "undelivered": undelivered(issue),
                "personal_data": shows_personal_data(request.user),
            },
        )


# --- subscribers ----------------------------------------------------------------------------


def shows_personal_data(user):
    return user.has_perm(PERSONAL_DATA_PERMISSION)


class SubscriberFilterSet(WagtailFilterSet):
    class Meta:
        model = Subscriber
        fields = ["status", "topic_news", "topic_events", "topic_lessons", "prefecture"]


class TopicsColumn(Column):
    def get_value(self, instance):
        return "、".join(instance.topic_labels(list(instance.forums.all())))


BASE_COLUMNS = [
    Column("reference", label="番号", accessor="reference"),
    Column("status", label="状態", accessor="get_status_display"),
    TopicsColumn("topics", label="受け取る内容"),
    Column("prefecture", label="地域"),
    Column("created_at", label="登録日時"),
]


class SubscriberIndexView(ModelViewSet.index_view_class):
    page_title = "メール購読者"  # as in the menu

    @cached_property
    def personal_data(self):
        return shows_personal_data(self.request.user)

    @cached_property
    def columns(self):
        columns = list(BASE_COLUMNS)
        columns[0] = TitleColumn(
            "reference", label="番号", accessor="reference", get_url=self.get_edit_url
        )
        if self.personal_data:
            columns.insert(1, Column("email", label="メールアドレス"))
        return columns

    @cached_property
    def search_fields(self):
        # Searching by address would tell who subscribed, even with the column hidden.
        return ["email"] if self.personal_data else []

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("prefecture").prefetch_related("forums")


class SubscriberEditView(ModelViewSet.edit_view_class):
    def get_page_subtitle(self):
        return (
            self.object.email if shows_personal_data(self.request.user) else self.object.reference
        )


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    name = "mail_subscribers"
    icon = "user"
    menu_label = "メール購読者"
    menu_order = 251
    add_to_admin_menu = True
    index_view_class = SubscriberIndexView
    edit_view_class = SubscriberEditView
    edit_handler = ObjectList(Subscriber.panels, base_form_class=SubscriberAdminForm)
    filterset_class = SubscriberFilterSet
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
