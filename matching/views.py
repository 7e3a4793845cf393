"""The sub-pages of the needs and seeds index (MatchingIndexPage's routes). Each takes the
querysets it reads from its route, and the forms the infrastructure fields they offer, so that
none of them imports the models that route here."""

from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode

from members.access import current_organisation, is_member
from website import mail, submissions
from website.addresses import absolute_url
from website.dates import japan_today

from .audience import sees_members_content
from .filters import NeedFilterForm, SeedFilterForm
from .forms import NeedsSurveyForm

SURVEY_SCOPE = "matching.needs_survey"


def shown(request, response, members):
    """A page with members' content is the member's own: never kept in a shared cache."""
    return submissions.make_private(response) if members else response


def seed_offer_url(request):
    """Where 「シーズを登録」 leads: a member straight to the form, anyone else to the login
    page first. A member's page is never kept in a shared cache (`shown`), so a visitor is
    never handed the member's link."""
    url = reverse("matching:owner_seed_create")
    if is_member(request):
        return url
    return f"{reverse('account_login')}?{urlencode({'next': url})}"


def listing(request, page, template, filter_form, items, members=False, **extra):
    items = filter_form.filter(items)
    page_obj = Paginator(items, page.per_page).get_page(request.GET.get("page"))
    base_url = request.path
    response = TemplateResponse(
        request,
        template,
        {
            "page": page,
            "filter_form": filter_form,
            "active_filters": filter_form.active_filters(base_url),
            "list_url": base_url,
            "page_obj": page_obj,
            "items": page_obj.object_list,
            "for_members": members,
            **extra,
        },
    )
    return shown(request, response, members)


def need_list(request, page, needs, infrastructure_fields):
    members = sees_members_content(request)
    needs = needs.visible(members)
    filter_form = NeedFilterForm(request.GET, infrastructure_fields=infrastructure_fields)
    filter_form.add_counts(needs)
    return listing(
        request,
        page,
        "matching/need_list.html",
        filter_form,
        needs.for_listing(),
        members=members,
    )


def need_detail(request, page, pk, needs, seeds):
    members = sees_members_content(request)
    need = needs.visible(members).for_listing().filter(pk=pk).first()
    if need is None:
        raise Http404
    matchings = need.shown_matchings()
    # The seeds this visitor may see, named and linked; the others only counted.
    visible_seeds = set(
        seeds.visible(members).filter(matchings__need=need).values_list("pk", flat=True)
    )
    response = TemplateResponse(
        request,
        "matching/need_detail.html",
        {
            "page": page,
            "need": need,
            "matchings": matchings,
            "visible_seeds": visible_seeds,
            "for_members": members,
            "seed_offer_url": seed_offer_url(request),
        },
    )
    return shown(request, response, members)


def seed_list(request, page, seeds, infrastructure_fields):
    members = sees_members_content(request)
    seeds = seeds.visible(members)
    filter_form = SeedFilterForm(request.GET, infrastructure_fields=infrastructure_fields)
    filter_form.add_counts(seeds)
    return listing(
        request,
        page,
        "matching/seed_list.html",
        filter_form,
        seeds.for_listing(),
        members=members,
        seed_offer_url=seed_offer_url(request),
    )


def restricted_collection_ids():
    """Collections behind a view restriction (and the collections inside them)."""
    from wagtail.models import CollectionViewRestriction

    ids = set()
    for restriction in CollectionViewRestriction.objects.select_related("collection"):
        collection = restriction.collection
        ids.update(collection.get_descendants(inclusive=True).values_list("pk", flat=True))
    return ids


def seed_documents(seed, members):
    """The seed's documents this visitor may open: a document of a members' collection is
    listed for members only (Wagtail refuses it to others anyway)."""
    documents = list(seed.documents.select_related("document").order_by("sort_order"))
    if documents and not members:
        restricted = restricted_collection_ids()
        documents = [item for item in documents if item.document.collection_id not in restricted]
    return documents


def seed_detail(request, page, pk, seeds):
    members = sees_members_content(request)
    seed = seeds.visible(members).for_listing().filter(pk=pk).first()
    if seed is None:
        raise Http404
    photos = seed.photos.select_related("image").order_by("sort_order")
    owner = members and seed.is_owned_by(current_organisation(request))
    response = TemplateResponse(
        request,
        "matching/seed_detail.html",
        {
            "page": page,
            "seed": seed,
            "photos": photos,
            "documents": seed_documents(seed, members),
            "for_members": members,
            "edit_url": reverse("matching:owner_seed_edit", args=[seed.pk]) if owner else "",
        },
    )
    return shown(request, response, members)


def store_need(survey, data):
    """The answer as an unpublished need of the survey's forum (all or nothing)."""
    earlier = submissions.earlier_submission(survey.needs.all(), data["submission_key"])
    if earlier is not None:
        return earlier
    fields = data.pop("fields")
    with transaction.atomic():
        need = survey.needs.create(forum=survey.forum, is_public=False, **data)
        need.fields.set(fields)
        need.save()
        notify_editors(survey, need)
    return need


def notify_editors(survey, need):
    """The forum's editors and the secretariat review the answer before it is published."""
    mail.send_on_commit(
        reference=f"need-{need.pk}",
        subject=f"【ニーズ調査の回答】{survey.title}",
        template_name="matching/emails/new_need.txt",
        context={
            "survey": survey,
            "need": need,
            "admin_url": absolute_url(
                reverse("wagtailsnippets_matching_need:edit", args=[need.pk])
            ),
        },
        to=mail.staff_and_editor_addresses([survey.forum_id]),
    )


@submissions.private
def survey_form(request, page, pk, surveys, infrastructure_fields):
    survey = surveys.select_related("forum").filter(pk=pk).first()
    if survey is None:
        raise Http404
    today = japan_today()
    context = {"page": page, "survey": survey, "is_open": survey.is_open(today), "today": today}
    if survey.members_only and not is_member(request) and not request.user.is_staff:
        context["members_only"] = True
        return TemplateResponse(request, "matching/survey_form.html", context, status=403)
    if not context["is_open"]:
        return TemplateResponse(request, "matching/survey_form.html", context)
    status = 200
    if request.method == "POST":
        form = NeedsSurveyForm(data=request.POST, infrastructure_fields=infrastructure_fields)
        if submissions.refuse_if_rate_limited(request, form, SURVEY_SCOPE):
            status = 429
        elif form.is_valid():
            if not form.is_bot:
                store_need(survey, form.need_data())
            return redirect(page.url + page.reverse_subpage("survey_thanks", args=[survey.pk]))
        submissions.renew_missing_key(form)
    else:
        form = NeedsSurveyForm(
            initial={"submission_key": submissions.new_submission_key()},
            infrastructure_fields=infrastructure_fields,
        )
    context["form"] = form
    return TemplateResponse(request, "matching/survey_form.html", context, status=status)


@submissions.private
def survey_thanks(request, page, pk, surveys):
    survey = surveys.select_related("forum").filter(pk=pk).first()
    if survey is None:
        raise Http404
    return TemplateResponse(
        request, "matching/survey_thanks.html", {"page": page, "survey": survey}
    )
