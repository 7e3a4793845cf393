"""The base form of every page type in the admin: short ASCII slugs for Japanese titles.

With ``WAGTAIL_ALLOW_UNICODE_SLUGS = False`` a Japanese title gives no slug of its own (never a
percent-encoded one); a slug left blank, or without a letter, becomes the page's date, its forum and its kind, e.g.
``2026-12-02-kyushu-news``, with ``-2``, ``-3`` … when a sibling already has it.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from wagtail.admin.forms import WagtailAdminPageForm

from .dates import japan_date, japan_today

SLUG_HELP = (
    "URLの一部になる英数字とハイフンです。空欄なら「2026-12-02-kyushu-news」のように"
    "日付・フォーラム・種類から自動で作ります。"
)


# The admin fills the slug from the title as the editor types; of a Japanese title only its
# digits and punctuation are left ("-", "-2" of 「第2回の…」), which say nothing.
MEANINGFUL_SLUG = re.compile(r"[A-Za-z]")


def default_slug(page, data, parent):
    when = data.get("date") or data.get("start") or japan_today()
    if isinstance(when, datetime.datetime):
        when = japan_date(when)
    parts = [when.isoformat()]
    forum = data.get("forum")
    if forum is not None:
        parts.append(forum.slug)
    parts.append(getattr(page, "slug_word", None) or page._meta.model_name.removesuffix("page"))
    base = "-".join(parts)
    siblings = parent.get_children().exclude(pk=page.pk) if parent else None
    slug, number = base, 2
    while siblings is not None and siblings.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class SankakuPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = SLUG_HELP

    def clean_slug(self):
        slug = self.cleaned_data.get("slug", "")
        if slug and not slug_re.match(slug):
            raise ValidationError(
                "半角の英数字とハイフン（-）だけで入力してください。空欄なら自動で作ります。",
                code="invalid",
            )
        if not MEANINGFUL_SLUG.search(slug):
            return ""  # made in clean(), as for a blank slug
        return slug

    def clean(self):
        if (
            "slug" in self.fields
            and not self.cleaned_data.get("slug")
            and "slug" not in self.errors
        ):
            self.cleaned_data["slug"] = default_slug(
                self.instance, self.cleaned_data, self.parent_page
            )
        return super().clean()
