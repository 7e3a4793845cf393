"""The admin's multiple page chooser, for forum teams (website/teams.py)."""

from django.urls import reverse
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import ChosenMultipleView
from wagtail.models import Page

from .teams import hide_other_forums_drafts


class ChosenPagesView(ChosenMultipleView):
    """Wagtail's view that names the pages picked in a multiple page chooser, by their ids,
    reads any page; a forum's editors are named only the pages their chooser offers them
    (``hide_other_forums_drafts``). Routed before Wagtail's own in website/urls.py."""

    def get(self, request):
        ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        pages = hide_other_forums_drafts(Page.objects.filter(pk__in=ids), request.user)
        result = [
            {
                "id": page.pk,
                "parentId": page.get_parent().pk,
                "adminTitle": page.get_admin_display_title(),
                "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "url": page.url,
            }
            for page in pages.specific()
        ]
        return self.render_chosen_response(result)


chosen_pages = require_admin_access(ChosenPagesView.as_view())
