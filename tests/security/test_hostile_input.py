"""Hostile input against every public URL and form: never a 500, nothing stored.

The targets live in tests/security/targets.py; add the other apps' URLs and forms there.
"""

import contextlib
import io
import itertools
from urllib.parse import quote, unquote, urlencode, urlsplit

import pytest
from django.core import signals
from django.db import close_old_connections, transaction
from django.test import Client
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories import ForumFactory, StandardPageFactory
from website.forms import normalise_text
from website.models import StandardPage

from .targets import (
    ACCEPTABLE_STATUS,
    FORM_TARGETS,
    HOSTILE_TEXT,
    NON_UTF8_FORM_CHARSETS,
    RAW_URL_VALUES,
    UNKNOWN_CHARSET_CONTENT_TYPE,
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
def test_each_form_target_accepts_and_stores_its_valid_submission(site, axes_on, target):
    """Guards the table: a target that rejects its valid data, or that could never store
    anything (a form that is not live, a count of something it never creates), would make
    every "nothing stored" below vacuous."""
    url, valid = target.url(site), target.valid_data(site)
    before = target.stored()
    response = Client().post(url, valid)
    assert response.status_code in target.expected_valid_status
    assert target.stored() == before + 1, f"{target.name}: its valid submission stored nothing"


_addresses = itertools.count(1)


def is_a_number(value):
    # As a number field reads it: full-width digits, control characters dropped ("1\x08").
    try:
        int(normalise_text(value).strip())
    except ValueError:
        return False
    return True


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
    if valid[field_name].isdigit():
        # Random text is sometimes a small number ("3", "٣", "３"): a valid answer to a
        # number field, which would be stored. The listed values cover numbers' edge cases.
        assume(not is_a_number(value))
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


# --- what Django cannot read: charsets, and the admin's StreamField structure -----------------

CSRF_SECRET = "Ab3" * 10 + "Cd"  # any 32 letters and digits: the cookie, and the form's token
BAD_REQUEST_HEADING = "リクエストを読み取れませんでした"


@contextlib.contextmanager
def in_this_transaction():
    """As Django's test client does: a request served here must not close the test's
    database connection (and with it the transaction every test runs in) when it finishes."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def wsgi_request(app, path, method="GET", body=b"", content_type="", address="10.99.0.1"):
    """(status code, body) of one request to a WSGI application, as gunicorn would send it."""
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": unquote(path).encode().decode("latin-1"),
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": address,
        "HTTP_HOST": "testserver",
        "HTTP_COOKIE": f"csrftoken={CSRF_SECRET}",
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"] = int(status.split()[0])

    with in_this_transaction():
        result = app(environ, start_response)
        try:
            content = b"".join(result)
        finally:
            getattr(result, "close", lambda: None)()
    return started["status"], content


def form_body(data, encoding):
    return urlencode({**data, "csrfmiddlewaretoken": CSRF_SECRET}, encoding=encoding).encode()


@pytest.mark.django_db
def test_an_unknown_charset_gets_a_400_at_the_wsgi_entry_on_every_url(site):
    """`charset*=BOGUS''x` made Django's request set-up raise before any middleware: a 500
    for every URL, robots.txt and static files included. The WSGI application that gunicorn
    serves (website/wsgi.py) answers 400."""
    from website.wsgi import application

    paths = [target.url(site, "1") for target in URL_TARGETS]
    paths += [target.url(site) for target in FORM_TARGETS]
    paths += ["/static/css/site.css", "/admin/"]
    for path in paths:
        for method in ("GET", "POST"):
            status, content = wsgi_request(
                application, path, method, b"x=1", content_type=UNKNOWN_CHARSET_CONTENT_TYPE
            )
            assert status == 400, f"{status} for {method} {path}"
            assert BAD_REQUEST_HEADING in content.decode()


@pytest.mark.django_db
def test_the_development_server_serves_the_guarded_application(site):
    """`runserver` loads settings.WSGI_APPLICATION: the same guarded object."""
    from django.core.servers.basehttp import get_internal_wsgi_application

    from website.wsgi import application

    assert get_internal_wsgi_application() is application
    status, _ = wsgi_request(application, "/robots.txt", content_type=UNKNOWN_CHARSET_CONTENT_TYPE)
    assert status == 400


def test_the_development_server_serves_static_files_inside_the_guard(settings):
    """Django's runserver wraps the application in its own static-file handler when DEBUG is
    on, outside the guard: a static file with an unreadable charset answered 500."""
    from django.core.management import get_commands, load_command_class

    from website.wsgi import application

    settings.DEBUG = True
    command = load_command_class(get_commands()["runserver"], "runserver")
    options = command.create_parser("manage.py", "runserver").parse_args([])
    assert command.get_handler(**vars(options)) is application


@pytest.mark.django_db
@pytest.mark.parametrize("charset", NON_UTF8_FORM_CHARSETS)
def test_a_form_declared_in_another_charset_gets_a_400_not_a_500(site, charset):
    """Django refuses a urlencoded body that is not UTF-8 while the CSRF middleware reads the
    token; its stock 400 view ran the CSRF check again on the same body and became a 500."""
    for target in FORM_TARGETS:
        client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        client.cookies["csrftoken"] = CSRF_SECRET
        before = target.stored()
        response = client.post(
            target.url(site),
            form_body(target.valid_data(site), "utf-8"),
            content_type=f"application/x-www-form-urlencoded; charset={charset}",
        )
        assert response.status_code == 400, f"{response.status_code}: {target.name}"
        assert BAD_REQUEST_HEADING in response.content.decode()
        assert target.stored() == before, target.name


@pytest.mark.django_db
@pytest.mark.parametrize(
    "charset, encoding",
    [
        ("Shift_JIS", "cp932"),
        ("Windows-31J", "cp932"),
        ("EUC-JP", "euc_jp"),
        ("ISO-2022-JP", "iso2022_jp"),
    ],
)
def test_a_japanese_form_declared_as_such_is_read_at_the_wsgi_entry(site, charset, encoding):
    """Clients that send Shift_JIS (CP932), EUC-JP or ISO-2022-JP and say so are understood."""
    from events.models import Registration
    from website.wsgi import application

    target = next(target for target in FORM_TARGETS if target.name == "event registration")
    # 髙 is in Windows' CP932, not in JIS X 0208: what "Shift_JIS" clients actually send.
    name = "髙橋 太郎" if encoding == "cp932" else "高橋 太郎"
    data = {
        **target.valid_data(site),
        "name": name,
        "notes": "車いすで参加します。",
        "submission_key": f"wsgi-{charset}",
    }
    status, _ = wsgi_request(
        application,
        target.url(site),
        "POST",
        form_body(data, encoding),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert status == 302
    registration = Registration.objects.get()
    assert (registration.name, registration.notes) == (name, "車いすで参加します。")


@pytest.mark.django_db
def test_a_form_that_is_not_valid_in_its_declared_charset_gets_a_400(site):
    from website.wsgi import application

    for target in FORM_TARGETS:
        before = target.stored()
        body = form_body(target.valid_data(site), "utf-8") + b"&name=%82"  # half a character
        status, content = wsgi_request(
            application,
            target.url(site),
            "POST",
            body,
            content_type="application/x-www-form-urlencoded; charset=Shift_JIS",
        )
        assert status == 400, target.name
        assert BAD_REQUEST_HEADING in content.decode()
        assert target.stored() == before, target.name


def standard_page_form(**fields):
    return nested_form_data(
        {"title": "国民会議について", "slug": "about", "body": streamfield([]), **fields}
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        lambda data: data.pop("body-count"),
        lambda data: data.update({"body-count": "abc"}),
        lambda data: data.update({"body-count": "9" * 5000}),
        lambda data: data.update({"body-count": "1"}),  # a block without its -type, -order…
        lambda data: data.update(
            {"body-count": "1", "body-0-type": "paragraph", "body-0-deleted": ""}
        ),
        lambda data: data.update(
            {
                "body-count": "1",
                "body-0-type": "paragraph",
                "body-0-deleted": "",
                "body-0-order": "first",
            }
        ),
    ],
    ids=["no count", "count not a number", "count too long", "no type", "no order", "bad order"],
)
def test_an_admin_page_form_without_its_streamfield_structure_gets_a_400(
    admin_client, site, change
):
    """A crafted or truncated POST by a logged-in editor: Wagtail's StreamField reading raised
    KeyError or ValueError inside the form (a 500). Create and edit answer 400, save nothing."""
    edit_url = f"/admin/pages/{site.about.pk}/edit/"
    add_url = f"/admin/pages/add/website/standardpage/{site.home.pk}/"
    for url, data in (
        (edit_url, standard_page_form(title="書き換え")),
        (add_url, standard_page_form(title="新しいページ", slug="new-page")),
    ):
        change(data)
        response = admin_client.post(url, data)
        assert response.status_code == 400, f"{response.status_code} for {url}"
    site.about.refresh_from_db()
    assert site.about.title == "国民会議について"
    assert not site.about.has_unpublished_changes
    assert not StandardPage.objects.filter(slug="new-page").exists()


@pytest.mark.django_db
def test_an_admin_page_form_with_its_streamfield_structure_is_still_saved(admin_client, site):
    """The guard above reads StreamFields as the form does: complete forms pass it."""
    body = streamfield([("paragraph", rich_text("<p>国民会議の目的</p>"))])
    data = standard_page_form(title="国民会議の概要", body=body, **{"action-publish": "publish"})
    response = admin_client.post(f"/admin/pages/{site.about.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert StandardPage.objects.get(pk=site.about.pk).title == "国民会議の概要"


@pytest.mark.django_db
def test_forms_check_csrf(site):
    client = Client(enforce_csrf_checks=True)
    for target in FORM_TARGETS:
        before = target.stored()
        response = client.post(target.url(site), target.valid_data(site))
        if target.csrf_exempt:
            assert response.status_code in target.expected_valid_status, target.name
            continue
        assert response.status_code == 403, target.name
        assert target.stored() == before


@pytest.mark.django_db
def test_a_forged_mail_subscription_confirms_nothing(site):
    """The subscription form is the one form without a CSRF token: a POST from another site
    stores a pending address that receives nothing until its owner confirms by e-mail."""
    from mailings.models import Subscriber

    target = next(target for target in FORM_TARGETS if target.csrf_exempt)
    response = Client(enforce_csrf_checks=True).post(target.url(site), target.valid_data(site))
    assert response.status_code == 302
    assert not Subscriber.objects.exclude(status=Subscriber.Status.PENDING).exists()
    assert Subscriber.objects.filter(status=Subscriber.Status.PENDING).count() == 1


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
    for target in FORM_TARGETS:
        target.valid_data(site)  # creates what the form needs to be shown (an open lesson slot)
        urls.append(target.url(site))
    hits, forms = set(), set()
    client.get("/")  # the site's first request creates its settings row, a content change
    for url in urls:
        client.get(url)
        response = client.get(url)
        if response.get("X-Cache") == "HIT":
            hits.add(url)
            assert b"csrfmiddlewaretoken" not in response.content, url
        if b"csrfmiddlewaretoken" in response.content:
            forms.add(url)
            assert response["X-Cache"] == "BYPASS", url
    # Both sides were seen: pages really were served from the cache, and pages with forms
    # (the password form, the registration and booking forms, the admin login) were not.
    assert {"/?page=1&q=1", "/about/?page=1&utm_source=1", "/search/?q=1&page=1"} <= hits
    assert len(hits) >= 15, sorted(hits)
    assert {site.private_page.url, "/admin/login/"} <= forms
    assert any(url.endswith("/register/") for url in forms)
    assert any(url.endswith("/book/") for url in forms)


@pytest.mark.django_db
def test_documents_are_served_by_id_and_an_overlong_id_is_not_found(client, site):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document.objects.create(title="事業計画")
    document.file.save("plan.pdf", ContentFile(b"%PDF-1.4 plan"), save=True)
    assert client.get(document.url).status_code == 200
    assert client.get(f"/documents/{'9' * 5000}/plan.pdf").status_code == 404


@pytest.mark.django_db
def test_a_form_posted_without_its_csrf_token_is_refused_in_japanese(site):
    """Django's own CSRF failure page is English and technical; ours says what to do."""
    target = FORM_TARGETS[0]
    client = Client(enforce_csrf_checks=True)
    before = target.stored()
    response = client.post(target.url(site), target.valid_data(site))
    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="ja">' in page
    assert "送信を受け付けられませんでした" in page
    assert "CSRF" not in page
    assert target.stored() == before
