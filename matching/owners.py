"""Seed owners in the members' area: the people of a member organisation list, enter and
change their organisation's seeds (/member-account/seeds/).

What they send is saved as a draft revision of the seed (Wagtail's drafts): the public site
keeps showing what was published until the editors of the organisation's forums (or 広報部会)
review the draft in the admin and publish it. Each draft e-mails them and the secretariat's
address a link.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache

from members.access import current_organisation
from website import mail
from website.addresses import absolute_url
from website.sections import index_page
from website.submissions import private

from .choices import Publication
from .forms import SeedOwnerForm
from .models import InfrastructureField, MatchingIndexPage, Seed


def status_of(seed):
    """What the owner reads about a seed's review and publication."""
    if not seed.live:
        return "事務局の確認待ち（未公開）"
    if seed.has_unpublished_changes:
        return "公開中（変更は事務局の確認待ち）"
    if seed.anonymous:
        return "事務局のみ（団体名を伏せています）"
    return {
        Publication.PUBLIC: "公開中",
        Publication.MEMBERS: "会員に公開中",
        Publication.NONE: "非公開",
    }[seed.publication]


def seeds_of(organisation):
    """The organisation's seeds as its people last sent them (the latest draft, else the
    published row), by name, each with its status and whether members can open its page."""
    seeds = Seed.objects.owned_by(organisation).select_related("latest_revision")
    shown = set(seeds.for_members().values_list("pk", flat=True))
    drafts = [seed.get_latest_revision_as_object() for seed in seeds]
    for draft in drafts:
        draft.status = status_of(draft)
        draft.is_shown = draft.pk in shown
    return sorted(drafts, key=lambda draft: (draft.technology, draft.pk))


def refused(request):
    return TemplateResponse(request, "members/not_a_member.html", {"page": None}, status=403)


def owner_view(view):
    """Logged-in members only, on their own organisation's behalf; never cached."""

    @login_required
    @never_cache
    @private
    def wrapped(request, *args, **kwargs):
        organisation = current_organisation(request)
        if organisation is None:
            return refused(request)
        return view(request, organisation, *args, **kwargs)

    return wrapped


@owner_view
def seed_list(request, organisation):
    return TemplateResponse(
        request,
        "matching/owners/seed_list.html",
        {
            "page": None,
            "organisation": organisation,
            "seeds": seeds_of(organisation),
            "index_page": index_page(request, MatchingIndexPage),
        },
    )


@owner_view
def seed_create(request, organisation):
    form = SeedOwnerForm(
        request.POST or None,
        organisation=organisation,
        infrastructure_fields=InfrastructureField.objects.all(),
    )
    if request.method == "POST" and form.is_valid() and not form.is_bot:
        seed = Seed(
            member=organisation,
            organisation_name=organisation.name,
            live=False,
            has_unpublished_changes=True,
        )
        save_draft(request, form.apply_to(seed), organisation, new=True)
        messages.success(
            request,
            f"「{seed.technology}」を登録しました。事務局が内容を確認してから公開します。",
        )
        return redirect("matching:owner_seeds")
    return form_page(request, organisation, form, seed=None)


@owner_view
def seed_edit(request, organisation, pk):
    seed = Seed.objects.owned_by(organisation).filter(pk=pk).first()
    if seed is None:
        raise Http404
    draft = seed.get_latest_revision_as_object()
    form = SeedOwnerForm(
        request.POST or None,
        organisation=organisation,
        seed=draft,
        infrastructure_fields=InfrastructureField.objects.all(),
    )
    if request.method == "POST" and form.is_valid() and not form.is_bot:
        save_draft(request, form.apply_to(draft), organisation, new=False)
        message = f"「{draft.technology}」の変更を受け付けました。事務局が確認してから公開します。"
        if seed.live:
            message += "それまでは、これまでの内容が表示されます。"
        messages.success(request, message)
        return redirect("matching:owner_seeds")
    return form_page(request, organisation, form, seed=draft)


def form_page(request, organisation, form, seed):
    return TemplateResponse(
        request,
        "matching/owners/seed_form.html",
        {"page": None, "organisation": organisation, "form": form, "seed": seed},
    )


def save_draft(request, seed, organisation, *, new):
    """The seed's row for a new one (unpublished), then a revision with what was sent; the
    published row of an existing seed is left as it is."""
    with transaction.atomic():
        if new:
            seed.save()
        revision = seed.save_revision(user=request.user, log_action=True)
        notify_editors(seed, organisation, revision, new=new)
    return revision


def notify_editors(seed, organisation, revision, *, new):
    mail.send_on_commit(
        reference=f"seed-{seed.pk}-revision-{revision.pk}",
        subject=f"【シーズの{'登録' if new else '変更'}】{seed.technology}（{organisation.name}）",
        template_name="matching/emails/seed_draft.txt",
        context={
            "seed": seed,
            "organisation": organisation,
            "new": new,
            "admin_url": absolute_url(
                reverse("wagtailsnippets_matching_seed:edit", args=[seed.pk])
            ),
        },
        to=mail.staff_and_editor_addresses(organisation.forums.all()),
    )
