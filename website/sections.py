"""Sections that other apps add to shared pages, through Wagtail hooks.

`website` imports no other app: the home page and the forum pages ask every app for its
section (latest news, upcoming events, lessons, …) through a hook, in the hook's order.

    @hooks.register("website_home_sections", order=10)
    def latest_news(request, page):
        return Section("news/sections/home_latest_news.html", {"news_items": ...})
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from wagtail import hooks

from website.fragments import remember


@dataclass
class Section:
    template_name: str
    context: dict = field(default_factory=dict)

    def render(self, request):
        return render_to_string(self.template_name, self.context, request=request)


def collect_sections(hook_name, request, **kwargs):
    """Rendered HTML of each app's section for this page, skipping apps that return None.

    Sections show the same to every visitor, so they come from the fragment cache.
    """
    owner = ":".join(f"{name}={getattr(value, 'pk', value)}" for name, value in kwargs.items())

    def render(hook):
        section = hook(request, **kwargs)
        return "" if section is None else section.render(request)

    rendered = []
    for hook in hooks.get_hooks(hook_name):
        key = f"section:{hook_name}:{owner}:{hook.__module__}.{hook.__qualname__}"
        html = remember(request, key, lambda hook=hook: render(hook))
        if html:
            rendered.append(html)
    return rendered
