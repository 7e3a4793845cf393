"""The teacher's private link to a booking (a signed token, no login)."""

from django.urls import path

from . import link_views

app_name = "outreach"

urlpatterns = [
    path("<str:token>/", link_views.booking_detail, name="booking_detail"),
    path("<str:token>/notes/", link_views.booking_notes, name="booking_notes"),
    path("<str:token>/cancel/", link_views.booking_cancel, name="booking_cancel"),
]
