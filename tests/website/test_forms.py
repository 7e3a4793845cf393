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


class NoteForm(PublicForm):
    name = forms.CharField(label="団体名")
    note = forms.CharField(label="紹介文", widget=forms.Textarea)


def test_prose_keeps_the_writers_characters_while_one_line_fields_are_normalised():
    # A description may be published: 「（株）」 and 「！」 stay as written, half-width kana
    # does not (as on every form).
    form = NoteForm(
        data={
            "name": "（株）ミライ保全　",
            "note": "　橋の点検ロボット（開発中）です！\r\n\x00ｾﾝｻｰも。　",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "（株）ミライ保全"
    assert form.cleaned_data["note"] == "橋の点検ロボット（開発中）です！\nセンサーも。"


class SeedForm(PublicForm):
    technology = forms.CharField(label="技術名")
    netis_number = forms.CharField(label="NETIS登録番号")
    website = forms.URLField(label="参考URL", assume_scheme="https")
    pupils = forms.CharField(label="人数", widget=forms.TextInput({"inputmode": "numeric"}))


@pytest.mark.parametrize(
    ("field", "typed", "kept"),
    [
        # A title keeps Japanese punctuation (it was 「ＡＩ点検(実証中)」 under NFKC)…
        ("technology", "ＡＩ点検（実証中）！", "AI点検（実証中）！"),
        ("technology", "ﾄﾞﾛｰﾝ　点検「橋梁」", "ドローン 点検「橋梁」"),
        ("technology", "時速１．５ｋｍ／ｈ、１０：００～１２：００", "時速1.5km/h、10:00～12:00"),
        # …a code's or a number's signs between its letters and digits are made half-width…
        ("netis_number", "ＫＴ－１９０００１－Ａ", "KT-190001-A"),
        # …and what a machine reads is half-width whole.
        ("website", "ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ／（ａ）", "https://example.jp/(a)"),
        ("pupils", "（３２）", "(32)"),
    ],
)
def test_one_line_fields_make_letters_and_digits_half_width_and_keep_japanese_punctuation(
    field, typed, kept
):
    data = {"technology": "t", "netis_number": "n", "website": "https://a.jp", "pupils": "1"}
    form = SeedForm(data={**data, field: typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data[field] == kept


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
    assert form.errors["name"] == ["氏名を入力してください。"]
    assert form.errors["email"] == ["メールアドレスを name@example.jp の形で入力してください。"]
    assert 'aria-describedby="id_email_error"' in str(form["email"])


class EveryKindOfFieldForm(PublicForm):
    city = forms.CharField(label="市区町村", max_length=5)
    kind = forms.ChoiceField(label="区分", choices=[("a", "一般")], widget=forms.RadioSelect)
    count = forms.IntegerField(label="人数", min_value=1, max_value=3)
    day = forms.DateField(label="希望日")
    agree = forms.BooleanField(label="同意します")
    own = forms.CharField(label="自前", error_messages={"required": "自前の文を書いてください。"})


def test_every_message_is_the_sites_own_ending_with_a_full_stop():
    """No Django default ("この項目は必須です"): each names the field, says what to do, ends 「。」."""
    empty = EveryKindOfFieldForm(data={})
    assert not empty.is_valid()
    assert empty.errors["city"] == ["市区町村を入力してください。"]
    assert empty.errors["kind"] == ["区分を選んでください。"]
    assert empty.errors["count"] == ["人数を入力してください。"]
    assert empty.errors["agree"] == ["「同意します」にチェックを入れてください。"]
    assert empty.errors["own"] == ["自前の文を書いてください。"]  # a field's own message stays
    wrong = EveryKindOfFieldForm(
        data={"city": "千代田区霞が関", "kind": "x", "count": "9", "day": "あした", "own": "."}
    )
    assert not wrong.is_valid()
    assert wrong.errors["city"] == ["市区町村は5文字以内で入力してください（いま7文字です）。"]
    assert wrong.errors["kind"] == ["区分は、一覧にあるものから選んでください。"]
    assert wrong.errors["count"] == ["人数には3以下の数を入力してください。"]
    assert wrong.errors["day"] == ["希望日を 2026-05-12 の形で入力してください。"]
    for form in (empty, wrong):
        for messages in form.errors.values():
            assert all(message.endswith("。") for message in messages), messages


def test_the_public_forms_use_no_django_default_message():
    from events.forms import RegistrationForm
    from outreach.forms import BookingForm, BookingNotesForm
    from website.forms import django_default_messages

    for form_class in (RegistrationForm, BookingForm, BookingNotesForm):
        assert issubclass(form_class, PublicForm)
    form = EveryKindOfFieldForm(data={})  # messages matter once something was sent
    for name, field in form.fields.items():
        if name == HONEYPOT_FIELD:
            continue
        defaults = django_default_messages(field)
        assert not defaults & {str(message) for message in field.error_messages.values()}


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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as every transactional test
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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as every transactional test
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


INPUT_CASES = [
    (forms.TextInput(attrs={"class": "c", "required": True, "hidden": False}), ["v<&", None, 5]),
    (forms.EmailInput(attrs={"autocomplete": "email", "title": 'q"'}), ["a@example.jp", None]),
    (forms.HiddenInput(), ["x"]),
    (forms.NumberInput(), [3, None]),
    (forms.DateInput(), ["2026-12-03"]),
    (forms.CheckboxInput(), [True, False, None]),
    (
        forms.CheckboxSelectMultiple(choices=[("a", "A & <b>"), ("b", "橋")], attrs={"class": "c"}),
        [["a"], [], None],
    ),
    (forms.RadioSelect(choices=[("関東 <1>", [("13", "東京都")]), ("27", "大阪府")]), ["13", None]),
]


@pytest.mark.parametrize("widget, values", INPUT_CASES)
def test_inputs_check_boxes_and_radio_buttons_are_written_as_djangos_templates_write_them(
    widget, values
):
    for value in values:
        for attrs in ({"id": "id_field"}, {}):
            ours = widget.render("field", value, attrs=attrs, renderer=FormRenderer())
            djangos = widget.render("field", value, attrs=attrs, renderer=DjangoTemplates())
            assert ours == djangos


def test_inputs_and_check_boxes_are_rendered_without_a_template(monkeypatch):
    monkeypatch.setattr(FormRenderer, "get_template", lambda self, name: pytest.fail(name))
    renderer = FormRenderer()
    assert "<input" in forms.EmailInput().render("email", "a@example.jp", renderer=renderer)
    boxes = forms.CheckboxSelectMultiple(choices=[("a", "A")])
    assert 'type="checkbox"' in boxes.render("topics", ["a"], renderer=renderer)


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [
        ("https://www.kinki-hozen.example.jp/", True),
        ("kinki-hozen.co.jp", True),  # https:// assumed
        ("https://例え.テスト/", True),  # an internationalised domain
        ("www.kinki-hozen", False),  # Django takes 「kinki-hozen」 as a top-level domain
        ("http://192.168.0.1/", False),
    ],
)
def test_a_web_address_needs_a_real_domain(typed, accepted):
    form = SeedForm(data={"technology": "t", "netis_number": "n", "website": typed, "pupils": "1"})
    assert form.is_valid() == accepted, form.errors
    if not accepted:
        assert form.errors["website"] == [
            "参考URLは、https://example.jp のように、ドメイン（.jp や .com など）まで入力してください。"
        ]


def test_a_web_address_without_any_domain_gets_one_message():
    data = {"technology": "t", "netis_number": "n", "website": "https://intranet/", "pupils": "1"}
    form = SeedForm(data=data)
    assert form.errors["website"] == ["参考URLを https:// から始まる形で入力してください。"]


@pytest.mark.django_db
def test_prefectures_are_check_boxes_grouped_by_regional_block(admin_client):
    from website.models import Prefecture
    from website.widgets import PrefectureCheckboxes

    field = forms.ModelMultipleChoiceField(Prefecture.objects.all(), widget=PrefectureCheckboxes)
    html = field.widget.render("prefectures", ["13", "27"], {"id": "id_prefectures"})
    # Each block a fieldset named by its legend, for screen readers.
    blocks = [block.split("</legend>")[0] for block in html.split("<fieldset><legend>")[1:]]
    assert blocks == [
        "北海道",
        "東北",
        "関東",
        "北陸",
        "中部",
        "近畿",
        "中国",
        "四国",
        "九州",
        "沖縄",
    ]
    kanto = html.split("<legend>関東</legend>")[1].split("</fieldset>")[0]
    assert 'type="checkbox" name="prefectures" value="13"' in kanto and "東京都" in kanto
    assert html.count("checked") == 2
    # Where editors pick prefectures: a mailing's 送る相手（地域）.
    page = admin_client.get("/admin/snippets/mailings/issue/add/").content.decode()
    assert 'class="prefecture-checkboxes"' in page
    assert 'type="checkbox" name="audience_prefectures" value="47"' in page
    assert "css/admin.css" in page
