from django import forms
from django.conf import settings
from django.utils import timezone
from modelcluster.forms import ClusterForm
from wagtail.admin.forms import WagtailAdminModelForm

from website.dates import JAPAN
from website.forms import PublicForm
from website.models import Forum
from website.prefectures import PREFECTURE_CHOICES

from .models import Issue, Subscriber, Topic

TOPICS_REQUIRED = "受け取る内容を一つ以上選んでください。"


def forum_choices():
    return list(Forum.objects.order_by("sort_order", "name").values_list("slug", "name"))


PREFECTURE_OR_NONE = [("", "選ばない"), *PREFECTURE_CHOICES]


class ChoicesForm(PublicForm):
    """Topics, forums and region: what a subscriber receives."""

    topics = forms.MultipleChoiceField(
        label="受け取る内容",
        choices=Topic.choices,
        required=False,
        help_text="内容かフォーラムのニュースを、一つ以上選んでください。",
        widget=forms.CheckboxSelectMultiple,
    )
    forums = forms.MultipleChoiceField(
        label="フォーラムのニュース",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="選んだフォーラムのニュースをお届けします。",
    )
    prefecture = forms.ChoiceField(
        label="地域（都道府県）",
        choices=PREFECTURE_OR_NONE,
        required=False,
        help_text="選ぶと、その地域のイベントなどのご案内もお届けします（任意）。",
    )

    def __init__(self, *args, forums=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.forum_rows = forum_choices() if forums is None else forums
        self.retention_days = settings.MAILINGS_RETENTION_DAYS
        self.fields["forums"].choices = self.forum_rows

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("topics") and not cleaned.get("forums") and not self.has_error("topics"):
            self.add_error("topics", TOPICS_REQUIRED)
        return cleaned

    def choices_data(self):
        slugs = set(self.cleaned_data.get("forums") or [])
        return {
            "topics": list(self.cleaned_data.get("topics") or []),
            "forum_ids": list(Forum.objects.filter(slug__in=slugs).values_list("pk", flat=True)),
            "prefecture": self.cleaned_data.get("prefecture") or None,
        }


NOT_ASCII = "メールアドレスは半角の英数字と記号で入力してください（例: name@example.jp）。"


class AsciiEmailField(forms.EmailField):
    """Addresses in ASCII only: a Japanese local part or domain (which not every mail server
    takes) is refused with its own message, before the general "name@example.jp" one."""

    def clean(self, value):
        if isinstance(value, str) and not value.strip().isascii():
            raise forms.ValidationError(NOT_ASCII, code="not_ascii")
        return super().clean(value)


def consent_field():
    return forms.BooleanField(
        label="プライバシーポリシーに同意します",
        error_messages={"required": "登録には、プライバシーポリシーへの同意が必要です。"},
    )


class SubscribeForm(ChoicesForm):
    email = AsciiEmailField(
        label="メールアドレス",
        max_length=254,
        help_text="登録の確認メールをお送りします。",
        widget=forms.EmailInput({"autocomplete": "email"}),
    )
    consent = consent_field()

    field_order = ["email", "topics", "forums", "prefecture", "consent"]

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def subscription_data(self):
        return {"email": self.cleaned_data["email"], **self.choices_data()}


class MemberSubscribeForm(ChoicesForm):
    """A logged-in person's own login address: nothing to type, but what they receive and
    their consent are still theirs to give (opt-in, 特定電子メール法)."""

    consent = consent_field()

    field_order = ["topics", "forums", "prefecture", "consent"]

    def initial_forums(self, slugs):
        """The forums of `slugs` (from a link) that exist, ticked."""
        known = dict(self.forum_rows)
        self.initial["forums"] = [slug for slug in dict.fromkeys(slugs) if slug in known]


class PreferencesForm(ChoicesForm):
    ACTIONS = ("save", "pause", "resume", "unsubscribe")

    def action(self):
        value = self.data.get("action", "save")
        return value if value in self.ACTIONS else "save"

    def full_clean(self):
        # Pausing, resuming and unsubscribing need no topics.
        super().full_clean()
        if self.is_bound and self.action() != "save" and self.has_error("topics"):
            self.errors.pop("topics", None)


# What staff may change a subscriber's status to. Only the person subscribes (by confirming
# the e-mail sent to them) or subscribes again: an address that never confirmed or that
# unsubscribed is never put back on the list from the admin (opt-in, 特定電子メール法).
STAFF_STATUS_CHANGES = {
    Subscriber.Status.PENDING: [Subscriber.Status.PENDING, Subscriber.Status.UNSUBSCRIBED],
    Subscriber.Status.CONFIRMED: [
        Subscriber.Status.CONFIRMED,
        Subscriber.Status.PAUSED,
        Subscriber.Status.UNSUBSCRIBED,
    ],
    Subscriber.Status.PAUSED: [
        Subscriber.Status.PAUSED,
        Subscriber.Status.CONFIRMED,
        Subscriber.Status.UNSUBSCRIBED,
    ],
    Subscriber.Status.UNSUBSCRIBED: [Subscriber.Status.UNSUBSCRIBED],
}


class SubscriberAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            allowed = STAFF_STATUS_CHANGES[Subscriber.Status(self.instance.status)]
            self.fields["status"].choices = [(status.value, status.label) for status in allowed]
            self.fields["status"].help_text = (
                "確認待ち・配信停止の方を配信中にはできません。"
                "ご本人がサイトから登録し、確認メールのリンクを開くと配信中になります。"
            )
        if "forums" in self.fields:
            self.fields["forums"].widget = forms.CheckboxSelectMultiple(
                choices=self.fields["forums"].choices
            )

    def save(self, commit=True):
        subscriber = super().save(commit=False)
        if "status" in self.changed_data:
            subscriber.updated_at = timezone.now()
            if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
                subscriber.unsubscribed_at = subscriber.updated_at
        if commit:
            subscriber.save()
            self.save_m2m()
        return subscriber


class IssueAudienceForm(ClusterForm):
    """The 送る相手 fields of the issue's edit form as they are ticked now (saved or not): what
    the edit form's recipient count reads."""

    class Meta:
        model = Issue
        fields = Issue.audience_fields

    def issue(self):
        """An unsaved issue with these audiences (its forums and regions kept in memory)."""
        return self.save(commit=False)


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label="送信日時（日本時間）",
        widget=forms.DateTimeInput({"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={
            "required": "送信日時を入力してください。",
            "invalid": "送信日時を 2026-05-12 10:00 の形で入力してください。",
        },
    )

    def clean_send_at(self):
        value = self.cleaned_data["send_at"]
        if timezone.is_naive(value):
            value = value.replace(tzinfo=JAPAN)
        if value <= timezone.now():
            raise forms.ValidationError("これから先の日時を入力してください。")
        return value
