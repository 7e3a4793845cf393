"""Who may open the members' area (会員専用ページ) and its documents.

The site's rule: a page or document behind a "login" view restriction (Wagtail's
「ログインユーザーのみ」, on a page or a document collection) is for members. Wagtail's own
check makes anonymous visitors log in, and keeps such pages out of every public listing,
search, feed and the sitemap (`public()`); this module adds that the logged-in person must be
a member today: an active user whose organisation has joined and not left (read on every
request, so leaving takes effect at once). A members' page may further be limited to the
members of some forums. Editors who may use the admin see everything, to review it.
"""

from django.template.response import TemplateResponse
from wagtail.models import BaseViewRestriction

from website.submissions import make_private

from .models import MemberOrganisation


def is_editor(user):
    return user.is_active and user.has_perm("wagtailadmin.access_admin")


def current_organisation(request):
    """The member organisation of the logged-in user if it is a member today, else None
    (read once per request)."""
    if not hasattr(request, "_member_organisation"):
        request._member_organisation = MemberOrganisation.objects.of_user(request.user)
    return request._member_organisation


def is_member(request):
    return current_organisation(request) is not None


def may_view(request, forum_ids=()):
    """Whether this request may see a members-only page limited to `forum_ids` (empty: all)."""
    if not request.user.is_authenticated:
        return False
    if is_editor(request.user):
        return True
    organisation = current_organisation(request)
    if organisation is None:
        return False
    if not forum_ids:
        return True
    return organisation.forums.filter(pk__in=list(forum_ids)).exists()


def _login_restricted(restrictions):
    return any(r.restriction_type == BaseViewRestriction.LOGIN for r in restrictions)


def check_page(page, request, serve_args, serve_kwargs):
    """before_serve_page: members-only pages for members (and the forums they are for)."""
    if not request.user.is_authenticated:
        return None  # Wagtail's own check sends them to the login page
    if not _login_restricted(page.get_view_restrictions()):
        return None
    forum_ids = getattr(page.specific_deferred, "restricted_forum_ids", lambda: ())()
    if not may_view(request, forum_ids):
        return refusal(request, page=page, forums=bool(forum_ids))
    return None


def check_document(document, request):
    """before_serve_document: documents of a members' collection for members only."""
    if not request.user.is_authenticated:
        return None
    if _login_restricted(document.collection.get_view_restrictions()) and not may_view(request):
        return refusal(request)
    return None


def refusal(request, page=None, forums=False):
    response = TemplateResponse(
        request,
        "members/not_a_member.html",
        {"page": None, "for_forums": forums, "is_member": is_member(request)},
        status=403,
    )
    return make_private(response)
