"""The private links in the e-mails: a teacher's booking, a registrant's registration.

Opened as a person opens them (a new browser, from the link in the mail), and used: every
POST from these pages must pass Django's CSRF check in a real Chromium, which sends
`Origin: null` if the page asks for no referrer at all.
"""

import json
import re
import urllib.parse

from playwright.sync_api import expect

from .support import assert_accessible

PREPARE_BOOKING = """
import datetime, json
from django.utils import timezone
from outreach.bookings import place_booking
from outreach.models import LessonPage, LessonSlot
lesson = LessonPage.objects.get(slug="bridge-inspection")
day = timezone.localdate() + datetime.timedelta(days=lesson.min_notice_days + 30)
slot = LessonSlot.objects.create(lesson=lesson, date=day, start_time=datetime.time(10, 45), capacity=1)
booking, created = place_booking(lesson, {{
    "slot": slot.pk, "delivery_mode": "visit", "school_name": "{school}",
    "school_type": "elementary", "prefecture": "13", "city": "千代田区", "address": "霞が関1-2-3",
    "teacher_name": "リンク 先生", "email": "{email}", "phone": "03-1234-5678", "grade": "e4",
    "classes": 1, "pupils": 30, "notes": "", "submission_key": "{school}",
}})
print(json.dumps({{"reference": booking.reference}}))
"""

PREPARE_REGISTRATION = """
import json
from events import registrations
from events.models import EventPage
workshop = EventPage.objects.get(slug="upcoming-bridge-inspection-workshop")
event = EventPage.objects.filter(slug="{slug}").first() or workshop.copy(
    update_attrs={{"slug": "{slug}", "title": "リンクの試験講座（{device}）", "capacity": 30}},
    keep_live=True,
)
registration, created = registrations.register(event, {{
    "name": "リンク 花子", "affiliation": "", "email": "{email}", "participant_type": "citizen",
    "number_of_people": 1, "notes": "", "join_waiting_list": False, "submission_key": "{slug}",
}}, links=registrations.Links(event))
print(json.dumps({{"reference": registration.reference}}))
"""


def link_in_mail(live_site, address, pattern):
    """The path of the private link in the last e-mail to `address`."""
    mails = [mail for mail in live_site.sent_mail() if address in mail.to]
    assert mails, f"no e-mail to {address}"
    url = re.search(pattern, mails[-1].body).group(0)
    return urllib.parse.urlsplit(url).path


def assert_private_headers(response):
    headers = response.headers
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-robots-tag"] == "noindex, nofollow"
    assert "no-store" in headers["cache-control"] and "private" in headers["cache-control"]


def test_teacher_saves_notes_and_cancels_from_the_link_in_the_mail(page, live_site, device):
    school, email = f"リンク区立第一小学校{device}", f"link-teacher-{device}@example.jp"
    prepared = json.loads(live_site.shell(PREPARE_BOOKING.format(school=school, email=email)))
    path = link_in_mail(live_site, email, r"https?://\S+/lesson-bookings/\S+/")

    response = page.goto(path)
    assert_private_headers(response)
    expect(page.get_by_role("heading", level=1)).to_have_text("お申込み内容")
    expect(page.get_by_text(prepared["reference"]).first).to_be_visible()

    page.get_by_role("textbox", name="連絡事項").fill(
        "体育館で実施したいです。プロジェクターあり。"
    )
    page.get_by_role("button", name="連絡事項を保存する").click()
    expect(page.get_by_role("status")).to_contain_text("連絡事項を変更しました")
    expect(page.get_by_role("main")).to_contain_text("プロジェクターあり")
    assert_accessible(page)

    page.get_by_role("link", name="取り消しの手続きへ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("お申込みの取り消し")
    page.get_by_role("button", name="取り消す").click()
    expect(page.get_by_role("status")).to_contain_text("お申込みを取り消しました")
    expect(page.locator(".badge")).to_have_text("キャンセル")
    assert page.locator('meta[name="referrer"]').count() == 0
    assert_accessible(page)


def test_registrant_cancels_from_the_link_in_the_mail(page, live_site, device):
    slug, email = f"browser-private-link-{device}", f"link-registrant-{device}@example.jp"
    prepared = json.loads(
        live_site.shell(PREPARE_REGISTRATION.format(slug=slug, device=device, email=email))
    )
    path = link_in_mail(live_site, email, r"https?://\S+/event-registrations/\S+/")
    assert "token=" not in path

    response = page.goto(path)
    assert_private_headers(response)
    expect(page.get_by_role("heading", level=1)).to_have_text("お申し込みの確認")
    expect(page.get_by_text(prepared["reference"]).first).to_be_visible()

    page.get_by_role("checkbox", name="この申込みをキャンセルします").check()
    page.get_by_role("button", name="お申し込みをキャンセルする").click()
    expect(page.get_by_role("status")).to_contain_text("キャンセルされています")
    assert urllib.parse.urlsplit(page.url).path == path
    assert_accessible(page)


def test_an_old_link_with_the_key_in_the_query_string_still_works(page, live_site, device):
    slug, email = f"browser-old-link-{device}", f"link-old-{device}@example.jp"
    live_site.shell(PREPARE_REGISTRATION.format(slug=slug, device=device, email=email))
    path = link_in_mail(live_site, email, r"https?://\S+/event-registrations/\S+/")
    token = path.rstrip("/").rsplit("/", 1)[1]

    page.goto(f"/events/{slug}/registration/?token={token}")
    assert urllib.parse.urlsplit(page.url).path == path
    expect(page.get_by_role("heading", level=1)).to_have_text("お申し込みの確認")
