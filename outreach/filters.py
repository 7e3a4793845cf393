"""The lesson catalogue's filters (grade, subject, the school's prefecture, delivery mode)."""

from django import forms

from website.models import Prefecture

from .choices import DeliveryMode, Grade, Subject


class LessonFilterForm(forms.Form):
    """The catalogue's filters; an invalid value is ignored rather than shown as an error."""

    grade = forms.ChoiceField(
        label="学年", required=False, choices=[("", "すべての学年"), *Grade.choices]
    )
    subject = forms.ChoiceField(
        label="教科", required=False, choices=[("", "すべての教科"), *Subject.choices]
    )
    area = forms.ModelChoiceField(
        label="学校のある都道府県",
        required=False,
        queryset=Prefecture.objects.all(),
        empty_label="すべての地域",
    )
    mode = forms.ChoiceField(
        label="実施方法",
        required=False,
        choices=[("", "すべての方法"), *DeliveryMode.choices],
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def apply(self, lessons):
        if not self.is_bound:
            return lessons
        self.is_valid()
        values = self.cleaned_data
        if values.get("grade"):
            lessons = lessons.for_grade(values["grade"])
        if values.get("subject"):
            lessons = lessons.for_subject(values["subject"])
        return lessons.for_school(values.get("area"), values.get("mode") or None)

    @property
    def chosen_area(self):
        """The prefecture of the teacher's school, when one was chosen (else None)."""
        if not self.is_bound:
            return None
        self.is_valid()  # a junk grade or subject leaves a valid prefecture in cleaned_data
        return self.cleaned_data.get("area")

    @property
    def is_filtering(self):
        return self.is_bound and any(self.cleaned_data.get(name) for name in self.fields)
