"""Security headers, login brute-force protection, upload limits and client addresses."""

import io
import re

import pytest
from axes.models import AccessAttempt
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.factories import ForumFactory, StandardPageFactory
from website import ratelimit


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part
    }


@pytest.fixture
def about(home_page):
    return StandardPageFactory(parent=home_page, title="国民会議について", slug="about")


# --- Content-Security-Policy ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/about/", "/forums/", "/search/?q=橋", "/no-such-page/"])
def test_public_pages_allow_only_our_own_scripts_and_no_framing(client, about, url):
    directives = csp_directives(client.get(url))
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in " ".join(sum(directives.values(), []))
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["default-src"] == ["'self'"]


SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def inline_scripts(html):
    """<script> elements that would execute inline code (no src, not a data block)."""
    found = []
    for attributes in SCRIPT_TAG.findall(html):
        if re.search(r"\bsrc=", attributes):
            continue
        script_type = re.search(r'\btype="([^"]+)"', attributes)
        if script_type and script_type.group(1).lower() in DATA_SCRIPT_TYPES:
            continue
        found.append(attributes)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("logged_in", [False, True], ids=["visitor", "editor"])
def test_public_templates_need_no_inline_script(client, admin_user, about, logged_in):
    """The strict policy would block inline scripts: the site must not rely on any."""
    forum = ForumFactory(slug="kinki")
    if logged_in:
        client.force_login(admin_user)
    for url in ("/", "/about/", "/forums/", forum.get_absolute_url(), "/search/?q=橋", "/nope/"):
        html = client.get(url).content.decode()
        assert inline_scripts(html) == [], url
        assert not re.search(r"\son[a-z]+=", html), f"inline event handler on {url}"


@pytest.mark.django_db
def test_the_admin_gets_a_looser_policy_but_still_no_framing(client):
    directives = csp_directives(client.get("/admin/login/"))
    assert "'unsafe-inline'" in directives["script-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert client.get("/admin/login/")["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_wagtail_previews_may_be_framed_by_the_admin_only(admin_client, about):
    url = f"/admin/pages/{about.pk}/edit/preview/"
    data = nested_form_data(
        {
            "title": "プレビューの下書き",
            "slug": "about",
            "introduction": "",
            "body": streamfield([]),
        }
    )
    assert admin_client.post(url, data).json()["is_valid"] is True
    response = admin_client.get(url)
    assert "プレビューの下書き" in response.content.decode()
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert csp_directives(response)["frame-ancestors"] == ["'self'"]


# --- login brute-force protection -------------------------------------------------------------


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


def attempt_login(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password})


@pytest.mark.django_db
def test_admin_login_locks_out_after_five_failures_with_a_japanese_page(axes_on, admin_user):
    client = Client()
    for _ in range(4):
        assert attempt_login(client, "editor", "wrong-password").status_code == 200
    locked = attempt_login(client, "editor", "wrong-password")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "ログインを一時的に停止しています" in html
    assert "30分" in html
    assert "管理画面のログインページにある「パスワードを忘れた場合」" in html
    # Even the right password is refused while locked out, and nobody is logged in.
    again = attempt_login(client, "editor", "correct-horse-battery")
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username="editor").exists()


@pytest.mark.django_db
def test_lockout_is_per_user_and_address(axes_on, admin_user, django_user_model):
    django_user_model.objects.create_user("other", password="another-good-password")
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        attempt_login(attacker, "editor", "wrong-password")
    assert attempt_login(attacker, "editor", "correct-horse-battery").status_code == 429
    colleague = Client(REMOTE_ADDR="198.51.100.20")
    response = attempt_login(colleague, "editor", "correct-horse-battery")
    assert response.status_code == 302
    assert (
        attempt_login(
            Client(REMOTE_ADDR="203.0.113.9"), "other", "another-good-password"
        ).status_code
        == 302
    )


@pytest.mark.django_db
def test_a_successful_login_resets_the_failure_count(axes_on, admin_user):
    client = Client()
    for _ in range(4):
        attempt_login(client, "editor", "wrong-password")
    assert attempt_login(client, "editor", "correct-horse-battery").status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt_login(client, "editor", "wrong-password").status_code == 200


def test_axes_runs_in_every_environment_except_the_test_client():
    from website.settings import base

    assert base.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesBackend"
    assert base.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert "axes" in base.INSTALLED_APPS and getattr(base, "AXES_ENABLED", True)


def test_password_validators_are_on():
    from website.settings import base

    names = {validator["NAME"].rsplit(".", 1)[1] for validator in base.AUTH_PASSWORD_VALIDATORS}
    assert {"MinimumLengthValidator", "CommonPasswordValidator"} <= names


# --- client addresses behind proxies ----------------------------------------------------------


def test_forwarded_addresses_are_ignored_unless_trusted(settings):
    settings.TRUST_X_FORWARDED_FOR = False
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert ratelimit.client_ip(request) == "10.0.0.1"


def test_a_forged_forwarded_address_cannot_dodge_the_limits(settings):
    settings.TRUST_X_FORWARDED_FOR = True
    settings.TRUSTED_PROXY_COUNT = 1
    # The visitor sent "X-Forwarded-For: 6.6.6.6"; our proxy appended the real address.
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7"
    )
    assert ratelimit.client_ip(request) == "198.51.100.7"
    settings.TRUSTED_PROXY_COUNT = 2  # a CDN, then our load balancer
    assert ratelimit.client_ip(request) == "6.6.6.6"


# --- uploads in the admin ---------------------------------------------------------------------


def png_bytes(size=(20, 20)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "filename, content",
    [
        ("installer.exe", b"MZ\x90\x00"),
        ("page.html", b"<script>alert(1)</script>"),
        ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("script.js", b"alert(1)"),
    ],
)
def test_documents_of_other_types_are_refused(admin_client, filename, content):
    response = admin_client.post(
        "/admin/documents/add/",
        {"title": "資料", "file": SimpleUploadedFile(filename, content), "collection": 1},
    )
    assert response.status_code == 200  # the form again, with its error
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_documents_over_the_size_limit_are_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = admin_client.post(
        "/admin/documents/add/",
        {"title": "資料", "file": SimpleUploadedFile("report.pdf", b"%PDF" + b"0" * 2048)},
    )
    assert response.status_code == 200
    assert not Document.objects.exists()
    ok = admin_client.post(
        "/admin/documents/add/",
        {"title": "資料", "file": SimpleUploadedFile("report.pdf", b"%PDF-1.4 small")},
    )
    assert ok.status_code == 302 and Document.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "filename, content, limits",
    [
        ("photo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", {}),
        ("photo.png", b"not really an image", {}),
        ("photo.png", png_bytes(), {"WAGTAILIMAGES_MAX_UPLOAD_SIZE": 10}),
        ("photo.png", png_bytes((200, 200)), {"WAGTAILIMAGES_MAX_IMAGE_PIXELS": 100}),
    ],
    ids=["svg", "not-an-image", "too-many-bytes", "too-many-pixels"],
)
def test_images_of_other_types_or_too_large_are_refused(
    admin_client, settings, filename, content, limits
):
    for name, value in limits.items():
        setattr(settings, name, value)
    response = admin_client.post(
        "/admin/images/add/", {"title": "写真", "file": SimpleUploadedFile(filename, content)}
    )
    assert response.status_code == 200
    assert not Image.objects.exists()


def test_upload_limits_are_configured():
    from website.settings import base

    assert set(base.WAGTAILIMAGES_EXTENSIONS) <= {"gif", "jpg", "jpeg", "png", "webp"}
    assert "svg" not in base.WAGTAILIMAGES_EXTENSIONS
    assert not {"html", "htm", "svg", "js", "exe"} & set(base.WAGTAILDOCS_EXTENSIONS)
    assert base.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 20 * 1024 * 1024
    assert base.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
    assert base.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 50_000_000
