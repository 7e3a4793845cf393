"""Demo content for school visit lessons: the catalogue, four lessons, slots, bookings.

Idempotent: pages are found by slug, slots are only added to a lesson that has none, and
bookings are found by lesson and school. Slots are placed in the months after the day the
demo is loaded; the delivered bookings are in FY2021 (令和3年度), the plan's year, so the
KPI dashboard counts them. Teachers and schools are fictional.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import GroupPagePermission
from wagtail.search import index

from website.dates import JAPAN, japan_today
from website.demo import ADMIN_PASSWORD, demo_image
from website.models import Forum, Prefecture

from .models import (
    Booking,
    BookingMode,
    BookingStatus,
    DeliveryMode,
    Grade,
    LessonIndexPage,
    LessonPage,
    LessonPagePhoto,
    LessonSlot,
    PreferredPeriod,
    Preparation,
    SchoolType,
    Subject,
)

STAFF_GROUP = "出前授業担当"
STAFF_USERNAME = "demae"

KANTO = ["08", "09", "10", "11", "12", "13", "14"]
CHUGOKU = ["31", "32", "33", "34", "35"]
KINKI = ["24", "25", "26", "27", "28", "29", "30"]


def step(minutes, title, description=""):
    return ("step", {"minutes": minutes, "title": title, "description": description})


def paragraph(html):
    return ("paragraph", html)


LESSONS = [
    {
        "slug": "bridge-inspection",
        "title": "橋の点検を体験しよう",
        "summary": (
            "点検ハンマーで橋の部材をたたき、音の違いから傷みを見つける「打音検査」を体験します。"
            "橋を長く使い続けるために、誰がどのように見守っているのかを学ぶ授業です。"
        ),
        "forum": "citizen-participation",
        "provider_name": "",
        "target_grades": [Grade.E4, Grade.E5, Grade.E6],
        "subjects": [Subject.SOCIAL, Subject.INTEGRATED, Subject.SCIENCE],
        "periods": 2,
        "max_pupils": 40,
        "prefectures": KANTO,
        "online_available": False,
        "preparations": [Preparation.CLASSROOM, Preparation.PROJECTOR, Preparation.OUTDOOR],
        "preparation_note": "校内のコンクリートの階段や側溝を点検の題材にします。",
        "booking_mode": BookingMode.SLOTS,
        "min_notice_days": 21,
        "one_booking_per_school_per_year": True,
        "body": [
            paragraph(
                "<p>日本には長さ2メートル以上の橋が約70万もあり、その多くが建設から50年を迎えます。"
                "授業では、実際に点検で使う道具にふれながら、橋を守る仕事の大切さを考えます。</p>"
            ),
            step(
                10,
                "橋のしくみを知ろう",
                "写真と模型で、橋がどのように重さを支えているかを学びます。",
            ),
            step(
                20,
                "打音検査を体験",
                "点検ハンマーで健全なブロックと傷んだブロックをたたき比べ、音の違いを聞き分けます。",
            ),
            step(
                30,
                "学校のまわりを点検",
                "グループに分かれ、校内の構造物のひび割れやさびを探して記録します。",
            ),
            step(
                20,
                "点検結果を発表",
                "見つけた傷みと、どうすれば長持ちするかをグループごとに発表します。",
            ),
            step(10, "ふりかえり", "橋を守る人の仕事と、自分たちにできることをまとめます。"),
        ],
    },
    {
        "slug": "road-patrol",
        "title": "道路パトロールの仕事",
        "summary": (
            "道路の穴やひび、落下物を見つけて直す「道路パトロール」の仕事を、"
            "パトロールカーの見学や工業高校生の活動紹介を通して学びます。"
        ),
        "forum": "chugoku",
        "provider_name": "",
        "target_grades": [Grade.E3, Grade.E4, Grade.E5, Grade.E6],
        "subjects": [Subject.SOCIAL, Subject.CAREER],
        "periods": 2,
        "max_pupils": 80,
        "prefectures": CHUGOKU,
        "online_available": True,
        "preparations": [Preparation.HALL, Preparation.PROJECTOR, Preparation.OUTDOOR],
        "preparation_note": "パトロールカーを校庭に入れられる場合は、事前にお知らせください。",
        "booking_mode": BookingMode.SLOTS,
        "min_notice_days": 14,
        "one_booking_per_school_per_year": False,
        "body": [
            paragraph(
                "<p>「ちゅうごく」フォーラムでは、工業高校の生徒が道路パトロールに同行し、"
                "点検の記録をまとめる活動を続けています。その経験をもとにした授業です。</p>"
            ),
            step(15, "毎日の道路を守る人たち", "道路パトロールの1日を、写真と動画で紹介します。"),
            step(
                30,
                "パトロールカーを見てみよう",
                "車に積んでいる道具や、点検のときの服装を見学します。",
            ),
            step(25, "危ないところを探そう", "通学路の写真から、直したほうがよい場所を探します。"),
            step(
                20,
                "高校生の活動紹介とふりかえり",
                "工業高校生の点検活動を聞き、将来の仕事について考えます。",
            ),
        ],
    },
    {
        "slug": "river-levee",
        "title": "川と堤防のしくみ",
        "summary": (
            "雨水が川に集まり、堤防がまちを守るしくみを、水槽の模型を使った実験で確かめます。"
            "堤防の点検や、大雨のときに命を守る行動も学びます。"
        ),
        "forum": "kinki",
        "provider_name": "近畿本部フォーラム 河川維持管理ワーキング",
        "target_grades": [Grade.E4, Grade.E5, Grade.E6, Grade.JUNIOR_HIGH],
        "subjects": [Subject.SCIENCE, Subject.SOCIAL, Subject.INTEGRATED],
        "periods": 2,
        "max_pupils": 40,
        "prefectures": KINKI,
        "online_available": True,
        "preparations": [Preparation.CLASSROOM, Preparation.PROJECTOR, Preparation.POWER],
        "preparation_note": "模型の実験で水を使います。水道の近くの教室だと助かります。",
        "booking_mode": BookingMode.REQUEST,
        "min_notice_days": 30,
        "one_booking_per_school_per_year": False,
        "body": [
            paragraph(
                "<p>川の点検・診断を効率よく行う技術は、国民会議のマッチングでも大きなテーマです。"
                "授業では、実験と身近な川の地図から、堤防の役割を考えます。</p>"
            ),
            step(
                10,
                "川はどこから来るの？",
                "学校の近くの川が、どこから流れてくるかを地図で確かめます。",
            ),
            step(
                30,
                "堤防の模型実験",
                "砂の堤防に水を流し、水がしみ出すようすや、壊れやすい場所を観察します。",
            ),
            step(
                25,
                "堤防を点検する仕事",
                "堤防のひび割れや動物の巣穴を見つける点検の方法を紹介します。",
            ),
            step(
                25,
                "大雨のときの行動",
                "ハザードマップを見ながら、自分の家からの避難のしかたを考えます。",
            ),
        ],
    },
    {
        "slug": "town-infrastructure",
        "title": "まちのインフラ探検",
        "summary": (
            "学校のまわりを歩いて、道路、橋、水道、下水道など、くらしを支えるインフラを探します。"
            "見つけたものを地図にまとめ、守っている人の仕事を考える授業です。"
        ),
        "forum": "citizen-participation",
        "provider_name": "",
        "target_grades": [Grade.E3, Grade.E4],
        "subjects": [Subject.SOCIAL, Subject.LIFE, Subject.INTEGRATED],
        "periods": 3,
        "max_pupils": 35,
        "prefectures": ["13"],
        "online_available": True,
        "preparations": [Preparation.CLASSROOM, Preparation.OUTDOOR],
        "preparation_note": "まち歩きの引率に、先生1名のご協力をお願いします。",
        "booking_mode": BookingMode.REQUEST,
        "min_notice_days": 21,
        "one_booking_per_school_per_year": True,
        "body": [
            paragraph(
                "<p>3年生の地域学習にあわせた授業です。オンラインの場合は、"
                "事前に学校周辺の写真をお送りいただき、教室で写真から探検します。</p>"
            ),
            step(
                15,
                "インフラってなんだろう",
                "水道の蛇口やマンホールの写真から、見えないインフラを想像します。",
            ),
            step(
                60,
                "まちを探検",
                "学校のまわりを歩き、マンホール、消火栓、橋、標識などを探して写真に撮ります。",
            ),
            step(
                30,
                "インフラ地図づくり",
                "見つけたものを地図にはり、どんな人が守っているかを話し合います。",
            ),
            step(
                30,
                "発表とふりかえり",
                "地図を発表し、インフラを大切に使うためにできることを考えます。",
            ),
        ],
    },
]

# Delivered lessons of FY2021, with fictional schools and teachers, for the KPIs.
PAST_BOOKINGS = [
    {
        "lesson": "bridge-inspection",
        "lesson_date": datetime.date(2021, 10, 15),
        "start_time": datetime.time(10, 45),
        "created_at": datetime.datetime(2021, 9, 6, 16, 20, tzinfo=JAPAN),
        "school_name": "八王子市立ひよどり台小学校",
        "prefecture": "13",
        "city": "八王子市",
        "address": "ひよどり台1-2-3",
        "teacher_name": "山田 花子",
        "email": "yamada.hanako@example.jp",
        "phone": "042-000-1234",
        "grade": Grade.E5,
        "classes": 2,
        "pupils": 62,
        "pupils_attended": 61,
        "status": BookingStatus.REPORTED,
        "report": "5年生2クラスが打音検査を体験。校内の側溝で見つけたひび割れを発表し合った。",
    },
    {
        "lesson": "road-patrol",
        "lesson_date": datetime.date(2021, 11, 18),
        "start_time": datetime.time(13, 30),
        "created_at": datetime.datetime(2021, 10, 1, 9, 5, tzinfo=JAPAN),
        "school_name": "東広島市立さくら丘小学校",
        "prefecture": "34",
        "city": "東広島市",
        "address": "さくら丘4-5",
        "teacher_name": "佐藤 健一",
        "email": "sato.kenichi@example.jp",
        "phone": "082-000-5678",
        "grade": Grade.E4,
        "classes": 1,
        "pupils": 31,
        "pupils_attended": 31,
        "status": BookingStatus.REPORTED,
        "report": "工業高校生2名が同行。パトロールカーの見学に児童が大喜びだった。",
    },
    {
        "lesson": "river-levee",
        "lesson_date": datetime.date(2022, 2, 8),
        "start_time": datetime.time(9, 50),
        "created_at": datetime.datetime(2021, 12, 10, 11, 40, tzinfo=JAPAN),
        "school_name": "枚方市立みずべ小学校",
        "prefecture": "27",
        "city": "枚方市",
        "address": "みずべ町2-8",
        "teacher_name": "中村 由美",
        "email": "nakamura.yumi@example.jp",
        "phone": "072-000-9012",
        "grade": Grade.E4,
        "classes": 3,
        "pupils": 95,
        "pupils_attended": 93,
        # Delivered but not yet reported: shows up in the KPI panel's incomplete records.
        "status": BookingStatus.DELIVERED,
        "report": "",
    },
]


def ensure_index(home):
    index = LessonIndexPage.objects.child_of(home).first()
    if index:
        return index
    index = LessonIndexPage(
        title="出前授業",
        slug="lessons",
        show_in_menus=True,
        introduction=(
            "インフラメンテナンス国民会議では、小学生を中心に、橋や道路、川などの身近なインフラと、"
            "それを守る仕事を学ぶ出前授業を行っています。費用は原則無料です。"
        ),
        how_to_book=(
            "<ol><li>授業を選び、日時枠か希望日を選んでお申し込みください。</li>"
            "<li>事務局と実施団体で調整し、実施が決まったらメールでお知らせします。</li>"
            "<li>当日は講師が学校へ伺います（オンラインの授業もあります）。</li>"
            "<li>授業のあと、簡単なアンケートにご協力ください。</li></ol>"
        ),
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def ensure_search_promotion(index):
    """検索のおすすめ for 「出前授業」: the lessons rarely repeat the word in their own text."""
    query = Query.get("出前授業")
    SearchPromotion.objects.get_or_create(
        query=query,
        page=index,
        defaults={
            "description": "授業の一覧です。学年や地域で探して、日程を選んでお申し込みいただけます。"
        },
    )


def ensure_lesson(index, spec):
    lesson = LessonPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if lesson:
        return lesson
    forum = Forum.objects.filter(slug=spec["forum"]).first()
    lesson = LessonPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        image=demo_image(f"出前授業「{spec['title']}」", alt=f"「{spec['title']}」のイメージ画像"),
        forum=forum,
        provider_name=spec["provider_name"],
        target_grades=spec["target_grades"],
        subjects=spec["subjects"],
        periods=spec["periods"],
        max_pupils=spec["max_pupils"],
        online_available=spec["online_available"],
        preparations=spec["preparations"],
        preparation_note=spec["preparation_note"],
        booking_mode=spec["booking_mode"],
        min_notice_days=spec["min_notice_days"],
        one_booking_per_school_per_year=spec["one_booking_per_school_per_year"],
        body=spec["body"],
    )
    lesson.prefectures = list(Prefecture.objects.filter(code__in=spec["prefectures"]))
    for number in (1, 2):
        lesson.photos.add(
            LessonPagePhoto(
                image=demo_image(
                    f"出前授業「{spec['title']}」の様子 {number}",
                    alt=f"「{spec['title']}」の授業の様子（イメージ）",
                ),
                caption=f"授業の様子（イメージ{number}）",
            )
        )
    index.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def is_school_holiday(day):
    """Weekends and the long school holidays (summer, winter, spring), roughly."""
    return (
        day.weekday() >= 5
        or day.month == 8
        or (day.month == 7 and day.day >= 21)
        or (day.month == 12 and day.day >= 24)
        or (day.month == 1 and day.day <= 7)
        or (day.month == 3 and day.day >= 24)
        or (day.month == 4 and day.day <= 7)
    )


def upcoming_school_days(today, count, first_after_days=30, every_days=16):
    days, day = [], today + datetime.timedelta(days=first_after_days)
    while len(days) < count:
        while is_school_holiday(day):
            day += datetime.timedelta(days=1)
        days.append(day)
        day += datetime.timedelta(days=every_days)
    return days


def ensure_slots(lesson, today):
    if not lesson.uses_slots or lesson.slots.exists():
        return 0
    times = [datetime.time(10, 45), datetime.time(13, 30)]
    slots = [
        LessonSlot(
            lesson=lesson,
            date=day,
            start_time=times[i % 2],
            periods=lesson.periods,
            capacity=2 if i == 0 else 1,
            note="同じ日に2クラスまで、続けて実施できます" if i == 0 else "",
        )
        for i, day in enumerate(upcoming_school_days(today, 6))
    ]
    LessonSlot.objects.bulk_create(slots)
    index.insert_or_update_object(lesson)  # bulk_create sends no signal; the page shows the notes
    return len(slots)


def ensure_past_bookings(lessons):
    created = 0
    for spec in PAST_BOOKINGS:
        lesson = lessons[spec["lesson"]]
        if Booking.objects.filter(lesson=lesson, school_name=spec["school_name"]).exists():
            continue
        values = {key: value for key, value in spec.items() if key != "lesson"}
        values["prefecture"] = Prefecture.objects.get(code=values["prefecture"])
        Booking.objects.create(
            lesson=lesson,
            school_type=SchoolType.ELEMENTARY,
            delivery_mode=DeliveryMode.VISIT,
            preferred_date_1=spec["lesson_date"],
            privacy_consented_at=spec["created_at"],
            status_changed_at=spec["created_at"],
            **values,
        )
        created += 1
    return created


def ensure_current_bookings(lessons, today):
    """A few requests in progress, so the admin list and calendar have something to show."""
    created = 0
    bridge, river = lessons["bridge-inspection"], lessons["river-levee"]
    first_slot = bridge.slots.order_by("date").first()
    current = [
        {
            "lesson": bridge,
            "slot": first_slot,
            "status": BookingStatus.CONFIRMED,
            "school_name": "川崎市立みなと坂小学校",
            "prefecture": "14",
            "city": "川崎市",
            "teacher_name": "高橋 美咲",
            "email": "takahashi.misaki@example.jp",
            "phone": "044-000-3456",
            "grade": Grade.E5,
            "classes": 1,
            "pupils": 34,
        },
        {
            "lesson": river,
            "slot": None,
            "status": BookingStatus.REQUESTED,
            "school_name": "奈良市立あおば小学校",
            "prefecture": "29",
            "city": "奈良市",
            "teacher_name": "伊藤 大輔",
            "email": "ito.daisuke@example.jp",
            "phone": "0742-00-7890",
            "grade": Grade.E4,
            "classes": 2,
            "pupils": 58,
            "preferred_date_1": today + datetime.timedelta(days=45),
            "preferred_date_2": today + datetime.timedelta(days=52),
            "preferred_period": PreferredPeriod.PERIOD_3,
        },
    ]
    for spec in current:
        if spec["lesson"].uses_slots and spec["slot"] is None:
            continue
        if Booking.objects.filter(lesson=spec["lesson"], school_name=spec["school_name"]).exists():
            continue
        values = dict(spec)
        values["prefecture"] = Prefecture.objects.get(code=values["prefecture"])
        values.setdefault("lesson_date", values.get("preferred_date_1"))
        Booking.objects.create(
            school_type=SchoolType.ELEMENTARY,
            address="1-1",
            privacy_consented_at=timezone.now(),
            status_changed_at=timezone.now(),
            notes="体育館が使えない日は教室で実施をお願いします。",
            **values,
        )
        created += 1
    return created


def ensure_staff_group(index):
    """The lesson staff may edit the catalogue as well as handle bookings."""
    group = Group.objects.get(name=STAFF_GROUP)
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user, created = get_user_model().objects.get_or_create(
        username=STAFF_USERNAME, defaults={"email": "demae@example.jp"}
    )
    if created:
        user.set_password(ADMIN_PASSWORD)
        user.save()
    user.groups.add(group)
    return group


def load(home, stdout=None):
    today = japan_today()
    index = ensure_index(home)
    lessons = {spec["slug"]: ensure_lesson(index, spec) for spec in LESSONS}
    slot_count = sum(ensure_slots(lesson, today) for lesson in lessons.values())
    past = ensure_past_bookings(lessons)
    current = ensure_current_bookings(lessons, today)
    ensure_staff_group(index)
    ensure_search_promotion(index)
    if stdout:
        stdout.write(
            f"出前授業 {len(lessons)} 件（日時枠 {slot_count} 件、申込み {past + current} 件を追加）を確認しました。"
            f"担当者ユーザー: {STAFF_USERNAME}"
        )
    return lessons
