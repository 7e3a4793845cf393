from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = "サイト共通"

    def ready(self):
        from . import cache, submissions, teams
        from .search import admin as search_admin
        from .search import variants

        cache.connect_signals()  # every content change invalidates the full-page cache
        submissions.install_log_redaction()
        teams.connect_signals()  # forum editor groups, the review workflow
        teams.register_page_policy()  # forum editors are not offered other forums' pages
        variants.connect()  # editors' spelling variants apply to the next search
        search_admin.install()  # the admin's database searches match Japanese as the site does
