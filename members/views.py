"""The members' own pages: accepting an invitation, and 会員ページ (their organisation,
registrations and subscriptions)."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from wagtail import hooks

from website.submissions import private

from . import accounts
from .access import current_organisation
from .forms import (
    CONTACTS_CHANGED_ELSEWHERE,
    ContactFormSet,
    OrganisationProfileForm,
    SetPasswordForm,
)


@never_cache
@private
def invitation(request, uidb64, token):
    user = accounts.user_for_invitation(uidb64, token)
    if user is None:
        return render(request, "members/invitation_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        accounts.accept_invitation(user, form.cleaned_data["password1"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "パスワードを設定しました。会員専用ページをご利用いただけます。")
        return redirect("members_mypage")
    return render(request, "members/invitation.html", {"form": form, "invited": user})


@login_required
@private
def mypage(request):
    organisation = current_organisation(request)
    if organisation is None:
        return render(request, "members/not_a_member.html", {"page": None}, status=403)
    form = OrganisationProfileForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "会員情報を更新しました。")
        return redirect("members_mypage")
    # Other apps add what belongs to the member: event registrations, subscriptions (#18).
    sections = [
        section  # HTML rendered by the app's own template
        for hook in hooks.get_hooks("members_mypage_sections")
        if (section := hook(request, organisation))
    ]
    return render(
        request,
        "members/mypage.html",
        {
            "organisation": organisation,
            "form": form,
            "sections": sections,
            "contacts": organisation.contacts.all(),
        },
    )


@login_required
@private
def login_address(request):
    """In place of allauth's address management: the secretariat keeps each member's login
    address (会員アカウント), so a member cannot add or swap one here."""
    return render(request, "members/login_address.html", {"page": None})


@login_required
@private
def contacts(request):
    """The organisation's contact people (担当者), edited by its own members."""
    organisation = current_organisation(request)
    if organisation is None:
        return render(request, "members/not_a_member.html", {"page": None}, status=403)
    formset = ContactFormSet(request.POST or None, instance=organisation, prefix="contacts")
    if request.method == "POST" and formset.is_stale():
        messages.warning(request, CONTACTS_CHANGED_ELSEWHERE)
        return redirect("members_contacts")
    if request.method == "POST" and formset.is_valid():
        if not formset.has_changed():
            messages.info(request, "担当者の連絡先に変更はありませんでした。")
            return redirect("members_mypage")
        with transaction.atomic():
            formset.save()
        messages.success(request, "担当者の連絡先を更新しました。")
        return redirect("members_mypage")
    return render(
        request, "members/contacts.html", {"organisation": organisation, "formset": formset}
    )
