"""E-mail that goes out only once the data it speaks of is committed.

A failed save sends nothing; a failing mail server never loses the saved data (the error is
logged with the reference, never with the person's details).
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger("sankaku.mail")


def build_message(*, subject, template_name, context, to, attachments=()):
    body = render_to_string(template_name, context)
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=list(to)
    )
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


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
