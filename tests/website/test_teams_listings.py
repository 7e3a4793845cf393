"""Forums as teams in the admin's lists: a forum's editors find their forum's pages
in the explorer, the ニュース and イベント listings and the page search, are not offered other
forums' pages there (they cannot act on them), and a list costs the same number of queries
for 5 pages as for 30. The page chooser offers them other forums' published pages, never their
drafts."""

import datetime
import json
from urllib.parse import quote

import pytest

from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.news.factories import NewsPageFactory


def add_news(news_index, forum, count, prefix):
    for number in range(count):
        NewsPageFactory(
            parent=news_index,
            forum=forum,
            image=None,
            title=f"{prefix}のお知らせ{number}",
            live=number % 2 == 0,  # drafts and published pages both
        )


def add_events(index, forum, count, prefix):
    start = datetime.datetime(2026, 12, 1, 1, tzinfo=datetime.UTC)
    for number in range(count):
        EventPageFactory(
            parent=index,
            forum=forum,
            title=f"{prefix}の点検ワークショップ{number}",
            start=start + datetime.timedelta(days=number),
            live=number % 2 == 0,
        )


@pytest.fixture
def event_index(home_page, kyushu, kinki):
    return EventIndexPageFactory(parent=home_page)


def listing_urls(news_index, event_index):
    return {
        "explorer": f"/admin/pages/{news_index.pk}/",
        "explorer, events": f"/admin/pages/{event_index.pk}/",
        "news listing": "/admin/news_pages/",
        "event listing": "/admin/event_pages/",
        "page search": "/admin/pages/search/?q=%E3%81%8A%E7%9F%A5%E3%82%89%E3%81%9B",  # お知らせ
    }


@pytest.mark.django_db
def test_forum_editor_lists_only_their_forums_pages_with_their_actions(
    client, kyushu_editor, news_index, event_index, kyushu, kinki
):
    add_news(news_index, kyushu, 2, "九州")
    add_news(news_index, kinki, 2, "近畿")
    add_events(event_index, kyushu, 2, "九州")
    add_events(event_index, kinki, 2, "近畿")
    client.force_login(kyushu_editor)
    for name, url in listing_urls(news_index, event_index).items():
        response = client.get(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "九州の" in html, name
        assert "近畿の" not in html, name  # not offered: they could not open it anyway
    own = news_index.get_children().specific().get(title="九州のお知らせ0")
    html = client.get(f"/admin/pages/{news_index.pk}/").content.decode()
    assert f'href="/admin/pages/{own.pk}/edit/"' in html


@pytest.mark.django_db
def test_the_forum_filter_of_a_forum_editor_offers_their_forums(
    client, kyushu_editor, news_index, kyushu, kinki
):
    client.force_login(kyushu_editor)
    html = client.get("/admin/news_pages/").content.decode()
    assert kyushu.name in html and kinki.name not in html


@pytest.mark.django_db
def test_reviewer_and_superuser_still_list_every_forums_pages(
    client, reviewer, admin_user, news_index, kyushu, kinki
):
    add_news(news_index, kyushu, 1, "九州")
    add_news(news_index, kinki, 1, "近畿")
    for user in (reviewer, admin_user):
        client.force_login(user)
        for url in (f"/admin/pages/{news_index.pk}/", "/admin/news_pages/"):
            html = client.get(url).content.decode()
            assert "九州のお知らせ0" in html and "近畿のお知らせ0" in html, (user, url)


@pytest.mark.django_db
def test_forum_editors_lists_cost_no_query_per_page(
    client, kyushu_editor, news_index, event_index, kyushu, kinki, django_assert_max_num_queries
):
    urls = listing_urls(news_index, event_index)
    add_news(news_index, kyushu, 5, "九州")
    add_news(news_index, kinki, 5, "近畿")
    add_events(event_index, kyushu, 5, "九州")
    add_events(event_index, kinki, 5, "近畿")
    client.force_login(kyushu_editor)
    budgets = {}
    for name, url in urls.items():
        client.get(url)  # warm Django's and Wagtail's per-process caches
        with django_assert_max_num_queries(60) as small:
            assert client.get(url).status_code == 200
        budgets[name] = len(small.captured_queries)

    add_news(news_index, kyushu, 25, "九州（追加）")
    add_news(news_index, kinki, 5, "近畿（追加）")
    add_events(event_index, kyushu, 25, "九州（追加）")
    add_events(event_index, kinki, 5, "近畿（追加）")
    for name, url in urls.items():
        html = client.get(url).content.decode()
        assert "九州（追加）" in html, name
        with django_assert_max_num_queries(budgets[name]):
            client.get(url)


@pytest.mark.django_db
def test_forum_editor_deletes_their_own_draft_but_not_their_live_page(
    client, kyushu_editor, news_index, kyushu
):
    """Wagtail's rule for editors without publish permission, answered without a query per row:
    a draft may go, a published page stays (広報部会 unpublishes it first)."""
    add_news(news_index, kyushu, 2, "九州")
    live, draft = (
        news_index.get_children().specific().get(title=f"九州のお知らせ{n}") for n in (0, 1)
    )
    client.force_login(kyushu_editor)
    html = client.get(f"/admin/pages/{news_index.pk}/").content.decode()
    assert f"/admin/pages/{draft.pk}/delete/" in html
    assert f"/admin/pages/{live.pk}/delete/" not in html
    assert client.get(f"/admin/pages/{draft.pk}/delete/").status_code == 200
    response = client.get(f"/admin/pages/{live.pk}/delete/")
    assert response.status_code == 403 or (
        response.status_code == 302 and response.url == "/admin/"
    )
    client.post(f"/admin/pages/{draft.pk}/delete/")
    assert not news_index.get_children().filter(pk=draft.pk).exists()


# --- another forum's drafts: neither opened nor chosen ----------------------------------------


@pytest.fixture
def kinki_pages(news_index, kinki):
    """A 近畿 draft, and a published 近畿 page whose draft is being retitled."""
    draft = NewsPageFactory(
        parent=news_index, forum=kinki, title="近畿の未公開の点検計画", live=False
    )
    published = NewsPageFactory(parent=news_index, forum=kinki, title="近畿の点検報告")
    published.title = "近畿の改題中の点検報告"
    published.save_revision()
    return {"draft": draft, "published": published}


def chooser_search(client, words):
    return client.get(f"/admin/choose-page/search/?q={quote(words)}").content.decode()


def chooser_browse(client, page):
    response = client.get(f"/admin/choose-page/{page.pk}/")
    return response.status_code, response.json()["html"] if response.status_code == 200 else ""


@pytest.mark.django_db
def test_forum_editor_cannot_open_another_forums_page_in_the_explorer(
    client, kyushu_editor, kinki_pages, kyushu_news
):
    client.force_login(kyushu_editor)
    for page in kinki_pages.values():
        for url in (f"/admin/pages/{page.pk}/", f"/admin/pages/{page.pk}/results/"):
            assert client.get(url).status_code == 404, url
    assert client.get(f"/admin/pages/{kyushu_news.pk}/").status_code == 200


@pytest.mark.django_db
def test_forum_editor_chooses_other_forums_published_pages_but_never_their_drafts(
    client, kyushu_editor, news_index, kinki_pages, kyushu_news
):
    client.force_login(kyushu_editor)
    found = chooser_search(client, "点検")
    assert "近畿の点検報告" in found  # published: editors link to other forums' news
    assert "近畿の未公開の点検計画" not in found
    assert "近畿の改題中の点検報告" not in found  # the title of a draft being written
    assert "九州のお知らせ" in chooser_search(client, "お知らせ")  # their own draft

    status, html = chooser_browse(client, news_index)
    assert status == 200
    assert "近畿の点検報告" in html and "九州のお知らせ" in html
    assert "近畿の未公開の点検計画" not in html and "近畿の改題中の点検報告" not in html
    for page in kinki_pages.values():  # its title, as the page browsed into
        assert chooser_browse(client, page)[0] == 404


@pytest.mark.django_db
def test_reviewer_and_superuser_open_and_choose_every_forums_drafts(
    client, reviewer, admin_user, news_index, kinki_pages
):
    draft = kinki_pages["draft"]
    for user in (reviewer, admin_user):
        client.force_login(user)
        assert "近畿の未公開の点検計画" in client.get(f"/admin/pages/{draft.pk}/").content.decode()
        assert "近畿の未公開の点検計画" in chooser_search(client, "点検")
        assert "近畿の改題中の点検報告" in chooser_search(client, "点検")
        assert "近畿の未公開の点検計画" in chooser_browse(client, news_index)[1]


def chosen_titles(client, *pages):
    query = "&".join(f"id={page.pk}" for page in pages)
    response = client.get(f"/admin/choose-page/chosen-multiple/?{query}")
    assert response.status_code == 200
    return [page["adminTitle"] for page in response.json()["result"]]


@pytest.mark.django_db
def test_the_multiple_chooser_names_a_forum_editor_only_the_pages_it_offers(
    client, kyushu_editor, reviewer, kinki_pages, kyushu_news
):
    pages = (kinki_pages["draft"], kinki_pages["published"], kyushu_news)
    client.force_login(kyushu_editor)
    assert sorted(chosen_titles(client, *pages)) == sorted(["近畿の点検報告", kyushu_news.title])
    assert chosen_titles(client) == []
    assert client.get("/admin/choose-page/chosen-multiple/?id=x").status_code == 200

    client.force_login(reviewer)
    assert "近畿の未公開の点検計画" in chosen_titles(client, *pages)
    client.logout()
    assert client.get(f"/admin/choose-page/chosen-multiple/?id={kyushu_news.pk}").status_code == 302


@pytest.mark.django_db
def test_the_multiple_chooser_answers_as_wagtails_own_for_whom_it_hides_nothing(
    rf, admin_user, kinki_pages, kyushu_news
):
    from wagtail.admin.views.chooser import ChosenMultipleView

    from website.page_chooser import ChosenPagesView

    query = "&".join(f"id={page.pk}" for page in (*kinki_pages.values(), kyushu_news))
    answers = []
    for view in (ChosenPagesView, ChosenMultipleView):
        request = rf.get(f"/admin/choose-page/chosen-multiple/?{query}")
        request.user = admin_user
        answers.append(json.loads(view.as_view()(request).content))
    ours, wagtails = answers
    assert len(ours["result"]) == 3
    assert ours == wagtails
