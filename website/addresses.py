"""The site's one public address, for every absolute URL it prints.

Sitemaps, feeds, e-mails, JSON-LD, canonical and og: links never come from the request's
Host header (whatever a client or a misconfigured proxy sends), nor from the Wagtail Site's
hostname and port, but from `settings.SITE_URL` (`SITE_URL` in the environment).

    absolute_url("/news/")   # "https://www.example.jp/news/"
"""

from urllib.parse import urljoin, urlsplit

from django.conf import settings


def clean_site_url(value):
    """`value` as scheme://host[:port] without a trailing slash; ValueError if it is not one."""
    value = (value or "").strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"SITE_URL must look like https://www.example.jp, not {value!r}.")
    if parts.path or parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(f"SITE_URL must be the site's address without a path, not {value!r}.")
    return value


def site_url():
    return settings.SITE_URL.rstrip("/")


def absolute_url(url):
    """The path (or page URL) `url` on the configured address; URLs already absolute (media
    on a CDN) are returned as they are."""
    return urljoin(site_url() + "/", url or "/")
