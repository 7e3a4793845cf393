from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.documents import get_document_model
from wagtail.documents.views import serve as documents
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import CollectionViewRestriction, Locale, Page, PageViewRestriction

from . import ratelimit
from .addresses import absolute_url, site_url
from .forms import normalise_text
from .i18n import UNTRANSLATED_ALIAS, home_page, home_page_in
from .models import Forum, StandardPage, read_whole
from .search.pages import PageSearch
from .sections import collect_sections
from .submissions import make_private

SEARCH_RESULTS_PER_PAGE = 10


@require_GET
def forum_index(request):
    return TemplateResponse(
        request,
        "website/forum_index.html",
        {
            "national_forums": Forum.objects.in_language().national(),
            "regional_forums": Forum.objects.in_language()
            .regional()
            .prefetch_related("prefectures"),
        },
    )


@require_GET
def forum_detail(request, slug):
    # In English only a forum with an English name has a page (website/i18n.py).
    forum = get_object_or_404(
        Forum.objects.in_language().prefetch_related("prefectures"), slug=slug
    )
    return TemplateResponse(
        request,
        "website/forum_detail.html",
        {
            "forum": forum,
            "sections": collect_sections("website_forum_sections", request, forum=forum),
        },
    )


@require_GET
def sitemap_page(request):
    """サイトマップ: the site's sections (the pages under the home page) and, under the
    standard pages among them, their own pages; lists (news, events…) are named, not listed
    item by item. Three queries whatever the number of items."""
    home = home_page(request)  # in the language being read
    sections, children = [], {}
    if home is not None:
        sections = list(
            Page.objects.child_of(home).live().public().exclude(UNTRANSLATED_ALIAS).order_by("path")
        )
        standard_type = ContentType.objects.get_for_model(StandardPage).pk
        standard = [page.path for page in sections if page.content_type_id == standard_type]
        if standard:
            under_standard = Q()
            for path in standard:
                under_standard |= Q(path__startswith=path)
            below = Page.objects.live().public().filter(under_standard, depth=home.depth + 2)
            for page in below.order_by("path"):
                children.setdefault(page.path[: -Page.steplen], []).append(page)
    return TemplateResponse(
        request,
        "website/sitemap_page.html",
        {
            "sections": [(page, children.get(page.path, [])) for page in sections],
            "national_forums": Forum.objects.in_language().national(),
            "regional_forums": Forum.objects.in_language().regional(),
        },
    )


class PageSitemap(WagtailSitemap):
    """Wagtail's, with the pages of every language (each home page's tree) and, for a page
    that exists in several, an hreflang alternate for each of them."""

    def items(self):
        homes = [home_page_in(self.request, code) for code, _name in settings.LANGUAGES]
        under_homes = Q()
        for home in homes:
            if home is not None:
                under_homes |= Q(path__startswith=home.path)
        if not under_homes:
            return Page.objects.none()
        return (
            Page.objects.filter(under_homes)
            .live()
            .public()
            # Not the aliases of Japanese pages that stand for untranslated parents.
            .exclude(UNTRANSLATED_ALIAS)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        urls, versions, last_mods = [], {}, set()
        for item in self.paginator.page(page).object_list:
            for url_info in item.get_sitemap_urls(self.request):
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
                versions.setdefault(item.translation_key, []).append(
                    {"lang_code": languages.get(item.locale_id), "location": url_info["location"]}
                )
                url_info["alternates"] = versions[item.translation_key]
        for url_info in urls:
            if len(url_info["alternates"]) < 2:
                url_info["alternates"] = []
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


class ForumSitemap(DjangoSitemap):
    changefreq = "monthly"
    # A forum with an English name has an English page too (website/i18n.py).
    i18n = True
    alternates = True

    def get_languages_for_item(self, item):
        return [code for code, _name in settings.LANGUAGES if code == "ja" or item.name_en]

    # On the configured address, like the pages (BasePage.get_full_url), not the request's.
    def get_protocol(self, protocol=None):
        return urlsplit(site_url()).scheme

    def get_domain(self, site=None):
        return urlsplit(site_url()).netloc

    def items(self):
        return Forum.objects.all()


def sitemap(request):
    return django_sitemap(
        request, sitemaps={"pages": PageSitemap(request), "forums": ForumSitemap()}
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /search/",
        f"Sitemap: {absolute_url('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def clean_search_query(value):
    """A search query that no backend chokes on.

    Control characters (NUL) break PostgreSQL, and modelsearch's SQLite backend wraps each
    term in double quotes without escaping them, so a stray `"` is an FTS5 syntax error.
    """
    return " ".join(normalise_text(value).replace('"', " ").split())[:200]


@require_GET
def search(request):
    search = PageSearch(
        clean_search_query(request.GET.get("q", "")), request.GET.get("section", ""), request
    )
    page_obj = search.paginate(request.GET.get("page"), per_page=SEARCH_RESULTS_PER_PAGE)
    response = TemplateResponse(
        request,
        "website/search.html",
        {
            "query": search.query,
            "search": search,
            "page_obj": page_obj,
            "hits": search.hits(page_obj) if search.query else [],
        },
    )
    if search.audience is not None:
        # Results for this person only (members' pages): no shared cache may keep them.
        make_private(response)
    return response


def serve_page(request, path):
    """Wagtail's serve, routed from the home page of the language being read (website/i18n.py):
    the Japanese one, the Site's root, without the query for the active locale that Wagtail's
    own routing makes on every request; under /en/ the English home page, or a 404 when the
    site has none."""
    if not hasattr(request, "_wagtail_route_for_request"):
        home = home_page(request)
        route = None
        if home is not None:
            components = [part for part in path.split("/") if part]
            # Below the home page only its type's routing is needed, not its fields (one
            # query fewer); the home page itself is served, so loaded whole, with its image.
            routing_page = home.specific_deferred if components else read_whole(home)
            try:
                route = routing_page.route(request, components)
            except Http404:
                route = None
        request._wagtail_route_for_request = route
    return wagtail_views.serve(request, path)


@require_GET
def favicon(request):
    return HttpResponsePermanentRedirect(static("favicon.ico"))


class RefusedPasswordForm(PasswordViewRestrictionForm):
    """Wagtail's password form, answered with `message` whatever was typed."""

    def __init__(self, *args, message, **kwargs):
        super().__init__(*args, **kwargs)
        self.message = message

    def clean_password(self):
        raise forms.ValidationError(self.message)


def throttle_password_guesses(request, scope, check, refuse):
    """Like the admin login (django-axes): after PAGE_PASSWORD_RATE_LIMIT wrong guesses from
    one address for one restriction, every guess, the right one too, gets `refuse(form)` (a
    form that says so next to the field) until the period has passed. `check()` is Wagtail's
    view, which redirects when the password is right."""
    limit, period = settings.PAGE_PASSWORD_RATE_LIMIT
    if ratelimit.count(request, scope) >= limit:
        minutes = max(1, round(period / 60))
        message = (
            "パスワードの誤りが続いたため、安全のため受け付けを一時的に停止しています。"
            f"{minutes}分ほど時間をおいてから、もう一度お試しください。"
        )
        response = refuse(lambda restriction: refused_form(request, restriction, message))
        response.status_code = 429
        response["Retry-After"] = str(period)
        return response
    response = check()
    if response.status_code == 302:
        ratelimit.reset(request, scope)
    else:
        ratelimit.hit(request, scope, limit=limit, period=period)
    return response


def refused_form(request, restriction, message):
    form = RefusedPasswordForm(request.POST, instance=restriction, message=message)
    form.is_valid()
    return form


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's page-password form, throttled, with a return URL that is always a path on
    this site.

    Wagtail hands any return_url to redirect(), which tries a bare word ("abc") as a view
    name and fails with a 500; an off-site address falls back to LOGIN_REDIRECT_URL (a 404).
    """
    if request.method != "POST":
        return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    return_url = request.POST.get("return_url", "")
    if not return_url.startswith("/") or return_url.startswith(("//", "/\\")):
        page = get_object_or_404(Page, id=page_id)
        data = request.POST.copy()
        data["return_url"] = page.url or "/"
        request.POST = data

    def refuse(make_form):
        restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
        page = get_object_or_404(Page, id=page_id).specific
        action_url = reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.id, page.id]
        )
        return page.serve_password_required_response(request, make_form(restriction), action_url)

    return throttle_password_guesses(
        request,
        f"page-password:{page_view_restriction_id}",
        lambda: wagtail_views.authenticate_with_password(
            request, page_view_restriction_id, page_id
        ),
        refuse,
    )


def authenticate_with_document_password(request, restriction_id):
    """Wagtail's password form for a collection of documents, throttled like the pages'."""
    if request.method != "POST":
        return documents.authenticate_with_password(request, restriction_id)

    def refuse(make_form):
        restriction = get_object_or_404(CollectionViewRestriction, id=restriction_id)
        context = {
            "form": make_form(restriction),
            "action_url": reverse("wagtaildocs_authenticate_with_password", args=[restriction.id]),
        }
        return TemplateResponse(request, settings.WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE, context)

    return throttle_password_guesses(
        request,
        f"document-password:{restriction_id}",
        lambda: documents.authenticate_with_password(request, restriction_id),
        refuse,
    )


def serve_document(request, document_id, document_filename):
    """Wagtail's document serving; a document of a restricted collection (the members',
    one behind a password) is sent private, so that no shared cache keeps it for others."""
    response = documents.serve(request, document_id, document_filename)
    if response.status_code == 200 and is_restricted_document(document_id):
        make_private(response)
    return response


def is_restricted_document(document_id):
    collection = (
        get_document_model().objects.select_related("collection").get(pk=document_id).collection
    )
    return collection.get_view_restrictions().exists()
