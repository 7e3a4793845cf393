"""A members' area is login-restricted from the moment it exists (members.access)."""

from django.db.models.signals import post_save
from wagtail.models import PageViewRestriction


def restrict_members_area(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if not PageViewRestriction.objects.filter(page=instance).exists():
        PageViewRestriction.objects.create(
            page=instance, restriction_type=PageViewRestriction.LOGIN
        )


def connect():
    from .models import MembersIndexPage

    post_save.connect(
        restrict_members_area, sender=MembersIndexPage, dispatch_uid="members_restrict_area"
    )
