from django.apps import AppConfig


class MailingsConfig(AppConfig):
    name = "mailings"
    verbose_name = "情報発信メール"
    default_auto_field = "django.db.models.BigAutoField"
