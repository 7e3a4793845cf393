"""The base form of every page type in the admin: short ASCII slugs for Japanese titles, and
one page per create form.

With ``WAGTAIL_ALLOW_UNICODE_SLUGS = False`` a Japanese title gives no slug of its own (never a
percent-encoded one); a slug left blank, or without a letter, becomes the page's date, its forum and its kind, e.g.
``2026-12-02-kyushu-news``, with ``-2``, ``-3`` … when a sibling already has it.

One page per create form: Wagtail's autosave POSTs the create form to the create view, and
only once its answer is back does the browser send the form's next saves to the new page's
edit view. A save clicked meanwhile (or an autosave still waiting to go when the click
leaves the page) reaches the create view too, and used to make a second page with the same
title, or fail on the slug the first one had just taken. The create form therefore carries
a key made when it is shown (``create_key``), which becomes the new page's
``translation_key``: the database's unique (translation_key, locale) lets one page be made
from a form, however its requests interleave. ``land_repeated_create`` (hook
``before_create_page``) lets one request at a time through the create view for a key; a
later one from the same user and parent lands on the page the first one made: the editor's
save is re-sent to its edit view (307, the same POST), a late autosave is refused (its
data can be older than the save that made the page).
"""

import datetime
import re
import time
import uuid

from asgiref.local import Local
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.signals import request_finished
from django.core.validators import slug_re
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

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


CREATE_KEY = "create_key"
# How long a create request keeps others with its key waiting (it has made its page, or
# failed, long before: the database gives up on a held lock after DATABASE_LOCK_TIMEOUT).
CREATE_CLAIM_SECONDS = 30
CREATE_POLL_SECONDS = 0.1


class SankakuPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = SLUG_HELP
        if self.instance._state.adding:
            # No panel shows it: Wagtail renders it after the panels as a hidden input.
            self.fields[CREATE_KEY] = forms.UUIDField(
                widget=forms.HiddenInput, required=False, initial=uuid.uuid4
            )

    def save(self, commit=True):
        key = self.cleaned_data.get(CREATE_KEY)
        # A key any page already has (another locale's page, in a forged POST) would make
        # the new page its translation: such a page keeps the key Wagtail gave it.
        if key and not Page.objects.filter(translation_key=key).exists():
            self.instance.translation_key = key
        return super().save(commit=commit)

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


# --- one page per create form ------------------------------------------------------------

_claims = Local()  # the create keys this thread's current request holds


def _release_claims(**kwargs):
    for claim in getattr(_claims, "held", ()):
        cache.delete(claim)
    _claims.held = []


request_finished.connect(_release_claims, dispatch_uid="website.admin_forms.release_claims")


def _page_made_by_form(key, user, parent_page, page_class):
    """The page an earlier POST of this create form made, if this user may land on it."""
    page = (
        Page.objects.child_of(parent_page)
        .filter(
            translation_key=key,
            owner=user,
            content_type=ContentType.objects.get_for_model(page_class),
        )
        .select_related("latest_revision")
        .first()
    )
    # Not over what someone else has written since (a form sent again much later).
    if page is None or (page.latest_revision and page.latest_revision.user_id != user.pk):
        return None
    return page


def _land(request, page):
    if not request.accepts("text/html"):
        # An autosave: Wagtail answers it as blocked. The save that made the page has
        # the editor's latest data; this one may be older.
        return HttpResponse(status=409)
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]), preserve_request=True)


def land_repeated_create(request, parent_page, page_class):
    """``before_create_page``: see the module's docstring."""
    if request.method != "POST":
        return None
    try:
        key = uuid.UUID(request.POST.get(CREATE_KEY, ""))
    except ValueError:
        return None
    claim = f"page-create:{key}"
    deadline = time.monotonic() + CREATE_CLAIM_SECONDS
    while True:
        page = _page_made_by_form(key, request.user, parent_page, page_class)
        if page is not None:
            return _land(request, page)
        if cache.add(claim, True, timeout=CREATE_CLAIM_SECONDS):
            # The holder we waited for may have made its page just before letting go.
            page = _page_made_by_form(key, request.user, parent_page, page_class)
            if page is not None:
                cache.delete(claim)
                return _land(request, page)
            _claims.held = [*getattr(_claims, "held", ()), claim]
            return None
        if time.monotonic() > deadline:
            return None  # a holder that never let go (its process died): as Wagtail would
        time.sleep(CREATE_POLL_SECONDS)
