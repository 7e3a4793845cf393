import os

from django.core.wsgi import get_wsgi_application

from website.bad_requests import RequestGuard

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.production")

# Requests Django cannot even set up (an unknown charset) get their 400 here, before Django.
application = RequestGuard(get_wsgi_application())
