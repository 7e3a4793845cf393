"""Subscribing (double opt-in; at once for a logged-in person's own address), confirming,
changing preferences and unsubscribing.

Services take plain data (never forms) and write in one transaction; e-mails go out after the
commit (website/mail.py). One row per address, whatever is submitted: a second subscription
of the same address sends at most one new mail per MAILINGS_CONFIRMATION_INTERVAL_MINUTES,
and the page shown is the same whether the address was known or not.
"""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from website import mail, submissions
from website.addresses import absolute_url

from . import tokens
from .models import Subscriber, Topic

logger = logging.getLogger("sankaku.mailings")

UNSUBSCRIBED_MESSAGE = "このメールアドレスの配信は停止されています。もう一度受け取る場合は、購読のお申し込みからやり直してください。"


def subscriber_for_token(token, *, salt):
    """The subscriber a link points to; submissions.InvalidLink (ExpiredLink when too old)."""
    key = tokens.read(token, salt=salt)
    subscriber = Subscriber.objects.filter(key=key).first()
    if subscriber is None:
        raise submissions.InvalidLink("unknown subscriber")
    return subscriber


def confirm_url(subscriber):
    return absolute_url(reverse("mailings:confirm", args=[tokens.confirm_token(subscriber)]))


def preferences_url(subscriber):
    return absolute_url(
        reverse("mailings:preferences", args=[tokens.preferences_token(subscriber)])
    )


def interval():
    return datetime.timedelta(minutes=settings.MAILINGS_CONFIRMATION_INTERVAL_MINUTES)


def may_mail_again(subscriber, now):
    sent = subscriber.confirmation_sent_at
    return sent is None or now - sent >= interval()


def apply_choices(subscriber, data):
    for topic in Topic.values:
        setattr(subscriber, f"topic_{topic}", topic in data["topics"])
    subscriber.prefecture_id = data.get("prefecture") or None


def subscribe(data, *, now=None):
    """Store or refresh the address's subscription and mail it; returns what happened
    ("new", "pending", "known", "throttled"), which the public page never tells."""
    now = now or timezone.now()
    email = data["email"]
    try:
        with transaction.atomic():
            subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
            if subscriber is None:
                subscriber = Subscriber(email=email, consented_at=now, created_at=now)
                apply_choices(subscriber, data)
                subscriber.updated_at = now
                subscriber.save()
                subscriber.forums.set(data["forum_ids"])
                outcome = "new"
            elif subscriber.status in (Subscriber.Status.CONFIRMED, Subscriber.Status.PAUSED):
                # Someone else may have typed this address: nothing changes; its owner is
                # told how to change their preferences.
                if not may_mail_again(subscriber, now):
                    return "throttled"
                subscriber.confirmation_sent_at = now
                subscriber.save(update_fields=["confirmation_sent_at"])
                send_already_subscribed(subscriber)
                return "known"
            else:  # pending, or unsubscribed and subscribing again
                apply_choices(subscriber, data)
                subscriber.status = Subscriber.Status.PENDING
                subscriber.consented_at = subscriber.updated_at = now
                subscriber.save()
                subscriber.forums.set(data["forum_ids"])
                outcome = "pending"
                if not may_mail_again(subscriber, now):
                    return "throttled"
            subscriber.confirmation_sent_at = now
            subscriber.save(update_fields=["confirmation_sent_at"])
            send_confirmation(subscriber)
    except IntegrityError as error:  # the same address submitted twice at the same moment
        raise submissions.Refused(
            "お申し込みを受け付けられませんでした。もう一度「登録する」を押してください。"
        ) from error
    logger.info("%s: subscription %s", subscriber.reference, outcome)
    return outcome


def subscribe_confirmed(email, data, *, now=None):
    """A logged-in person subscribes their own login address: confirmed at once and without a
    confirmation mail, since logging in with it proved it is theirs. Whatever the address's
    status was (pending, unsubscribed, paused, confirmed), it ends confirmed with these choices
    and this consent. Returns the subscriber; Refused when the same address was submitted
    twice at the same moment."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            subscriber = (
                Subscriber.objects.select_for_update()
                .filter(email__iexact=email)
                .order_by("pk")
                .first()
            )
            if subscriber is None:
                subscriber = Subscriber(email=email, created_at=now)
                before = "new"
            else:
                before = subscriber.status
            apply_choices(subscriber, data)
            subscriber.status = Subscriber.Status.CONFIRMED
            subscriber.consented_at = subscriber.confirmed_at = subscriber.updated_at = now
            subscriber.unsubscribed_at = None
            subscriber.save()
            subscriber.forums.set(data["forum_ids"])
    except IntegrityError as error:
        raise submissions.Refused(
            "登録を受け付けられませんでした。もう一度「この内容で受け取る」を押してください。"
        ) from error
    logger.info("%s: subscribed by its logged-in owner (was %s)", subscriber.reference, before)
    return subscriber


def send_confirmation(subscriber):
    mail.send_on_commit(
        reference=subscriber.reference,
        subject="［インフラメンテナンス国民会議］情報発信メールの登録確認",
        template_name="mailings/emails/confirm.txt",
        context={
            "confirm_url": confirm_url(subscriber),
            "days": settings.MAILINGS_CONFIRM_LINK_DAYS,
            "topics": subscriber.topic_labels(),
            "prefecture": subscriber.prefecture,
        },
        to=[subscriber.email],
    )


def send_already_subscribed(subscriber):
    mail.send_on_commit(
        reference=subscriber.reference,
        subject="［インフラメンテナンス国民会議］情報発信メールはすでに登録されています",
        template_name="mailings/emails/already_subscribed.txt",
        context={"preferences_url": preferences_url(subscriber)},
        to=[subscriber.email],
    )


def confirm(subscriber, *, now=None):
    """pending → confirmed (a second click changes nothing); Refused once unsubscribed."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if locked.status == Subscriber.Status.UNSUBSCRIBED:
            raise submissions.Refused(UNSUBSCRIBED_MESSAGE, code="unsubscribed")
        if locked.status == Subscriber.Status.PENDING:
            locked.status = Subscriber.Status.CONFIRMED
            locked.confirmed_at = locked.updated_at = now
            locked.save(update_fields=["status", "confirmed_at", "updated_at"])
            logger.info("%s: confirmed", locked.reference)
    return locked


def update_preferences(subscriber, data, *, now=None):
    """Topics and region; `data["action"]`: "save", "pause", "resume" or "unsubscribe"."""
    now = now or timezone.now()
    action = data.get("action", "save")
    if action == "unsubscribe":
        return unsubscribe(subscriber, now=now)
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if action == "pause" and locked.status == Subscriber.Status.CONFIRMED:
            locked.status = Subscriber.Status.PAUSED
        elif action in ("resume", "save") and locked.status in (
            Subscriber.Status.PAUSED,
            Subscriber.Status.UNSUBSCRIBED,
            Subscriber.Status.PENDING,
        ):
            # The signed link proves the address is theirs: it confirms it too. Coming back
            # after unsubscribing is a new opt-in: its consent is dated now.
            if locked.status == Subscriber.Status.UNSUBSCRIBED:
                locked.consented_at = now
            locked.status = Subscriber.Status.CONFIRMED
            locked.confirmed_at = locked.confirmed_at or now
            locked.unsubscribed_at = None
        if action == "save":
            apply_choices(locked, data)
            locked.forums.set(data["forum_ids"])
        locked.updated_at = now
        locked.save()
    logger.info("%s: preferences %s", locked.reference, action)
    return locked


def unsubscribe(subscriber, *, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if locked.status != Subscriber.Status.UNSUBSCRIBED:
            locked.status = Subscriber.Status.UNSUBSCRIBED
            locked.unsubscribed_at = locked.updated_at = now
            locked.save(update_fields=["status", "unsubscribed_at", "updated_at"])
            logger.info("%s: unsubscribed", locked.reference)
    return locked
