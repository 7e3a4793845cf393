"""The members' area of seed owners, included under /member-account/seeds/."""

from django.urls import path

from . import owners

app_name = "matching"

urlpatterns = [
    path("", owners.seed_list, name="owner_seeds"),
    path("new/", owners.seed_create, name="owner_seed_create"),
    path("<int:pk>/edit/", owners.seed_edit, name="owner_seed_edit"),
]
