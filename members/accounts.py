"""Members' accounts: invitations, and what django-allauth needs to know of this site.

The secretariat invites a person (an e-mail address and a member organisation); the e-mail
carries a link with Django's password-reset token, which works once, for
settings.PASSWORD_RESET_TIMEOUT, and no more once a password is set. The person chooses a
password there and is logged in. Log in, log out, password reset and change are allauth's,
with this site's e-mails (templates/account/email/) and pages.
"""

from urllib.parse import urlsplit

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from website.addresses import absolute_url
from website.mail import send_on_commit, with_site_settings

from .models import MemberAccount


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False  # the secretariat invites members; nobody signs up

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        # The members' page says at once whose account it is: 「…としてログインしました」
        # only repeated it above.
        if message_template == "account/messages/logged_in.txt":
            return
        # After a reset the next page is headed 「パスワードを設定しました」 itself.
        if message_template == "account/messages/password_changed.txt" and is_password_reset(
            request
        ):
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def get_logout_redirect_url(self, request):
        # Not the top page: it is cached for everyone and shows no messages. The login page
        # is made for each visitor and says 「ログアウトしました。」.
        return reverse("account_login")

    def get_password_change_redirect_url(self, request):
        return reverse("members_mypage")  # where the link came from, saying it is done

    # E-mails: the site's own texts, signed by the secretariat (website/emails/_footer.txt),
    # with links on SITE_URL as in every other e-mail, never on the request's Host header.

    def send_mail(self, template_prefix, email, context):
        super().send_mail(template_prefix, email, with_site_settings(context))

    def send_password_reset_mail(self, user, email, context):
        super().send_password_reset_mail(user, email, {**context, "link_lifetime": link_lifetime()})

    def get_reset_password_from_key_url(self, key):
        return on_site_address(super().get_reset_password_from_key_url(key))


def is_password_reset(request):
    match = getattr(request, "resolver_match", None)
    return (
        match is not None
        and match.url_name == "account_reset_password_from_key"
        and not allauth_settings.LOGIN_ON_PASSWORD_RESET
    )


def on_site_address(url):
    """`url`'s path and query on SITE_URL (website.addresses)."""
    parts = urlsplit(url)
    return absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))


def link_lifetime():
    """How long a password link works (Django's tokens: settings.PASSWORD_RESET_TIMEOUT),
    as a mail says it: 「7日間」, 「24時間」."""
    seconds = settings.PASSWORD_RESET_TIMEOUT
    if seconds >= 2 * 24 * 60 * 60 and seconds % (24 * 60 * 60) == 0:
        return f"{seconds // (24 * 60 * 60)}日間"
    return f"{max(1, seconds // (60 * 60))}時間"


def login_name(request, credentials):
    """The name django-axes counts failures under: the admin's user name or a member's address."""
    credentials = credentials or {}
    for key in ("username", "email", "login"):
        if credentials.get(key):
            return str(credentials[key]).strip().lower()
    for key in ("username", "login"):
        if request is not None and request.POST.get(key):
            return request.POST[key].strip().lower()
    return ""


class AlreadyRegistered(Exception):
    pass


@transaction.atomic
def invite(*, email, organisation, name=""):
    """Create the account of `email` for `organisation` and send the invitation."""
    email = get_user_model().objects.normalize_email(email).strip()
    User = get_user_model()
    if User.objects.filter(email__iexact=email).exists():
        raise AlreadyRegistered(email)
    user = User(username=email.lower()[:150], email=email, first_name=name[:150])
    user.set_unusable_password()
    user.save()
    account = MemberAccount.objects.create(user=user, organisation=organisation)
    send_invitation(account)
    return account


def send_invitation(account):
    account.invited_at = timezone.now()
    account.save(update_fields=["invited_at"])
    send_on_commit(
        reference=f"member-account-{account.pk}",
        subject="［インフラメンテナンス国民会議］会員専用ページへのご招待",
        template_name="members/emails/invitation.txt",
        context={"account": account, "link": invitation_link(account.user)},
        to=[account.user.email],
    )


def invitation_link(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute_url(reverse("members_invitation", args=[uid, token]))


def user_for_invitation(uidb64, token):
    """The invited user, or None when the link is wrong, used or expired."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, UnicodeDecodeError, OverflowError):
        return None
    user = (
        get_user_model()
        .objects.filter(pk=pk, is_active=True, member_account__isnull=False)
        .select_related("member_account")
        .first()
    )
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


def accept_invitation(user, password):
    user.set_password(password)
    user.save(update_fields=["password"])
    account = user.member_account
    if account.activated_at is None:
        account.activated_at = timezone.now()
        account.save(update_fields=["activated_at"])
