"""Every absolute URL the site prints is on the configured SITE_URL, whatever the Host header."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from django.core import mail
from django.utils import timezone

from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.events.factories import registration_form_data as registration_data
from tests.factories import ForumFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.outreach.factories import (
    LessonIndexPageFactory,
    LessonPageFactory,
    LessonSlotFactory,
    booking_data,
)
from website.addresses import absolute_url, clean_site_url

ROOT = Path(__file__).resolve().parents[2]
SITE = "https://www.example.jp"
# A host the site answers to (it is in ALLOWED_HOSTS) that is not its public address.
OTHER_HOST = "internal.example.net"
# Addresses that are not ours: vocabularies and the like.
FOREIGN = (
    "https://schema.org",
    "http://www.sitemaps.org",
    "http://www.w3.org",
    "http://purl.org",
)
URL = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture
def configured(settings):
    # Production's default: admin links in e-mails on the same address.
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = SITE
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]
    return settings


def ours(text):
    """Every absolute URL in `text` but the vocabularies'."""
    return [url for url in URL.findall(text) if not url.startswith(FOREIGN)]


def assert_on_site(urls):
    assert urls
    for url in urls:
        assert url.startswith(SITE + "/"), url


@pytest.fixture
def news(home_page):
    index = NewsIndexPageFactory(parent=home_page)
    forum = ForumFactory(name="中部フォーラム", slug="chubu", regional=True)
    page = NewsPageFactory(parent=index, title="恵那市で勉強会を開催しました", forum=forum)
    page.save_revision().publish()
    return page


def test_absolute_url_puts_paths_on_the_configured_address(configured):
    assert absolute_url("/news/?page=2") == "https://www.example.jp/news/?page=2"
    assert absolute_url("https://media.example.jp/a.jpg") == "https://media.example.jp/a.jpg"


@pytest.mark.parametrize(
    "value",
    ["", "www.example.jp", "ftp://www.example.jp", "https://www.example.jp/sub/", "https://"],
)
def test_a_site_url_that_is_not_an_address_is_refused(value):
    with pytest.raises(ValueError):
        clean_site_url(value)


def test_a_trailing_slash_is_dropped():
    assert clean_site_url(" https://www.example.jp:8443/ ") == "https://www.example.jp:8443"


@pytest.mark.django_db
def test_sitemap_and_robots_use_the_configured_address(client, configured, news):
    ForumFactory(slug="kinki")

    xml = client.get("/sitemap.xml", HTTP_HOST=OTHER_HOST).content.decode()
    robots = client.get("/robots.txt", HTTP_HOST=OTHER_HOST).content.decode()

    locations = re.findall(r"<loc>(.*?)</loc>", xml)
    assert_on_site(locations)
    assert f"{SITE}/" in locations
    assert f"{SITE}{news.url}" in locations
    assert f"{SITE}/forums/kinki/" in locations
    assert "Sitemap: https://www.example.jp/sitemap.xml" in robots


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/news/feed/rss/", "/news/feed/atom/", "/news/feed/chubu/rss/"])
def test_news_feeds_use_the_configured_address(client, configured, news, path):
    response = client.get(path, HTTP_HOST=OTHER_HOST)

    feed = feedparser.parse(response.content)
    assert feed.entries
    assert_on_site(ours(response.content.decode()))
    assert feed.entries[0].link == f"{SITE}{news.url}"
    assert feed.feed.link.startswith(f"{SITE}/news/")


@pytest.mark.django_db
def test_news_page_json_ld_canonical_and_og_tags_use_the_configured_address(
    client, configured, news
):
    html = client.get(news.url, HTTP_HOST=OTHER_HOST).content.decode()

    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["url"] == data["mainEntityOfPage"]["@id"] == f"{SITE}{news.url}"
    assert data["author"]["url"] == f"{SITE}/forums/chubu/"
    assert data["publisher"]["url"] == f"{SITE}/"
    assert data["image"][0].startswith(f"{SITE}/")
    assert f'<link rel="canonical" href="{SITE}{news.url}">' in html
    assert f'<meta property="og:url" content="{SITE}{news.url}">' in html
    assert re.search(rf'<meta property="og:image" content="{SITE}/[^"]+">', html)
    assert OTHER_HOST not in html and "http://localhost" not in html


@pytest.mark.django_db
def test_event_json_ld_and_ical_use_the_configured_address(client, configured, home_page):
    index = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=index, slug="bridge-walk")

    html = client.get(event.url, HTTP_HOST=OTHER_HOST).content.decode()
    ical = client.get(event.url + "ical/", HTTP_HOST=OTHER_HOST).content.decode()
    feed = client.get("/events/feed/", HTTP_HOST=OTHER_HOST).content.decode()

    assert f'"url": "{SITE}{event.url}"' in html
    assert OTHER_HOST not in html + ical + feed
    assert f"{SITE}{event.url}" in ical.replace("\r\n ", "")
    assert f"{SITE}{event.url}" in feed.replace("\r\n ", "")


@pytest.mark.django_db
def test_registration_e_mails_use_the_configured_address(
    client, configured, home_page, django_capture_on_commit_callbacks
):
    index = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=index, registration_mode="site", capacity=20)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.url + "register/", registration_data(), HTTP_HOST=OTHER_HOST)

    assert response.status_code == 302
    to_registrant, to_staff = mail.outbox
    assert_on_site(ours(to_registrant.body))
    assert f"{SITE}/event-registrations/" in to_registrant.body
    assert_on_site(ours(to_staff.body))


@pytest.mark.django_db
def test_booking_e_mails_use_the_configured_address(
    client, configured, home_page, django_capture_on_commit_callbacks
):
    index = LessonIndexPageFactory(parent=home_page)
    lesson = LessonPageFactory(parent=index, slug="bridge")
    slot = LessonSlotFactory(lesson=lesson, date=timezone.localdate() + timezone.timedelta(days=30))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            lesson.url + "book/", booking_data(slot=slot.pk), HTTP_HOST=OTHER_HOST
        )

    assert response.status_code == 302
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert_on_site(ours(message.body))
    assert any(f"{SITE}/lesson-bookings/" in message.body for message in mail.outbox)


@pytest.mark.django_db
def test_wagtail_page_full_urls_use_the_configured_address(configured, news):
    """The Wagtail Site says localhost:80; the page's full URL still names the public site."""
    assert news.get_site().hostname == "localhost"
    assert news.get_full_url() == f"{SITE}{news.url}"
    assert news.full_url == f"{SITE}{news.url}"


# Production settings


DESCRIBE = """
from django.conf import settings
print(settings.SITE_URL, settings.WAGTAILADMIN_BASE_URL)
"""


def production(**env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SITE_URL", "WAGTAILADMIN_BASE_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        **env_overrides,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", DESCRIBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_takes_the_site_address_from_the_environment():
    result = production(ALLOWED_HOSTS="app.internal,www.example.jp", SITE_URL=SITE + "/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == [SITE, SITE]


def test_production_derives_it_from_the_first_allowed_host():
    result = production(ALLOWED_HOSTS="www.example.jp,.example.jp")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == [SITE, SITE]


def test_admin_e_mails_may_have_their_own_address():
    result = production(
        ALLOWED_HOSTS="www.example.jp", WAGTAILADMIN_BASE_URL="https://cms.example.jp"
    )
    assert result.stdout.split()[-2:] == [SITE, "https://cms.example.jp"]


@pytest.mark.parametrize(
    "env",
    [
        {"ALLOWED_HOSTS": ".example.jp"},
        {"ALLOWED_HOSTS": "*"},
        {"ALLOWED_HOSTS": "www.example.jp", "SITE_URL": "www.example.jp"},
        {"ALLOWED_HOSTS": "www.example.jp", "SITE_URL": "https://www.example.jp/site/"},
    ],
)
def test_production_refuses_to_start_without_a_usable_address(env):
    result = production(**env)
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr
