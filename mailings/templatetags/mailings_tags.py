from django import template

from website.i18n import is_default_language

from ..forms import SubscribeForm

register = template.Library()


@register.inclusion_tag("mailings/sections/subscribe.html", takes_context=True)
def mail_subscribe_box(context, forum=None):
    """The subscribe form, for pages that are not built from sections (the news index). On
    an English page, a note that the e-mails are Japanese, with a link to the form."""
    forums = [(forum.slug, forum.name)] if forum else []
    return {
        "in_japanese_only": not is_default_language(),
        "form": SubscribeForm(forums=forums, auto_id="subscribe-%s"),
        "forum": forum,
        "request": context.get("request"),
        "settings": context.get("settings"),
    }
