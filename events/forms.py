from django import forms

from website import dates
from website.forms import PublicForm
from website.models import Forum
from website.submissions import SubmissionKeyField

from .models import MAX_PEOPLE_PER_REGISTRATION, Registration


class EventFilterForm(forms.Form):
    """The filters of the event index. Junk values are ignored, never an error page."""

    kind = forms.ChoiceField(label="種類", required=False)
    forum = forms.ChoiceField(label="主催", required=False)
    month = forms.ChoiceField(label="開催月", required=False)
    attendance = forms.ChoiceField(
        label="参加方法",
        required=False,
        choices=[
            ("", "すべて"),
            ("in_person", "会場で参加できる"),
            ("online", "オンラインで参加できる"),
        ],
    )

    def __init__(self, data=None, *, kinds, forums, months=None):
        super().__init__(data)
        self.fields["kind"].choices = [("", "すべて")] + [(kind.slug, kind.name) for kind in kinds]
        national = [(f.slug, f.name) for f in forums if f.kind == Forum.Kind.NATIONAL]
        regional = [(f.slug, f.name) for f in forums if f.kind == Forum.Kind.REGIONAL]
        self.fields["forum"].choices = [
            ("", "すべて"),
            ("全国フォーラム", national),
            ("地方フォーラム", regional),
        ]
        if months is None:
            del self.fields["month"]
        else:
            self.fields["month"].choices = [("", "すべて")] + [
                (dates.month_value(year, month), dates.month_label(year, month))
                for year, month in months
            ]

    def selected(self, name):
        """The valid value of one filter, or '' (other filters may be junk)."""
        if not self.is_bound or name not in self.fields:
            return ""
        self.is_valid()
        return self.cleaned_data.get(name) or ""

    @property
    def is_filtering(self):
        return any(self.selected(name) for name in self.fields)

    def filter(self, events):
        if kind := self.selected("kind"):
            events = events.of_kind(kind)
        if forum := self.selected("forum"):
            events = events.by_forum(forum)
        if attendance := self.selected("attendance"):
            events = events.attendable(attendance)
        if month := dates.parse_month(self.selected("month")):
            events = events.in_month(*month)
        return events


class RegistrationForm(PublicForm):
    name = forms.CharField(
        label="氏名", max_length=100, widget=forms.TextInput({"autocomplete": "name"})
    )
    affiliation = forms.CharField(
        label="所属",
        max_length=100,
        required=False,
        help_text="自治体名、会社名、学校名など",
        widget=forms.TextInput({"autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label="メールアドレス",
        max_length=254,
        help_text="確認のメールをお送りします。",
        widget=forms.EmailInput({"autocomplete": "email"}),
    )
    participant_type = forms.ChoiceField(
        label="区分", choices=Registration.ParticipantType.choices, widget=forms.RadioSelect
    )
    number_of_people = forms.IntegerField(
        label="参加人数",
        min_value=1,
        max_value=MAX_PEOPLE_PER_REGISTRATION,
        initial=1,
        help_text=f"ご本人を含めて{MAX_PEOPLE_PER_REGISTRATION}名まで",
        error_messages={
            "min_value": "1名以上の人数を入力してください。",
            "max_value": f"一度に申し込めるのは{MAX_PEOPLE_PER_REGISTRATION}名までです。",
            "invalid": "人数を数字で入力してください。",
        },
        widget=forms.NumberInput({"inputmode": "numeric"}),
    )
    notes = forms.CharField(
        label="連絡事項",
        max_length=1000,
        required=False,
        help_text="配慮が必要なこと、事務局への質問など",
        widget=forms.Textarea({"rows": 4}),
    )
    consent = forms.BooleanField(
        label="プライバシーポリシーに同意します",
        error_messages={"required": "お申し込みには、プライバシーポリシーへの同意が必要です。"},
    )
    join_waiting_list = forms.BooleanField(
        label="満席の場合はキャンセル待ちとして申し込む", required=False
    )
    submission_key = SubmissionKeyField()

    def __init__(self, event, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        for field_name, asked in [
            ("affiliation", event.ask_affiliation),
            ("participant_type", event.ask_participant_type),
            ("number_of_people", event.ask_number_of_people),
            ("notes", event.ask_notes),
        ]:
            if not asked:
                del self.fields[field_name]
        if not event.waiting_list_enabled:
            del self.fields["join_waiting_list"]

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def registration_data(self):
        data = self.cleaned_data
        return {
            "name": data["name"],
            "affiliation": data.get("affiliation", ""),
            "email": data["email"],
            "participant_type": data.get("participant_type", ""),
            "number_of_people": data.get("number_of_people") or 1,
            "notes": data.get("notes", ""),
            "join_waiting_list": data.get("join_waiting_list", False),
            "submission_key": data["submission_key"],
        }


class CancelRegistrationForm(forms.Form):
    confirm = forms.BooleanField(
        label="この申込みをキャンセルします",
        error_messages={"required": "キャンセルする場合はチェックを入れてください。"},
    )
