"""Which site, page and site settings answer a request, remembered by each worker.

For every request Wagtail looks up the site (a query), walks the page tree from the site's
root to the page (the root, its specific page, then a query and `.specific` for each level
below), checks the view restrictions of the page and its ancestors (two queries) and reads
the site settings (a query). The answers change only when content changes, and every such
change replaces the content generation (website/cache.py), so they are kept in the fragment
cache (website/fragments.py). The page itself, as loaded from the database under the current
generation, stays in the worker's memory (one query per page and worker after a change), and
each request routes its own copy as Wagtail would, with `page.route()` (which resolves a
routable page's own URLs and checks that the page is live).

Wagtail keeps these answers on the request (`request._wagtail_site`,
`request._wagtail_route_for_request`, the settings' cache attribute): this fills them in
before Wagtail looks.
"""

import copy

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from website.cache import WorkerMemory
from website.fragments import content_generation, fragment_cache_applies, remember
from website.visibility import read_once_per_request

# Pages as loaded under a content generation: never handed out, only copied for a request.
_loaded_pages = WorkerMemory(max_entries=1000, seconds_setting="FRAGMENT_CACHE_SECONDS")


def find_site(request):
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = remember(
            request, f"site:{request.get_port()}", lambda: Site._find_for_request(request)
        )
    return request._wagtail_site


def find_route(request, path):
    """Fill Wagtail's route for this path, from memory when the path was routed before."""
    if hasattr(request, "_wagtail_route_for_request") or not fragment_cache_applies(request):
        return
    location = remember(request, f"route:{path}", lambda: _route_and_locate(request, path))
    if location is not None and not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = _route_from(request, path, location)


def _components(path):
    return [component for component in path.split("/") if component]


def _route_and_locate(request, path):
    """Route as Wagtail does, and say where the page that answered lies."""
    route = Page.route_for_request(request, path)
    site = find_site(request)
    if route is None or site is None:
        return None
    page = route[0]
    root_path = site.root_page.url_path
    if not page.url_path.startswith(root_path):
        return None
    own_components = _components(page.url_path[len(root_path) :])
    if _components(path)[: len(own_components)] != own_components:
        return None  # not reached by its own path (an alias, say): always route afresh
    restriction_ids = tuple(restriction.pk for restriction in page.get_view_restrictions())
    return page.content_type_id, page.pk, len(own_components), restriction_ids


def _route_from(request, path, location):
    content_type_id, page_id, depth, restriction_ids = location
    page = _page_for(request, content_type_id, page_id)
    if page is None:
        return Page.route_for_request(request, path)
    page.known_view_restriction_ids = restriction_ids
    try:
        return page.route(request, _components(path)[depth:])
    except Http404:
        return None


def _page_for(request, content_type_id, page_id):
    """This request's own copy of the page (copies share no state worth guarding: the kept
    page is never used itself, so it caches nothing that a request could change)."""
    generation = content_generation(request)
    kept = _loaded_pages.get(page_id)
    if kept is None or kept[0] != generation:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model._default_manager.filter(pk=page_id).first() if model else None
        if page is None:
            return None
        kept = (generation, page)
        _loaded_pages.put(page_id, kept)
    return copy.copy(kept[1])


class RoutingMiddleware:
    """Fills in the site for every request and the route for Wagtail's page views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        find_site(request)
        # Where Wagtail keeps the sites' root paths for the request (page URLs): otherwise
        # read from the shared cache, a round trip, for every request.
        request._wagtail_cached_site_root_paths = remember(
            request, "site-root-paths", Site.get_site_root_paths
        )
        with read_once_per_request(request):
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_views.serve:
            find_route(request, view_args[0] if view_args else view_kwargs.get("path", ""))
