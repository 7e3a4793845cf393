"""Sections that other apps add to shared pages, through Wagtail hooks.

`website` imports no other app: the home page and the forum pages ask every app for its
section (latest news, upcoming events, lessons, …) through a hook, in the hook's order.

    @hooks.register("website_home_sections", order=10)
    def latest_news(request, page):
        return Section("news/sections/home_latest_news.html", {"news_items": ...})

A section that shows places left or KPI figures says so with `@shows("bookings")` (below the
hook's registration), so that it is kept under that scope's generation too.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from wagtail import hooks
from wagtail.models import Page

from website.fragments import remember
from website.i18n import active_language, home_page, is_default_language
from website.visibility import VisiblePageQuerySet


@dataclass
class Section:
    template_name: str
    context: dict = field(default_factory=dict)

    def render(self, request):
        return render_to_string(self.template_name, self.context, request=request)


def shows(*scopes):
    """The hook's section shows data of these cache scopes (website/cache.py)."""

    def decorate(hook):
        hook.cache_scopes = scopes
        return hook

    return decorate


def in_every_language(hook):
    """The hook's section lists pages of the language being read (their `visible()`), so it
    belongs on the English home and forum pages too; without this mark a section shows on the
    Japanese pages only."""
    hook.in_every_language = True
    return hook


def top_pages(request):
    """The visible pages right under the site's root, read once per request for the menu and
    every section's link to its index."""
    language = active_language()
    found = request.__dict__.setdefault("_website_top_pages", {})
    if language not in found:
        home = home_page(request)  # in the language being read (website/i18n.py)
        pages = []
        if home is not None:
            pages = list(VisiblePageQuerySet(Page).child_of(home).visible())
        found[language] = pages
    return found[language]


def index_page(request, model):
    """The app's index page: the first of its type under the site's root, else anywhere."""
    for page in top_pages(request):
        specific_class = page.specific_class
        if specific_class is not None and issubclass(specific_class, model):
            # Only Wagtail's own fields loaded: enough for its URLs, routable ones included.
            return page.specific_deferred
    return model.objects.visible().first()


def collect_sections(hook_name, request, **kwargs):
    """Rendered HTML of each app's section for this page, skipping apps that return None.

    Sections show the same to every visitor, so they come from the fragment cache.
    """
    owner = ":".join(f"{name}={getattr(value, 'pk', value)}" for name, value in kwargs.items())

    def render(hook):
        section = hook(request, **kwargs)
        return "" if section is None else section.render(request)

    # Sections list pages of the language being read: with its home page found first, their
    # listings filter on the pages' own locale (website/visibility.py), whichever comes first.
    home_page(request)
    rendered = []
    default_language = is_default_language()
    for hook in hooks.get_hooks(hook_name):
        if not default_language and not getattr(hook, "in_every_language", False):
            continue
        key = f"section:{hook_name}:{owner}:{hook.__module__}.{hook.__qualname__}"
        scopes = getattr(hook, "cache_scopes", ())
        html = remember(request, key, lambda hook=hook: render(hook), scopes)
        if html:
            rendered.append(html)
    return rendered
