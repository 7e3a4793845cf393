from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MailingsConfig(AppConfig):
    name = "mailings"
    verbose_name = "情報発信メール"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(grant_secretariat, sender=self, dispatch_uid="mailings_secretariat")


# 事務局 runs the mailings: composes, sends, and sees the subscribers' addresses.
SECRETARIAT_PERMISSIONS = [
    "mailings.add_issue",
    "mailings.change_issue",
    "mailings.delete_issue",
    "mailings.view_issue",
    "mailings.publish_issue",
    "mailings.send_issue",
    "mailings.view_subscriber",
    "mailings.change_subscriber",
    "mailings.delete_subscriber",
    "mailings.view_subscriber_personal_data",
]


def grant_secretariat(sender, using="default", **kwargs):
    from django.contrib.auth.models import Permission

    from website.teams import administrators_group

    group = administrators_group()
    for name in SECRETARIAT_PERMISSIONS:
        app_label, codename = name.split(".")
        permission = (
            Permission.objects.using(using)
            .filter(content_type__app_label=app_label, codename=codename)
            .first()
        )
        if permission is not None:
            group.permissions.add(permission)
