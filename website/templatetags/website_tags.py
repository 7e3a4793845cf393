from django import template
from wagtail.models import Page, Site

from website import fiscal

register = template.Library()


@register.inclusion_tag("website/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    site = Site.find_for_request(request)
    current = context.get("page")
    items = []
    if site:
        items = list(site.root_page.get_children().live().public().in_menu())
    current_path = getattr(current, "path", "")
    for item in items:
        item.is_current = current is not None and current.pk == item.pk
        item.is_ancestor = current_path.startswith(item.path) and not item.is_current
    return {"items": items, "current": current, "request": request}


@register.inclusion_tag("website/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, trail=None):
    """Ancestors of the page below the site root; `trail` adds (title, url) pairs for views."""
    page = page or context.get("page")
    ancestors = []
    if page is not None and page.depth > 2:
        ancestors = list(Page.objects.ancestor_of(page).filter(depth__gt=1).live().public())
    return {"ancestors": ancestors, "page": page, "trail": trail or []}


@register.filter
def fiscal_year_label(year):
    return fiscal.fiscal_year_label(int(year))


@register.filter
def fiscal_year_full_label(year):
    return fiscal.fiscal_year_full_label(int(year))


@register.filter
def fiscal_year_of(value):
    return fiscal.fiscal_year(value)
