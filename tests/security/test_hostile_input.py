"""Hostile input against every public URL and form: never a 500, nothing stored.

The targets live in tests/security/targets.py; add the other apps' URLs and forms there.
"""

import itertools
from urllib.parse import quote, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from tests.factories import ForumFactory, StandardPageFactory

from .targets import (
    ACCEPTABLE_STATUS,
    FORM_TARGETS,
    HOSTILE_TEXT,
    RAW_URL_VALUES,
    URL_TARGETS,
    HostileSite,
)

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
URL_VALUES = [quote(text, safe="") for text in HOSTILE_TEXT] + RAW_URL_VALUES
XSS_MARKERS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


@pytest.fixture
def site(home_page, admin_user):
    about = StandardPageFactory(parent=home_page, title="国民会議について", slug="about")
    private_page = StandardPageFactory(parent=home_page, title="会員向け資料", slug="members")
    restriction = PageViewRestriction.objects.create(
        page=private_page, restriction_type="password", password="kaigi-2022"
    )
    forum = ForumFactory(slug="kinki", name="近畿本部フォーラム")
    return HostileSite(home_page, about, forum, private_page, restriction, admin_user)


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


def check_response(response, url):
    assert response.status_code in ACCEPTABLE_STATUS, f"{response.status_code} for {url!r}"
    if response.get("Content-Type", "").startswith("text/html"):
        body = response.content.decode("utf-8", errors="replace")
        for marker in XSS_MARKERS:
            assert marker not in body, f"unescaped input reflected by {url!r}"
    location = response.get("Location", "")
    if location:
        assert urlsplit(location).netloc in ("", "testserver"), f"off-site redirect {location!r}"


def fetch(client, url):
    response = client.get(url)
    check_response(response, url)
    return response


# --- URLs -------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("fragments", [False, True], ids=["rendered", "fragment cache on"])
@pytest.mark.parametrize("target", URL_TARGETS, ids=lambda t: t.name)
def test_public_urls_survive_every_listed_hostile_value(client, site, target, fragments, settings):
    # With the fragment cache on, hostile values also become parts of its keys (page numbers,
    # query strings, search words).
    settings.FRAGMENT_CACHE_ENABLED = fragments
    for value in URL_VALUES:
        fetch(client, target.url(site, value))


@pytest.mark.django_db
@pytest.mark.parametrize("target", URL_TARGETS, ids=lambda t: t.name)
@FUZZ
@given(text=st.text(max_size=300))
def test_public_urls_survive_any_text(client, site, target, text):
    fetch(client, target.url(site, quote(text, safe="")))


@pytest.mark.django_db
@pytest.mark.parametrize("target", URL_TARGETS, ids=lambda t: t.name)
@FUZZ
@given(raw=st.binary(min_size=1, max_size=40))
def test_public_urls_survive_any_bytes(client, site, target, raw):
    """Arbitrary bytes, percent-encoded: mostly invalid UTF-8."""
    fetch(client, target.url(site, "".join(f"%{byte:02X}" for byte in raw)))


@pytest.mark.django_db
def test_path_traversal_never_reaches_files(client, site):
    for path in (
        "/static/../website/settings/base.py",
        "/static/..%2f..%2fwebsite%2fsettings%2fbase.py",
        "/media/../db.sqlite3",
        "/documents/1/..%2f..%2f..%2fetc%2fpasswd",
        "/forums/..%2f..%2fetc%2fpasswd/",
    ):
        response = fetch(client, path)
        assert b"SECRET_KEY" not in response.content and b"root:" not in response.content


# --- forms ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("target", FORM_TARGETS, ids=lambda t: t.name)
def test_each_form_target_accepts_its_valid_submission(site, axes_on, target):
    """Guards the table: a target that rejects its valid data would make the rest vacuous."""
    response = Client().post(target.url(site), target.valid_data(site))
    assert response.status_code in target.expected_valid_status


_addresses = itertools.count(1)


def submit_hostile(target, url, valid, field_name, value):
    data = {**valid, field_name: value}
    # Each submission starts from the same data (rolled back afterwards), so that one accepted
    # free-text value (a full slot, a school's booking for the year) cannot make the later ones
    # fail for another reason; and each comes from its own address, so that per-IP rate limits
    # do not answer in place of the form.
    with transaction.atomic():
        before = target.stored()
        address = next(_addresses)
        response = Client(
            REMOTE_ADDR=f"10.{address // 65536 % 256}.{address // 256 % 256}.{address % 256}"
        ).post(url, data)
        check_response(response, url)
        if field_name not in target.tolerant_fields:
            assert target.stored() == before, f"{target.name}: {field_name}={value[:40]!r} stored"
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("target", FORM_TARGETS, ids=lambda t: t.name)
def test_forms_refuse_every_listed_hostile_value(site, axes_on, target):
    url, valid = target.url(site), target.valid_data(site)
    for field_name in valid:
        for value in HOSTILE_TEXT:
            if value != valid[field_name]:
                submit_hostile(target, url, valid, field_name, value)


@pytest.mark.django_db
@pytest.mark.parametrize("target", FORM_TARGETS, ids=lambda t: t.name)
@FUZZ
@given(data=st.data())
def test_forms_refuse_any_text(site, axes_on, target, data):
    url, valid = target.url(site), target.valid_data(site)
    field_name = data.draw(st.sampled_from(sorted(valid)))
    value = data.draw(st.text(max_size=2000).filter(lambda v: v.strip()))
    if value != valid[field_name]:
        submit_hostile(target, url, valid, field_name, value)


@pytest.mark.django_db
@pytest.mark.parametrize("target", FORM_TARGETS, ids=lambda t: t.name)
def test_forms_survive_wrong_shapes(site, axes_on, target):
    """Missing fields, repeated fields, an empty body, a huge body, a wrong content type."""
    url = target.url(site)
    valid = target.valid_data(site)
    before = target.stored()
    for response in (
        Client().post(url, {}),
        Client().post(url, {name: [value, value + "x"] for name, value in valid.items()}),
        Client().post(url, {name: "x" * 100_000 for name in valid}),
        Client().post(
            url, b"\xff\xfe\x00garbage", content_type="application/x-www-form-urlencoded"
        ),
        Client().post(url, '{"password": []}', content_type="application/json"),
        Client().post(
            url, {**valid, "extra": "<script>alert(1)</script>"} | {next(iter(valid)): ""}
        ),
    ):
        check_response(response, url)
    assert target.stored() == before


@pytest.mark.django_db
def test_forms_check_csrf(site):
    client = Client(enforce_csrf_checks=True)
    for target in FORM_TARGETS:
        before = target.stored()
        response = client.post(target.url(site), target.valid_data(site))
        assert response.status_code == 403, target.name
        assert target.stored() == before


@pytest.mark.django_db
def test_page_password_form_keeps_visitors_on_this_site(site):
    client = Client()
    for return_url in ("https://evil.example/", "//evil.example/", "javascript:alert(1)", "abc"):
        response = client.post(
            f"/_util/authenticate_with_password/{site.restriction.pk}/{site.private_page.pk}/",
            {"password": "kaigi-2022", "return_url": return_url},
        )
        assert response.status_code == 302
        assert response["Location"] == "/members/"


@pytest.mark.django_db
def test_no_public_url_serves_a_form_token_from_the_page_cache(client, site, settings):
    """With the page cache on, anything holding a CSRF token (a form) is never stored."""
    settings.PAGE_CACHE_ENABLED = True
    urls = [target.url(site, "1") for target in URL_TARGETS] + [site.private_page.url]
    for url in urls:
        client.get(url)
        response = client.get(url)
        if response.get("X-Cache") == "HIT":
            assert b"csrfmiddlewaretoken" not in response.content, url
        if b"csrfmiddlewaretoken" in response.content:
            assert response["X-Cache"] == "BYPASS", url


@pytest.mark.django_db
def test_documents_are_served_by_id_and_an_overlong_id_is_not_found(client, site):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document.objects.create(title="事業計画")
    document.file.save("plan.pdf", ContentFile(b"%PDF-1.4 plan"), save=True)
    assert client.get(document.url).status_code == 200
    assert client.get(f"/documents/{'9' * 5000}/plan.pdf").status_code == 404
