"""The site search for members: the members' area is found by those who may open it.

Wagtail's `public()` leaves every privacy-restricted page out of the site search. For a
logged-in member (an active user whose organisation is a member today, members.access) the
pages behind a 「ログインユーザーのみ」 restriction are found too, except those limited to
forums the member's organisation does not take part in, and any page also behind another
kind of restriction (a password, some groups). Editors who may use the admin find them all,
as they may open them all. The answer is read on every request, so a member who leaves stops
finding the pages at once; the public's results are never mixed with a member's (the key of
the audience, website.search.pages.SearchAudience).
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from website.search.pages import SearchAudience

from .access import current_organisation, is_editor
from .models import MembersPage


def _under(paths):
    q = Q()
    for path, depth in paths:
        q |= Q(path__startswith=path, depth__gte=depth)
    return q


def audience(request):
    """The members' search audience of this request, or None for the public's search."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    if is_editor(user):
        forum_ids = None  # every forum's pages
    else:
        organisation = current_organisation(request)
        if organisation is None:
            return None
        forum_ids = sorted(organisation.forums.values_list("pk", flat=True))
    rows = PageViewRestriction.objects.values_list("restriction_type", "page__path", "page__depth")
    members_only, other = [], []
    for restriction_type, path, depth in rows:
        (members_only if restriction_type == PageViewRestriction.LOGIN else other).append(
            (path, depth)
        )
    if not members_only:
        return None
    pages = _under(members_only)
    if other:
        pages &= ~_under(other)
    if forum_ids is not None:
        # Pages of the area limited to forums this member does not take part in.
        not_theirs = list(
            MembersPage.objects.filter(forums__isnull=False)
            .exclude(forums__in=forum_ids)
            .values_list("pk", flat=True)
            .distinct()
        )
        if not_theirs:
            pages &= ~Q(id__in=not_theirs)
    key = "editors" if forum_ids is None else "members-" + "-".join(map(str, forum_ids))
    return SearchAudience(key=key, pages=pages)
