"""The admin's image form: every image gets a description (its alt text) or is marked
decorative (an empty description, so the public site writes alt="")."""

from django import forms
from wagtail.images.forms import BaseImageForm

DESCRIPTION_REQUIRED = (
    "画像の内容を伝える説明文（代替テキスト）を入力してください。"
    "飾りのための画像なら「装飾用の画像」にチェックしてください。"
)


class ImageForm(BaseImageForm):
    decorative = forms.BooleanField(
        label="装飾用の画像",
        required=False,
        help_text="内容を伝えない飾りの画像です。読み上げソフトは読み飛ばします（説明文は空にします）。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            # Required unless the image is decorative: Wagtail's 「*」 cannot say "unless".
            self.fields["description"].label = "説明文（代替テキスト）"
            self.fields["description"].help_text = (
                "必ず入力してください（「装飾用の画像」にチェックした場合を除く）。"
                "画像を見られない人に読み上げる文です（例：点検ハンマーで橋を叩く参加者）。"
                "ファイル名やタイトルは使われません。"
            )
            if self.instance.pk and not self.instance.description:
                self.initial.setdefault("decorative", True)

    def clean(self):
        cleaned_data = super().clean()
        if "description" not in self.fields:
            return cleaned_data
        if cleaned_data.get("decorative"):
            cleaned_data["description"] = ""
        elif not (cleaned_data.get("description") or "").strip():
            self.add_error("description", DESCRIPTION_REQUIRED)
        return cleaned_data
