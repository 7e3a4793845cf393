"""What 情報発信メール adds to the admin (its viewsets are in viewsets.py) and to the public
pages: the subscribe form on the home page and each forum's page (sections), demo content,
the worker's tick and the member's page section.
"""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from website.sections import Section

from . import sending
from .forms import SubscribeForm
from .viewsets import IssueViewSet, SubscriberViewSet


@hooks.register("register_log_actions")
def register_mailing_log_actions(actions):
    actions.register_action(
        sending.UNSCHEDULED_LOG_ACTION,
        "送信予約の取り消し（送る相手なし）",
        "予約の時刻に送る相手に当てはまる人がいなかったため、送信せずに下書きに戻しました",
    )


register_snippet(IssueViewSet)


@hooks.register("secretariat_permissions")
def secretariat_runs_the_mailings():
    """事務局 composes and sends the issues and sees the subscribers' addresses. Every model
    named here is theirs only (website/teams.py): the send log, which says who received
    what, too."""
    return [
        *(f"mailings.{action}_issue" for action in ("add", "change", "delete", "view")),
        "mailings.publish_issue",
        "mailings.send_issue",
        *(f"mailings.{action}_subscriber" for action in ("view", "change", "delete")),
        "mailings.view_subscriber_personal_data",
        "mailings.view_delivery",
    ]


@hooks.register("register_admin_viewset")
def register_subscribers():
    return SubscriberViewSet()


# --- public sections, demo, worker ----------------------------------------------------------


def embedded_form(forum=None):
    """The short form of a section: ids of its own, so they never clash with the page's. On a
    forum's page its forum is chosen: the section offers that forum's news."""
    if forum is None:
        return SubscribeForm(forums=[], auto_id="subscribe-%s")
    return SubscribeForm(
        forums=[(forum.slug, forum.name)],
        initial={"forums": [forum.slug]},
        auto_id="subscribe-%s",
    )


@hooks.register("website_home_sections", order=90)
def home_subscribe(request, page):
    return Section("mailings/sections/subscribe.html", {"form": embedded_form()})


@hooks.register("website_forum_sections", order=90)
def forum_subscribe(request, forum):
    return Section(
        "mailings/sections/subscribe.html",
        {"form": embedded_form(forum), "forum": forum},
    )


@hooks.register("website_demo_content", order=90)
def load_mailings_demo(home, stdout):
    from .demo import load

    load(home, stdout)


@hooks.register("website_periodic_jobs")
def mailings_periodic_work(now):
    from .tasks import periodic_work

    periodic_work(now)


@hooks.register("members_mypage_sections")
def members_subscription(request, organisation):
    """A member's page: the information e-mails their login address receives, with the link
    to change them; when it receives none (no subscription, pending or unsubscribed), a link
    to subscribe it at once, the organisation's forums ticked. The member proved the address
    by logging in with it."""
    from urllib.parse import urlencode

    from django.template.loader import render_to_string
    from django.urls import reverse

    from .models import Subscriber
    from .subscriptions import preferences_url

    subscriber = (
        Subscriber.objects.filter(email__iexact=request.user.email)
        .prefetch_related("forums")
        .first()
    )
    receiving = subscriber is not None and subscriber.status in (
        Subscriber.Status.CONFIRMED,
        Subscriber.Status.PAUSED,
    )
    context = {"subscriber": subscriber, "receiving": receiving}
    if receiving:
        context["preferences_url"] = preferences_url(subscriber)
    else:
        # .all(): the organisation comes with its forums prefetched (in the forums' order).
        forums = organisation.forums.all()
        query = urlencode([("forum", forum.slug) for forum in forums])
        context["subscribe_url"] = reverse("mailings:member_subscribe") + (
            f"?{query}" if query else ""
        )
    return render_to_string("mailings/sections/members_subscription.html", context, request=request)
