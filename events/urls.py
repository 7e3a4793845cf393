"""A registrant's private link to their registration (a signed token, no login).

Outside Wagtail's page routes: those accept only letters, digits, "-" and "_" in a path,
and a signed token has ":" in it.
"""

from django.urls import path

from . import link_views

app_name = "events"

urlpatterns = [
    path("<str:token>/", link_views.registration_status, name="registration"),
]
