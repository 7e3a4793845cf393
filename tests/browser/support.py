"""The machinery of the browser tests: the tools, the live demo site, axe-core and the Nu Html Checker.

Fixtures live in conftest.py; journeys import the helpers from here::

    from tests.browser.support import assert_accessible, assert_valid_html
"""

import email
import email.message
import email.policy
import functools
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from tests.migrated import copy_migrated_database

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Debian's Chromium on a machine with no route to Google: without the background-networking
# flags it keeps trying (and failing) to reach its update and sync services.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}

# WCAG 2.1 levels A and AA: what JIS X 8341-3:2016 asks of public sites.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass
class Tools:
    chromium: str | None
    java: str | None

    @classmethod
    def find(cls):
        chromium = (
            os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
        )
        return cls(
            chromium=chromium if Path(chromium).is_file() else None, java=shutil.which("java")
        )

    def missing(self):
        """What stops the browser tests from running here, as phrases for a person."""
        problems = []
        if not self.chromium:
            problems.append("Chromium (apt-get install chromium fonts-noto-cjk)")
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problems.append('Playwright for Python (pip install -e ".[test]")')
        if not AXE_JS.exists() or not VNU_JAR.exists():
            problems.append("axe-core and vnu-jar in node_modules (npm ci)")
        if not self.java:
            problems.append("Java for the Nu Html Checker (apt-get install default-jre-headless)")
        return problems


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveSite:
    """The demo site served by `manage.py runserver` in its own process, on its own SQLite file.

    `url` is the base URL ("http://127.0.0.1:PORT"); `manage()` and `shell()` run management
    commands against the same database (to prepare state a journey needs, e.g. an event with
    a capacity of 1); `sent_mail()` returns the e-mails the site has sent so far.
    """

    def __init__(self, state_dir, port=None):
        self.state_dir = Path(state_dir)
        self.port = port or int(os.environ.get("BROWSER_TEST_PORT") or free_port())
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = ARTIFACTS / "browser-server.log"
        self.process = None

    @property
    def env(self):
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(
            DJANGO_SETTINGS_MODULE="tests.browser.settings",
            BROWSER_TEST_STATE_DIR=str(self.state_dir),
            BROWSER_TEST_BASE_URL=self.url,
            PYTHONUNBUFFERED="1",
        )
        return env

    def manage(self, *args):
        """Run a management command on the live site's database; returns its output."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise RuntimeError(
                f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
            )
        return result.stdout

    def shell(self, code):
        """Run Python code with Django set up on the live site's database; returns what it prints.

        The page cache is invalidated afterwards, as after any bulk write (`QuerySet.update()`
        sends no signal): the pages served next show what the code changed.
        """
        return self.manage(
            "shell",
            "--no-imports",
            "-c",
            f"{code}\nfrom website.cache import invalidate_page_cache\ninvalidate_page_cache()\n",
        )

    def start(self):
        self.state_dir.mkdir(parents=True, exist_ok=True)
        (self.state_dir / "mail").mkdir(exist_ok=True)
        self._migrate()
        self.manage("load_demo")
        ARTIFACTS.mkdir(exist_ok=True)
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_serving()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self._log.close()

    def _migrate(self):
        copy_migrated_database(self.state_dir / "db.sqlite3")
        self.manage("migrate", "--noinput", "-v0")

    def _wait_until_serving(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.url + "/", timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"The demo server did not start:\n{self.log_path.read_text()[-3000:]}")

    def get(self, path):
        """(status, html) of a page as the server sends it, before any JavaScript runs."""
        url = self.url + urllib.parse.quote(path, safe="/?&=%#:+")
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def sitemap_paths(self):
        """The paths of every page in sitemap.xml (live public pages and forums)."""
        status, xml = self.get("/sitemap.xml")
        assert status == 200, status
        namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        locations = ElementTree.fromstring(xml).findall("s:url/s:loc", namespace)
        return [urllib.parse.urlsplit(loc.text).path for loc in locations]

    def sent_mail(self):
        """Every e-mail the site has sent so far, oldest first, as `SentMail`."""
        sent = []
        for path in sorted((self.state_dir / "mail").glob("*.log"), key=os.path.getmtime):
            for chunk in path.read_bytes().split(b"-" * 79 + b"\n"):
                if chunk.strip():
                    sent.append(SentMail.parse(chunk))
        return sent


@dataclass
class SentMail:
    subject: str
    to: list
    body: str  # the plain-text part
    attachments: dict  # {filename: bytes}
    message: email.message.EmailMessage

    @classmethod
    def parse(cls, raw):
        message = email.message_from_bytes(raw, policy=email.policy.default)
        body = message.get_body(("plain",))
        return cls(
            # A folded header comes back with the fold's space in front.
            subject=str(message["Subject"]).strip(),
            to=[address.addr_spec for address in message["To"].addresses],
            body=body.get_content() if body else "",
            attachments={
                part.get_filename(): part.get_content() for part in message.iter_attachments()
            },
            message=message,
        )


def screenshot_path(name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / (re.sub(r"[^\w\-\[\].]+", "_", name).strip("_") + ".png")


# --- Accessibility -------------------------------------------------------------------------


def axe_violations(page):
    """The WCAG 2.1 A/AA violations axe-core finds on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, not as a <script> tag, so the site's
        # Content-Security-Policy (script-src 'self') stays in force for its own scripts.
        page.evaluate(_axe_source())
    results = page.evaluate(
        "options => window.axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    return results["violations"]


@functools.cache
def _axe_source():
    return AXE_JS.read_text(encoding="utf-8") + "\n;void 0;"


def format_axe_violations(url, violations):
    lines = [f"axe-core: {len(violations)} WCAG 2.1 A/AA violation(s) on {url}"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"  at {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {summary[:400]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"  … and {len(violation['nodes']) - 5} more element(s)")
    return "\n".join(lines)


def assert_accessible(page):
    """Fail with a readable report if axe-core finds any WCAG 2.1 A/AA violation on the page.

    Call it at every state worth checking: after loading a page, after a form came back with
    errors, after switching to high contrast or large text.
    """
    violations = axe_violations(page)
    assert not violations, format_axe_violations(page.url, violations)


# --- Valid HTML ----------------------------------------------------------------------------


def vnu_messages(documents):
    """Run the Nu Html Checker once over {name: html}; returns {name: [message, ...]}."""
    with tempfile.TemporaryDirectory(prefix="vnu-") as directory:
        names, paths = {}, []
        for index, (name, html) in enumerate(documents.items()):
            path = Path(directory) / f"{index:03d}.html"
            path.write_text(html, encoding="utf-8")
            names[path.name] = name
            paths.append(path)
        result = subprocess.run(
            ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, paths)],
            capture_output=True,
            text=True,
        )
    report = json.loads(result.stdout)
    messages = {name: [] for name in documents}
    for message in report["messages"]:
        file_name = message.get("url", "").rsplit("/", 1)[-1]
        messages[names.get(file_name, file_name)].append(message)
    return messages


def _describe(message):
    where = f"line {message['lastLine']}" if "lastLine" in message else "document"
    extract = message.get("extract", "").replace("\n", " ").strip()
    return f"{where}: {message['message']}" + (f"  «{extract}»" if extract else "")


def assert_valid_html(documents):
    """Fail if the Nu Html Checker reports any error in {name: html}; warnings are reported.

    Pass every document of a test in one call: the checker's Java start-up is the slow part.
    """
    messages = vnu_messages(documents)
    errors, warned = [], {}
    for name, found in messages.items():
        for message in found:
            if message["type"] in ("error", "non-document-error"):
                errors.append(f"{name}: {_describe(message)}")
            elif message.get("subType") == "warning":
                warned.setdefault(message["message"], []).append(name)
    for text, names in warned.items():
        warnings.warn(f"Nu Html Checker warning on {', '.join(names)}: {text}", stacklevel=2)
    report = ARTIFACTS / "html-validation.txt"
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [
        f"{name}: {message['type']}{'/' + message['subType'] if 'subType' in message else ''} "
        f"{_describe(message)}"
        for name, found in messages.items()
        for message in found
    ]
    lines.append(f"{len(documents)} document(s) checked, {len(lines)} message(s).")
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not errors, f"Nu Html Checker: {len(errors)} error(s):\n" + "\n".join(errors)


# --- Keyboard ------------------------------------------------------------------------------

# Numbers every control a keyboard user should reach, in document order: visible, enabled,
# not taken out of the tab order with tabindex="-1".
_NUMBER_CONTROLS = """() => {
  const selector = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, '
    + 'summary, iframe, [tabindex], [contenteditable=""], [contenteditable=true]';
  const controls = [...document.querySelectorAll(selector)].filter(el =>
    el.tabIndex >= 0 && !el.disabled && !el.closest('[inert]')
    && el.checkVisibility({visibilityProperty: true}));
  controls.forEach((el, index) => { el.dataset.tabStop = index; });
  return controls.map(el => describe(el));
  function describe(el) {
    return (el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "'
      + (el.getAttribute('aria-label') || el.textContent || el.value || el.name || '').trim()
          .replace(/\\s+/g, ' ').slice(0, 40) + '"');
  }
}"""

_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  return {
    stop: el.dataset.tabStop === undefined ? null : Number(el.dataset.tabStop),
    tag: el.tagName.toLowerCase(), id: el.id,
    text: (el.textContent || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40),
    // The browser's own 1px "auto" ring is easy to miss: ask for the site's 2px+ outline.
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
      ? style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor : '',
    boxShadow: style.boxShadow === 'none' ? '' : style.boxShadow,
    onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
      && rect.top < innerHeight && rect.left < innerWidth,
  };
}"""


def tab_through(page, limit=500):
    """Press Tab from the top of the page until focus leaves it; returns (controls, stops).

    `controls` describes every control a keyboard user should reach, in document order;
    `stops` is what Tab actually focused, in order, with its computed focus style.
    """
    controls = page.evaluate(_NUMBER_CONTROLS)
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    page.evaluate("() => window.scrollTo(0, 0)")
    stops = []
    for _ in range(min(limit, len(controls) + 5)):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None or (stops and focused["stop"] == stops[0]["stop"]):
            break
        stops.append(focused)
    return controls, stops


def assert_keyboard_navigable(page):
    """Tab reaches every control in document order, each on screen with a visible focus style.

    Document order is the reading order of these templates; a positive tabindex (which would
    change it) is not allowed.
    """
    assert page.locator("[tabindex]:not([tabindex='-1']):not([tabindex='0'])").count() == 0, (
        "a positive tabindex changes the reading order"
    )
    controls, stops = tab_through(page)
    reached = [stop["stop"] for stop in stops]
    assert reached == list(range(len(controls))), (
        "Tab order differs from the document order.\nexpected: "
        + "\n  ".join(controls)
        + "\nreached: "
        + "\n  ".join(f"{s['stop']} {s['tag']}#{s['id']} {s['text']}" for s in stops)
    )
    for stop, description in zip(stops, controls, strict=True):
        assert stop["outline"] or stop["boxShadow"], f"no visible focus style on {description}"
        assert stop["onScreen"], f"focused but not on screen: {description}"
    return stops


# --- Navigation ----------------------------------------------------------------------------


def path_of(url):
    """'/search/?q=橋梁' for 'http://127.0.0.1:8000/search/?q=%E6%A9%8B%E6%A2%81'."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.unquote(parts.path + (f"?{parts.query}" if parts.query else ""))


def wait_for_path(page, path, timeout=10_000):
    """Wait until the page is at `path` (query included, compared decoded: Japanese as typed)."""
    page.wait_for_url(lambda url: path_of(url) == path, timeout=timeout)


def assert_no_sideways_scrolling(page):
    """Nothing sticks out to the side (WCAG 1.4.10 reflow): wide tables scroll in their own box."""
    overflow = page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width) return null;
          const wide = [...document.querySelectorAll('body *')].filter(el => {
            const rect = el.getBoundingClientRect();
            return rect.right > width + 1 && rect.width > 0;
          }).slice(0, 5).map(el => el.outerHTML.slice(0, 120));
          return {scrollWidth: document.documentElement.scrollWidth, width, wide};
        }"""
    )
    assert overflow is None, f"the page scrolls sideways on {page.url}: {overflow}"


def open_menu(page):
    """Open the header's メニュー (a <details> disclosure on a phone; on a wide screen it is
    always open and its button hidden), where the display options and the main menu are."""
    button = page.locator(".site-menu__button")
    if button.is_visible() and not page.locator("details.site-menu").evaluate("el => el.open"):
        button.click()
    return page.get_by_role("navigation", name="メインメニュー")
