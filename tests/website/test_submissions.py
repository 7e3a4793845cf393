"""The public submissions kit (website/submissions.py): links, headers, rate limits, keys out
of logs."""

import io
import logging
from unittest import mock

import pytest
from django import forms
from django.core import signing
from django.core.servers.basehttp import WSGIRequestHandler
from django.http import HttpResponse
from django.test import RequestFactory

from website import ratelimit, submissions

# A link key as signing.dumps makes it, fixed so that every xdist worker collects the same ids.
TOKEN = "IkRNLTIwMjYtMDAwMSI:1xZ3CO:es5lPGkWoPwYDygiPPH0oqPqZ1zesVuPb5M9I3XV_h4"


def test_a_signed_link_reads_back_and_refuses_what_is_altered_or_too_old(settings):
    token = submissions.make_token("abc", salt="kit")
    assert submissions.read_token(token, salt="kit") == "abc"
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), "", None, "a:b:c"):
        with pytest.raises(submissions.InvalidLink):
            submissions.read_token(bad, salt="kit")
    with pytest.raises(submissions.InvalidLink):
        submissions.read_token(token, salt="another kind of link")
    settings.PRIVATE_LINK_DAYS = 30
    with mock.patch.object(signing.time, "time", return_value=signing.time.time() + 31 * 86400):
        with pytest.raises(submissions.ExpiredLink):
            submissions.read_token(token, salt="kit")


def test_a_private_response_is_never_cached_indexed_or_sent_as_referrer():
    response = submissions.private(lambda request: HttpResponse("mine"))(None)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store", "no-cache"} <= cache_control


@pytest.mark.parametrize(
    "text",
    [
        f"Not Found: /lesson-bookings/{TOKEN}/",
        f'"GET /lesson-bookings/{TOKEN}/cancel/ HTTP/1.1" 200 1234',
        f'"GET /events/bridge/registration/?token={TOKEN} HTTP/1.1" 302 0',
        f'"GET /events/bridge/registration/{TOKEN.replace(":", "%3A")}/ HTTP/1.1" 200 9',
        '"GET /events/bridge/registration/?page=2&token=broken-key HTTP/1.1" 404 9',
    ],
)
def test_redact_removes_link_keys(text):
    redacted = submissions.redact(text)
    assert TOKEN not in redacted
    assert TOKEN.split(":")[-1] not in redacted
    assert "broken-key" not in redacted
    assert submissions.REDACTED in redacted


def test_redact_leaves_ordinary_paths_alone():
    line = '"GET /events/2026/?month=2026-05&page=2 HTTP/1.1" 200 5120 10:15:30'
    assert submissions.redact(line) == line


@pytest.mark.django_db
def test_a_404_for_a_private_link_is_logged_without_its_key(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get(f"/no-such-place/{TOKEN}/")
    messages = [record.getMessage() for record in caplog.records if record.name == "django.request"]
    assert messages, "the 404 was not logged"
    assert not any(TOKEN in message for message in messages)
    assert any(submissions.REDACTED in message for message in messages)


def test_the_development_servers_access_log_carries_no_key(caplog):
    handler = WSGIRequestHandler.__new__(WSGIRequestHandler)
    handler.request = None
    handler.client_address = ("127.0.0.1", 50000)
    handler.requestline = f"GET /lesson-bookings/{TOKEN}/ HTTP/1.1"
    with caplog.at_level(logging.INFO, logger="django.server"):
        handler.log_message('"%s" %s %s', handler.requestline, "200", "512")
    (record,) = [record for record in caplog.records if record.name == "django.server"]
    assert TOKEN not in record.getMessage()
    assert "/lesson-bookings/" in record.getMessage()


def test_gunicorns_access_log_carries_no_key():
    """gunicorn logs each request to "gunicorn.access" with a dict of atoms."""
    logger = logging.getLogger("gunicorn.access")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    old_level, logger.level = logger.level, logging.INFO
    try:
        logger.info('%(h)s "%(r)s" %(s)s', {"h": "10.0.0.1", "r": f"GET /x/{TOKEN}/", "s": "200"})
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    assert TOKEN not in stream.getvalue()
    assert '10.0.0.1 "GET /x/[redacted]/" 200' in stream.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["\x00", "abc\x00def", "a" * 65, "鍵", "a b", "", None, ["x"]])
def test_a_key_new_submission_key_cannot_make_is_never_looked_up(key, django_assert_num_queries):
    """A NUL byte in a query is an error on PostgreSQL: hostile keys must not reach it."""
    from outreach.models import Booking

    with django_assert_num_queries(0):
        assert submissions.earlier_submission(Booking.objects.all(), key) is None


@pytest.mark.django_db
def test_a_key_new_submission_key_made_is_looked_up(django_assert_num_queries):
    from outreach.models import Booking

    with django_assert_num_queries(1):
        assert (
            submissions.earlier_submission(Booking.objects.all(), submissions.new_submission_key())
            is None
        )


class NameForm(forms.Form):
    name = forms.CharField(max_length=5)


def test_only_submissions_that_pass_the_forms_checks_count_toward_the_rate_limit(settings):
    settings.SUBMISSION_RATE_LIMITS = {"kit": (1, 3600)}
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.1")

    mistaken = NameForm({"name": "とても長い名前"})
    assert submissions.refuse_if_rate_limited(request, mistaken, "kit") is False
    assert ratelimit.count(request, "kit") == 0
    assert mistaken.errors["name"] and submissions.RATE_LIMITED_MESSAGE not in str(mistaken.errors)

    assert submissions.refuse_if_rate_limited(request, NameForm({"name": "花子"}), "kit") is False
    over = NameForm({"name": "太郎"})
    assert submissions.refuse_if_rate_limited(request, over, "kit") is True
    assert over.non_field_errors() == [submissions.RATE_LIMITED_MESSAGE]
    # Over the limit, a form with mistakes is still answered with its field errors.
    assert submissions.refuse_if_rate_limited(request, NameForm({"name": ""}), "kit") is False
    assert ratelimit.count(request, "kit") == 2


def test_bookings_and_registrations_allow_a_shared_school_network_more():
    from django.conf import settings

    limits = settings.SUBMISSION_RATE_LIMITS
    assert limits["outreach.booking"] == limits["events.registration"] == (30, 60 * 60)
    assert limits["matching.needs_survey"] == limits["mailings.subscribe"] == (10, 60 * 60)
