"""The URLs of many pages at once, as `Page.get_url(request)` gives them.

`get_url` reverses Wagtail's serve route for every page, under the language of the page's
site root: some 150 Python calls a page, 7,500 for a list of 50. Under one site root, a
page's URL is the root's URL followed by the rest of its `url_path` (the route takes that
path as it is, a slug per segment), so Wagtail gives the URL of the first page under each
root and the others follow from it. Anything else (a path the route would refuse, URLs
without their trailing slash) gets Wagtail's own answer, page by page.
"""

import re
from urllib.parse import quote

from wagtail.models import Page, Site

# What Wagtail's serve route (wagtail.urls.serve_pattern) takes after the site root.
SERVE_PATH = re.compile(r"(?:[\w\-]+/)*")


def page_urls(pages, request):
    """{pk: URL} of the pages given as (pk, url_path) pairs: what `get_url(request)` answers
    for each, None for a page outside every site."""
    roots = Site.get_site_root_paths()
    bases = {}  # the site roots a page is under → the URL its path follows
    urls = {}
    for pk, url_path in pages:
        own_roots = tuple(root for root in roots if url_path.startswith(root.root_path))
        rest = url_path[len(own_roots[0].root_path) :] if own_roots else ""
        routable = bool(own_roots) and SERVE_PATH.fullmatch(rest) is not None
        if routable and own_roots in bases:
            urls[pk] = bases[own_roots] + quote(rest)
            continue
        url = urls[pk] = Page(pk=pk, url_path=url_path).get_url(request)
        if routable and url is not None and url.endswith(quote(rest)):
            bases[own_roots] = url[: len(url) - len(quote(rest))]
    return urls
