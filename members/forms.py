from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.contrib.auth import password_validation

from .models import MemberOrganisation


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(
        label="パスワード",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="8文字以上。数字だけ、よく使われるもの、メールアドレスに似たものは使えません。",
    )
    password2 = forms.CharField(
        label="パスワード（確認）",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password2(self):
        first = self.cleaned_data.get("password1")
        second = self.cleaned_data.get("password2")
        if first and second and first != second:
            raise forms.ValidationError("2つのパスワードが一致しません。")
        if second:
            password_validation.validate_password(second, self.user)
        return second


class OrganisationProfileForm(forms.ModelForm):
    """What a member may change of their own organisation (the rest is the secretariat's)."""

    class Meta:
        model = MemberOrganisation
        fields = ["public_description", "website_url"]


class LoginForm(AllauthLoginForm):
    """allauth's, with the words and autocomplete hints of this site's other forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "メールアドレス"
        self.fields["login"].widget.attrs.update(autocomplete="email", placeholder="")
        self.fields["password"].widget.attrs.update(autocomplete="current-password", placeholder="")
