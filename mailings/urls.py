"""情報発信メール: subscribing (a logged-in person's own address too), the e-mails' signed
links, and the public archive (/mail/).

The links are outside Wagtail's page routes, which accept no ":" (a signed token has them).
"""

from django.urls import path

from . import views

app_name = "mailings"

urlpatterns = [
    path("", views.archive, name="archive"),
    path("feed/", views.archive_feed, name="feed"),
    path("<int:number>/", views.issue_detail, name="issue"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/sent/", views.subscribe_sent, name="subscribe_sent"),
    path("member-subscribe/", views.member_subscribe, name="member_subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
