"""「編集の手引き」: a short Japanese guide for the forums' editors and 広報部会, in the admin.
It replaces Wagtail's English editor guide in the help menu and on the dashboard.
"""

from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .teams import REVIEW_TASK, REVIEWERS, WORKFLOW

URL_NAME = "website_editor_guide"
TITLE = "編集の手引き"
# Wagtail's help menu items that lead to its English guide and release notes.
ENGLISH_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "website/admin/editor_guide.html"
    page_title = TITLE
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": TITLE}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            reviewers=REVIEWERS,
            workflow=WORKFLOW,
            review_task=REVIEW_TASK,
            **kwargs,
        )


def urls():
    return [path("guide/", EditorGuideView.as_view(), name=URL_NAME)]


def help_menu_item():
    return MenuItem(
        TITLE, reverse(URL_NAME), name="sankaku-editor-guide", icon_name="help", order=1
    )


def japanese_help_menu(request, items):
    """Our guide instead of Wagtail's English guide and release notes."""
    items[:] = [item for item in items if not item.name.startswith(ENGLISH_HELP_ITEMS)]
