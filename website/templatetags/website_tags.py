import re

from django import template
from django.conf import settings
from django.forms import BaseForm
from django.template.defaultfilters import stringfilter
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.models import Page, Site

from website import dates, fiscal, i18n, images
from website.addresses import absolute_url
from website.fragments import remember
from website.models import SiteSettings
from website.page_urls import page_urls
from website.search import text as search_text
from website.sections import top_pages

register = template.Library()


def menu_pages(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    pages = [page for page in top_pages(request) if page.show_in_menus]
    urls = page_urls([(page.pk, page.url_path) for page in pages], request)
    return [
        {"pk": page.pk, "path": page.path, "title": page.title, "url": urls[page.pk]}
        for page in pages
    ]


@register.filter
def absolute(url):
    """`url` on the configured site address (website.addresses), whatever the request's host."""
    return absolute_url(url)


@register.inclusion_tag("website/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    current = context.get("page")
    current_path = getattr(current, "path", "")
    items = [dict(item) for item in remember(request, "menu", lambda: menu_pages(request))]
    for item in items:
        item["is_current"] = current is not None and current.pk == item["pk"]
        item["is_ancestor"] = current_path.startswith(item["path"]) and not item["is_current"]
    return {"items": items, "current": current, "request": request}


@register.simple_tag(takes_context=True)
def site_footer(context):
    request = context["request"]
    return remember(
        request,
        "footer",
        lambda: render_to_string("website/includes/footer.html", context.flatten(), request),
    )


@register.inclusion_tag("website/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, trail=None):
    """Ancestors of the page below the site root; `trail` adds (title, url) pairs for views.

    Not filtered by privacy: whoever may see the page may see the section it belongs to.
    """
    request = context["request"]
    page = page or context.get("page")
    ancestors = []
    if page is not None and page.depth > 2:
        ancestors = remember(
            request, f"breadcrumbs:{page.pk}", lambda: breadcrumb_links(page, request)
        )
    return {"ancestors": ancestors, "page": page, "trail": trail or []}


def breadcrumb_links(page, request):
    home = i18n.home_page(request)
    if home is not None and home.live and page.path.startswith(home.path):
        top = {"title": gettext("トップ"), "url": home.get_url(request)}
        if page.depth == 3:
            # A section of the home page: its only ancestor below the root is the home page,
            # already read for this request.
            return [top]
        if page.depth == 4:
            # A page of a section: the section is one of the home page's children, read for
            # the menu (unless it is private or not live: then as any deeper page).
            section_path = page.path[: -Page.steplen]
            for section in top_pages(request):
                if section.path == section_path:
                    return [top, {"title": section.title, "url": section.get_url(request)}]
    return [
        {
            "title": gettext("トップ") if ancestor.depth == 2 else ancestor.title,
            "url": ancestor.get_url(request),
        }
        # Only what a link shows: whole page rows cost more than the rest of the breadcrumbs.
        for ancestor in Page.objects.ancestor_of(page)
        .filter(depth__gt=1)
        .live()
        .only("title", "url_path", "depth")
    ]


@register.simple_tag
def sized_image(image, size, **attrs):
    """`{% sized_image item.image "card" sizes="…" alt="" %}`: the image cut to one of the sizes
    named in website/images.py (which lists prefetch), written as {% srcset_image %} does."""
    return images.responsive_image(image, size, **attrs) if image else ""


@register.filter
def alt_language(alt):
    """`{% srcset_image … alt=text lang=text|alt_language %}`: lang="ja" for Japanese alt
    text on an English page (website/images.py), no attribute otherwise."""
    return images.alt_language(alt)


@register.simple_tag(takes_context=True)
def social_image_url(context):
    """The URL of the page's sharing image ("" when there is none), kept per generation."""
    request = context["request"]
    page = context.get("page")

    def find():
        image = page.get_meta_image() if page else None
        image = image or SiteSettings.for_request(request).default_social_image
        return images.sharing_rendition(image).url if image else ""

    return remember(request, f"social-image:{getattr(page, 'pk', '')}", find)


class FragmentNode(template.Node):
    def __init__(self, nodelist, key_parts, scopes=()):
        self.nodelist = nodelist
        self.key_parts = key_parts
        self.scopes = scopes

    def render(self, context):
        key = ":".join(str(part.resolve(context)) for part in self.key_parts)
        return remember(context["request"], key, lambda: self.nodelist.render(context), self.scopes)


@register.tag
def fragment(parser, token):
    """`{% fragment "news-card" item.pk %}…{% endfragment %}`: the markup inside, rendered once
    per content generation (website/fragments.py). The key must name everything it shows.
    `depends="bookings"` (a scope of website/cache.py; several comma-separated) files it under those scopes too."""
    bits = token.split_contents()[1:]
    scopes = ()
    if bits and bits[-1].startswith("depends="):
        scopes = tuple(bits.pop()[len("depends=") :].strip("\"'").split(","))
    key_parts = [parser.compile_filter(bit) for bit in bits]
    if not key_parts:
        raise template.TemplateSyntaxError("{% fragment %} needs a key")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, key_parts, scopes)


@register.simple_tag
def page_numbers(page_obj):
    """1, the pages within two of this one and the last, with … for the gaps (Django's)."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.filter
def fiscal_year_label(year):
    return fiscal.fiscal_year_label(int(year))


@register.filter
def fiscal_year_full_label(year):
    return fiscal.fiscal_year_full_label(int(year))


INPUT_ERROR_PREFIX = "入力エラー："


@register.simple_tag(takes_context=True)
def input_error_prefix(context):
    """「入力エラー：」 when this page answers a form sent with mistakes (any bound form with
    errors, after a POST), so the title (read first by screen readers, shown in the tab) says so.
    List filters are GET forms and never count."""
    request = context.get("request")
    if request is None or request.method != "POST":
        return ""
    for value in context.flatten().values():
        if isinstance(value, BaseForm) and value.is_bound and value.errors:
            return INPUT_ERROR_PREFIX
    return ""


# Keys as Japanese manuals name them: the words printed on the keys (Ctrl, Shift, Esc…), letters
# in capitals as on the key tops, and 「キー」 after a key written alone.
@register.filter
def keyboard_keys(shortcut):
    """ "Ctrl + s" → <kbd>Ctrl</kbd> + <kbd>S</kbd> (the admin's keyboard shortcuts dialog)."""
    from django.utils.html import format_html, format_html_join

    keys = [key.strip() for key in str(shortcut).split(" + ")]
    keys = [key.upper() if len(key) == 1 else key for key in keys]
    html = format_html_join(" + ", "<kbd>{}</kbd>", ((key,) for key in keys))
    if len(keys) == 1 and len(keys[0]) > 1:
        return format_html("{} キー", html)
    return html


# What a cut summary does not end with before its "…": a comma, a dash, an opening bracket.
_DANGLING = " \t\r\n,;:、，・/-‐–—([{（「『【〈《"


@register.filter(is_safe=True)
@stringfilter
def summary_cut(value, length):
    """A card's summary in at most `length` characters, "…" included (as truncatechars), but
    never ending inside a word of a language written with spaces ("Resi…"): Japanese is cut
    at a character, other text after its last whole word. One word longer than half the
    room (a pasted address) is cut where the room ends."""
    try:
        length = int(length)
    except (TypeError, ValueError):
        return value
    if length < 1 or len(value) <= length:
        return value
    room = length - 1  # the ellipsis takes one
    cut = search_text.word_boundary_before(value, room, limit=room // 2)
    return value[:cut].rstrip(_DANGLING) + "…"


# A number after 第, an era or 約 (第4回, 令和3年度, 約30基), with the counter after it. Chromium's
# phrase breaking (`word-break: auto-phrase`) may break before the digits and leave 「第」 alone
# at the end of a line.
_NUMBER_PHRASE = re.compile(
    r"(?:第|令和|平成|昭和|約|全|計|延べ)"
    r"(?:[0-9０-９]+(?:[,.，．][0-9０-９]+)*|(?<=第)[〇一二三四五六七八九十百千]+)"
    r"(?:年度|か年|カ年|か月|カ月|ヶ月|か所|カ所|箇所|回|年|月|日|週|期|号|次|弾|条|章|件|人|名|校|社|基|台|本|位|部|代|%|％)?"
)
# After such a phrase a line may break before a word (第4回 / 北陸…), not before a particle
# (約30基 / の…) or punctuation.
_WORD_AFTER = re.compile(r"(?:<mark>)?[\u3400-\u4dbf\u4e00-\u9fff\u30a1-\u30faA-Za-z]")


@register.filter(is_safe=True)
def number_phrases(value):
    """A title with each number phrase kept on one line: 第4回北陸… →
    <span class="nowrap">第4回</span><wbr>北陸… (value is escaped unless it is already
    safe HTML, such as a highlighted search result's title)."""
    text = conditional_escape(value)
    html = []
    cursor = 0
    for match in _NUMBER_PHRASE.finditer(text):
        html.append(text[cursor : match.start()])
        html.append(f'<span class="nowrap">{match[0]}</span>')
        if _WORD_AFTER.match(text, match.end()):
            html.append("<wbr>")
        cursor = match.end()
    html.append(text[cursor:])
    return mark_safe("".join(html))  # noqa: S308 (the text is escaped; the tags are ours)


# --- the English version --------------------------------------------------------------------


@register.filter
def local_date(value):
    """A date as the page's readers write it: 「2021年7月1日」 or "1 July 2021" (website/dates.py)."""
    return dates.format_day(value) if value else ""


@register.filter
def local_datetime(value):
    """「2021年7月1日 13:00」, or "1 July 2021, 13:00 JST" on an English page."""
    return dates.format_moment(value) if value else ""


def language_versions(context):
    """[(language, URL)] of every version of what this page shows, when there is more than
    one: the page's live translations, a forum with an English name, or a view that exists in
    both languages (search, the forums list, the sitemap). Kept per generation."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    if page is not None and getattr(page, "translation_key", None):
        versions = remember(
            request, f"translations:{page.pk}", lambda: translation_urls(request, page)
        )
    else:
        match = getattr(request, "resolver_match", None)
        url_name = getattr(match, "url_name", None)
        forum = context.get("forum")
        if url_name == "forum_detail" and forum is not None and not forum.name_en:
            return []
        if url_name not in i18n.VIEWS_IN_EVERY_LANGUAGE:
            return []
        path = request.get_full_path()
        versions = [(code, i18n.url_in_language(path, code)) for code, _name in settings.LANGUAGES]
    return versions if len(versions) > 1 else []


def translation_urls(request, page):
    """[(language, URL)] of the page's live translations, read once per request: the hreflang
    links and the language switcher both show them."""
    found = request.__dict__.setdefault("_website_translation_urls", {})
    if page.pk not in found:
        found[page.pk] = [
            (code, translation.get_url(request))
            for code, translation in i18n.page_translations(page)
        ]
    return found[page.pk]


@register.inclusion_tag("website/includes/language_alternates.html", takes_context=True)
def language_alternates(context):
    """hreflang links in <head> to each language version (and x-default, the Japanese one)."""
    versions = language_versions(context)
    default = dict(versions).get(settings.LANGUAGE_CODE)
    return {"versions": versions, "default": default}


@register.inclusion_tag("website/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A link to each other language version: only where a translation exists."""
    current = i18n.active_language()
    return {
        "others": [
            {"code": code, "url": url, "name": i18n.LANGUAGE_NAMES.get(code, code)}
            for code, url in language_versions(context)
            if code != current
        ]
    }


@register.simple_tag(takes_context=True)
def default_language_url(context):
    """This page in Japanese, the site's own language (None where it has no such version)."""
    return dict(language_versions(context)).get(settings.LANGUAGE_CODE)


@register.simple_tag
def current_language():
    return i18n.active_language()


@register.simple_tag
def og_locale():
    return i18n.OG_LOCALES.get(i18n.active_language(), "ja_JP")


@register.simple_tag
def home_url():
    """The home page in the language being read: / or /en/ (Wagtail's route to the root,
    reversed in the active language; translating "/" would resolve it first)."""
    return reverse("wagtail_serve", args=[""])


@register.filter
def translated(value, context=None):
    """An editor's text that has an English version in the catalogue (website/i18n.py),
    optionally the version for a context: {{ kind.name|translated:"イベントの種類" }}."""
    return i18n.translated(value, context)


@register.simple_tag
def original_version(page):
    """The page's live Japanese version (itself on a Japanese page), or None."""
    return i18n.original_page(page)
