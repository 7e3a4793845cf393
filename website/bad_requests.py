"""Requests Django cannot read get a 400 with a Japanese page, never a 500.

Two shapes of request used to end in a 500:

- A Content-Type whose RFC 2231 charset names no known encoding
  (`text/plain; charset*=BOGUS''x`) makes Django's request set-up raise before any
  middleware runs, on any URL, static files included. `RequestGuard` wraps the WSGI
  application (website/wsgi.py, which `runserver` also loads through WSGI_APPLICATION) and
  answers those itself.
- A form body declared in a charset other than UTF-8: Django refuses to read it (BadRequest)
  when the CSRF middleware looks for the token, and its stock 400 view, marked
  `requires_csrf_token`, runs that check again on the same unreadable body, which makes the
  400 a 500. `bad_request` (handler400) needs no token.

Forms declared as Shift_JIS (CP932), EUC-JP or ISO-2022-JP, as some Japanese clients send
them, are decoded by `RequestGuard` and handed to Django as UTF-8; a body that is not valid
in its declared encoding gets the 400.
"""

import io
from urllib.parse import unquote_to_bytes, urlencode

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.http import parse_header_parameters

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"

# The WHATWG Encoding Standard's labels of the Japanese encodings, and the Python codec that
# decodes them (a client that says Shift_JIS means Windows' CP932, as browsers do).
JAPANESE_FORM_ENCODINGS = {
    "csshiftjis": "cp932",
    "ms932": "cp932",
    "ms_kanji": "cp932",
    "shift-jis": "cp932",
    "shift_jis": "cp932",
    "sjis": "cp932",
    "windows-31j": "cp932",
    "x-sjis": "cp932",
    "cp932": "cp932",
    "cseucpkdfmtjapanese": "euc_jp",
    "euc-jp": "euc_jp",
    "x-euc-jp": "euc_jp",
    "csiso2022jp": "iso2022_jp",
    "iso-2022-jp": "iso2022_jp",
}


def bad_request_page():
    return render_to_string("400.html")


def bad_request(request, exception=None):
    """handler400: the same page as the stock view, without its CSRF check on the request."""
    return HttpResponseBadRequest(bad_request_page())


class RequestGuard:
    """WSGI middleware in front of Django: see the module's docstring."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        try:
            content_type, params = parse_header_parameters(environ.get("CONTENT_TYPE", ""))
        except (ValueError, LookupError):
            return self.refuse(start_response)
        encoding = JAPANESE_FORM_ENCODINGS.get(params.get("charset", "").strip().lower())
        if content_type == FORM_CONTENT_TYPE and encoding:
            try:
                environ = as_utf8_form(environ, encoding)
            except ValueError:  # UnicodeDecodeError included
                return self.refuse(start_response)
        return self.application(environ, start_response)

    def refuse(self, start_response):
        body = bad_request_page().encode()
        start_response(
            "400 Bad Request",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
        return [body]


def as_utf8_form(environ, encoding):
    """The environ of the same form submission, its body re-encoded as UTF-8."""
    try:
        length = max(int(environ.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        length = 0
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is not None and length > limit:
        return environ  # Django refuses it as too large, with a 400
    body = environ["wsgi.input"].read(length) if length else b""
    fields = []
    for pair in body.split(b"&"):
        if pair:
            name, _, value = pair.partition(b"=")
            fields.append((_decode(name, encoding), _decode(value, encoding)))
    utf8_body = urlencode(fields).encode("ascii")
    return {
        **environ,
        "CONTENT_TYPE": FORM_CONTENT_TYPE,
        "CONTENT_LENGTH": str(len(utf8_body)),
        "wsgi.input": io.BytesIO(utf8_body),
    }


def _decode(raw, encoding):
    return unquote_to_bytes(raw.replace(b"+", b" ")).decode(encoding)


# --- the admin's page forms -------------------------------------------------------------------


def streamfields_unreadable(request, page_class):
    """Whether a POST to a page form lacks the structure Wagtail reads its StreamFields by.

    Wagtail reads `<field>-count`, then `<field>-N-type`, `-deleted`, `-order` of each block
    with `data[...]` and `int(...)`: a crafted or truncated POST missing one of them raised
    KeyError or ValueError inside the form, a 500. Reading each StreamField of the page's form
    once here, as the form will, turns that into a 400.
    """
    # wagtail.blocks reads settings on import: not before website/wsgi.py has chosen them.
    from wagtail.blocks import BlockField

    if request.method != "POST":
        return False
    form_class = page_class.get_edit_handler().get_form_class()
    for name, field in form_class.base_fields.items():
        if isinstance(field, BlockField):
            try:
                field.block.value_from_datadict(request.POST, request.FILES, name)
            except (KeyError, IndexError, TypeError, ValueError, OverflowError):
                return True
    return False


def refuse_unreadable_page_create(request, parent_page, page_class):
    if streamfields_unreadable(request, page_class):
        return bad_request(request)
    return None


def refuse_unreadable_page_edit(request, page):
    if streamfields_unreadable(request, page.specific_class):
        return bad_request(request)
    return None
