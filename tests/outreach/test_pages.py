import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from outreach.models import Grade, LessonIndexPage, LessonPage, Preparation, Subject
from tests.factories import ForumFactory, ImageFactory, make_home_page, prefecture
from website.models import HomePage, StandardPage

from .factories import (
    BookingFactory,
    LessonIndexPageFactory,
    LessonPageFactory,
    LessonSlotFactory,
)

pytestmark = pytest.mark.django_db


class TestPageTree(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home_page()
        cls.index = LessonIndexPageFactory(parent=cls.home)
        cls.lesson = LessonPageFactory(parent=cls.index, slug="bridge")
        LessonSlotFactory(
            lesson=cls.lesson, date=datetime.date.today() + datetime.timedelta(days=30)
        )

    def test_where_lesson_pages_live(self):
        self.assertCanCreateAt(HomePage, LessonIndexPage)
        self.assertCanNotCreateAt(StandardPage, LessonIndexPage)
        self.assertAllowedParentPageTypes(LessonIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(LessonIndexPage, {LessonPage})
        self.assertAllowedParentPageTypes(LessonPage, {LessonIndexPage})
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_one_catalogue(self):
        self.assertFalse(LessonIndexPage.can_create_at(self.home))

    def test_pages_render(self):
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.lesson)
        self.assertPageIsRenderable(self.lesson, route_path="/book/")
        self.assertPageIsPreviewable(
            self.lesson, post_data=add_lesson_data(slug="bridge", provider_name="有志")
        )


@pytest.fixture
def full_lesson(lesson_index):
    forum = ForumFactory(name="市民参画フォーラム")
    lesson = LessonPageFactory(
        parent=lesson_index,
        title="橋の点検を体験しよう",
        slug="bridge",
        forum=forum,
        provider_name="インフラ点検研究会",
        target_grades=[Grade.E4, Grade.E5, Grade.E6],
        subjects=[Subject.SOCIAL, Subject.SCIENCE],
        periods=2,
        max_pupils=35,
        online_available=True,
        is_free=True,
        preparations=[Preparation.PROJECTOR, Preparation.OUTDOOR],
        preparation_note="校庭の側溝を使います。",
        image=ImageFactory(description="点検ハンマーをもつ児童"),
        body=[
            (
                "step",
                {"minutes": 20, "title": "打音検査を体験", "description": "音を聞き分けます。"},
            ),
            ("paragraph", "<p>橋を長く使うための授業です。</p>"),
        ],
        prefectures=[prefecture("13"), prefecture("14")],
    )
    return lesson


def test_lesson_page_shows_the_programme(client, full_lesson, today):
    slot = LessonSlotFactory(lesson=full_lesson, date=today + datetime.timedelta(days=30))
    html = client.get(full_lesson.url).content.decode()
    for expected in (
        "市民参画フォーラム・インフラ点検研究会",
        "小4・小5・小6",
        "社会・理科",
        "2校時分（90分）",
        "1回（1クラス）35人まで",
        "訪問：東京都、神奈川県",
        "オンラインで全国どこからでも",
        "無料",
        "プロジェクター・スクリーン、校庭など屋外のスペース",
        "校庭の側溝を使います。",
        "打音検査を体験",
        "20分",
        "橋を長く使うための授業です。",
        'alt="点検ハンマーをもつ児童"',
        ".webp",
        slot.label,
        f"/lessons/bridge/book/?slot={slot.pk}",
        "受付中",
    ):
        assert expected in html, expected


def test_lesson_page_for_preferred_dates(client, lesson_index):
    lesson = LessonPageFactory(parent=lesson_index, booking_mode="request", min_notice_days=30)
    html = client.get(lesson.url).content.decode()
    assert "ご希望の実施日を第2希望まで" in html and "30日前まで" in html
    assert "/book/" in html


def test_card_summarises_areas_and_grades(full_lesson):
    assert full_lesson.area_display == "訪問（東京都・神奈川県）、オンライン"
    assert full_lesson.grade_range_display == "小4〜小6"
    many = LessonPageFactory(
        parent=full_lesson.get_parent(),
        prefectures=[prefecture(code) for code in ("01", "02", "03", "04", "05")],
        target_grades=[Grade.E1, Grade.E3],
    )
    assert many.area_display == "訪問（北海道・青森県・岩手県ほか2都道府県）"
    assert many.grade_range_display == "小1・小3"


def test_the_provider_is_named_with_its_forum_once(full_lesson):
    assert full_lesson.provider_display == "市民参画フォーラム・インフラ点検研究会"
    full_lesson.provider_name = f"{full_lesson.forum.name} 河川維持管理ワーキング"
    assert full_lesson.provider_display == "市民参画フォーラム 河川維持管理ワーキング"
    full_lesson.provider_name = ""
    assert full_lesson.provider_display == "市民参画フォーラム"


def test_choice_sets_survive_revisions_and_queries(lesson_index):
    lesson = LessonPageFactory(parent=lesson_index, target_grades=[Grade.E6, Grade.E4])
    revision = lesson.save_revision()
    revision.publish()
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.target_grades == [Grade.E4, Grade.E6]  # in the choice list's order
    assert revision.as_object().target_grades == [Grade.E4, Grade.E6]
    assert list(LessonPage.objects.for_grade(Grade.E4)) == [lesson]
    assert list(LessonPage.objects.for_grade(Grade.E5)) == []
    assert list(LessonPage.objects.for_grade("e")) == []  # not a partial match


MULTIPLE_CHOICES = ("target_grades", "subjects", "prefectures")


def add_lesson_data(**overrides):
    data = {
        "title": "道路パトロールの仕事",
        "slug": "road-patrol",
        "summary": "道路を守る仕事を学びます。",
        "forum": "",
        "provider_name": "",
        "target_grades": ["e3", "e4"],
        "subjects": ["social"],
        "periods": "2",
        "max_pupils": "40",
        "prefectures": ["34"],
        "fee_note": "",
        "is_free": "on",
        "preparation_note": "",
        "body": streamfield([]),
        "photos": inline_formset([]),
        "comments": inline_formset([]),
        "booking_mode": "slots",
        "accepts_bookings": "on",
        "booking_window_start": "",
        "booking_window_end": "",
        "min_notice_days": "14",
        "action-publish": "publish",
    }
    data.update(overrides)
    # nested_form_data numbers list items like formsets; multiple choices stay plain lists.
    choices = {name: data.pop(name) for name in MULTIPLE_CHOICES}
    return {**nested_form_data(data), **choices}


def add_lesson(client, index, **overrides):
    url = reverse("wagtailadmin_pages:add", args=("outreach", "lessonpage", index.pk))
    return client.post(url, add_lesson_data(**overrides))


def test_editor_creates_a_lesson_in_the_admin(admin_client, lesson_index):
    response = add_lesson(admin_client, lesson_index, provider_name="中国フォーラム有志")
    assert response.status_code == 302, response.context["form"].errors
    lesson = LessonPage.objects.get(slug="road-patrol")
    assert lesson.live and lesson.target_grades == ["e3", "e4"]
    assert [p.code for p in lesson.prefectures.all()] == ["34"]


def test_lesson_needs_a_provider_and_somewhere_to_deliver(admin_client, lesson_index):
    response = add_lesson(admin_client, lesson_index, prefectures=[])
    errors = response.context["form"].errors
    assert errors["forum"] == ["実施するフォーラムか会員団体名のどちらかを入力してください。"]
    assert errors["prefectures"] == [
        "訪問できる地域を選ぶか、「オンラインで実施できる」を選んでください。"
    ]
    assert not LessonPage.objects.filter(slug="road-patrol").exists()


def test_booking_window_must_be_in_order(admin_client, lesson_index):
    response = add_lesson(
        admin_client,
        lesson_index,
        provider_name="有志",
        booking_window_start="2027-03-01",
        booking_window_end="2027-02-01",
    )
    assert response.context["form"].errors["booking_window_end"] == [
        "終了日は開始日より後の日付にしてください。"
    ]


def test_lesson_search_fields_name_the_section(full_lesson):
    assert LessonPage.search_section == "出前授業"
    full_lesson.save_revision().publish()
    full_lesson.refresh_from_db()
    assert full_lesson.search_date == full_lesson.last_published_at
    assert full_lesson.search_date is not None


def test_the_way_to_book_is_at_the_top_of_the_lesson_page(client, lesson, slot):
    """The 受付中 status links to the open dates, and a button opens the form, before the outline."""
    html = client.get(lesson.url).content.decode()
    top = html[: html.index('id="lesson-outline-heading"')]
    assert '<a class="lesson-status__link" href="#lesson-booking">' in top
    assert f'href="{lesson.url}book/">この授業を申し込む</a>' in top
    assert 'id="lesson-booking"' in html


def test_capacity_is_worded_in_classes_and_time_in_periods(client, lesson, today):
    slot = LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=30), capacity=2)
    BookingFactory(lesson=lesson, slot=slot, classes=1)
    html = client.get(lesson.url).content.decode()
    assert "あと1クラス（全2クラス）" in html
    assert "コマ" not in html[html.index("<main") :]
