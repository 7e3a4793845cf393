"""Which parts of the site are privacy-restricted, read at most once per request.

Every public listing excludes restricted sections (`visible()`), and Wagtail checks the
restrictions of each page it serves. Wagtail reads the restrictions afresh each time: ten
times for the home page's sections. The routing middleware (website/routing.py) opens a scope
for each GET request in which they are read once; outside one (writes, the shell, tasks)
they are read every time, as Wagtail does.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.models import PageViewRestriction

_request_scope = ContextVar("view_restrictions_scope", default=None)


def view_restrictions():
    """(pk, path of the restricted page) of every view restriction."""
    scope = _request_scope.get()
    if scope is not None and "rows" in scope:
        return scope["rows"]
    rows = list(PageViewRestriction.objects.values_list("pk", "page__path"))
    if scope is not None:
        scope["rows"] = rows
    return rows


@contextmanager
def read_once_per_request(request):
    if request.method not in ("GET", "HEAD"):
        yield
        return
    token = _request_scope.set({})
    try:
        yield
    finally:
        _request_scope.reset(token)
