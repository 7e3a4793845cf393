from django import forms

from members.models import LocalGovernment
from website.forms import PublicForm, normalise_phone
from website.models import Prefecture
from website.submissions import SubmissionKeyField

from .choices import Publication


class InfrastructureFieldsMixin:
    """The `fields` checkboxes offer the `infrastructure_fields` given (a queryset)."""

    def __init__(self, *args, infrastructure_fields, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields"].queryset = infrastructure_fields


class NeedsSurveyForm(InfrastructureFieldsMixin, PublicForm):
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
        None,
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
    publication_consent = forms.ChoiceField(
        label="このニーズ（団体名・分野・テーマ・内容）の公開",
        choices=Publication.choices,
        widget=forms.RadioSelect,
        help_text="「会員にだけ」は、ログインした国民会議の会員だけが見られます。"
        "公開する前に、フォーラムの事務局が内容を確認します。",
        error_messages={
            "required": "公開してよいかを選んでください。",
            "invalid_choice": "公開について、一覧にある選択肢から選んでください。",
        },
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
            "publication_consent": data["publication_consent"],
            "submission_key": data["submission_key"],
        }


class SeedOwnerForm(InfrastructureFieldsMixin, PublicForm):
    """A member organisation's own seed, as its people enter it in the members' area. Saved
    as a draft for the forum's editors to review and publish."""

    technology = forms.CharField(
        label="技術名", max_length=200, help_text="例: SAR衛星によるインフラ変位モニタリング"
    )
    overview = forms.CharField(
        label="概要",
        max_length=3000,
        widget=forms.Textarea({"rows": 8}),
        help_text="技術のしくみ、できること、実績、費用の目安など",
    )
    fields = forms.ModelMultipleChoiceField(
        None,
        label="対象のインフラ分野",
        widget=forms.CheckboxSelectMultiple,
        help_text="当てはまるものをすべて選んでください。",
        error_messages={
            "invalid_pk_value": "インフラ分野は、一覧にあるものから選んでください。",
            "invalid_choice": "インフラ分野は、一覧にあるものから選んでください。",
        },
    )
    netis_number = forms.CharField(
        label="NETIS登録番号", max_length=30, required=False, help_text="例: KT-190001-A"
    )
    reference_url = forms.URLField(
        label="参考URL",
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text="技術を紹介するページのURL",
    )
    contact_department = forms.CharField(
        label="問い合わせ窓口（部署）",
        max_length=200,
        required=False,
        help_text="例: 営業本部 技術営業課。窓口の情報は、ログインした会員にだけ表示します。",
    )
    contact_email = forms.EmailField(
        label="問い合わせ窓口のメールアドレス",
        max_length=254,
        required=False,
        help_text="部署の共用アドレスをお勧めします。",
        widget=forms.EmailInput({"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label="問い合わせ窓口の電話番号",
        max_length=30,
        required=False,
        help_text="例: 06-1234-5678",
        widget=forms.TextInput({"autocomplete": "tel", "inputmode": "tel"}),
    )
    publication = forms.ChoiceField(
        label="公開の範囲",
        choices=Publication.choices,
        widget=forms.RadioSelect,
        help_text="「会員にだけ」は、ログインした国民会議の会員だけが見られます。"
        "「一般に」「会員にだけ」のどちらを選んだ場合も、フォーラムの事務局が内容を確認してから"
        "公開します。",
        error_messages={
            "required": "公開の範囲を選んでください。",
            "invalid_choice": "公開の範囲は、一覧にある選択肢から選んでください。",
        },
    )

    SEED_FIELDS = (
        "technology",
        "overview",
        "netis_number",
        "reference_url",
        "contact_department",
        "contact_email",
        "contact_phone",
    )

    def __init__(self, *args, organisation, seed=None, **kwargs):
        self.organisation = organisation
        self.seed = seed
        if seed is not None:
            kwargs["initial"] = {
                **{name: getattr(seed, name) for name in self.SEED_FIELDS},
                "fields": list(seed.fields.all()),
                "publication": seed.publication,
            }
        super().__init__(*args, **kwargs)

    def clean_technology(self):
        technology = self.cleaned_data["technology"]
        others = self.organisation.seeds.select_related("latest_revision")
        if self.seed is not None:
            others = others.exclude(pk=self.seed.pk)
        # By the names their people last sent: renaming a draft frees its old name.
        if any(other.get_latest_revision_as_object().technology == technology for other in others):
            raise forms.ValidationError(
                "同じ技術名のシーズがすでに登録されています。一覧から、そのシーズを編集してください。"
            )
        return technology

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"]
        return normalise_phone(phone) if phone else ""

    def apply_to(self, seed):
        """Copy the answers onto `seed` (in memory: the caller saves it as a draft)."""
        data = self.cleaned_data
        for name in self.SEED_FIELDS:
            setattr(seed, name, data[name])
        seed.fields = list(data["fields"])
        seed.is_public = data["publication"] == Publication.PUBLIC
        seed.shown_to_members = data["publication"] == Publication.MEMBERS
        return seed
