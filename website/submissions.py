"""What every public submission shares: events' registrations and outreach's bookings.

- signed private links (a salt per kind of link, one max age from settings);
- the headers of a private page (never cached, never indexed, no key in other sites' Referer);
- per-IP rate limits, configured in settings.SUBMISSION_RATE_LIMITS, counting only the
  submissions that pass their form's checks;
- the repeated-submission guard: each form carries a one-time key, and a second submission
  with the same key lands on what the first one stored;
- one refusal exception, raised by the services and shown next to the field it concerns;
- a logging filter that keeps private-link keys out of request logs.

Services take plain data and never import forms; the views turn forms into that data.
"""

import datetime
import logging
import re
import secrets
from functools import wraps

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.cache import add_never_cache_headers

from . import ratelimit

SUBMISSION_KEY_FIELD = "submission_key"
REDACTED = "[redacted]"


class Refused(Exception):
    """A submission that cannot be accepted; nothing was stored.

    `field` is the form field the message belongs next to (None: the whole form); `code`
    tells the view what happened; `details` carries what the view needs to offer a way out
    (places left, a waiting list).
    """

    def __init__(self, message, *, field=None, code="", **details):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
        self.details = details


# --- private links ----------------------------------------------------------------------


class InvalidLink(Exception):
    """A private link that was altered, cut short, or points to nothing."""


class ExpiredLink(InvalidLink):
    pass


def link_max_age():
    # Long enough for a lesson or an event announced well ahead, short enough that old
    # mailboxes do not hold keys forever.
    return datetime.timedelta(days=settings.PRIVATE_LINK_DAYS)


def make_token(value, *, salt):
    return signing.dumps(str(value), salt=salt)


def read_token(token, *, salt, max_age=None):
    """The value signed into a link; ExpiredLink or InvalidLink when it cannot be trusted.

    `max_age` (a timedelta) shortens the settings' one for links that must not last (a
    confirmation link)."""
    try:
        return signing.loads(token or "", salt=salt, max_age=max_age or link_max_age())
    except signing.SignatureExpired as error:
        raise ExpiredLink("expired") from error
    except signing.BadSignature as error:
        raise InvalidLink("bad signature") from error


# --- private pages ----------------------------------------------------------------------


def make_private(response):
    """Headers of a page with a form or a person's own data."""
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # Not "no-referrer": with it, browsers send "Origin: null" with the page's forms and
    # Django's CSRF check refuses them. "same-origin" still keeps a link's key out of other
    # sites' Referer headers.
    response["Referrer-Policy"] = "same-origin"
    return response


def private(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return make_private(view(request, *args, **kwargs))

    return wrapped


# --- rate limits ------------------------------------------------------------------------


def rate_limited(request, scope):
    """Count one submission of `scope`; True when this IP is over its limit."""
    limit, period = settings.SUBMISSION_RATE_LIMITS[scope]
    return ratelimit.hit(request, scope, limit=limit, period=period)


RATE_LIMITED_MESSAGE = (
    "短い時間に何度も送信されたため、受付を一時的に止めています。"
    "入力した内容はそのまま残っています。しばらく時間をおいてから、もう一度送信してください。"
)


def refuse_if_rate_limited(request, form, scope):
    """True when this submission of `scope` must be answered 429 and nothing stored.

    Only a form that passes its checks counts: one with mistakes is answered with its field
    errors and uses up nothing, since schools and education boards often share one address
    and one person's typing mistakes must not block everyone behind it (and a form with
    mistakes stores and sends nothing). A valid one over this IP's limit says so above its
    fields, what was typed kept."""
    if not form.is_valid() or not rate_limited(request, scope):
        return False
    form.add_error(None, RATE_LIMITED_MESSAGE)
    return True


# --- repeated submissions ---------------------------------------------------------------


def new_submission_key():
    return secrets.token_urlsafe(24)


class SubmissionKeyField(forms.CharField):
    """The form's one-time key, made when the form is shown and sent back with it."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "フォーム")
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault(
            "error_messages",
            {"required": "フォームを読み込み直してから、もう一度お申し込みください。"},
        )
        super().__init__(**kwargs)


# What new_submission_key() makes; anything else (a NUL byte, which PostgreSQL refuses in a
# query) cannot have been stored and is never looked up.
SUBMISSION_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")


def earlier_submission(queryset, key):
    """What a previous submission with this form's key stored, or None."""
    if not isinstance(key, str) or not SUBMISSION_KEY.fullmatch(key):
        return None
    return queryset.filter(submission_key=key).first()


def submitted_key(request):
    return request.POST.get(SUBMISSION_KEY_FIELD, "")


def renew_missing_key(form):
    """A form sent without a usable key is shown again with a fresh one, so sending it once
    more works (call after is_valid())."""
    if form.has_error(SUBMISSION_KEY_FIELD):
        form.data = form.data.copy()
        form.data[form.add_prefix(SUBMISSION_KEY_FIELD)] = new_submission_key()


# --- keys out of logs -------------------------------------------------------------------

# A value signed by django.core.signing ("payload:timestamp:signature"), raw or URL-encoded,
# and any ?token= parameter.
SIGNED_VALUE = re.compile(
    r"\.?[A-Za-z0-9_\-]+(?::|%3A)[A-Za-z0-9]+(?::|%3A)[A-Za-z0-9_\-]{20,}", re.IGNORECASE
)
TOKEN_PARAMETER = re.compile(r"([?&]token=)[^&\s\"'#]*", re.IGNORECASE)


def redact(text):
    text = TOKEN_PARAMETER.sub(rf"\g<1>{REDACTED}", text)
    return SIGNED_VALUE.sub(REDACTED, text)


class RedactTokens(logging.Filter):
    """Replaces private-link keys in a log record's message (access logs, 404 warnings)."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # a broken record is the handler's to report, not ours
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


def install_log_redaction():
    """Attach the filter to the loggers that write request paths (settings.REDACTED_LOGGERS).

    Filters on the loggers themselves, not their handlers, so Django's and gunicorn's own
    handlers and formats stay as they are configured.
    """
    for name in settings.REDACTED_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, RedactTokens) for existing in logger.filters):
            logger.addFilter(RedactTokens())
