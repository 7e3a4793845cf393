from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = "サイト共通"

    def ready(self):
        from . import cache, submissions, teams

        cache.connect_signals()  # every content change invalidates the full-page cache
        submissions.install_log_redaction()
        teams.connect_signals()  # forum editor groups, the review workflow
