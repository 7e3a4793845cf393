"""The signed links of the e-mails (website/submissions.py): they carry the subscriber's random
key, never the address.

- confirmation: works for MAILINGS_CONFIRM_LINK_DAYS, and only while the address is pending;
- preferences (and one-click unsubscribe): PRIVATE_LINK_DAYS, like the other private links.
"""

import datetime
import uuid

from django.conf import settings

from website import submissions

CONFIRM_SALT = "mailings.confirm"
PREFERENCES_SALT = "mailings.preferences"


def confirm_token(subscriber):
    return submissions.make_token(subscriber.key, salt=CONFIRM_SALT)


def preferences_token(subscriber):
    return submissions.make_token(subscriber.key, salt=PREFERENCES_SALT)


def read(token, *, salt):
    """The key signed into a link; submissions.InvalidLink (ExpiredLink when too old)."""
    max_age = confirm_max_age() if salt == CONFIRM_SALT else None
    value = submissions.read_token(token, salt=salt, max_age=max_age)
    try:
        return uuid.UUID(str(value))
    except ValueError as error:
        raise submissions.InvalidLink("not a key") from error


def confirm_max_age():
    return datetime.timedelta(days=settings.MAILINGS_CONFIRM_LINK_DAYS)
