from django.urls import path

from . import views

urlpatterns = [
    path("invitation/<str:uidb64>/<str:token>/", views.invitation, name="members_invitation"),
    path("mypage/", views.mypage, name="members_mypage"),
    path("mypage/contacts/", views.contacts, name="members_contacts"),
]
