"""E-mail that goes out only once the data it speaks of is committed, and outside the request.

A failed save sends nothing; a failing mail server never loses the saved data (the error is
logged with the reference, never with the person's details).

``EMAIL_BACKEND`` is ``QueuedEmailBackend``: every message (ours and Wagtail's workflow
notifications alike) becomes a ``deliver_email`` task on the background queue, and the worker
(``manage.py run_worker``) hands it to ``EMAIL_DELIVERY_BACKEND`` (SMTP in production). When
the "background" task backend runs tasks immediately (the test settings), delivery happens at
once, in the same process.
"""

import base64
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django_tasks import task
from wagtail.models import Site

from website.models import SiteSettings

BACKGROUND = "background"

logger = logging.getLogger("sankaku.mail")


def build_message(*, subject, template_name, context, to, attachments=()):
    body = render_to_string(template_name, with_site_settings(context))
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=list(to)
    )
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def with_site_settings(context):
    """Every e-mail names the secretariat and how to reach it (website/emails/_footer.txt),
    from the default site's settings unless the sender chose a site's."""
    if "site_settings" in context:
        return context
    site = Site.objects.filter(is_default_site=True).first()
    return {**context, "site_settings": SiteSettings.for_site(site) if site else None}


def send_on_commit(*, reference, subject, template_name, context, to, attachments=()):
    """Queue an e-mail to be sent after the current transaction commits."""
    recipients = [address for address in to if address]
    if not recipients:
        return

    def send():
        try:
            build_message(
                subject=subject,
                template_name=template_name,
                context=context,
                to=recipients,
                attachments=attachments,
            ).send()
        except Exception:
            logger.exception("mail for %s could not be sent", reference)

    transaction.on_commit(send)


def staff_recipients():
    return list(settings.STAFF_NOTIFICATION_EMAILS)


def staff_and_editor_addresses(forums, *, permission=None):
    """Who is told of something one or more forums handle: STAFF_NOTIFICATION_EMAILS, then the
    active editors of `forums` (users in a group of one of them), by address.

    `forums` are Forum objects or pks, or a queryset of forums. With `permission`
    ("app_label.codename"), only the editors who hold it, through any group, their own
    permissions or as superusers. Each address once whatever its case (its first spelling),
    blanks dropped. One query for the editors.
    """
    addresses = {}
    for address in [*staff_recipients(), *forum_editor_addresses(forums, permission)]:
        address = address.strip()
        if address:
            addresses.setdefault(address.lower(), address)
    return list(addresses.values())


def forum_editor_addresses(forums, permission=None):
    users = get_user_model().objects
    if permission is None:
        editors = users.filter(is_active=True)
    else:
        # ModelBackend's: settings list several backends, and with_perm then needs one named.
        editors = users.with_perm(permission, backend="django.contrib.auth.backends.ModelBackend")
    # A subquery rather than a join, so an editor of several of the forums is listed once.
    memberships = users.model.groups.through.objects.filter(
        user=OuterRef("pk"), group__forum__in=forums
    )
    return list(
        editors.filter(Exists(memberships))
        .order_by(Lower("email"), "email")
        .values_list("email", flat=True)
    )


# --- delivery through the task queue ----------------------------------------------------------


def message_to_data(message):
    """A JSON-able copy of an e-mail, or None for parts we cannot carry (MIME objects)."""
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            return None
        filename, content, mimetype = attachment
        raw = content.encode() if isinstance(content, str) else content
        attachments.append([filename, base64.b64encode(raw).decode(), mimetype])
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [list(alt) for alt in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def data_to_message(data):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(alt) for alt in data["alternatives"]],
    )
    for filename, content, mimetype in data["attachments"]:
        raw = base64.b64decode(content)
        if mimetype and mimetype.startswith("text/"):
            raw = raw.decode()
        message.attach(filename, raw, mimetype)
    return message


def delivery_connection():
    return get_connection(settings.EMAIL_DELIVERY_BACKEND)


@task(backend=BACKGROUND)
def deliver_email(data):
    """Send one queued message with the real backend; a failure marks the task failed."""
    delivery_connection().send_messages([data_to_message(data)])


class QueuedEmailBackend(BaseEmailBackend):
    """Hands each message to the background worker instead of the mail server."""

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            data = message_to_data(message)
            if data is None:
                delivery_connection().send_messages([message])
            else:
                deliver_email.enqueue(data)
            sent += 1
        return sent
