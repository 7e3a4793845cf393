from django import forms

from members.models import LocalGovernment
from website.forms import PublicForm
from website.models import Prefecture
from website.submissions import SubmissionKeyField

from .models import InfrastructureField


class NeedsSurveyForm(PublicForm):
    """A facility manager's answer to a needs survey; stored unpublished for the forum's
    editors to review."""

    prefecture = forms.ModelChoiceField(
        Prefecture.objects.all(), label="都道府県", empty_label="選んでください"
    )
    government_name = forms.CharField(
        label="団体名",
        max_length=30,
        required=False,
        help_text="市区町村名（例: 呉市）。都道府県の回答なら空欄のままにしてください。",
    )
    facility_manager = forms.CharField(
        label="施設管理者・担当部署", max_length=200, required=False, help_text="例: 土木部 河川課"
    )
    fields = forms.ModelMultipleChoiceField(
        InfrastructureField.objects.all(),
        label="インフラ分野",
        widget=forms.CheckboxSelectMultiple,
        help_text="当てはまるものをすべて選んでください。",
        error_messages={
            "invalid_pk_value": "インフラ分野は、一覧にあるものから選んでください。",
            "invalid_choice": "インフラ分野は、一覧にあるものから選んでください。",
        },
    )
    theme = forms.CharField(
        label="技術テーマ", max_length=200, help_text="例: 河道・堤防の点検・診断"
    )
    sought = forms.CharField(
        label="求める内容・条件",
        max_length=3000,
        widget=forms.Textarea({"rows": 6}),
        help_text="困っていること、求める技術、費用や期間などの条件",
    )
    contact_name = forms.CharField(
        label="回答者氏名", max_length=100, widget=forms.TextInput({"autocomplete": "name"})
    )
    contact_email = forms.EmailField(
        label="メールアドレス",
        max_length=254,
        help_text="内容の確認でご連絡することがあります。公開はしません。",
        widget=forms.EmailInput({"autocomplete": "email"}),
    )
    publication_agreed = forms.BooleanField(
        label="このニーズ（団体名・分野・テーマ・内容）をサイトで公開してよい",
        required=False,
        help_text="公開する前に、フォーラムの事務局が内容を確認します。",
    )
    submission_key = SubmissionKeyField()

    def clean(self):
        cleaned_data = super().clean()
        prefecture = cleaned_data.get("prefecture")
        if prefecture is None:
            return cleaned_data
        name = cleaned_data.get("government_name", "")
        governments = LocalGovernment.objects.current().filter(prefecture=prefecture)
        if name and name != prefecture.name:
            government = (
                governments.exclude(kind=LocalGovernment.Kind.PREFECTURE).filter(name=name).first()
            )
        else:
            government = governments.filter(kind=LocalGovernment.Kind.PREFECTURE).first()
        if government is None:
            self.add_error(
                "government_name",
                f"{prefecture.name}に「{name}」という団体が見つかりません。"
                "「呉市」「府中町」のように、市区町村名を正式な名前で入力してください。",
            )
        cleaned_data["local_government"] = government
        return cleaned_data

    def need_data(self):
        data = self.cleaned_data
        return {
            "local_government": data["local_government"],
            "facility_manager": data["facility_manager"],
            "fields": list(data["fields"]),
            "theme": data["theme"],
            "sought": data["sought"],
            "contact_name": data["contact_name"],
            "contact_email": data["contact_email"],
            "publication_agreed": data["publication_agreed"],
            "submission_key": data["submission_key"],
        }
