from django import forms

from website.forms import PublicForm
from website.submissions import SubmissionKeyField

from .choices import ParticipantType

MAX_PEOPLE_PER_REGISTRATION = 10


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
        label="区分", choices=ParticipantType.choices, widget=forms.RadioSelect
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
    """The registrant confirms the cancellation by ticking the box. Not a required field for
    the form (no 「（必須）」 on it): a confirmation, as the lessons' cancellation asks
    「よろしいですか。」 before it is done."""

    confirm = forms.BooleanField(label="はい、この申込みをキャンセルします", required=False)

    def clean_confirm(self):
        if not self.cleaned_data.get("confirm"):
            raise forms.ValidationError("キャンセルする場合は、確認のチェックを入れてください。")
        return True
