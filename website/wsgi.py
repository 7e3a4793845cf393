import gc
import os

from django.core.wsgi import get_wsgi_application

from website.bad_requests import RequestGuard

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.production")

# Requests Django cannot even set up (an unknown charset) get their 400 here, before Django.
application = RequestGuard(get_wsgi_application())

# What is loaded by now (Django, Wagtail, every app's models and URLs, some 280,000 objects)
# lives as long as the worker. Frozen, it is left out of the collector's full passes, which
# otherwise walk all of it every few dozen requests: a pause of 50–150 ms on that request.
gc.freeze()
