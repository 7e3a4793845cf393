"""The vocabulary of the lesson catalogue and its bookings, shared by the models, the
filters, the forms and the booking service (outreach/bookings.py)."""

from django.db import models


class Grade(models.TextChoices):
    E1 = "e1", "小1"
    E2 = "e2", "小2"
    E3 = "e3", "小3"
    E4 = "e4", "小4"
    E5 = "e5", "小5"
    E6 = "e6", "小6"
    JUNIOR_HIGH = "jh", "中学"
    HIGH = "hs", "高校"


# How people also write a grade, so that 「4年生」 finds the lessons for 小4 (site search).
GRADE_SEARCH_WORDS = {
    **{f"e{year}": f"小学{year}年生 {year}年生 小学生" for year in range(1, 7)},
    "jh": "中学生",
    "hs": "高校生",
}


class Subject(models.TextChoices):
    SOCIAL = "social", "社会"
    SCIENCE = "science", "理科"
    INTEGRATED = "integrated", "総合的な学習の時間"
    LIFE = "life", "生活"
    MATH = "math", "算数・数学"
    TECHNOLOGY = "technology", "技術・家庭"
    ART = "art", "図画工作・美術"
    CAREER = "career", "特別活動・キャリア教育"


class Preparation(models.TextChoices):
    CLASSROOM = "classroom", "教室"
    HALL = "hall", "体育館・多目的室"
    PROJECTOR = "projector", "プロジェクター・スクリーン"
    OUTDOOR = "outdoor", "校庭など屋外のスペース"
    INTERNET = "internet", "インターネット接続"
    POWER = "power", "電源"


class BookingMode(models.TextChoices):
    SLOTS = "slots", "公開した日時枠から選んでもらう"
    REQUEST = "request", "希望日を出してもらう"


class DeliveryMode(models.TextChoices):
    VISIT = "visit", "学校を訪問"
    ONLINE = "online", "オンライン"


class PreferredPeriod(models.TextChoices):
    """When in the school day a lesson booked by preferred dates should start."""

    PERIOD_1 = "p1", "1校時から"
    PERIOD_2 = "p2", "2校時から"
    PERIOD_3 = "p3", "3校時から"
    PERIOD_4 = "p4", "4校時から"
    PERIOD_5 = "p5", "5校時から"
    MORNING = "am", "午前中（校時はおまかせ）"
    AFTERNOON = "pm", "午後（校時はおまかせ）"
    ANY = "any", "時間帯はおまかせ"


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", "申込み受付"
    CONFIRMED = "confirmed", "実施決定"
    DECLINED = "declined", "お断り"
    DELIVERED = "delivered", "実施済み"
    REPORTED = "reported", "報告済み"
    CANCELLED = "cancelled", "キャンセル"


class SchoolType(models.TextChoices):
    ELEMENTARY = "elementary", "小学校"
    JUNIOR_HIGH = "junior_high", "中学校"
    COMPULSORY = "compulsory", "義務教育学校"
    HIGH = "high", "高等学校"
    SECONDARY = "secondary", "中等教育学校"
    SPECIAL_NEEDS = "special_needs", "特別支援学校"
    OTHER = "other", "その他"
