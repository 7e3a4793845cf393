"""Page passwords take a few guesses per client, like the admin login, then none for a while."""

import time

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import StandardPageFactory

PASSWORD = "kaigi-2022"
REFUSED = "パスワードの誤りが続いたため、安全のため受け付けを一時的に停止しています。"


@pytest.fixture
def private_page(home_page):
    page = StandardPageFactory(
        parent=home_page, title="会員限定の資料室", slug="members", search_description="会員向け"
    )
    page.restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password=PASSWORD
    )
    return page


def guess(client, page, password):
    return client.post(
        f"/_util/authenticate_with_password/{page.restriction.pk}/{page.pk}/",
        {"password": password, "return_url": page.url},
    )


def passed(client, page):
    return "を見るには、パスワードを入力" not in client.get(page.url).content.decode()


@pytest.mark.django_db
def test_after_five_wrong_guesses_even_the_right_password_is_refused(private_page, settings):
    settings.PAGE_PASSWORD_RATE_LIMIT = (5, 30 * 60)
    client = Client(REMOTE_ADDR="192.0.2.10")

    for _ in range(5):
        response = guess(client, private_page, "wrong")
        assert response.status_code == 200
        assert REFUSED not in response.content.decode()
    response = guess(client, private_page, PASSWORD)

    html = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "1800"
    assert REFUSED in html and "30分ほど時間をおいてから" in html
    # The message sits next to the password field.
    assert '<ul class="errorlist" id="id_password_error"><li>パスワードの誤りが' in html
    assert not passed(client, private_page)
    # Another client is not held back by this one's guesses.
    other = Client(REMOTE_ADDR="192.0.2.20")
    assert guess(other, private_page, PASSWORD).status_code == 302
    assert passed(other, private_page)


@pytest.mark.django_db
def test_guesses_are_taken_again_once_the_period_has_passed(private_page, settings):
    settings.PAGE_PASSWORD_RATE_LIMIT = (2, 1)
    client = Client(REMOTE_ADDR="192.0.2.10")
    guess(client, private_page, "wrong")
    guess(client, private_page, "wrong")
    assert guess(client, private_page, PASSWORD).status_code == 429

    time.sleep(1.2)

    assert guess(client, private_page, PASSWORD).status_code == 302
    assert passed(client, private_page)


@pytest.mark.django_db
def test_the_right_password_starts_the_count_again(private_page, settings):
    settings.PAGE_PASSWORD_RATE_LIMIT = (3, 30 * 60)
    client = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(2):
        guess(client, private_page, "wrong")
    assert guess(client, private_page, PASSWORD).status_code == 302
    for _ in range(2):
        guess(client, private_page, "wrong")
    assert guess(client, private_page, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_default_allowance_is_the_admin_logins(settings):
    assert settings.PAGE_PASSWORD_RATE_LIMIT == (
        settings.AXES_FAILURE_LIMIT,
        int(settings.AXES_COOLOFF_TIME * 60 * 60),
    )


@pytest.mark.django_db
def test_the_password_form_is_japanese_and_shows_nothing_of_the_page(client, private_page):
    html = client.get(private_page.url).content.decode()

    assert "パスワードが必要です" in html and "を見るには、パスワードを入力" in html
    assert "会員限定の資料室" not in html and "会員向け" not in html

    wrong = guess(client, private_page, "wrong").content.decode()
    assert 'id="id_password_error"' in wrong and "会員限定の資料室" not in wrong


@pytest.mark.django_db
def test_document_passwords_are_throttled_the_same_way(settings):
    settings.PAGE_PASSWORD_RATE_LIMIT = (5, 30 * 60)
    collection = Collection.get_first_root_node().add_child(name="会員資料")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password=PASSWORD
    )
    document = Document.objects.create(title="会員名簿", collection=collection)
    document.file.save("members.pdf", ContentFile(b"%PDF-1.4 members"), save=True)
    url = f"/documents/authenticate_with_password/{restriction.pk}/"
    client = Client(REMOTE_ADDR="192.0.2.10")
    assert "この資料を見るには" in client.get(document.url).content.decode()

    for _ in range(5):
        assert (
            client.post(url, {"password": "wrong", "return_url": document.url}).status_code == 200
        )
    response = client.post(url, {"password": PASSWORD, "return_url": document.url})

    assert response.status_code == 429
    assert REFUSED in response.content.decode()
    assert client.get(document.url).status_code == 200
    assert b"%PDF" not in b"".join(client.get(document.url))
    other = Client(REMOTE_ADDR="192.0.2.20")
    assert other.post(url, {"password": PASSWORD, "return_url": document.url}).status_code == 302
    assert b"%PDF" in b"".join(other.get(document.url))
