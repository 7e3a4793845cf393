import logging

from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ReauthenticateForm as AllauthReauthenticateForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import ResetPasswordKeyForm as AllauthResetPasswordKeyForm
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.base.forms import ReauthenticateForm as AllauthMfaReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm as AllauthActivateTOTPForm
from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import format_html

from website.forms import SiteFormMixin, normalise_phone, normalise_text, use_site_error_messages

from .models import ContactPerson, MemberOrganisation

PASSWORD_HELP = "8文字以上。数字だけ、よく使われるもの、メールアドレスに似たものは使えません。"
# Django's own words name the user model's field: 「このパスワードは ユーザー名 と似すぎています。」,
# and a member logs in with an e-mail address, never a user name.
PASSWORD_TOO_SIMILAR = "メールアドレスやお名前に似たパスワードは使えません。"


def say_what_the_password_is_like(form):
    for name, errors in list(form.errors.items()):
        data = errors.as_data()
        if any(error.code == "password_too_similar" for error in data):
            form.errors[name] = form.error_class(
                [
                    PASSWORD_TOO_SIMILAR if error.code == "password_too_similar" else error
                    for error in data
                ],
                renderer=form.renderer,
            )


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(
        label="パスワード",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=PASSWORD_HELP,
    )
    password2 = forms.CharField(
        label="パスワード（確認）",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def full_clean(self):
        super().full_clean()
        say_what_the_password_is_like(self)

    def clean_password2(self):
        first = self.cleaned_data.get("password1")
        second = self.cleaned_data.get("password2")
        if first and second and first != second:
            raise forms.ValidationError("2つのパスワードが一致しません。")
        if second:
            password_validation.validate_password(second, self.user)
        return second


class OrganisationProfileForm(SiteFormMixin, forms.ModelForm):
    """What a member may change of their own organisation (the rest is the secretariat's)."""

    # An address typed without a scheme ("example.jp") is taken as https://, as in the seeds
    # form (matching/forms.py) and as Django 6 will by default.
    website_url = MemberOrganisation._meta.get_field("website_url").formfield(assume_scheme="https")

    class Meta:
        model = MemberOrganisation
        fields = ["public_description", "website_url"]


NAME_MISSING = "氏名を入力してください。"
NO_WAY_TO_REACH = "メールアドレスか電話番号の、どちらかを入力してください。"


class ContactForm(SiteFormMixin, forms.ModelForm):
    """One contact person, checked as on the public forms (phone numbers too), who can be
    reached by e-mail or phone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # The row to add someone may be left empty; its name is asked for once it is used.
            self.fields["name"].required = False

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "")
        return normalise_phone(phone) if phone else ""

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("DELETE"):
            return cleaned_data
        if not cleaned_data.get("name") and not self.has_error("name"):
            self.add_error("name", NAME_MISSING)
        reachable = cleaned_data.get("email") or cleaned_data.get("phone")
        if not reachable and not self.has_error("email") and not self.has_error("phone"):
            self.add_error("email", NO_WAY_TO_REACH)
        return cleaned_data

    class Meta:
        model = ContactPerson
        fields = ["name", "department", "email", "phone"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }


CONTACTS_CHANGED_ELSEWHERE = (
    "担当者の連絡先が、別の画面で変更されていたため、保存していません。"
    "いまの内容を表示しています。もう一度入力してください。"
)


class BaseContactFormSet(forms.BaseInlineFormSet):
    def is_stale(self):
        """Whether a contact the page showed is no longer this organisation's (removed in
        another tab or by the secretariat): its row would otherwise fail as 「Id：正しく選択
        してください」, a field the member never saw."""
        current = {str(pk) for pk in self.get_queryset().values_list("pk", flat=True)}
        return any(
            self.data.get(f"{self.add_prefix(index)}-id") not in current
            for index in range(min(self.initial_form_count(), self.total_form_count()))
        )


# The people the secretariat writes to at a member, kept up to date by its own members.
ContactFormSet = forms.inlineformset_factory(
    MemberOrganisation,
    ContactPerson,
    form=ContactForm,
    formset=BaseContactFormSet,
    extra=1,
    max_num=5,
    validate_max=True,
    can_delete=True,
)


class AccountFormMixin:
    """allauth's forms in this site's words, as its other forms: labels (メールアドレス,
    full-width brackets) with no placeholder repeating them, the site's messages
    (「メールアドレスを入力してください。」, not Django's 「この項目は必須です」), and an
    address typed full-width (ｍｅｍｂｅｒ１＠ｅｘａｍｐｌｅ．ｊｐ) read as it is meant.

    Unlike SiteFormMixin, only e-mail addresses are normalised: a password is taken exactly
    as typed, or one set with a full-width letter or a trailing space would never match.
    """

    labels = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.labels.items():
            self.fields[name].label = label
            self.fields[name].widget.attrs.pop("placeholder", None)
        if self.is_bound:
            use_site_error_messages(self)

    def full_clean(self):
        if self.is_bound and hasattr(self.data, "copy"):
            data = self.data.copy()
            for name, field in self.fields.items():
                key = self.add_prefix(name)
                if isinstance(field, forms.EmailField) and key in data:
                    data[key] = normalise_text(data[key])
            self.data = data
        super().full_clean()
        say_what_the_password_is_like(self)


class LoginForm(AccountFormMixin, AllauthLoginForm):
    labels = {"login": "メールアドレス", "password": "パスワード"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].widget.attrs.update(autocomplete="email")
        self.fields["password"].widget.attrs.update(autocomplete="current-password")
        # allauth adds its own 「パスワードをお忘れですか?」 link here; the page has one below.
        self.fields["password"].help_text = ""


class ResetPasswordForm(AccountFormMixin, AllauthResetPasswordForm):
    labels = {"email": "メールアドレス"}


class ChangePasswordForm(AccountFormMixin, AllauthChangePasswordForm):
    labels = {
        "oldpassword": "現在のパスワード",
        "password1": "新しいパスワード",
        "password2": "新しいパスワード（確認用）",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = PASSWORD_HELP  # not Django's list of four rules
        self.fields["oldpassword"].help_text = format_html(
            '<a href="{}">パスワードをお忘れですか？</a>', reverse("account_reset_password")
        )

    def clean_oldpassword(self):
        # allauth's Japanese 「現在のパスワードを入力してください。」 reads as if it were empty.
        if not self.user.check_password(self.cleaned_data.get("oldpassword", "")):
            raise forms.ValidationError(
                "現在のパスワードが正しくありません。", code="enter_current_password"
            )
        return self.cleaned_data["oldpassword"]


class ResetPasswordKeyForm(AccountFormMixin, AllauthResetPasswordKeyForm):
    labels = {"password1": "新しいパスワード", "password2": "新しいパスワード（確認用）"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = PASSWORD_HELP


class ReauthenticateForm(AccountFormMixin, AllauthReauthenticateForm):
    labels = {"password": "パスワード"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = format_html(
            '<a href="{}">パスワードをお忘れですか？</a>', reverse("account_reset_password")
        )


# --- the second factor (allauth.mfa) ----------------------------------------------------------

logger = logging.getLogger("sankaku.members")

CODE_LOCKED_MESSAGE = (
    "確認コードを続けて間違えたため、しばらく入力できません。"
    "30分ほどたってから、もう一度お試しください。"
)


def _failures_key(user):
    return f"members:mfa-failures:{user.pk}"


def code_attempts_locked(user):
    """Whether this user has typed AXES_FAILURE_LIMIT wrong codes within AXES_COOLOFF_TIME."""
    try:
        return (cache.get(_failures_key(user)) or 0) >= settings.AXES_FAILURE_LIMIT
    except Exception:  # the cache does not answer: codes are still checked, just not counted
        logger.warning("mfa failure count unavailable")
        return False


def count_code_failure(user):
    key = _failures_key(user)
    period = int(settings.AXES_COOLOFF_TIME * 60 * 60)
    try:
        if not cache.add(key, 1, timeout=period):
            cache.incr(key)
    except Exception:
        logger.warning("mfa failure count unavailable")


def clear_code_failures(user):
    try:
        cache.delete(_failures_key(user))
    except Exception:
        logger.warning("mfa failure count unavailable")


class CountedCodeMixin:
    """A code field in Japanese, and wrong codes counted as wrong passwords are (the same
    limit and cool-off as django-axes'), since allauth's own count is off."""

    code_label = "確認コード"
    code_help = "認証アプリに表示されている6桁の数字"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label = self.code_label
        field.help_text = self.code_help
        field.error_messages["required"] = "確認コードを入力してください。"
        field.widget.attrs.update(
            placeholder="", inputmode="numeric", autocomplete="one-time-code", maxlength="20"
        )

    def clean_code(self):
        if code_attempts_locked(self.user):
            raise forms.ValidationError(CODE_LOCKED_MESSAGE)
        try:
            code = super().clean_code()
        except forms.ValidationError:
            count_code_failure(self.user)
            raise
        clear_code_failures(self.user)
        return code


class MfaAuthenticateForm(CountedCodeMixin, AuthenticateForm):
    code_help = "認証アプリに表示されている6桁の数字か、保存しておいたリカバリーコード"


class MfaReauthenticateForm(CountedCodeMixin, AllauthMfaReauthenticateForm):
    code_help = "認証アプリに表示されている6桁の数字か、保存しておいたリカバリーコード"


class ActivateTOTPForm(CountedCodeMixin, AllauthActivateTOTPForm):
    code_help = "QRコードを読み取った認証アプリに表示される6桁の数字"
