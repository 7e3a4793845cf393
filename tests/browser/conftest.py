"""Fixtures of the browser tests; how to write one is in README.md beside this file.

- `live_site`: the demo site served on 127.0.0.1 (own process, own SQLite database, demo
  content loaded), shared by every test of this folder: journeys that change data must not
  depend on what other tests did.
- `page`: a fresh Chromium tab whose relative URLs go to the live site, run once per size in
  `DEVICES` (desktop 1280×800, phone 390×844). A test for one size only:
  `@pytest.mark.parametrize("device", ["phone"], indirect=True)`.
  When the test fails (or always, with BROWSER_SCREENSHOTS=all), a full-page screenshot goes to
  artifacts/screenshots/<module>__<test>[<size>].png, and the test fails if the page threw a JavaScript error or a style sheet, script or image
  failed to load. A journey (test_journeys.py) also fails if any page it opened, in any of
  its browser contexts, answered 4xx or 5xx, unless the journey says it meant to visit it:
  `@pytest.mark.allow_error_document(404, "/events/gone/")`.

The demo site runs with the page and fragment caches on, as in production (settings.py).
"""

import itertools
import os
import shutil
import urllib.parse
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .support import (
    CHROMIUM_ARGS,
    DEVICES,
    SCREENSHOTS,
    LiveSite,
    Tools,
    path_of,
    screenshot_path,
)

HERE = Path(__file__).resolve().parent
# Modules whose tests fail on a 4xx/5xx page (the others check the status they expect).
JOURNEY_MODULES = {"test_journeys"}


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "allow_error_document(status, path): a journey deliberately opens this page, "
        "which answers this 4xx/5xx status",
    )


# First, so that pytest-xdist's own hook sees the group and sends them all to one worker.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)
            # One pytest-xdist worker runs them all, against one live site.
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_report = report
    return report


@pytest.fixture(scope="package", autouse=True)
def browser_tools():
    tools = Tools.find()
    missing = tools.missing()
    if missing:
        message = "browser tests need " + "; ".join(missing)
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}. In CI a missing browser is a failure.", pytrace=False)
        pytest.skip(f"{message}. Skipped here; in CI (CI=true) this fails.")
    return tools


# Pages of a busy CI machine can take more than Playwright's default 5 seconds.
expect.set_options(timeout=10_000)


@pytest.fixture(scope="package")
def live_site(tmp_path_factory):
    site = LiveSite(tmp_path_factory.mktemp("live-site"))
    site.start()
    yield site
    site.stop()


@pytest.fixture(scope="package")
def browser(browser_tools):
    from playwright.sync_api import sync_playwright

    # The screenshots folder shows the last run only.
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=browser_tools.chromium, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(params=list(DEVICES))
def device(request):
    return request.param


_visitors = itertools.count(1)
# (status, path) of every page (main-frame document) the running test's browsers opened.
_documents = []


def _note_document(response):
    request = response.request
    if request.is_navigation_request() and request.frame.parent_frame is None:
        _documents.append((response.status, path_of(response.url)))


def new_context(browser, live_site, device):
    """A browser context at the given size, seen by the site as a visitor of its own address."""
    visitor = next(_visitors)
    context = browser.new_context(
        base_url=live_site.url,
        locale="ja-JP",
        timezone_id="Asia/Tokyo",
        extra_http_headers={"X-Forwarded-For": f"10.0.{visitor // 250}.{visitor % 250 + 1}"},
        **DEVICES[device],
    )
    context.on("response", _note_document)
    return context


def error_documents(node):
    """The pages opened during the test that answered 4xx/5xx, less those it allows."""
    allowed = {tuple(mark.args) for mark in node.iter_markers("allow_error_document")}
    return [
        f"HTTP {status} for the page {path}"
        for status, path in _documents
        if status >= 400 and (status, path) not in allowed
    ]


@pytest.fixture
def context(browser, live_site, device):
    context = new_context(browser, live_site, device)
    context.set_default_timeout(10_000)
    yield context
    context.close()


def is_admin_autosave_of_an_incomplete_form(response):
    """Wagtail's editor autosaves in the background while an editor types; until every
    required field is filled in, the server answers that autosave with 400 and the errors."""
    request = response.request
    return (
        response.status == 400
        and request.method == "POST"
        and request.resource_type in ("fetch", "xhr")
        and urllib.parse.urlsplit(request.url).path.startswith("/admin/")
    )


@pytest.fixture
def page(context, request):
    _documents.clear()
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on(
        "response",
        lambda response: (
            problems.append(f"HTTP {response.status} for {response.url}")
            if response.status >= 400
            and response.request.resource_type != "document"
            and not is_admin_autosave_of_an_incomplete_form(response)
            else None
        ),
    )
    yield page
    # A full-page screenshot costs about a second; CI keeps those of the failures.
    failed = getattr(request.node, "call_report", None) is None or request.node.call_report.failed
    if failed or os.environ.get("BROWSER_SCREENSHOTS") == "all":
        module = Path(str(request.node.path)).stem
        page.screenshot(
            path=screenshot_path(f"{module}__{request.node.name}"), full_page=True, scale="css"
        )
    page.close()
    if Path(str(request.node.path)).stem in JOURNEY_MODULES:
        problems += error_documents(request.node)
    assert not problems, "\n".join(problems)
