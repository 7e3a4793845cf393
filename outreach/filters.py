"""The lesson catalogue's filters (grade, subject, the school's prefecture, delivery mode)."""

from django import forms

from website.filters import ListFilterForm
from website.models import Prefecture

from .choices import DeliveryMode, Grade, Subject


class LessonFilterForm(ListFilterForm):
    """The catalogue's filters (website/filters.py). The prefecture and the way of delivery
    act together: a school in that prefecture, by visit, online or either."""

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

    def filter(self, lessons):
        if grade := self.selected("grade"):
            lessons = lessons.for_grade(grade)
        if subject := self.selected("subject"):
            lessons = lessons.for_subject(subject)
        return lessons.for_school(self.selected("area"), self.selected("mode"))

    @property
    def chosen_area(self):
        """The prefecture of the teacher's school, when one was chosen (else None)."""
        return self.selected("area")
