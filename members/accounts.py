"""Members' accounts: invitations, and what django-allauth needs to know of this site.

The secretariat invites a person (an e-mail address and a member organisation); the e-mail
carries a link with Django's password-reset token, which works once, for
settings.PASSWORD_RESET_TIMEOUT, and no more once a password is set. The person chooses a
password there and is logged in. Log in, log out, password reset and change are allauth's.
"""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from website.addresses import absolute_url
from website.mail import send_on_commit

from .models import MemberAccount


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False  # the secretariat invites members; nobody signs up

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        # The members' page says at once whose account it is: 「…としてログインしました」
        # only repeated it above.
        if message_template == "account/messages/logged_in.txt":
            return
        super().add_message(request, level, message_template, *args, **kwargs)


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
