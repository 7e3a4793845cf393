"""Public views: subscribing (also a logged-in person's own address), the links of the
e-mails, and the archive of sent issues."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from website import submissions
from website.addresses import absolute_url
from website.submissions import private

from . import subscriptions, tokens
from .forms import MemberSubscribeForm, PreferencesForm, SubscribeForm
from .models import Issue, Subscriber

RATE_SCOPE = "mailings.subscribe"
ARCHIVE_PER_PAGE = 20


# csrf_exempt: the form is on pages kept whole in the page cache (home, news, forums), which
# cannot carry a visitor's CSRF token. Subscribing needs no session and changes nothing but
# a pending row and one confirmation mail (at most one per interval per address), which
# anyone can cause from the form itself; it is rate-limited per IP like the other forms.
@csrf_exempt
@private
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    status = 200
    if request.method == "POST":
        form = SubscribeForm(data=request.POST)
        if submissions.refuse_if_rate_limited(request, form, RATE_SCOPE):
            status = 429
        elif form.is_valid():
            if form.is_bot:
                return redirect("mailings:subscribe_sent")
            try:
                subscriptions.subscribe(form.subscription_data())
            except submissions.Refused as refusal:
                form.add_error(refusal.field, refusal.message)
            else:
                return redirect("mailings:subscribe_sent")
        if status == 200:
            status = 400 if form.errors else 200
    else:
        initial = {}
        topic = request.GET.get("topic")
        if topic in dict(SubscribeForm.base_fields["topics"].choices):
            initial["topics"] = [topic]
        form = SubscribeForm(initial=initial)
        forum = request.GET.get("forum")
        if isinstance(forum, str) and forum in dict(form.forum_rows):
            form.initial["forums"] = [forum]
    return TemplateResponse(request, "mailings/subscribe.html", {"form": form}, status=status)


@private
def subscribe_sent(request):
    # The same answer whatever happened to the address (never whether it is subscribed).
    minutes = settings.MAILINGS_CONFIRMATION_INTERVAL_MINUTES
    return TemplateResponse(request, "mailings/subscribe_sent.html", {"interval_minutes": minutes})


# private outside login_required: the redirect to the login page is not cached either.
@private
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_subscribe(request):
    """The logged-in person's login address, subscribed at once (see
    subscriptions.subscribe_confirmed); `?forum=<slug>` (repeatable) ticks forums. A user
    without an address (an editor's account) is only told so."""
    email = (request.user.email or "").lower()
    status = 200
    if request.method == "POST" and email:
        form = MemberSubscribeForm(data=request.POST)
        if form.is_valid():
            try:
                subscriptions.subscribe_confirmed(email, form.choices_data())
            except submissions.Refused as refusal:
                form.add_error(refusal.field, refusal.message)
            else:
                messages.success(request, "情報発信メールの受け取りを登録しました。")
                return redirect("members_mypage")
        status = 400
    else:
        form = MemberSubscribeForm()
        form.initial_forums(request.GET.getlist("forum"))
    return TemplateResponse(
        request, "mailings/member_subscribe.html", {"form": form, "email": email}, status=status
    )


def invalid_link(request, error):
    expired = isinstance(error, submissions.ExpiredLink)
    return TemplateResponse(
        request,
        "mailings/invalid_link.html",
        {"expired": expired},
        status=410 if expired else 404,
    )


@private
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button (mail scanners that open links must not confirm for the reader);
    the POST confirms."""
    try:
        subscriber = subscriptions.subscriber_for_token(token, salt=tokens.CONFIRM_SALT)
    except submissions.InvalidLink as error:
        return invalid_link(request, error)
    error_message = ""
    confirmed = subscriber.status in (Subscriber.Status.CONFIRMED, Subscriber.Status.PAUSED)
    if request.method == "POST":
        try:
            subscriber = subscriptions.confirm(subscriber)
        except submissions.Refused as refusal:
            error_message = refusal.message
        else:
            confirmed = True
    elif subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        error_message = subscriptions.UNSUBSCRIBED_MESSAGE
    return TemplateResponse(
        request,
        "mailings/confirm.html",
        {
            "confirmed": confirmed,
            "error_message": error_message,
            "preferences_url": reverse(
                "mailings:preferences", args=[tokens.preferences_token(subscriber)]
            ),
        },
    )


@private
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request, token):
    try:
        subscriber = subscriptions.subscriber_for_token(token, salt=tokens.PREFERENCES_SALT)
    except submissions.InvalidLink as error:
        return invalid_link(request, error)
    saved = ""
    status = 200
    if request.method == "POST":
        form = PreferencesForm(data=request.POST)
        if form.is_valid():
            action = form.action()
            data = {"action": action}
            if action == "save":
                data.update(form.choices_data())
            subscriber = subscriptions.update_preferences(subscriber, data)
            return redirect(f"{request.path}?saved={action}")
        status = 400
    else:
        forum_slugs = [forum.slug for forum in subscriber.forums.all()]
        form = PreferencesForm(
            initial={
                "topics": [
                    t for t in ("news", "events", "lessons") if getattr(subscriber, f"topic_{t}")
                ],
                "forums": forum_slugs,
                "prefecture": subscriber.prefecture_id or "",
            }
        )
        saved = request.GET.get("saved", "")
    return TemplateResponse(
        request,
        "mailings/preferences.html",
        {
            "form": form,
            "subscriber": subscriber,
            "saved": saved if saved in PreferencesForm.ACTIONS else "",
        },
        status=status,
    )


# RFC 8058: mail clients POST "List-Unsubscribe=One-Click" here without cookies or a CSRF
# token; the signed key in the URL is the authority. GET only shows a button that posts the same.
@csrf_exempt
@private
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        subscriber = subscriptions.subscriber_for_token(token, salt=tokens.PREFERENCES_SALT)
    except submissions.InvalidLink as error:
        return invalid_link(request, error)
    if request.method == "POST":
        subscriber = subscriptions.unsubscribe(subscriber)
    return TemplateResponse(
        request,
        "mailings/unsubscribe.html",
        {
            "done": subscriber.status == Subscriber.Status.UNSUBSCRIBED,
            "preferences_url": reverse("mailings:preferences", args=[token]),
        },
    )


# --- the archive --------------------------------------------------------------------------


def archive(request):
    paginator = Paginator(
        Issue.objects.archived().only("subject", "number", "sent_at"), ARCHIVE_PER_PAGE
    )
    page = paginator.get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "mailings/archive.html", {"issues": page, "page_obj": page, "paginator": paginator}
    )


def issue_detail(request, number):
    issue = Issue.objects.archived().filter(number=number).first()
    if issue is None:
        raise Http404("no such issue")
    neighbours = Issue.objects.archived().only("subject", "number")
    return TemplateResponse(
        request,
        "mailings/issue.html",
        {
            "issue": issue,
            "sections": issue.content,
            "newer": neighbours.filter(number__gt=number).order_by("number").first(),
            "older": neighbours.filter(number__lt=number).order_by("-number").first(),
        },
    )


class ArchiveFeed(Feed):
    title = "インフラメンテナンス国民会議 情報発信メール"
    description = "インフラメンテナンス国民会議が発信したメールのバックナンバーです。"

    def link(self):
        return absolute_url(reverse("mailings:archive"))

    def items(self):
        return Issue.objects.archived().only("subject", "introduction", "number", "sent_at")[:20]

    def item_title(self, item):
        return item.subject

    def item_description(self, item):
        return item.introduction

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.sent_at


def archive_feed(request):
    return ArchiveFeed()(request)
