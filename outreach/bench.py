"""A large data set for `make bench`: 50 lessons with slots, in a few seconds."""

import datetime

from website.dates import japan_today
from website.models import Forum, Prefecture

from .demo import ensure_index
from .models import BookingMode, Grade, LessonPage, LessonSlot, Subject

LESSON_COUNT = 50
SLOTS_PER_LESSON = 10
THEMES = ["橋", "トンネル", "道路", "堤防", "上下水道", "港", "砂防ダム", "歩道橋", "水門", "公園"]


def load(home, stdout=None):
    index = ensure_index(home)
    existing = LessonPage.objects.child_of(index).filter(slug__startswith="bench-").count()
    forums = list(Forum.objects.all()) or [None]
    prefectures = list(Prefecture.objects.all())
    today = japan_today()
    grade_values = Grade.values
    slots = []
    for number in range(existing + 1, LESSON_COUNT + 1):
        theme = THEMES[number % len(THEMES)]
        first_grade = number % 6
        lesson = LessonPage(
            title=f"{theme}のひみつを探ろう（第{number}回）",
            slug=f"bench-{number:03d}",
            summary=f"{theme}を長く使い続けるための点検と修繕の仕事を、体験を通して学ぶ授業です。",
            forum=forums[number % len(forums)],
            target_grades=grade_values[first_grade : first_grade + 3],
            subjects=[Subject.SOCIAL, Subject.INTEGRATED],
            periods=1 + number % 3,
            max_pupils=40,
            online_available=number % 3 == 0,
            booking_mode=BookingMode.SLOTS if number % 4 else BookingMode.REQUEST,
            min_notice_days=14,
        )
        lesson.prefectures = prefectures[number % 40 : number % 40 + 5]
        index.add_child(instance=lesson)
        if lesson.uses_slots:
            slots += [
                LessonSlot(
                    lesson=lesson,
                    date=today + datetime.timedelta(days=14 + 7 * week),
                    start_time=datetime.time(10, 45),
                    periods=lesson.periods,
                    capacity=1,
                )
                for week in range(SLOTS_PER_LESSON)
            ]
    LessonSlot.objects.bulk_create(slots)
    if stdout:
        stdout.write(
            f"ベンチマーク用の出前授業 {LESSON_COUNT - existing} 件、日時枠 {len(slots)} 件を作成しました。"
        )
