from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from . import page_chooser, views

# A request whose body cannot be read still gets its 400 (see website/bad_requests.py).
handler400 = "website.bad_requests.bad_request"

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Before Wagtail's own: it names any page by its id (website/page_chooser.py).
    path(
        f"{settings.WAGTAIL_ADMIN_PATH}choose-page/chosen-multiple/",
        page_chooser.chosen_pages,
        name="wagtailadmin_choose_page_chosen_multiple",
    ),
    path(settings.WAGTAIL_ADMIN_PATH, include(wagtailadmin_urls)),
    # Wagtail's document routes (wagtail.documents.urls), with int converters: its own route
    # passes any run of digits to the database, and one too long for int() (4,300 digits)
    # ended in a 500 where the converter gives a 404.
    path(
        "documents/<int:document_id>/<path:document_filename>",
        views.serve_document,
        name="wagtaildocs_serve",
    ),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        views.authenticate_with_document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    # outreach: a teacher's private link to their lesson booking (signed token, no login)
    path("lesson-bookings/", include("outreach.urls")),
    # events: a registrant's private link to their registration (signed token, no login)
    path("event-registrations/", include("events.urls")),
    # mailings: the archive of sent issues, subscribing and the e-mails' links
    path("mail/", include("mailings.urls")),
    # members: accounts (django-allauth) and the members' own pages
    path("accounts/", include("members.account_urls")),  # before allauth's: it replaces one
    path("accounts/", include("allauth.urls")),
    path("member-account/", include("members.urls")),
    # matching: seed owners enter and change their seeds in the members' area
    path("member-account/seeds/", include("matching.urls")),
    # Before Wagtail's own route for it: see views.authenticate_with_password.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static as media_static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += media_static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# What a visitor reads exists in Japanese at the root (no prefix: no Japanese URL changed) and
# in English under /en/: the pages Wagtail serves and the site's own views.
urlpatterns += i18n_patterns(
    path("search/", views.search, name="search"),
    path("forums/", views.forum_index, name="forum_index"),
    path("forums/<slug:slug>/", views.forum_detail, name="forum_detail"),
    path("sitemap/", views.sitemap_page, name="sitemap_page"),
    # Wagtail's serve, routed from the home page of the language being read.
    re_path(wagtail_urls.serve_pattern, views.serve_page, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
