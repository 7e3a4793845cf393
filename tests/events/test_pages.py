import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import EventIndexPage, EventKind, EventPage, EventReportPhoto
from tests.events.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    jst,
    workshop_kind,
)
from tests.factories import ForumFactory, ImageFactory, StandardPageFactory, make_home_page
from website.models import HomePage


class EventPageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home_page()
        cls.index = EventIndexPageFactory(parent=cls.home)
        cls.forum = ForumFactory(slug="kinki", name="近畿本部フォーラム")

    def setUp(self):
        self.login()

    def test_index_sits_under_home_once_and_holds_only_events(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())
        self.assertCanCreateAt(EventIndexPage, EventPage)
        self.assertCanCreateAt(HomePage, EventIndexPage)
        # max_count = 1: there is one event index, which the feeds and sections rely on.
        assert not EventIndexPage.can_create_at(self.home)

    def test_index_and_event_render(self):
        event = EventPageFactory(parent=self.index, forum=self.forum)
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(event)

    def test_editor_creates_an_event_with_programme_and_report_photos(self):
        kind = workshop_kind()
        data = nested_form_data(
            {
                "title": "橋の点検ワークショップ",
                "slug": "bridge-workshop",
                "kind": kind.pk,
                "forum": self.forum.pk,
                "start": "2021-09-15 13:00",
                "end": "2021-09-15 17:00",
                "status": "scheduled",
                "attendance": "hybrid",
                "venue_name": "事務局会議室",
                "online_url_visibility": "participants",
                "fee": "無料",
                "summary": "官民の若手技術者がチームで課題に取り組みます。",
                "body": streamfield(
                    [
                        (
                            "programme",
                            {
                                "heading": "プログラム",
                                "items": streamfield(
                                    [
                                        (
                                            "item",
                                            {
                                                "time": "13:00〜13:10",
                                                "title": "開会",
                                                "speaker": "",
                                                "description": "",
                                            },
                                        )
                                    ]
                                ),
                            },
                        ),
                        ("paragraph", rich_text("<p>持ち物はありません。</p>")),
                    ]
                ),
                "registration_mode": "none",
                "held": "on",
                "participants": "32",
                "report": rich_text("<p>8チームが参加しました。</p>"),
                "report_photos": inline_formset(
                    [{"image": ImageFactory().pk, "caption": "グループ討議"}]
                ),
            }
        )
        self.assertCanCreate(self.index, EventPage, data)
        event = EventPage.objects.get(slug="bridge-workshop")
        assert event.start == jst(2021, 9, 15, 13, 0)
        assert event.held and event.participants == 32
        assert [block.block_type for block in event.body] == ["programme", "paragraph"]
        assert event.report_photos.count() == 1

    def test_end_before_start_is_refused_in_japanese(self):
        event = EventPageFactory.build(start=jst(2021, 9, 15, 13), end=jst(2021, 9, 15, 12))
        with pytest.raises(Exception) as raised:
            event.clean()
        assert "終了日時は開始日時より後にしてください。" in str(raised.value)

    def test_registration_cannot_close_after_the_event_is_over(self):
        late = EventPageFactory.build(
            start=jst(2027, 1, 16, 13),
            end=jst(2027, 1, 16, 16),
            registration_mode="site",
            registration_closes_at=jst(2027, 1, 20, 17),
        )
        with pytest.raises(ValidationError) as raised:
            late.clean()
        assert "締切はイベントの終了より前にしてください" in str(
            raised.value.message_dict["registration_closes_at"]
        )
        # Until the end is allowed (late arrivals at a seminar); an all-day event's last day too.
        EventPageFactory.build(
            start=jst(2027, 1, 16, 13),
            end=jst(2027, 1, 16, 16),
            registration_closes_at=jst(2027, 1, 16, 16),
        ).clean()
        EventPageFactory.build(
            all_day=True,
            start=jst(2027, 2, 3, 0),
            end=jst(2027, 2, 4, 0),
            registration_closes_at=jst(2027, 2, 4, 12),
        ).clean()

    def test_registration_must_open_before_the_event_starts(self):
        def event(opens, **fields):
            fields = {"start": jst(2027, 1, 16, 13), "end": jst(2027, 1, 16, 16), **fields}
            return EventPageFactory.build(
                registration_mode="site", registration_opens_at=opens, **fields
            )

        for too_late in (jst(2027, 1, 16, 13), jst(2027, 1, 16, 14)):
            with pytest.raises(ValidationError) as raised:
                event(too_late).clean()
            assert raised.value.message_dict["registration_opens_at"] == [
                "受付開始はイベントの開始より前にしてください。"
            ]
        event(jst(2027, 1, 16, 12, 59)).clean()
        # Japan time: 04:00 UTC is 13:00 in Japan, the start itself.
        utc = datetime.UTC
        with pytest.raises(ValidationError):
            event(datetime.datetime(2027, 1, 16, 4, 0, tzinfo=utc)).clean()
        event(datetime.datetime(2027, 1, 16, 3, 59, tzinfo=utc)).clean()
        # An all-day event starts at midnight on its first day.
        all_day = {"all_day": True, "start": jst(2027, 2, 3, 10), "end": jst(2027, 2, 4, 0)}
        with pytest.raises(ValidationError):
            event(jst(2027, 2, 3, 0), **all_day).clean()
        event(jst(2027, 2, 2, 23, 59), **all_day).clean()

    def test_cannot_mark_a_future_or_cancelled_event_held(self):
        future = EventPageFactory.build(held=True)
        with pytest.raises(Exception) as raised:
            future.clean()
        assert "開始日時より前に「開催済み」にはできません。" in str(raised.value)
        cancelled = EventPageFactory.build(
            held=True,
            status="cancelled",
            start=jst(2021, 9, 15, 13),
            end=jst(2021, 9, 15, 15),
        )
        with pytest.raises(Exception) as raised:
            cancelled.clean()
        assert "中止したイベントは「開催済み」にできません。" in str(raised.value)

    def test_external_registration_needs_a_url(self):
        event = EventPageFactory.build(registration_mode="external")
        with pytest.raises(Exception) as raised:
            event.clean()
        assert "申込みページのURLを入力してください。" in str(raised.value)


@pytest.mark.django_db
def test_event_kinds_of_the_plan_exist_each_mapped_to_a_kpi_activity():
    expected = {
        "ワークショップ講座": "workshop",
        "ピッチイベント": "pitch_event",
        "マッチングイベント": "matching_event",
        "シンポジウム・セミナー・講演会": "seminar",
        "実証実験・現場試行": "field_trial",
        "よろず相談": "consultation",
        "市民参画イベント": "citizen_event",
        "フォーラム": "forum_meeting",
    }
    # Loaded by a data migration, so a new site has them before any demo content.
    assert dict(EventKind.objects.values_list("name", "activity_kind")) == expected


@pytest.mark.django_db
def test_all_day_events_run_until_the_midnight_after_their_last_day(event_index):
    event = EventPageFactory(
        parent=event_index,
        all_day=True,
        start=jst(2021, 8, 4, 15, 30),
        end=jst(2021, 8, 5, 9, 0),
    )
    assert event.start == jst(2021, 8, 4)
    assert event.end == jst(2021, 8, 5)
    assert event.finishes_at == jst(2021, 8, 6)
    assert (event.start_date, event.last_date) == (
        datetime.date(2021, 8, 4),
        datetime.date(2021, 8, 5),
    )
    assert event.period_display == "2021年8月4日（水）〜8月5日（木）"
    # Saving again (the admin shows the stored values) changes nothing.
    event.save()
    assert (event.start, event.end) == (jst(2021, 8, 4), jst(2021, 8, 5))


@pytest.mark.django_db
def test_period_is_shown_in_japan_time(event_index):
    # 04:00 UTC is 13:00 in Japan; 15:30 UTC the next day is 00:30 JST two days later.
    event = EventPageFactory(
        parent=event_index,
        start=datetime.datetime(2021, 7, 1, 4, 0, tzinfo=datetime.UTC),
        end=datetime.datetime(2021, 7, 2, 8, 0, tzinfo=datetime.UTC),
    )
    assert event.period_display == "2021年7月1日（木） 13:00〜7月2日（金） 17:00"


@pytest.mark.django_db
def test_event_page_shows_facts_map_link_and_ics_link(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        title="近畿本部フォーラム2021",
        attendance="hybrid",
        venue_name="ハナミズキホール",
        venue_address="大阪府大阪市鶴見区緑地公園2-163",
        online_url="https://example.jp/secret-room/",
        online_url_visibility="participants",
        audience="どなたでも",
        fee="無料",
    )
    html = client.get(event.url).content.decode()
    assert "近畿本部フォーラム2021" in html
    assert "ハナミズキホール" in html
    assert "https://www.google.com/maps/search/?api=1&amp;query=%E5%A4%A7%E9%98%AA" in html
    assert "WEB併用（会場とオンライン）" in html
    assert "https://example.jp/secret-room/" not in html  # only registrants get it
    assert f'href="{event.url}ical/"' in html
    assert "どなたでも" in html and "無料" in html


@pytest.mark.django_db
def test_a_postponed_events_first_date_is_struck_through_and_offers_no_calendar_file(
    client, event_index
):
    event = EventPageFactory(
        parent=event_index,
        title="よろず相談会（福岡）",
        start=datetime.datetime(2026, 12, 26, 4, 0, tzinfo=datetime.UTC),
        end=datetime.datetime(2026, 12, 26, 7, 0, tzinfo=datetime.UTC),
        status=EventPage.Status.POSTPONED,
        status_note="新しい日程は決まり次第お知らせします。",
    )
    struck = re.compile(
        r'<span class="visually-hidden">当初の予定：</span><del><time [^>]*>'
        r"2026年12月26日（土） 13:00〜16:00</time></del>（延期）"
    )
    page = client.get(event.url).content.decode()
    assert struck.search(page) and "新しい日程は決まり次第お知らせします。" in page
    assert f'href="{event.url}ical/"' not in page  # it would put the old date in a diary
    listing = client.get(event_index.url).content.decode()
    assert struck.search(listing)
    calendar = client.get(f"{event_index.url}calendar/?month=2026-12").content.decode()
    assert re.search(
        r'<li class="is-postponed"><a [^>]*>13:00 【延期】よろず相談会（福岡）', calendar
    )


@pytest.mark.django_db
def test_public_online_url_is_shown(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        attendance="online",
        online_url="https://example.jp/live/",
        online_url_visibility="public",
    )
    assert "https://example.jp/live/" in client.get(event.url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("registration_mode", "said"),
    [
        ("site", "参加URLは、お申し込みいただいた方にメールでお知らせします。"),
        ("external", "参加URLは、お申し込みいただいた方にお知らせします。"),
        # Nobody registers: the link cannot be sent to registrants.
        ("none", "参加URLは、開催が近づいたらこのページでお知らせします。"),
    ],
)
def test_a_private_online_link_is_promised_the_way_people_take_part(
    client, event_index, registration_mode, said
):
    event = EventPageFactory(
        parent=event_index,
        attendance="online",
        online_url="https://example.jp/secret-room/",
        online_url_visibility="participants",
        registration_mode=registration_mode,
        capacity=30 if registration_mode == "site" else None,
        external_registration_url=(
            "https://example.jp/form/" if registration_mode == "external" else ""
        ),
    )
    html = client.get(event.url).content.decode()
    assert said in html and "secret-room" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "text", "schema"),
    [
        ("cancelled", "このイベントは中止になりました。", "EventCancelled"),
        ("postponed", "このイベントは延期になりました。", "EventPostponed"),
    ],
)
def test_cancelled_and_postponed_events_say_so_on_the_page(
    client, event_index, status, text, schema
):
    event = EventPageFactory(
        parent=event_index, status=status, status_note="会場の都合によります。"
    )
    html = client.get(event.url).content.decode()
    assert text in html
    assert "会場の都合によります。" in html
    assert f"https://schema.org/{schema}" in html


@pytest.mark.django_db
def test_held_event_shows_its_report_with_photos(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        start=jst(2021, 9, 15, 13),
        end=jst(2021, 9, 15, 17),
        held=True,
        participants=32,
        report="<p>8チームが課題に取り組みました。</p>",
    )
    EventReportPhoto.objects.create(
        page=event, image=ImageFactory(description="討議の様子"), caption="グループ討議"
    )
    html = client.get(event.url).content.decode()
    assert "開催報告" in html
    assert "参加者数：<strong>32名</strong>" in html
    assert "8チームが課題に取り組みました。" in html
    assert "グループ討議" in html and 'alt="討議の様子"' in html
    assert "開催済み" in html


@pytest.mark.django_db
def test_report_is_not_shown_before_the_event_is_marked_held(client, event_index):
    event = EventPageFactory(parent=event_index, report="<p>下書きの報告</p>")
    html = client.get(event.url).content.decode()
    assert "下書きの報告" not in html
    assert "開催報告" not in html


def _json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match[1])


@pytest.mark.django_db
def test_json_ld_describes_the_event(client, event_index):
    forum = ForumFactory(slug="kyushu", name="九州フォーラム")
    event = EventPageFactory(
        parent=event_index,
        title="ピッチイベント in 福岡 </script><b>",
        forum=forum,
        start=jst(2031, 10, 26, 13, 30),
        end=jst(2031, 10, 26, 16, 30),
        attendance="hybrid",
        venue_name="福岡国際会議場",
        venue_address="福岡県福岡市博多区石城町2-1",
        image=ImageFactory(),
    )
    html = client.get(event.url).content.decode()
    assert "</script><b>" not in html.split("application/ld+json")[1].split("</script>")[0]
    data = _json_ld(html)
    assert data["@type"] == "Event"
    assert data["name"] == "ピッチイベント in 福岡 </script><b>"
    assert data["startDate"] == "2031-10-26T13:30:00+09:00"
    assert data["endDate"] == "2031-10-26T16:30:00+09:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert place["@type"] == "Place" and place["name"] == "福岡国際会議場"
    assert place["address"]["streetAddress"] == "福岡県福岡市博多区石城町2-1"
    assert virtual == {"@type": "VirtualLocation", "url": f"http://testserver{event.url}"}
    assert data["organizer"]["name"] == "九州フォーラム"
    assert data["image"][0].startswith("http://testserver/")
    assert data["isAccessibleForFree"] is True


@pytest.mark.django_db
def test_json_ld_of_an_all_day_online_event(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        all_day=True,
        start=jst(2031, 11, 3),
        end=jst(2031, 11, 7),
        attendance="online",
        online_url="https://example.jp/agora/",
        online_url_visibility="public",
        fee="1,000円",
    )
    data = _json_ld(client.get(event.url).content.decode())
    assert (data["startDate"], data["endDate"]) == ("2031-11-03", "2031-11-07")
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://example.jp/agora/"}
    assert data["isAccessibleForFree"] is False and "offers" not in data


@pytest.mark.django_db
def test_unpublished_and_private_events_are_not_served_or_listed(client, event_index, home_page):
    public = EventPageFactory(parent=event_index, title="公開のイベント")
    month = public.start_date.strftime("%Y-%m")
    draft = EventPageFactory(parent=event_index, title="下書きのイベント", live=False)
    private = EventPageFactory(parent=event_index, title="限定公開のイベント")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

    for url in ("/events/", f"/events/calendar/?month={month}", "/events/feed/", "/"):
        html = client.get(url).content.decode()
        assert public.title in html, url
        assert draft.title not in html, url
        assert private.title not in html, url
    assert client.get(f"/events/{draft.slug}/").status_code == 404
    assert client.get(f"/events/{private.slug}/ical/").status_code == 200
    assert "限定公開のイベント" not in client.get(f"/events/{private.slug}/ical/").content.decode()
    forum_html = client.get(public.forum.get_absolute_url()).content.decode()
    assert public.title in forum_html


@pytest.mark.django_db
def test_events_under_a_private_index_are_never_listed(client, event_index, home_page):
    EventPageFactory(parent=event_index, title="非公開の一覧のイベント")
    PageViewRestriction.objects.create(page=event_index, restriction_type="password", password="x")
    assert "非公開の一覧のイベント" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_copying_an_event_does_not_copy_its_report(event_index):
    event = EventPageFactory(
        parent=event_index,
        start=jst(2021, 9, 15, 13),
        end=jst(2021, 9, 15, 17),
        held=True,
        participants=30,
        report="<p>報告</p>",
    )
    copy = event.copy(update_attrs={"slug": "copy", "title": "次回"}).specific
    assert (copy.held, copy.participants, copy.report) == (False, None, "")


@pytest.mark.django_db
def test_an_unsaved_event_can_be_previewed_with_registration_open():
    event = EventPageFactory.build(registration_mode="site", capacity=5)
    assert event.places_left() == 5


@pytest.mark.django_db
def test_admin_edit_form_has_tabs_for_registration_and_report(admin_client, event_index):
    event = EventPageFactory(parent=event_index)
    html = admin_client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    for tab in ("内容", "参加申込み", "開催報告"):
        assert tab in html
    for field in ("registration_mode", "capacity", "waiting_list_enabled", "held", "participants"):
        assert f'name="{field}"' in html


@pytest.mark.django_db
def test_site_search_finds_events_but_never_registrants(client, event_index):
    from tests.events.factories import RegistrationFactory

    event = EventPageFactory(
        parent=event_index, title="橋の点検ワークショップ", venue_name="ハナミズキホール"
    )
    RegistrationFactory(event=event, name="検索太郎", email="kensaku@example.jp")
    assert EventPage.search_section == "イベント"
    assert event.search_date == event.start
    found = client.get("/search/", {"q": "ハナミズキホール"}).content.decode()
    assert "橋の点検ワークショップ" in found
    for query in ("検索太郎", "kensaku@example.jp"):
        assert list(client.get("/search/", {"q": query}).context["page_obj"]) == []


@pytest.mark.django_db
def test_the_registration_forms_privacy_link_says_it_opens_a_new_tab(
    client, event_index, home_page
):
    from website.models import SiteSettings

    privacy = StandardPageFactory(parent=home_page, slug="privacy", title="プライバシーポリシー")
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.privacy_policy_page = privacy
    site_settings.save()
    event = EventPageFactory(parent=event_index, registration_mode="site")
    html = client.get(f"{event.url}register/").content.decode()
    # As the lessons' booking form says it.
    assert (
        '<a href="/privacy/" target="_blank" rel="noopener">'
        "プライバシーポリシー（新しいタブで開きます）</a>"
    ) in html
    assert "新しいウィンドウ" not in html
