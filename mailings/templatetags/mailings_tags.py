from django import template

from ..forms import SubscribeForm

register = template.Library()


@register.inclusion_tag("mailings/sections/subscribe.html", takes_context=True)
def mail_subscribe_box(context, forum=None):
    """The subscribe form, for pages that are not built from sections (the news index)."""
    forums = [(forum.slug, forum.name)] if forum else []
    return {
        "form": SubscribeForm(forums=forums, auto_id="subscribe-%s"),
        "forum": forum,
        "request": context.get("request"),
        "settings": context.get("settings"),
    }
