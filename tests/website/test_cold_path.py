"""The cold path: what every page costs with the page and fragment caches off."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from tests.factories import ForumFactory, ImageFactory, StandardPageFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from website.models import SiteSettings, StandardPage
from website.templatetags.website_tags import home_url, translated

pytestmark = pytest.mark.django_db


def queries_on(captured, table):
    return [query["sql"] for query in captured if f'FROM "{table}"' in query["sql"]]


def second_visit(client, url):
    """The response to a second visit of `url` and the queries it made: the first one has
    filled what is made once (renditions, per-process look-ups)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, captured


@pytest.fixture
def sections(home_page):
    public = StandardPageFactory(parent=home_page, title="国民会議について", show_in_menus=True)
    private = StandardPageFactory(parent=home_page, title="会員専用", show_in_menus=True)
    hidden_child = StandardPageFactory(parent=private, title="会員向け資料")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return public, private, hidden_child


def test_restrictions_are_read_once_per_request(client, sections):
    response, captured = second_visit(client, "/")
    assert response.status_code == 200
    # The menu, every app's section and the check of the page served share one read: the
    # restricted section is not above the home page, so Wagtail's own check (the ancestors,
    # their aliases, then the restrictions again) is not needed.
    restriction_queries = queries_on(captured, "wagtailcore_pageviewrestriction")
    assert len([sql for sql in restriction_queries if '"page__path"' in sql]) == 1
    assert len(restriction_queries) == 1
    assert not [query for query in captured if '"alias_of_id" FROM' in query["sql"]]
    html = response.content.decode()
    assert "国民会議について" in html
    assert "会員専用" not in html


def test_a_served_page_reads_the_restrictions_and_the_aliases_of_restricted_pages_at_once(
    client, sections
):
    public, _private, _hidden_child = sections
    response, captured = second_visit(client, public.url)
    assert response.status_code == 200
    # The restrictions, with the aliases of the restricted pages read in the same query, and
    # no query of pages by the path of the page they are an alias of.
    reads = queries_on(captured, "wagtailcore_pageviewrestriction")
    assert len(reads) == 1 and "UNION" in reads[0]
    assert not [query for query in captured if 'T2."path" IN (' in query["sql"]]


def test_restricted_sections_stay_out_of_listings(sections):
    public, private, hidden_child = sections
    visible = set(StandardPage.objects.visible().values_list("pk", flat=True))
    assert public.pk in visible
    assert private.pk not in visible
    assert hidden_child.pk not in visible


@pytest.fixture
def aliases(home_page, sections):
    """An alias of the restricted section (with an alias of its page), and an alias of that,
    made before the section was restricted: Wagtail copies restrictions onto new aliases, and
    the later ones apply to aliases only through their source."""
    _public, private, _hidden_child = sections
    alias = private.create_alias(parent=home_page, update_slug="kaiin-alias", recursive=True)
    alias_of_alias = alias.create_alias(parent=home_page, update_slug="kaiin-alias-2")
    PageViewRestriction.objects.exclude(page=private).delete()
    return alias, alias.get_children().get().specific, alias_of_alias.specific


def test_served_pages_find_the_restrictions_wagtail_finds(sections, aliases):
    for page in (*sections, *aliases):
        page = page.specific
        ours = set(page.get_view_restrictions().values_list("pk", flat=True))
        wagtails = set(Page.get_view_restrictions(page).values_list("pk", flat=True))
        assert ours == wagtails, page.title
    public, private, _hidden_child = sections
    assert not public.specific.get_view_restrictions().exists()
    assert private.specific.get_view_restrictions().exists()


def test_aliases_of_a_restricted_section_ask_for_a_login(client, aliases):
    for page in aliases:
        response = client.get(page.url)
        assert response.status_code == 302, page.url
        assert "login" in response["Location"]


def test_a_page_outside_restricted_sections_skips_wagtails_check(client, sections, aliases):
    public, _private, _hidden_child = sections
    response, captured = second_visit(client, public.url)
    assert response.status_code == 200
    assert len(queries_on(captured, "wagtailcore_pageviewrestriction")) == 1
    assert not [query for query in captured if '"alias_of_id" FROM' in query["sql"]]


def test_restricted_pages_still_ask_for_a_login(client, sections):
    _public, private, hidden_child = sections
    for page in (private, hidden_child):
        response = client.get(page.url)
        assert response.status_code == 302
        assert "/login" in response["Location"] or "login" in response["Location"]


def test_without_restrictions_a_page_looks_none_up_for_itself(client, home_page):
    page = StandardPageFactory(parent=home_page, title="アクセス")
    response, captured = second_visit(client, page.url)
    assert response.status_code == 200
    assert len(queries_on(captured, "wagtailcore_pageviewrestriction")) == 1
    # Wagtail's own check would read the ancestors' aliases too.
    assert not [query for query in captured if '"alias_of_id" FROM' in query["sql"]]


def test_a_restriction_added_between_requests_applies_to_the_next(client, home_page):
    page = StandardPageFactory(parent=home_page, title="アクセス")
    assert client.get(page.url).status_code == 200
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert client.get(page.url).status_code == 302


def test_site_settings_bring_the_privacy_page_and_default_image(client, home_page):
    privacy = StandardPageFactory(parent=home_page, title="プライバシーポリシー")
    page = StandardPageFactory(parent=home_page, title="アクセス")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.privacy_policy_page = privacy
    settings.default_social_image = ImageFactory()
    settings.save()
    response, captured = second_visit(client, page.url)
    html = response.content.decode()
    assert f'href="{privacy.url}"' in html
    assert 'property="og:image"' in html
    # Both come with the settings' own query, not one query each.
    assert len(queries_on(captured, "wagtailimages_image")) == 0
    settings_queries = queries_on(captured, "website_sitesettings")
    assert len(settings_queries) == 1
    assert "wagtailimages_image" in settings_queries[0]


def test_menu_and_section_links_share_one_read_of_the_top_pages(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page, show_in_menus=True)
    about = StandardPageFactory(parent=home_page, title="国民会議について", show_in_menus=True)
    response, captured = second_visit(client, "/")
    html = response.content.decode()
    assert f'href="{about.url}"' in html
    assert f'href="{news_index.url}"' in html
    # The news section's link to its index comes with the menu's query, not one of its own.
    assert not queries_on(captured, "news_newsindexpage")
    # The route, the top pages, and the page's language versions (hreflang and the language
    # switcher).
    assert len(queries_on(captured, "wagtailcore_page")) <= 3


def test_card_images_come_with_the_listing_and_their_renditions_in_one_more(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory.create_batch(3, parent=news_index)
    response, captured = second_visit(
        client, news_index.url
    )  # the first visitor makes the renditions
    assert response.content.decode().count("<img") >= 3
    assert not queries_on(captured, "wagtailimages_image")
    assert len(queries_on(captured, "wagtailimages_rendition")) == 1


def test_home_page_lists_national_and_regional_forums_from_one_query(client, home_page):
    from tests.factories import ForumFactory

    ForumFactory(name="全国の会議", slug="national-one")
    ForumFactory(name="近畿本部フォーラム", slug="kinki", regional=True)
    response, captured = second_visit(client, "/")
    html = response.content.decode()
    assert len(queries_on(captured, "website_forum")) == 1
    regional_heading = html.index("<h3>地方フォーラム</h3>")
    assert html.index("全国の会議") < regional_heading < html.index("近畿本部フォーラム")


def test_site_settings_read_only_the_urls_of_the_linked_pages(client, home_page):
    privacy = StandardPageFactory(parent=home_page, title="プライバシーポリシー")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.privacy_policy_page = privacy
    settings.save()
    response, captured = second_visit(client, "/")
    html = response.content.decode()
    assert f'href="{privacy.url}"' in html
    (settings_query,) = queries_on(captured, "website_sitesettings")
    assert '"url_path"' in settings_query
    assert '"draft_title"' not in settings_query


def test_breadcrumbs_read_only_what_their_links_show(client, home_page):
    section = StandardPageFactory(parent=home_page, title="国民会議について")
    chapter = StandardPageFactory(parent=section, title="組織")
    page = StandardPageFactory(parent=chapter, title="事務局")
    response, captured = second_visit(client, page.url)
    html = response.content.decode()
    assert f'<li><a href="{section.url}">国民会議について</a></li>' in html
    assert f'<li><a href="{chapter.url}">組織</a></li>' in html
    (ancestors_query,) = [
        sql for sql in queries_on(captured, "wagtailcore_page") if '"depth" > 1' in sql
    ]
    assert '"draft_title"' not in ancestors_query


def test_lists_read_only_the_columns_their_cards_show(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory.create_batch(3, parent=news_index)
    response, captured = second_visit(client, news_index.url)
    html = response.content.decode()
    assert html.count('class="card news-card"') == 3
    (listing,) = [sql for sql in queries_on(captured, "news_newspage") if "LIMIT" in sql]
    assert '"url_path"' in listing
    assert '"draft_title"' not in listing
    assert '"body"' not in listing
    # Of the forum and the category only the names a card shows.
    assert '"website_forum"."name"' in listing
    assert '"website_forum"."short_description"' not in listing
    assert '"news_newscategory"."slug"' not in listing


def test_a_page_below_the_home_page_is_routed_without_the_home_pages_fields(client, home_page):
    page = StandardPageFactory(parent=home_page, title="アクセス")
    response, captured = second_visit(client, page.url)
    assert response.status_code == 200
    assert "アクセス" in response.content.decode()
    assert queries_on(captured, "website_homepage") == []


def test_editor_text_is_looked_up_in_the_catalogue_on_english_pages_only():
    # "Actions" is in the Japanese catalogue (Wagtail's admin): an editor's text is not.
    with translation.override("ja"):
        assert translated("Actions") == "Actions"
        assert translated("開催予定") == "開催予定"
    with translation.override("en"):
        assert translated("開催予定") == "Upcoming"


def test_home_url_is_the_root_of_the_language_being_read():
    with translation.override("ja"):
        assert home_url() == "/"
    with translation.override("en"):
        assert home_url() == "/en/"


def test_a_section_of_the_home_page_has_its_breadcrumbs_without_a_query(client, home_page):
    page = StandardPageFactory(parent=home_page, title="アクセス")
    response, captured = second_visit(client, page.url)
    html = response.content.decode()
    assert f'<li><a href="{home_page.url}">トップ</a></li>' in html
    assert '<li aria-current="page">アクセス</li>' in html
    assert not [sql for sql in queries_on(captured, "wagtailcore_page") if '"depth" > 1' in sql]


def test_a_page_of_a_section_has_its_breadcrumbs_from_the_menus_pages(client, home_page):
    section = StandardPageFactory(parent=home_page, title="国民会議について")
    page = StandardPageFactory(parent=section, title="組織")
    response, captured = second_visit(client, page.url)
    html = response.content.decode()
    assert f'<li><a href="{home_page.url}">トップ</a></li>' in html
    assert f'<li><a href="{section.url}">国民会議について</a></li>' in html
    assert '<li aria-current="page">組織</li>' in html
    assert not [sql for sql in queries_on(captured, "wagtailcore_page") if '"depth" > 1' in sql]

    # A private section is not among the menu's pages: read as before, and still shown.
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type="password", password="x"
    )
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "x", "return_url": page.url},
    )
    response, captured = second_visit(client, page.url)
    html = response.content.decode()
    assert f'<li><a href="{section.url}">国民会議について</a></li>' in html
    assert [sql for sql in queries_on(captured, "wagtailcore_page") if '"depth" > 1' in sql]


def test_listings_in_a_request_filter_on_the_locale_the_home_page_is_in(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page, show_in_menus=True)
    NewsPageFactory.create_batch(3, parent=news_index)
    response, captured = second_visit(client, news_index.url)
    assert response.status_code == 200
    listing = queries_on(captured, "news_newspage")
    assert listing
    # On the pages' own column, which PostgreSQL plans from the path index; joined through
    # the locales, it walked the locale index over every page of the site.
    for sql in listing:
        assert "wagtailcore_locale" not in sql
    assert all(f'"locale_id" = {home_page.locale_id}' in sql for sql in listing)


def test_a_forums_sections_filter_on_the_locale_the_home_page_is_in(client, home_page):
    # The forum page is a Django view, not a Wagtail page: its sections find the home page
    # before they list, whichever section comes first.
    news_index = NewsIndexPageFactory(parent=home_page, show_in_menus=True)
    forum = ForumFactory(name="近畿本部フォーラム", slug="kinki")
    NewsPageFactory.create_batch(2, parent=news_index, forum=forum)
    response, captured = second_visit(client, forum.get_absolute_url())
    assert response.status_code == 200
    listing = queries_on(captured, "news_newspage")
    assert listing
    for sql in listing:
        assert "wagtailcore_locale" not in sql


def test_outside_a_request_listings_find_the_locale_by_its_language(home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    news = NewsPageFactory(parent=news_index)
    with translation.override("ja"):
        from news.models import NewsPage

        visible = NewsPage.objects.visible()
        assert "wagtailcore_locale" in str(visible.query)
        assert list(visible) == [news]


def test_the_children_of_a_page_are_indexed_by_depth_then_path():
    # The menu lists the home page's children: with the path index alone, a prefix that
    # every page of the site shares (website/migrations/0008).
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    assert any(
        constraint["index"] and constraint["columns"][:2] == ["depth", "path"]
        for constraint in constraints.values()
    )


def test_routing_reads_only_the_page_served_whole(client, home_page):
    section = StandardPageFactory(parent=home_page, title="国民会議について")
    subsection = StandardPageFactory(parent=section, title="組織")
    page = StandardPageFactory(parent=subsection, title="事務局")
    response, captured = second_visit(client, page.url)
    assert response.status_code == 200
    assert "事務局" in response.content.decode()
    # One look-up by slug per level; of the pages passed through, no row of their own type.
    slug_lookups = [q for q in queries_on(captured, "wagtailcore_page") if '"slug" =' in q]
    assert len(slug_lookups) == 3
    assert len(queries_on(captured, "website_standardpage")) == 1
    # The pages passed through still route: a missing child is a 404, as with Wagtail.
    assert client.get(subsection.url + "nai/").status_code == 404


def test_pages_with_routes_of_their_own_still_serve_them(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    news = NewsPageFactory(parent=news_index, title="点検のお知らせ")
    assert client.get(news_index.url + "feed/rss/").status_code == 200
    response = client.get(news.url)
    assert response.status_code == 200
    assert "点検のお知らせ" in response.content.decode()


def test_a_routed_page_knows_its_parent_without_a_query(rf, home_page, django_assert_num_queries):
    """BasePage.route() hands each child its parent as Wagtail does, through treebeard's
    private `_cached_parent_obj`: if treebeard renames it, this fails."""
    section = StandardPageFactory(parent=home_page, title="国民会議について")
    page = StandardPageFactory(parent=section, title="組織")
    route = home_page.specific.route(rf.get(page.url), [section.slug, page.slug])
    with django_assert_num_queries(0):
        parent = route.page.get_parent()
    assert parent.pk == section.pk


def test_wagtails_serve_takes_the_route_that_serve_page_found(rf):
    """website.views.serve_page routes from the home page of the language being read and hands
    the route to Wagtail's serve through `request._wagtail_route_for_request`, the attribute
    Page.route_for_request() keeps its answer in: if Wagtail renames it, this fails."""
    request = rf.get("/somewhere/")
    found = (object(), [], {})
    request._wagtail_route_for_request = found
    assert Page.route_for_request(request, "/somewhere/") is found


def test_a_served_page_brings_the_foreign_keys_its_template_shows(client, home_page):
    """`served_with`: the news item's forum, category and image come with it (joined), not a
    query each after it."""
    news_index = NewsIndexPageFactory(parent=home_page)
    news = NewsPageFactory(parent=news_index, title="点検のお知らせ")
    response, captured = second_visit(client, news.url)
    html = response.content.decode()
    assert news.forum.name in html and news.category.name in html
    assert 'property="og:image"' in html
    for table in ("website_forum", "news_newscategory", "wagtailimages_image"):
        assert not queries_on(captured, table), table


def test_the_home_page_is_served_with_its_hero_image(client, home_page):
    home_page.hero_image = ImageFactory()
    home_page.save_revision().publish()
    response, captured = second_visit(client, "/")
    assert 'class="hero__image"' in response.content.decode()
    assert not queries_on(captured, "wagtailimages_image")
