from django.urls import path
from django.views.generic import RedirectView

from . import views

urlpatterns = [
    # The folder of the members' own pages, as a member may type or shorten it.
    path("", RedirectView.as_view(pattern_name="members_mypage"), name="members_account"),
    path("invitation/<str:uidb64>/<str:token>/", views.invitation, name="members_invitation"),
    path("mypage/", views.mypage, name="members_mypage"),
    path("mypage/contacts/", views.contacts, name="members_contacts"),
]
