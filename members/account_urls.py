"""allauth's pages that the members' area replaces (included before allauth.urls)."""

from django.urls import path

from . import views

urlpatterns = [
    # Same name as allauth's, so its own links lead here.
    path("email/", views.login_address, name="account_email"),
]
