"""Security headers that depend on where a response goes: the public site or the admin."""

from csp.constants import SELF
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings


def is_admin_path(path):
    return path.startswith(tuple(f"/{prefix}" for prefix in settings.ADMIN_URL_PREFIXES))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with two policies: a strict one for the public site, a looser one for the admin.

    The Wagtail admin relies on inline scripts and styles, so it gets
    `ADMIN_CONTENT_SECURITY_POLICY`; everything else gets `CONTENT_SECURITY_POLICY`, whose
    scripts come only from our own static files. Frames are refused everywhere
    (`frame-ancestors 'none'`) except for responses that Wagtail lets its own admin frame
    (previews, which it marks `X-Frame-Options: SAMEORIGIN`).
    """

    def process_response(self, request, response):
        if response.get("X-Frame-Options") == "SAMEORIGIN":
            # A preview is rendered through the whole middleware stack once more for the page's
            # own URL; its public policy is replaced by the admin's, which may be framed.
            del response["Content-Security-Policy"]
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        if response.get("X-Frame-Options") == "SAMEORIGIN":
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts
