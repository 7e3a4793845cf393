from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from .models import Forum
from .search.pages import PageSearch
from .sections import collect_sections

SEARCH_RESULTS_PER_PAGE = 10


@require_GET
def forum_index(request):
    return TemplateResponse(
        request,
        "website/forum_index.html",
        {
            "national_forums": Forum.objects.national(),
            "regional_forums": Forum.objects.regional().prefetch_related("prefectures"),
        },
    )


@require_GET
def forum_detail(request, slug):
    forum = get_object_or_404(Forum.objects.prefetch_related("prefectures"), slug=slug)
    return TemplateResponse(
        request,
        "website/forum_detail.html",
        {
            "forum": forum,
            "sections": collect_sections("website_forum_sections", request, forum=forum),
        },
    )


class ForumSitemap(DjangoSitemap):
    changefreq = "monthly"

    def items(self):
        return Forum.objects.all()


def sitemap(request):
    return django_sitemap(
        request, sitemaps={"pages": WagtailSitemap(request), "forums": ForumSitemap()}
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def search(request):
    search = PageSearch(request.GET.get("q", ""), request.GET.get("section", ""))
    page_obj = search.paginate(request.GET.get("page"), per_page=SEARCH_RESULTS_PER_PAGE)
    return TemplateResponse(
        request,
        "website/search.html",
        {
            "query": search.query,
            "search": search,
            "page_obj": page_obj,
            "hits": search.hits(page_obj) if search.query else [],
        },
    )


@require_GET
def favicon(request):
    return HttpResponsePermanentRedirect(static("favicon.ico"))
