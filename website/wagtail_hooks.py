from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.text import capfirst
from wagtail import hooks
from wagtail.models import Site
from wagtail.sites.views import IndexView as SiteIndexView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_forms, bad_requests, bench, cache, guide, i18n, teams
from .models import Forum, ForumOwnedLogEntry, SpellingVariant


class ForumViewSet(SnippetViewSet):
    model = Forum
    icon = "group"
    menu_label = "フォーラム"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "kind", "slug", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["name", "short_description"]
    list_export = ["name", "slug", "kind", "short_description", "website_url"]
    ordering = ["sort_order", "name"]


register_snippet(ForumViewSet)


class SpellingVariantViewSet(SnippetViewSet):
    """The site search's table of spelling variants (website/search/variants.py)."""

    model = SpellingVariant
    icon = "search"
    menu_label = "検索の表記ゆれ"
    list_display = ["spellings", "note"]
    search_fields = ["spellings", "note"]
    ordering = ["spellings"]


register_snippet(SpellingVariantViewSet)

# The Sites list names three of its columns after the field in English ("Site name"), not by
# the field's verbose name, which Wagtail's catalogue has in Japanese.
for column in SiteIndexView.columns:
    if column.name in {"port", "site_name", "root_page"}:
        column.label = capfirst(Site._meta.get_field(column.name).verbose_name)


@hooks.register("insert_global_admin_css")
def admin_stylesheet():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("register_log_actions")
def log_forum_owned_objects_apart(actions):
    """The log entries of what belongs to a forum go to ForumOwnedLogEntry, whose listings
    (サイト履歴) show a forum's editors their forums' entries only."""
    for model in teams.forum_owned_models():
        actions.register_model(model, ForumOwnedLogEntry)


hooks.register("before_serve_page", cache.exempt_opted_out_pages)
# /en/… serves English pages only: a Japanese page reached there is a 404 (website/i18n.py).
hooks.register("before_serve_page", i18n.refuse_other_languages)
hooks.register("before_create_page", bad_requests.refuse_unreadable_page_create)
# One page per create form, however autosave and the editor's save interleave (admin_forms.py).
hooks.register("before_create_page", admin_forms.land_repeated_create)
hooks.register("before_edit_page", bad_requests.refuse_unreadable_page_edit)
hooks.register("before_edit_page", teams.refuse_workflow_action_without_its_form)
hooks.register("after_edit_page", teams.say_what_the_review_did)
# A forum's editors neither open nor choose another forum's drafts (website/teams.py).
hooks.register("construct_explorer_page_queryset", teams.refuse_exploring_other_forums_page)
hooks.register("construct_page_chooser_queryset", teams.hide_other_forums_drafts_from_chooser)
hooks.register("website_bench_data", bench.standard_pages)
hooks.register("register_admin_urls", guide.urls)
hooks.register("register_help_menu_item", guide.help_menu_item)
hooks.register("construct_help_menu", guide.japanese_help_menu)


@hooks.register("construct_reports_menu")
def hide_search_terms_report(request, menu_items):
    """Wagtail's report of popular search terms counts what the search view records; ours
    records nothing (a search is not written down), so the report would stay empty."""
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


@hooks.register("website_demo_content", order=900)
def load_english_demo(home, stdout):
    """Last: the English version translates pages that the apps' demo content made."""
    from . import demo_english

    demo_english.load(home, stdout)
