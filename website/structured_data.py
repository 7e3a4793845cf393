"""JSON-LD (schema.org) that pages give search engines about themselves, in one
<script type="application/ld+json"> element; the templates print it as ``{{ json_ld }}``.

Each app builds its own dictionary (a news article in news/models.py, an event in
events/structured_data.py); this module writes it out and holds the parts they share.
"""

import json

from django.utils.safestring import mark_safe

from .addresses import absolute_url

# Inside <script>, these could end the element or open a comment (as Django's json_script
# escapes them). The text stays valid JSON: "\u003C" is "<".
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    """``data`` as JSON, ready to sit inside <script type="application/ld+json">: safe to
    print unescaped, as the HTML escaping of the template would make it invalid JSON."""
    text = json.dumps(data, ensure_ascii=False, indent=2).translate(SCRIPT_ESCAPES)
    return mark_safe(text)  # <, > and & are escaped above


def forum_organisation(forum):
    """A forum as a schema.org Organization: the author of its news, the organizer of its
    events."""
    return {
        "@type": "Organization",
        "name": forum.name,
        "url": absolute_url(forum.get_absolute_url()),
    }
