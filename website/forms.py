"""What every public form shares: a honeypot against bots, messages in the site's own words
and Japanese-friendly rendering."""

import re
import unicodedata
from functools import partial
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe

HONEYPOT_FIELD = "website_url_confirm"


# Django's own messages ("この項目は必須です", "Enter a whole number.") name no field and say
# nothing of what to do. Each public form field gets these instead, unless the field sets its own.
CHOOSING_WIDGETS = (forms.Select, forms.RadioSelect, forms.CheckboxSelectMultiple)


def site_error_messages(field, label):
    """The site's message for each of Django's error codes, for one field."""
    choosing = isinstance(field.widget, CHOOSING_WIDGETS)
    if isinstance(field, forms.BooleanField):
        required = f"「{label}」にチェックを入れてください。"
    elif choosing or isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)):
        required = f"{label}を選んでください。"
    else:
        required = f"{label}を入力してください。"
    messages = {
        "required": required,
        "invalid_choice": f"{label}は、一覧にあるものから選んでください。",
        "invalid_list": f"{label}は、一覧にあるものから選んでください。",
        "max_length": f"{label}は%(limit_value)d文字以内で入力してください（いま%(show_value)d文字です）。",
        "min_length": f"{label}は%(limit_value)d文字以上で入力してください。",
        "min_value": f"{label}には%(limit_value)s以上の数を入力してください。",
        "max_value": f"{label}には%(limit_value)s以下の数を入力してください。",
        "max_digits": f"{label}は%(max)s桁以内で入力してください。",
        "invalid": f"{label}の形が正しくありません。例にならって入力してください。",
        "null_characters_not_allowed": f"{label}に使えない文字が含まれています。取り除いてください。",
    }
    if isinstance(field, forms.EmailField):
        messages["invalid"] = "メールアドレスを name@example.jp の形で入力してください。"
    elif isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        messages["invalid"] = f"{label}を数字で入力してください。"
    elif isinstance(field, forms.DateField):
        messages["invalid"] = f"{label}を 2026-05-12 の形で入力してください。"
    elif isinstance(field, forms.TimeField):
        messages["invalid"] = f"{label}を 13:30 の形で入力してください。"
    elif isinstance(field, forms.URLField):
        messages["invalid"] = f"{label}を https:// から始まる形で入力してください。"
    return messages


def validate_domain(value, field):
    """A web address with a real domain: Django's URLValidator takes 「https://www.kinki-hozen」
    (「kinki-hozen」 as a top-level domain), which makes a dead link."""
    host = urlsplit(value).hostname or ""
    if "." not in host:
        return  # no domain at all: URLValidator's own message says so
    top_level = host.rpartition(".")[2]
    if not ((top_level.isalpha() and len(top_level) >= 2) or top_level.startswith("xn--")):
        raise ValidationError(
            f"{field.label}は、https://example.jp のように、ドメイン（.jp や .com など）まで"
            "入力してください。",
            code="no_domain",
        )


def django_default_messages(field):
    """Every message Django's field classes (and their validators) define by default."""
    defaults = set()
    for cls in type(field).__mro__:
        defaults.update(
            str(message) for message in getattr(cls, "default_error_messages", {}).values()
        )
    return defaults


def use_site_error_messages(form):
    """Replace Django's default messages of every field of `form` with the site's own.

    Messages a field sets itself (error_messages=…) are kept: they say it better.
    """
    for name, field in form.fields.items():
        if name == HONEYPOT_FIELD:
            continue
        label = str(field.label or name)
        defaults = django_default_messages(field)
        for code, message in site_error_messages(field, label).items():
            current = field.error_messages.get(code)
            if current is None or str(current) in defaults:
                field.error_messages[code] = message


class SiteFormMixin:
    """What every form of the public site shares, model forms too: the css classes its
    templates style, no label suffix, every error message in the site's own words (ending in
    「。」, saying what to do), and full-width input normalised.

    People in Japan often type full-width digits and letters (０９０, ＠); every text field is
    normalised and stripped before validation (normalise_text): e-mail addresses, URLs and
    numbers wholly to half-width; names and titles have their letters and digits half-width
    but keep Japanese punctuation (（株）, 「」); prose (a Textarea: notes, descriptions that
    may be published) keeps what was written and loses only control characters and
    half-width kana.
    """

    required_css_class = "is-required"
    error_css_class = "has-error"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.URLField):
                field.validators = [*field.validators, partial(validate_domain, field=field)]
        if self.is_bound:
            # Only what was sent is ever checked: an empty form shows no message.
            use_site_error_messages(self)

    def full_clean(self):
        if self.is_bound and hasattr(self.data, "copy"):
            data = self.data.copy()
            for name, field in self.fields.items():
                key = self.add_prefix(name)
                if isinstance(field, forms.CharField) and key in data:
                    values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
                    style = text_style(field)
                    cleaned = [normalise_text(value, style) for value in values]
                    if hasattr(data, "setlist"):
                        data.setlist(key, cleaned)
                    else:
                        data[key] = cleaned[0]
            self.data = data
        super().full_clean()


class PublicForm(SiteFormMixin, forms.Form):
    """Base for the forms anyone may send: the site's form (SiteFormMixin) with a hidden
    honeypot field against bots."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label="この欄は空のままにしてください",
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    @property
    def is_bot(self):
        """True when the honeypot was filled in (only meaningful after is_valid())."""
        return (
            bool(self.cleaned_data.get(HONEYPOT_FIELD)) if hasattr(self, "cleaned_data") else False
        )

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]


HALF_WIDTH_KANA = re.compile(r"[\uff61-\uff9f]+")
FULL_WIDTH_LETTERS_DIGITS_AND_SPACE = str.maketrans(
    {
        **{chr(code): chr(code - 0xFEE0) for code in range(0xFF10, 0xFF1A)},  # ０-９
        **{chr(code): chr(code - 0xFEE0) for code in range(0xFF21, 0xFF3B)},  # Ａ-Ｚ
        **{chr(code): chr(code - 0xFEE0) for code in range(0xFF41, 0xFF5B)},  # ａ-ｚ
        "\u3000": " ",
    }
)
# ＫＴ－１９０００１－Ａ, １．５: a full-width sign inside a code or a number (not ～, a range).
FULL_WIDTH_SIGN_BETWEEN_LETTERS_OR_DIGITS = re.compile(
    r"(?<=[0-9A-Za-z])[\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5d](?=[0-9A-Za-z])"
)


def nfkc(match):
    return unicodedata.normalize("NFKC", match[0])


def normalise_text(value, style="ascii"):
    """Text as typed on a Japanese keyboard, made consistent, without control characters.

    - "ascii" (addresses, numbers, dates, codes): NFKC, full-width → half-width (０９０－,
      ＠, ＡＢＣ), half-width kana → full-width.
    - "line" (names, titles): letters, digits and spaces half-width, and a sign between them
      (ＫＴ－１９０００１ → KT-190001); Japanese punctuation kept as written (（株）, 「」, ！);
      half-width kana full-width.
    - "prose" (what is written in a Textarea): only half-width kana (ｾﾝｻｰ → センサー).
    """
    if not isinstance(value, str):
        return value
    if style == "ascii":
        value = unicodedata.normalize("NFKC", value)
    else:
        value = HALF_WIDTH_KANA.sub(nfkc, value)
    if style == "line":
        value = value.translate(FULL_WIDTH_LETTERS_DIGITS_AND_SPACE)
        value = FULL_WIDTH_SIGN_BETWEEN_LETTERS_OR_DIGITS.sub(nfkc, value)
    value = "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return value.strip()


def text_style(field):
    """How SiteFormMixin normalises a text field (normalise_text)."""
    if isinstance(field.widget, forms.Textarea):
        return "prose"
    machine_read = (forms.EmailField, forms.URLField, forms.SlugField, forms.GenericIPAddressField)
    if isinstance(field, machine_read) or field.widget.attrs.get("inputmode") in (
        "tel",
        "numeric",
        "decimal",
        "email",
        "url",
    ):
        return "ascii"
    return "line"


PHONE_MESSAGE = "電話番号は、03-1234-5678 や 090-1234-5678 のように市外局番から入力してください。"


def normalise_phone(value):
    """A Japanese phone number with its digits checked; full-width and odd dashes accepted.

    Landlines and free dial have 10 digits (03-1234-5678, 0120-123-456); mobiles, IP phones
    and 0800 numbers 11 (090-1234-5678, 020 and 050 too). "+81" is read as the leading 0.
    """
    value = normalise_text(value)
    value = re.sub(r"[‐‑‒–—―−ー－]", "-", value)
    value = re.sub(r"^\+81[\s-]*\(?0?\)?", "0", value)
    groups = [group for group in re.split(r"[\s()\-]+", value) if group]
    if not groups or not all(group.isascii() and group.isdigit() for group in groups):
        raise ValidationError(PHONE_MESSAGE)
    digits = "".join(groups)
    # 020, 050, 070, 080 and 090 numbers have 11 digits: with 10, one was left out.
    eleven_digits = re.match(r"^0[25789]0", digits)
    valid = (len(digits) == 10 and re.match(r"^0[1-9]", digits) and not eleven_digits) or (
        len(digits) == 11 and eleven_digits
    )
    if not valid:
        raise ValidationError(PHONE_MESSAGE)
    if len(groups) == 1 and len(digits) == 11:
        return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    return "-".join(groups)


# Django's widget templates that are nothing but its input.html.
INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
}
# Check boxes and radio buttons: multiple_input.html with one input_option.html per choice.
MULTIPLE_INPUT_TEMPLATES = {
    "django/forms/widgets/checkbox_select.html": "django/forms/widgets/checkbox_option.html",
    "django/forms/widgets/radio.html": "django/forms/widgets/radio_option.html",
}


class FormRenderer(DjangoTemplates):
    """Django's form renderer, with select boxes, inputs, check boxes and radio buttons
    written out in Python.

    Django renders each option of a select through two templates of its own, and each input
    through two or three; a list page's filters (47 prefectures, 15 forums…) and the mail
    subscription box spent more time there than on the rest of the page. The markup is the
    same as Django's templates give (tests/website/test_forms.py).
    """

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name == "django/forms/widgets/select.html" and options_are_plain(widget):
            return render_select(widget)
        if template_name in INPUT_TEMPLATES:
            return render_input(widget)
        option_template = MULTIPLE_INPUT_TEMPLATES.get(template_name)
        if option_template and options_are_plain(widget, option_template):
            return render_multiple_input(widget)
        return super().render(template_name, context, request)


def options_are_plain(widget, template_name="django/forms/widgets/select_option.html"):
    return all(
        option["template_name"] == template_name
        for _, group_choices, _ in widget["optgroups"]
        for option in group_choices
    )


def render_select(widget):
    lines = []
    for group_name, group_choices, _ in widget["optgroups"]:
        if group_name:
            lines.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in group_choices:
            # Plain string formatting: format_html cost more than the rest, 47 times a select.
            value, label = escape(str(option["value"])), conditional_escape(option["label"])
            attrs = render_attrs(option["attrs"]) if option["attrs"] else ""
            lines.append(f'\n  <option value="{value}"{attrs}>{label}</option>\n')
        if group_name:
            lines.append(mark_safe("\n  </optgroup>"))
    return format_html(
        '<select name="{}"{}>{}\n</select>',
        widget["name"],
        render_attrs(widget["attrs"]),
        mark_safe("".join(lines)),
    )


def render_attrs(attrs):
    """As django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
            for name, value in attrs.items()
            if value is not False
        )
    )


def render_input(widget):
    """As django/forms/widgets/input.html."""
    value = widget["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        format_html(' value="{}"', value) if value is not None else "",
        render_attrs(widget["attrs"]),
    )


def render_multiple_input(widget):
    """As django/forms/widgets/multiple_input.html with input_option.html for each choice."""
    attrs = widget["attrs"]
    parts = [
        format_html(
            "<div{}{}>",
            format_html(' id="{}"', attrs["id"]) if attrs.get("id") else "",
            format_html(' class="{}"', attrs["class"]) if attrs.get("class") else "",
        )
    ]
    for group_name, group_choices, _ in widget["optgroups"]:
        if group_name:
            parts.append(format_html("\n  <div><label>{}</label>", group_name))
        for option in group_choices:
            parts.append(format_html("<div>\n    {}</div>", render_input_option(option)))
        if group_name:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return mark_safe("".join(parts))


def render_input_option(option):
    """As django/forms/widgets/input_option.html, included by checkbox_option.html."""
    html = render_input(option)
    if option["wrap_label"]:
        for_id = option["attrs"].get("id")
        html = format_html(
            "<label{}>{}\n {}</label>",
            format_html(' for="{}"', for_id) if for_id else "",
            html,
            option["label"],
        )
        return html + mark_safe("\n\n")
    return html + mark_safe("\n\n\n")
