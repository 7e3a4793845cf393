"""One page per create form, however Wagtail's autosave and the editor's save interleave.

The autosave POSTs the create form to the create view (with ``Accept: application/json``)
and points the form at the new page's edit view only when its answer is back; a save
clicked meanwhile reaches the create view too (website/admin_forms.py).
"""

import re
import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from news.models import NewsPage
from tests.news.factories import NewsCategoryFactory

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


def create_url(news_index):
    return f"/admin/pages/add/news/newspage/{news_index.pk}/"


def key_of_form(client, news_index):
    html = client.get(create_url(news_index)).content.decode()
    return re.search(r'<input type="hidden" name="create_key" value="([0-9a-f-]+)"', html)[1]


def news_form(forum, key, **extra):
    return nested_form_data(
        {
            "title": "九州の橋の点検報告",
            "slug": "",  # a Japanese title: the slug is made on the server
            "date": "2026-12-02",
            "forum": forum.pk,
            "category": NewsCategoryFactory().pk,
            "summary": "九州で橋の点検を行いました。",
            "body": streamfield([]),
            "create_key": key,
            **extra,
        }
    )


def draft_summary(page):
    return NewsPage.objects.get(pk=page.pk).get_latest_revision_as_object().summary


@pytest.mark.django_db
def test_a_save_sent_while_the_autosave_made_the_page_is_saved_to_that_page(
    client, kyushu_editor, reviewer, news_index, kyushu
):
    client.force_login(kyushu_editor)
    key = key_of_form(client, news_index)
    url = create_url(news_index)

    autosave = client.post(url, news_form(kyushu, key), **AUTOSAVE)
    assert autosave.json()["success"]
    page = NewsPage.objects.get()
    assert page.translation_key == uuid.UUID(key)

    # The click left with the create form's address, before the autosave's answer came.
    saved = client.post(url, news_form(kyushu, key, summary="点検の結果を書き足しました。"))
    assert saved.status_code == 307  # the same POST, to the page's edit view
    assert saved.url == f"/admin/pages/{page.pk}/edit/"
    followed = client.post(
        url, news_form(kyushu, key, summary="点検の結果を書き足しました。"), follow=True
    )
    assert followed.redirect_chain[-1] == (f"/admin/pages/{page.pk}/edit/", 302)
    assert "入力に誤りがあるため" not in followed.content.decode()
    assert NewsPage.objects.count() == 1
    assert draft_summary(page) == "点検の結果を書き足しました。"
    assert 'name="create_key"' not in followed.content.decode()  # the edit form has none

    # The key is this editor's, under this parent: another user's form with it (forged or
    # copied) makes a page of its own, which keeps the key Wagtail gives it.
    other = Client()
    other.force_login(reviewer)
    other.post(url, news_form(kyushu, key, title="広報部会のお知らせ"))
    assert NewsPage.objects.count() == 2
    second = NewsPage.objects.exclude(pk=page.pk).get()
    assert second.translation_key != page.translation_key


@pytest.mark.django_db
def test_an_autosave_sent_after_the_editors_save_does_not_replace_it(
    client, kyushu_editor, news_index, kyushu
):
    client.force_login(kyushu_editor)
    key = key_of_form(client, news_index)
    url = create_url(news_index)

    saved = client.post(url, news_form(kyushu, key, summary="最新の概要です。"))
    page = NewsPage.objects.get()
    assert saved.url == f"/admin/pages/{page.pk}/edit/"

    # Its data was taken before the editor's last keystrokes.
    late = client.post(url, news_form(kyushu, key, summary="古い概要"), **AUTOSAVE)
    assert late.status_code == 400 and not late.json()["success"]
    assert NewsPage.objects.count() == 1
    assert draft_summary(page) == "最新の概要です。"
    assert page.revisions.count() == 1


def post_together(url, requests):
    """POST each (client, headers, data) at the same moment, each from its own thread."""
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def send(number, client, headers, data):
        try:
            barrier.wait(timeout=30)
            response = client.post(url, data, follow=True, **headers)
            results[number] = (response.status_code, response.redirect_chain)
        except Exception as error:  # noqa: BLE001 - reported by the assertions
            results[number] = ("error", repr(error))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=(number, *request))
        for number, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_autosave_and_the_editors_save_at_the_same_moment_make_one_page(
    kyushu_editor, news_index, kyushu
):
    """Each request has its own database connection, as under a real server."""
    url = create_url(news_index)
    for round_ in range(3):
        editor, autosaver = Client(), Client()  # one browser: the same user, the same form
        editor.force_login(kyushu_editor)
        autosaver.force_login(kyushu_editor)
        key = key_of_form(editor, news_index)
        title = f"九州の橋の点検報告 {round_}"
        autosave, save = post_together(
            url,
            [
                (autosaver, AUTOSAVE, news_form(kyushu, key, title=title)),
                (editor, {}, news_form(kyushu, key, title=title, summary="保存ボタンの概要です。")),
            ],
        )

        pages = NewsPage.objects.filter(title=title)
        assert pages.count() == 1, (autosave, save)
        page = pages.get()
        # The editor's save ends on the page's edit view, having made the page or saved to it.
        assert save[0] == 200 and save[1][-1] == (f"/admin/pages/{page.pk}/edit/", 302), save
        # The autosave made the page, or was refused as late: never a server error.
        assert autosave[0] in (200, 400), autosave
        assert draft_summary(page) == "保存ボタンの概要です。", (autosave, save)
        assert Page.objects.filter(translation_key=key).count() == 1
