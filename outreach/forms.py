from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from wagtail.admin.forms import WagtailAdminModelForm

from website.dates import format_date, japan_today
from website.forms import PublicForm, normalise_phone, normalise_text
from website.models import Prefecture
from website.submissions import SubmissionKeyField
from website.teams import edits_all_forums, forums_for

from .bookings import SLOT_TAKEN_MESSAGE, already_booked_problem
from .choices import BookingStatus, DeliveryMode, Grade, PreferredPeriod, SchoolType

NO_SLOTS_LEFT_MESSAGE = (
    "申し訳ありません。この授業の日時枠はすべて埋まりました。"
    "ほかの日程をご希望の場合は、事務局までお問い合わせください。"
)
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"]


class RadioSelect(forms.RadioSelect):
    """Slots as radio buttons; a full slot is shown, but cannot be chosen.

    Named like Django's widget: the shared field template picks the fieldset layout by
    `widget_type`, which comes from the class name.
    """

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        slot = getattr(value, "instance", None)
        if slot is not None and slot.remaining_classes == 0:
            option["attrs"]["disabled"] = True
            option["selected"] = False
            option["attrs"].pop("checked", None)
        return option


class SlotChoiceField(forms.ModelChoiceField):
    widget = RadioSelect

    def label_from_instance(self, slot):
        remaining = slot.remaining_classes
        state = f"あと{remaining}クラス（全{slot.capacity}クラス）" if remaining else "満席"
        note = f"（{slot.note}）" if slot.note else ""
        return f"{slot.label}{note}／{state}"


class NumberField(forms.IntegerField):
    """A number typed in a text box, so full-width digits from a Japanese keyboard work."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(normalise_text(value) if isinstance(value, str) else value)

    def widget_attrs(self, widget):
        # No min/max attributes: the browser would block full-width digits before we see them.
        return {}


class JapaneseDateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault(
            "error_messages", {"invalid": "日付を 2026-05-12 の形で入力してください。"}
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(normalise_text(value) if isinstance(value, str) else value)


class BookingForm(PublicForm):
    """A teacher's request for one lesson. Built for the lesson: its slots, grades, areas."""

    slot = SlotChoiceField(
        label="ご希望の日時",
        queryset=None,  # the lesson's own slots, set in __init__
        empty_label=None,
        error_messages={
            "required": "ご希望の日時を選んでください。",
            "invalid_choice": "一覧にある日時から選んでください。",
        },
    )
    preferred_date_1 = JapaneseDateField(
        label="第1希望日",
        help_text="学校の授業がある平日を選んでください。"
        "土曜日・日曜日・祝日と年末年始（12月29日〜1月3日）は選べません。",
    )
    preferred_date_2 = JapaneseDateField(
        label="第2希望日",
        required=False,
        help_text="ご都合のつく日がほかにあればお知らせください（平日のみ）。",
    )
    preferred_period = forms.ChoiceField(
        label="ご希望の時間帯（校時）",
        choices=[("", "選んでください"), *PreferredPeriod.choices],
        help_text="授業を始めたい校時です。どちらの希望日も同じ時間帯でお考えください。",
    )
    delivery_mode = forms.ChoiceField(
        label="実施方法", choices=DeliveryMode.choices, widget=forms.RadioSelect
    )
    school_name = forms.CharField(
        label="学校名", max_length=100, help_text="例：霞が関市立霞が関小学校"
    )
    school_type = forms.ChoiceField(label="学校の種別", choices=SchoolType.choices)
    prefecture = forms.ModelChoiceField(
        label="都道府県", queryset=Prefecture.objects.all(), empty_label="選んでください"
    )
    city = forms.CharField(label="市区町村", max_length=50, help_text="例：千代田区")
    address = forms.CharField(label="町名・番地", max_length=200)
    teacher_name = forms.CharField(label="ご担当の先生のお名前", max_length=100)
    email = forms.EmailField(
        label="メールアドレス",
        max_length=254,
        help_text="受付のお知らせと、お申込みを確認・変更するためのリンクをお送りします。",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label="電話番号",
        max_length=30,
        help_text="日中につながる番号（例：03-1234-5678）",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    grade = forms.ChoiceField(label="学年", choices=Grade.choices)
    classes = NumberField(
        label="クラス数",
        min_value=1,
        max_value=10,
        initial=1,
        error_messages={
            "min_value": "クラス数は1以上にしてください。",
            "max_value": "クラス数は10以下にしてください。",
        },
    )
    pupils = NumberField(
        label="児童・生徒数（合計）",
        min_value=1,
        error_messages={"min_value": "人数は1人以上にしてください。"},
    )
    accessibility_needs = forms.CharField(
        label="配慮が必要なこと",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="車いすを使う児童がいる、音が苦手な児童がいる、など",
    )
    notes = forms.CharField(
        label="連絡事項",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    privacy_consent = forms.BooleanField(
        label="個人情報の取り扱いに同意します",
        error_messages={"required": "お申込みには、個人情報の取り扱いへの同意が必要です。"},
    )
    submission_key = SubmissionKeyField()

    def __init__(self, *args, lesson, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.lesson = lesson
        self.today = today
        self.fields["school_name"].widget.attrs["autocomplete"] = "organization"
        self.fields["teacher_name"].widget.attrs["autocomplete"] = "name"
        if lesson.uses_slots:
            del self.fields["preferred_date_1"], self.fields["preferred_date_2"]
            del self.fields["preferred_period"]
            slot_field = self.fields["slot"]
            slot_field.queryset = lesson.slots.with_booked_classes()
            # Shown: the slots in the booking window; accepted: any slot of this lesson, so a
            # slot that closed while the teacher typed gets a clear message, not "invalid".
            slot_field.choices = self.slot_choices
        else:
            del self.fields["slot"]
            earliest, latest = lesson.booking_window(today)
            for name in ("preferred_date_1", "preferred_date_2"):
                self.fields[name].widget.attrs.update(
                    {"min": earliest.isoformat(), "max": latest.isoformat()}
                )
        modes = lesson.delivery_modes
        if len(modes) > 1:
            self.fields["delivery_mode"].choices = [(mode, mode.label) for mode in modes]
        else:
            del self.fields["delivery_mode"]
            self.fixed_delivery_mode = modes[0] if modes else DeliveryMode.VISIT
        if lesson.target_grades:
            self.fields["grade"].choices = [
                (value, Grade(value).label) for value in lesson.target_grades
            ]
        self.fields["pupils"].help_text = (
            f"この授業は1回（1クラス）{lesson.max_pupils}人までです。"
            "複数のクラスで受ける場合は、合計の人数を入れてください。"
        )
        self.order_fields(
            ["slot", "preferred_date_1", "preferred_date_2", "preferred_period", "delivery_mode"]
        )

    def slot_choices(self):
        earliest, latest = self.lesson.booking_window(self.today)
        field = self.fields["slot"]
        slots = field.queryset.filter(date__range=(earliest, latest)).order_by("date", "start_time")
        return [
            (forms.models.ModelChoiceIteratorValue(slot.pk, slot), field.label_from_instance(slot))
            for slot in slots
        ]

    @property
    def has_open_slots(self):
        return any(
            choice.instance.remaining_classes for choice, _label in self.fields["slot"].choices
        )

    @property
    def chosen_slot_is_full(self):
        """The slot the lesson page's link chose has filled up since (or is no longer open)."""
        chosen = self.initial.get("slot") if not self.is_bound else None
        if chosen is None or "slot" not in self.fields:
            return False
        open_slots = {
            choice.instance.pk
            for choice, _label in self.fields["slot"].choices
            if choice.instance.remaining_classes
        }
        return chosen not in open_slots

    # Field rules

    def clean_slot(self):
        slot = self.cleaned_data["slot"]
        problem = self.lesson.date_problem(slot.date, self.today, school_days_only=False)
        if problem:
            raise ValidationError(problem)
        if slot.remaining_classes == 0:
            raise ValidationError(SLOT_TAKEN_MESSAGE, code="taken")
        return slot

    def _clean_date(self, name):
        day = self.cleaned_data.get(name)
        if day:
            problem = self.lesson.date_problem(day, self.today)
            if problem:
                raise ValidationError(problem)
        return day

    def clean_preferred_date_1(self):
        return self._clean_date("preferred_date_1")

    def clean_preferred_date_2(self):
        return self._clean_date("preferred_date_2")

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned_data = super().clean()
        first, second = cleaned_data.get("preferred_date_1"), cleaned_data.get("preferred_date_2")
        if first and second and first == second:
            self.add_error("preferred_date_2", "第2希望日は、第1希望日と別の日にしてください。")
        slot, classes = cleaned_data.get("slot"), cleaned_data.get("classes")
        problem = self.lesson.pupils_problem(cleaned_data.get("pupils"), classes)
        if problem:
            self.add_error("pupils", problem)
        if slot and classes and 0 < slot.remaining_classes < classes:
            self.add_error(
                "classes", f"この日時で受けられるのは、あと{slot.remaining_classes}クラスです。"
            )
        prefecture = cleaned_data.get("prefecture")
        if (
            prefecture
            and self.chosen_delivery_mode == DeliveryMode.VISIT
            and prefecture not in self.lesson.prefectures.all()
        ):
            message = f"この授業は{prefecture.name}への訪問には対応していません。"
            if self.lesson.online_available:
                message += "オンラインでの実施をお選びください。"
            self.add_error("prefecture", message)
        if self.lesson.one_booking_per_school_per_year and not self.errors:
            problem = already_booked_problem(
                self.lesson,
                cleaned_data.get("school_name"),
                prefecture and prefecture.pk,
                self.lesson_date,
            )
            if problem:
                self.add_error("school_name", problem)
        return cleaned_data

    # What the booking will hold

    @property
    def chosen_delivery_mode(self):
        if "delivery_mode" in self.fields:
            return self.cleaned_data.get("delivery_mode")
        return self.fixed_delivery_mode

    @property
    def lesson_date(self):
        slot = self.cleaned_data.get("slot")
        return slot.date if slot else self.cleaned_data.get("preferred_date_1")

    def booking_data(self):
        """What outreach.bookings.place_booking() stores: plain values only."""
        data = self.cleaned_data
        slot = data.get("slot")
        return {
            "slot": slot.pk if slot else None,
            "preferred_date_1": data.get("preferred_date_1"),
            "preferred_date_2": data.get("preferred_date_2"),
            "preferred_period": data.get("preferred_period", ""),
            "delivery_mode": self.chosen_delivery_mode,
            "school_name": data["school_name"],
            "school_type": data["school_type"],
            "prefecture": data["prefecture"].pk,
            "city": data["city"],
            "address": data["address"],
            "teacher_name": data["teacher_name"],
            "email": data["email"],
            "phone": data["phone"],
            "grade": data["grade"],
            "classes": data["classes"],
            "pupils": data["pupils"],
            "accessibility_needs": data["accessibility_needs"],
            "notes": data["notes"],
            "submission_key": data["submission_key"],
        }


class BookingNotesForm(PublicForm):
    notes = forms.CharField(
        label="連絡事項",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def one_number_rule(form, rules):
    """Each whole number checked once, with one message: {field name: (lowest, highest or
    None)}, the model's limits. Otherwise Django's form field for a PositiveSmallIntegerField
    says 「0 以上」 to -1, and then the model's own validator 「1 以上」 to 0."""
    for name, (lowest, highest) in rules.items():
        field = form.fields.get(name)
        if field is None:
            continue
        if highest is None:
            message = f"{lowest}以上の数を入力してください。"
        else:
            message = f"{lowest}から{highest}までの数を入力してください。"
        field.validators = [
            validator
            for validator in field.validators
            if not isinstance(validator, MinValueValidator | MaxValueValidator)
        ]
        field.validators.append(MinValueValidator(lowest, message))
        field.widget.attrs["min"] = lowest
        if highest is not None:
            field.validators.append(MaxValueValidator(highest, message))
            field.widget.attrs["max"] = highest


class BookingAdminForm(WagtailAdminModelForm):
    """The admin's booking form: only the lesson's own slots, labelled without extra queries."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        one_number_rule(self, {"classes": (1, None), "pupils": (1, None)})
        if "slot" in self.fields:
            slots = self.fields["slot"].queryset.select_related("lesson")
            if self.instance.lesson_id:
                slots = slots.filter(lesson_id=self.instance.lesson_id)
            self.fields["slot"].queryset = slots


class LessonSlotAdminForm(WagtailAdminModelForm):
    """A slot of one of the lessons the user keeps: a forum's editors choose among their
    forum's lessons only (the permission policy refuses the others)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        one_number_rule(self, {"periods": (1, 6), "capacity": (1, None)})
        field = self.fields.get("lesson")
        if field is not None and self.for_user is not None:
            lessons = field.queryset.order_by("title")
            if not edits_all_forums(self.for_user):
                lessons = lessons.filter(forum__in=forums_for(self.for_user))
            field.queryset = lessons
            if not lessons.exists():
                field.help_text = (
                    "まだ授業がありません。先に「出前授業」のページで授業を作成してください。"
                )

    def clean_date(self):
        # Only a new or changed date: the note of a slot that has passed can still be edited.
        day = self.cleaned_data.get("date")
        if day and "date" in self.changed_data:
            today = japan_today()
            if day < today:
                raise ValidationError(
                    f"過ぎた日付は登録できません。今日（{format_date(today)}）以降の日付を"
                    "入力してください。",
                    code="past",
                )
        return day


class BookingTransitionForm(forms.Form):
    """Staff move a booking to its next status; each status asks for what it needs."""

    status = forms.ChoiceField(label="新しい状況", widget=forms.RadioSelect)
    lesson_date = forms.DateField(
        label="実施日",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="実施決定のとき、希望日から決まった日を入れてください。",
    )
    start_time = forms.TimeField(
        label="開始時刻",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    decline_reason = forms.CharField(
        label="お断りの理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="先生へのメールにそのまま載ります。",
    )
    pupils_attended = forms.IntegerField(label="実施した児童・生徒数", required=False, min_value=1)
    report = forms.CharField(
        label="実施報告", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, booking, **kwargs):
        super().__init__(*args, **kwargs)
        self.booking = booking
        self.fields["status"].choices = [
            (status, BookingStatus(status).label) for status in booking.next_statuses
        ]
        self.initial.setdefault("lesson_date", booking.lesson_date)
        self.initial.setdefault("start_time", booking.start_time)
        self.initial.setdefault("pupils_attended", booking.pupils_attended or booking.pupils)
        self.initial.setdefault("report", booking.report)

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get("status")
        if status == BookingStatus.CONFIRMED and not cleaned_data.get("lesson_date"):
            self.add_error("lesson_date", "実施決定には実施日が必要です。")
        if status == BookingStatus.DECLINED and not cleaned_data.get("decline_reason"):
            self.add_error("decline_reason", "お断りの理由を入力してください。")
        if status == BookingStatus.REPORTED:
            if not cleaned_data.get("pupils_attended"):
                self.add_error("pupils_attended", "報告済みにするには人数が必要です。")
            if not cleaned_data.get("report"):
                self.add_error("report", "報告済みにするには実施報告が必要です。")
        return cleaned_data
