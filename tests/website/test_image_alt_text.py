"""Every uploaded image gets alternative text or is marked decorative; the public
site never uses the title or file name as alt."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from tests.factories import ImageFactory
from website import images


def png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("IMG_0001.png", buffer.getvalue(), content_type="image/png")


def upload(client, **fields):
    return client.post(
        "/admin/images/add/", {"title": "IMG_0001.png", "file": png(), "tags": "", **fields}
    )


@pytest.mark.django_db
def test_an_image_without_description_is_refused_with_a_message(admin_client):
    response = upload(admin_client, description="")
    assert response.status_code == 200
    assert "説明文（代替テキスト）を入力してください" in response.content.decode()
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_an_image_with_a_description_or_marked_decorative_is_saved(admin_client):
    assert upload(admin_client, description="点検ハンマーで橋を叩く参加者").status_code == 302
    assert upload(admin_client, description="", decorative="on").status_code == 302
    assert sorted(Image.objects.values_list("description", flat=True)) == [
        "",
        "点検ハンマーで橋を叩く参加者",
    ]


@pytest.mark.django_db
def test_decorative_clears_a_typed_description(admin_client):
    upload(admin_client, description="飾り", decorative="on")
    assert Image.objects.get().description == ""


@pytest.mark.django_db
def test_public_images_take_alt_from_the_description_never_the_title():
    described = ImageFactory(title="IMG_0001.jpg", description="橋の点検の様子")
    decorative = ImageFactory(title="IMG_0002.jpg", description="")
    assert 'alt="橋の点検の様子"' in str(images.responsive_image(described, "card"))
    html = str(images.responsive_image(decorative, "card"))
    assert 'alt=""' in html and "IMG_0002" not in html.split("src")[0]


@pytest.mark.django_db
def test_japanese_alt_text_on_an_english_page_is_marked_japanese():
    from django.utils import translation

    from website.blocks import CaptionedImageBlock

    japanese = ImageFactory(description="橋の点検の様子")
    english = ImageFactory(description="Inspecting a bridge")
    decorative = ImageFactory(description="")
    block = CaptionedImageBlock()

    def figure(image):
        value = block.to_python({"image": image.pk, "caption": "A caption"})
        return block.render(value)

    with translation.override("en"):
        # A screen reader reading the English page switches to Japanese for the alt text.
        assert 'lang="ja"' in str(images.responsive_image(japanese, "card"))
        assert 'lang="ja"' in figure(japanese)
        assert "lang=" not in str(images.responsive_image(english, "card"))
        assert "lang=" not in figure(english)
        assert "lang=" not in str(images.responsive_image(decorative, "card"))
    # The Japanese pages are in Japanese already.
    assert "lang=" not in str(images.responsive_image(japanese, "card"))
    assert "lang=" not in figure(japanese)


@pytest.mark.django_db
def test_the_upload_form_says_the_description_is_needed_before_it_is_refused(admin_client):
    html = admin_client.get("/admin/images/add/").content.decode()
    assert "説明文（代替テキスト）" in html
    assert "必ず入力してください（「装飾用の画像」にチェックした場合を除く）。" in html
