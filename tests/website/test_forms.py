import pytest
from django import forms
from django.core import mail
from django.db import transaction
from django.forms.renderers import DjangoTemplates
from django.test import RequestFactory

from website import mail as site_mail
from website import ratelimit
from website.forms import HONEYPOT_FIELD, FormRenderer, PublicForm


class ContactForm(PublicForm):
    name = forms.CharField(label="氏名")
    phone = forms.CharField(label="電話番号")
    email = forms.EmailField(label="メールアドレス")


def test_full_width_input_is_normalised_before_validation():
    form = ContactForm(
        data={"name": "　山田　太郎　", "phone": "０３－１２３４", "email": "ＴＡＲＯ＠example.jp"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "山田 太郎"
    assert form.cleaned_data["phone"] == "03-1234"
    assert form.cleaned_data["email"] == "TARO@example.jp"


def test_control_characters_are_dropped():
    form = ContactForm(data={"name": "山田\x00\x1b太郎", "phone": "03", "email": "a@example.jp"})
    assert form.is_valid()
    assert form.cleaned_data["name"] == "山田太郎"


def test_honeypot_marks_bots_and_is_not_a_visible_field():
    form = ContactForm(
        data={"name": "bot", "phone": "1", "email": "a@example.jp", HONEYPOT_FIELD: "http://spam"}
    )
    assert form.is_valid()
    assert form.is_bot
    assert HONEYPOT_FIELD not in [field.name for field in form.visible_fields()]
    human = ContactForm(data={"name": "人", "phone": "1", "email": "a@example.jp"})
    assert human.is_valid() and not human.is_bot


def test_errors_are_japanese_and_linked_to_the_field():
    form = ContactForm(data={"name": "", "phone": "1", "email": "not-an-email"})
    assert not form.is_valid()
    assert form.errors["name"] == ["この項目は必須です"]
    assert form.errors["email"] == ["有効なメールアドレスを入力してください。"]
    assert 'aria-describedby="id_email_error"' in str(form["email"])


def test_rate_limit_counts_per_ip():
    factory = RequestFactory()
    first = factory.post("/", REMOTE_ADDR="192.0.2.1")
    other = factory.post("/", REMOTE_ADDR="192.0.2.2")
    assert [ratelimit.hit(first, "test", limit=3, period=60) for _ in range(4)] == [
        False,
        False,
        False,
        True,
    ]
    assert ratelimit.hit(other, "test", limit=3, period=60) is False


@pytest.mark.django_db(transaction=True)
def test_mail_is_sent_only_after_commit():
    try:
        with transaction.atomic():
            site_mail.send_on_commit(
                reference="R-1",
                subject="件名",
                template_name="website/includes/honeypot.html",
                context={},
                to=["a@example.jp"],
            )
            raise RuntimeError("the save failed")
    except RuntimeError:
        pass
    assert mail.outbox == []

    with transaction.atomic():
        site_mail.send_on_commit(
            reference="R-2",
            subject="件名",
            template_name="website/includes/honeypot.html",
            context={},
            to=["a@example.jp"],
        )
        assert mail.outbox == []
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_failing_mail_server_is_logged_without_raising(settings, caplog):
    settings.EMAIL_BACKEND = "tests.website.test_forms.BrokenBackend"
    with transaction.atomic():
        site_mail.send_on_commit(
            reference="R-3",
            subject="件名",
            template_name="website/includes/honeypot.html",
            context={},
            to=["taro@example.jp"],
        )
    assert "R-3" in caplog.text
    assert "taro@example.jp" not in caplog.text


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


SELECT_CASES = [
    (forms.Select(choices=[("", "---"), ("a", "A & <b>"), (1, "一")]), ["a", 1, None, "x"]),
    (
        forms.Select(
            choices=[("関東 <1>", [("13", "東京都"), ("14", "神奈川県")]), ("27", "大阪府")],
            attrs={
                "class": "c",
                "required": True,
                "disabled": False,
                "data-x": None,
                "title": 'q"',
            },
        ),
        ["14", "27", None],
    ),
    (forms.SelectMultiple(choices=[("a", "A"), ("b", "B")]), [["a", "b"], ["b"], None]),
    (forms.NullBooleanSelect(), [True, None]),
]


@pytest.mark.parametrize("widget, values", SELECT_CASES)
def test_select_boxes_are_written_as_djangos_templates_write_them(widget, values):
    for value in values:
        ours = widget.render("field", value, attrs={"id": "id_field"}, renderer=FormRenderer())
        djangos = widget.render(
            "field", value, attrs={"id": "id_field"}, renderer=DjangoTemplates()
        )
        assert ours == djangos


def test_a_select_with_its_own_option_template_is_left_to_the_templates():
    class IconSelect(forms.Select):
        option_template_name = "django/forms/widgets/input.html"

    widget = IconSelect(choices=[("a", "A")])
    ours = widget.render("field", "a", renderer=FormRenderer())
    assert ours == widget.render("field", "a", renderer=DjangoTemplates())
    assert "<input" in ours
