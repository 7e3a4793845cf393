"""Admin for the register (会員名簿): members, local governments, contact people, accounts.

Contact people hold personal data: their list, search, forms and the organisation's page
open only for users with 「会員の担当者の個人情報を閲覧できる」. The register's CSV import and
export are two views of the members' viewset (register_csv.py does the work).
"""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column, StatusFlagColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail.snippets.widgets import AdminSnippetChooser

from website.columns import marked_column
from website.dates import japan_today
from website.models import Forum, Prefecture

from . import accounts, register_csv
from .models import (
    ContactPerson,
    LocalGovernment,
    MemberAccount,
    MemberOrganisation,
)

# --- local governments: pick one by name, kana or code ------------------------------------


class MatchingSearchForm(BaseFilterForm):
    """A chooser's search through the model's own `matching()` queryset method (names, kana,
    codes in any width) instead of a search index."""

    q = forms.CharField(label="検索", required=False)

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q")
        if query:
            self.is_searching = True
            self.search_query = query
            objects = objects.matching(query)
        return objects


class LocalGovernmentSearchForm(MatchingSearchForm):
    q = forms.CharField(
        label="団体名・カナ・団体コード",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "例: 千代田区、チヨダ、131016"}),
    )


class MemberOrganisationSearchForm(MatchingSearchForm):
    q = forms.CharField(
        label="名称・カナ",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "例: 保全、ホゼン"}),
    )


class LocalGovernmentChooseView(ChooseView):
    filter_form_class = LocalGovernmentSearchForm

    def get_object_list(self):
        return LocalGovernment.objects.current().select_related("prefecture")


class LocalGovernmentChooseResultsView(ChooseResultsView):
    filter_form_class = LocalGovernmentSearchForm

    def get_object_list(self):
        return LocalGovernment.objects.current().select_related("prefecture")


class LocalGovernmentChooserViewSet(SnippetChooserViewSet):
    choose_view_class = LocalGovernmentChooseView
    choose_results_view_class = LocalGovernmentChooseResultsView


class MemberOrganisationChooseView(ChooseView):
    filter_form_class = MemberOrganisationSearchForm


class MemberOrganisationChooseResultsView(ChooseResultsView):
    filter_form_class = MemberOrganisationSearchForm


class MemberOrganisationChooserViewSet(SnippetChooserViewSet):
    choose_view_class = MemberOrganisationChooseView
    choose_results_view_class = MemberOrganisationChooseResultsView


class LocalGovernmentIndexView(SnippetIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("prefecture")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.matching(self.search_query)


class LocalGovernmentViewSet(SnippetViewSet):
    model = LocalGovernment
    icon = "site"
    menu_label = "地方公共団体"
    list_display = [
        "code",
        Column("full_name", label="名称"),
        "kana",
        "kind",
        marked_column("abolished", "廃止", mark="廃止"),
    ]
    list_filter = ["kind", "prefecture", "abolished"]
    list_per_page = 50
    search_fields = ["name", "kana", "code"]
    search_backend_name = None
    index_view_class = LocalGovernmentIndexView
    chooser_viewset_class = LocalGovernmentChooserViewSet
    list_export = ["code", "name", "kana", "prefecture", "kind", "abolished"]
    # Loaded from the ministry's list (members/data/README.md), not typed in.
    inspect_view_enabled = True


# --- the register -------------------------------------------------------------------------


class MemberOrganisationFilterSet(WagtailFilterSet):
    forums = django_filters.ModelChoiceFilter(
        label="参加フォーラム", queryset=Forum.objects.all(), field_name="forums"
    )
    prefecture = django_filters.ModelChoiceFilter(
        label="都道府県", queryset=Prefecture.objects.all()
    )
    status = django_filters.ChoiceFilter(
        label="在籍",
        choices=[("current", "在籍中"), ("left", "退会済み")],
        method="filter_status",
        empty_label="すべて",
    )

    class Meta:
        model = MemberOrganisation
        fields = ["type", "prefecture", "forums", "status"]

    def filter_status(self, queryset, name, value):
        current = MemberOrganisation.objects.current().values("pk")
        if value == "current":
            return queryset.filter(pk__in=current)
        if value == "left":
            return queryset.exclude(pk__in=current)
        return queryset


class MemberOrganisationIndexView(SnippetIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("prefecture")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.matching(self.search_query)

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        viewset = MemberOrganisation.snippet_viewset
        buttons.append(
            HeaderButton(
                "CSVを書き出す（Excel用）",
                url=reverse(viewset.get_url_name("export_register")),
                icon_name="download",
            )
        )
        if viewset.permission_policy.user_has_any_permission(self.request.user, ["add", "change"]):
            buttons.append(
                HeaderButton(
                    "CSVを読み込む",
                    url=reverse(viewset.get_url_name("import_register")),
                    icon_name="upload",
                )
            )
        return buttons


class RegisterImportForm(forms.Form):
    file = forms.FileField(
        label="CSVファイル",
        help_text="「CSVを書き出す」で書き出したファイルと同じ見出しのCSV（UTF-8 または Shift_JIS）。",
    )


class MemberOrganisationViewSet(SnippetViewSet):
    model = MemberOrganisation
    icon = "group"
    menu_label = "会員名簿"
    list_display = [
        "name",
        "kana",
        "type",
        "prefecture",
        # 「2017年12月24日」 on one line, not broken before its 日 at 1280 px.
        Column("joined_on", label="入会日", sort_key="joined_on", classname="w-whitespace-nowrap"),
        Column("left_on", label="退会日", sort_key="left_on", classname="w-whitespace-nowrap"),
        # A tag that keeps to one line: as text, 「在籍中」 broke over two at 1280 px.
        StatusFlagColumn(
            "is_current", label="在籍", true_label="在籍中", false_label="退会", width="8%"
        ),
    ]
    filterset_class = MemberOrganisationFilterSet
    search_fields = ["name", "kana"]
    search_backend_name = None
    index_view_class = MemberOrganisationIndexView
    chooser_viewset_class = MemberOrganisationChooserViewSet
    list_per_page = 50

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("export-csv/", self.export_register, name="export_register"),
            path("import-csv/", self.import_register, name="import_register"),
        ]

    def export_register(self, request):
        if not self.permission_policy.user_has_any_permission(
            request.user, ["view", "add", "change", "delete"]
        ):
            raise PermissionDenied
        data = register_csv.export_csv(register_csv.export_queryset())
        response = HttpResponse(data, content_type="text/csv; charset=utf-8")
        filename = f"member-register-{japan_today():%Y%m%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def import_register(self, request):
        if not self.permission_policy.user_has_permission(
            request.user, "add"
        ) or not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        result = None
        form = RegisterImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            result = register_csv.import_csv(form.cleaned_data["file"].read())
            if result.ok:
                messages.success(
                    request,
                    f"会員名簿を読み込みました（追加 {result.created} 件、更新 {result.updated} 件）。",
                )
                return redirect(self.get_url_name("list"))
        return TemplateResponse(
            request,
            "members/admin/register_import.html",
            {
                "form": form,
                "result": result,
                "index_url": reverse(self.get_url_name("list")),
                "headers": register_csv.HEADERS,
            },
        )


# --- contact people: personal data --------------------------------------------------------


class PersonalDataPermissionPolicy(ModelPermissionPolicy):
    """The model's own permissions, and only for users allowed to see personal data."""

    def user_has_permission(self, user, action):
        return user.has_perm(
            ContactPerson.PERSONAL_DATA_PERMISSION
        ) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ContactPersonIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation")


class ContactPersonViewSet(ModelViewSet):
    model = ContactPerson
    icon = "user"
    menu_label = "担当者（個人情報）"
    name = "member_contacts"
    list_display = ["name", "organisation", "department", "email", "phone"]
    search_fields = ["name", "email", "organisation__name", "organisation__kana"]
    search_backend_name = None
    list_export = ["organisation", "name", "department", "email", "phone"]
    index_view_class = ContactPersonIndexView


# --- accounts: the secretariat invites members ---------------------------------------------


class MemberAccountCreateForm(WagtailAdminModelForm):
    email = forms.EmailField(
        label="メールアドレス", help_text="招待メールをこのアドレスに送ります。"
    )
    name = forms.CharField(label="氏名", max_length=150, required=False)

    class Meta:
        model = MemberAccount
        fields = ["organisation"]
        widgets = {"organisation": AdminSnippetChooser(MemberOrganisation)}

    def clean_email(self):
        email = self.cleaned_data["email"]
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("このメールアドレスのアカウントはすでにあります。")
        return email

    def save(self, commit=True):
        return accounts.invite(
            email=self.cleaned_data["email"],
            organisation=self.cleaned_data["organisation"],
            name=self.cleaned_data["name"],
        )


class MemberAccountEditForm(WagtailAdminModelForm):
    is_active = forms.BooleanField(
        label="ログインできる", required=False, help_text="外すと、すぐにログインできなくなります。"
    )
    resend = forms.BooleanField(label="招待メールを送り直す", required=False)

    class Meta:
        model = MemberAccount
        fields = ["organisation"]
        widgets = {"organisation": AdminSnippetChooser(MemberOrganisation)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["is_active"].initial = self.instance.user.is_active

    def save(self, commit=True):
        account = super().save(commit=commit)
        user = account.user
        if user.is_active != self.cleaned_data["is_active"]:
            user.is_active = self.cleaned_data["is_active"]
            user.save(update_fields=["is_active"])
        if self.cleaned_data["resend"]:
            accounts.send_invitation(account)
        return account


class MemberAccountCreateView(CreateView):
    def get_form_class(self):
        return MemberAccountCreateForm

    def save_instance(self):
        with transaction.atomic():
            return self.form.save()


class MemberAccountEditView(EditView):
    def get_form_class(self):
        return MemberAccountEditForm


class MemberAccountIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "organisation")


class MemberAccountViewSet(ModelViewSet):
    model = MemberAccount
    icon = "key"
    menu_label = "会員アカウント"
    name = "member_accounts"
    list_display = ["user", "organisation", "invited_at", "activated_at"]
    search_fields = ["user__email", "organisation__name", "organisation__kana"]
    search_backend_name = None
    form_fields = ["organisation"]
    index_view_class = MemberAccountIndexView
    add_view_class = MemberAccountCreateView
    edit_view_class = MemberAccountEditView


class MembersGroup(SnippetViewSetGroup):
    menu_label = "会員"
    menu_icon = "group"
    menu_order = 250
    items = (
        MemberOrganisationViewSet,
        MemberAccountViewSet,
        LocalGovernmentViewSet,
        ContactPersonViewSet,
    )
