"""A database that stays locked past its timeout answers 503 「混み合っています」, not 500.

A write lock held longer than SQLite's busy timeout ("database is locked") or PostgreSQL's
lock_timeout / statement_timeout (or a deadlock) fails the request before anything is
written: the service's transaction is rolled back. The visitor gets a page that says so,
with `Retry-After`, and the fields they sent as hidden inputs with a fresh CSRF token, so
one button sends the same form again (files cannot be carried over: the form then asks for
them again).
"""

import logging

from django.db import OperationalError
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control

logger = logging.getLogger("sankaku.busy")

RETRY_AFTER_SECONDS = 10
SQLITE_LOCK_MESSAGES = ("database is locked", "database table is locked")
# lock_not_available, query_canceled (statement_timeout), deadlock, serialization failure
POSTGRESQL_BUSY_CODES = {"55P03", "57014", "40P01", "40001"}
NOT_RESENT = {"csrfmiddlewaretoken"}


def is_database_busy(exception):
    if not isinstance(exception, OperationalError):
        return False
    cause = exception.__cause__
    code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if code in POSTGRESQL_BUSY_CODES:
        return True
    return str(exception).lower().startswith(SQLITE_LOCK_MESSAGES)


class DatabaseBusyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_busy(exception):
            return None
        view = getattr(request.resolver_match, "view_name", "")
        # Never the path: private links carry their token in it.
        logger.warning("database busy (%s) on %s %s", exception, request.method, view)
        fields = []
        if request.method == "POST":
            fields = [
                (name, value)
                for name, values in request.POST.lists()
                if name not in NOT_RESENT
                for value in values
            ]
        response = render(
            request,
            "503.html",
            {"fields": fields, "had_files": bool(request.method == "POST" and request.FILES)},
            status=503,
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)  # it may hold what the visitor typed
        patch_cache_control(response, private=True)
        return response
