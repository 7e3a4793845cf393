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


@dataclass
class Section:
    template_name: str
    context: dict = field(default_factory=dict)

    def render(self, request):
        return render_to_string(self.template_name, self.context, request=request)


def collect_sections(hook_name, request, **kwargs):
    """Rendered HTML of each app's section for this page, skipping apps that return None."""
    rendered = []
    for hook in hooks.get_hooks(hook_name):
        section = hook(request, **kwargs)
        if section is not None:
            rendered.append(section.render(request))
    return rendered
