"""The English version: which language a request is in, and its pages' translations.

Japanese is the default language, at the root; English lives under /en/ (website/urls.py,
`i18n_patterns` without a prefix for the default language). A page exists in English only
when an editor has translated and published it (wagtail-localize): a page without an
English translation answers 404 under /en/, never a Japanese page in an English frame.

Every public listing goes through `visible()` (website/visibility.py), which keeps the pages
of the active language only, so the English home page, menu, feeds, sitemap and search list
English pages and the Japanese ones Japanese pages, as before.
"""

from django.conf import settings
from django.db.models import F, Q
from django.http import Http404
from django.utils.translation import gettext, pgettext
from wagtail.models import Page, Site

from website.languages import DEFAULT_LANGUAGE, active_language, is_default_language
from website.visibility import VisiblePageQuerySet, remember_locale

__all__ = ["DEFAULT_LANGUAGE", "active_language", "is_default_language"]

# An alias of a page in another language: an untranslated parent that wagtail-localize made
# for a translated child. Its text is the other language's: never offered as a translation.
UNTRANSLATED_ALIAS = Q(alias_of__isnull=False) & ~Q(alias_of__locale=F("locale"))
# How each language names itself in the switcher, and the og:locale of its pages.
LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}
OG_LOCALES = {"ja": "ja_JP", "en": "en_GB"}


def refuse_other_languages(page, request, serve_args, serve_kwargs):
    """before_serve_page hook: a page is served only in its own language, the one of the home
    page of the language being read (no query: both are known).

    website.views.serve_page routes /en/… from the English home page; Wagtail's own routing
    would fall back to the Japanese one when there is none, and /en/ must answer 404 rather
    than show a Japanese page."""
    home = home_page(request)
    if home is None or page.locale_id != home.locale_id:
        raise Http404("No translation of this page in the requested language.")
    if page.alias_of_id and not is_default_language():
        # An untranslated parent that wagtail-localize made an alias of the Japanese page.
        raise Http404("This page has not been translated.")


def home_page(request):
    """The site's home page in the active language (None without a live translation), read
    once per request. The Wagtail Site's root page is the Japanese home page."""
    return home_page_in(request, active_language())


def home_page_in(request, language):
    """The site's home page in `language` (None without a live translation)."""
    cache = request.__dict__.setdefault("_website_home_pages", {})
    if language not in cache:
        site = Site.find_for_request(request)
        home = site.root_page if site is not None else None
        if home is not None and not is_default_language(language):
            home = (
                Page.objects.filter(
                    translation_key=home.translation_key, locale__language_code=language
                )
                .live()
                .first()
            )
        if home is not None:
            remember_locale(language, home.locale_id)
        cache[language] = home
    return cache[language]


def page_translations(page):
    """Every live, public version of `page` (itself included) as [(language, page)], in the
    order of LANGUAGES: what the language switcher and the hreflang alternates offer. Only
    the fields of their URLs are loaded."""
    if page is None or not getattr(page, "translation_key", None):
        return []
    # public() from the view restrictions read once per request (website/visibility.py).
    pages = (
        VisiblePageQuerySet(Page)
        .filter(translation_key=page.translation_key)
        .live()
        .public()
        .exclude(UNTRANSLATED_ALIAS)
        .select_related("locale")
        # What a link to each needs (its URL comes from url_path).
        .only("url_path", "locale__language_code")
    )
    by_language = {other.locale.language_code: other for other in pages}
    return [(code, by_language[code]) for code, _name in settings.LANGUAGES if code in by_language]


def url_in_language(path, language):
    """A path of a non-page view (search, forums…) in `language`: /forums/ → /en/forums/."""
    from django.urls import translate_url

    return translate_url(path, language)


# The site's own views that exist in every language (website/urls.py, under i18n_patterns);
# a forum's page exists in English when the forum has an English name.
VIEWS_IN_EVERY_LANGUAGE = {"search", "forum_index", "forum_detail", "sitemap_page"}


def original_page(page):
    """The live version of `page` in the default language (Japanese), or None: where forms
    that exist in Japanese only (event registration) are found from an English page."""
    if page is None or page.locale.language_code == DEFAULT_LANGUAGE:
        return page
    return (
        VisiblePageQuerySet(Page)
        .filter(translation_key=page.translation_key, locale__language_code=DEFAULT_LANGUAGE)
        .live()
        .public()
        .specific()
        .first()
    )


def translated(value, context=None):
    """An editor's text that has an English version in the catalogue (the organisation's
    name, the news categories): that version on English pages, the text itself otherwise.
    A `context` picks the catalogue's version for that use where one word reads differently
    there (the event kind 「フォーラム」 is "Forum", the menu's "Forums"), else the plain one."""
    if not value or is_default_language():
        # The catalogue's texts are Japanese: nothing to look up on a Japanese page.
        return value
    if context:
        text = pgettext(context, value)
        if text != value:
            return text
    return gettext(value)
