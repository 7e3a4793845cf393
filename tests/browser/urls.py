"""The site's URLs, plus uploaded media, which the production web server serves itself."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from website.urls import handler400  # noqa: F401 (the site's 400 view: website/bad_requests.py)
from website.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
