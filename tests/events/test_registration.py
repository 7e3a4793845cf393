import datetime
import re
from unittest import mock

import pytest
from django.core import mail
from django.core import signing as django_signing
from icalendar import Calendar

from events.models import Registration
from tests.events.factories import EventPageFactory, RegistrationFactory, jst
from tests.events.factories import registration_form_data as form_data
from tests.factories import ForumFactory, StandardPageFactory
from website.forms import HONEYPOT_FIELD
from website.models import SiteSettings


def registration_event(parent, **kwargs):
    defaults = {
        "title": "橋の点検ワークショップ",
        "registration_mode": "site",
        "capacity": 20,
        "attendance": "hybrid",
        "online_url": "https://example.jp/meeting-room/",
        "online_url_visibility": "participants",
    }
    return EventPageFactory(parent=parent, **{**defaults, **kwargs})


def register_url(event):
    return f"/events/{event.slug}/register/"


def post(client, event, **overrides):
    return client.post(register_url(event), form_data(**overrides))


def field_errors(response, name):
    return response.context["form"].errors.get(name, [])


@pytest.mark.django_db
def test_registration_form_asks_what_the_editor_chose(client, event_index, home_page):
    privacy = StandardPageFactory(parent=home_page, slug="privacy", title="プライバシーポリシー")
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.privacy_policy_page = privacy
    site_settings.save()
    event = registration_event(event_index)
    response = client.get(register_url(event))
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("氏名", "所属", "メールアドレス", "区分", "参加人数", "連絡事項"):
        assert f">{label}<" in html
    for participant_type in ("自治体", "企業", "学術", "市民", "学生"):
        assert participant_type in html
    assert 'href="/privacy/"' in html and "プライバシーポリシーに同意します" in html
    assert HONEYPOT_FIELD in html
    assert 'name="submission_key"' in html
    assert "no-store" in response["Cache-Control"]

    event.ask_affiliation = event.ask_notes = event.ask_number_of_people = False
    event.ask_participant_type = False
    event.save()
    html = client.get(register_url(event)).content.decode()
    for label in ("所属", "区分", "参加人数", "連絡事項"):
        assert f">{label}<" not in html
    response = client.post(
        register_url(event),
        {"name": "山田 太郎", "email": "t@example.jp", "consent": "on", "submission_key": "k"},
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.number_of_people, registration.participant_type) == (1, "")


@pytest.mark.django_db
def test_event_page_invites_registration_and_shows_places_left(client, event_index):
    event = registration_event(event_index, capacity=5)
    RegistrationFactory(event=event, number_of_people=2)
    html = client.get(event.url).content.decode()
    assert "残り3名分の席があります。" in html
    assert f'href="{register_url(event)}"' in html


@pytest.mark.django_db
def test_register_redirects_when_the_event_does_not_take_registrations_here(client, event_index):
    event = EventPageFactory(parent=event_index, registration_mode="none")
    response = client.get(register_url(event))
    assert response.status_code == 302 and response["Location"] == event.url


@pytest.mark.django_db
def test_happy_path_stores_redirects_and_mails_after_commit(
    client, event_index, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level("INFO", logger="sankaku")
    event = registration_event(event_index)
    contact = SiteSettings.for_site(event.get_site())
    contact.email = "info@jimukyoku.example.jp"
    contact.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = post(client, event)
    assert mail.outbox == []  # nothing leaves before the registration is committed
    for callback in callbacks:
        callback()

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert (registration.name, registration.affiliation, registration.email) == (
        "山田 太郎",
        "墨田区 道路公園課",
        "taro.yamada@example.jp",
    )
    assert registration.participant_type == "municipality"
    assert registration.number_of_people == 2
    assert registration.notes == "車いすで参加します。"
    assert registration.consented_at is not None
    # The key is in the path, not in a query string that proxies and analytics record.
    assert re.fullmatch(r"/event-registrations/[^/?]+/", response["Location"])

    # PRG: the page after the redirect confirms, with the meeting URL for registrants.
    confirmation = client.get(response["Location"])
    html = confirmation.content.decode()
    assert "お申し込みを受け付けました。参加が確定しています。" in html
    assert registration.reference in html
    assert "専用のリンクです。ほかの人には知らせないでください。" in html
    assert "https://example.jp/meeting-room/" in html
    assert confirmation["Referrer-Policy"] == "same-origin"

    to_registrant, to_staff = mail.outbox
    assert to_registrant.to == ["taro.yamada@example.jp"]
    assert to_registrant.subject == "【参加申込み受付】橋の点検ワークショップ"
    assert "山田 太郎 様" in to_registrant.body
    assert "https://example.jp/meeting-room/" in to_registrant.body
    assert "ほかの人に知らせないでください。" in to_registrant.body
    # The secretariat's contact, as the lessons' e-mails give it (from the site settings).
    assert "メール：info@jimukyoku.example.jp" in to_registrant.body
    status_link = re.search(r"http://testserver/event-registrations/[^/?\s]+/", to_registrant.body)[
        0
    ]
    assert client.get(status_link).status_code == 200
    ((filename, content, mimetype),) = to_registrant.attachments
    assert (filename, mimetype) == ("event.ics", "text/calendar")
    (vevent,) = Calendar.from_ical(content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "橋の点検ワークショップ"
    assert "https://example.jp/meeting-room/" in str(vevent["DESCRIPTION"])

    assert to_staff.to == ["secretariat@example.jp"]
    assert registration.reference in to_staff.subject
    # Staff are told that something happened, never who: personal data stays in the admin.
    for personal in ("山田", "taro.yamada@example.jp", "墨田区 道路公園課", "車いす"):
        assert personal not in to_staff.body and personal not in to_staff.subject
    assert "参加確定：2名（定員 20名）" in to_staff.body

    # The log names the registration by reference only.
    assert registration.reference in caplog.text
    assert "山田" not in caplog.text and "taro.yamada" not in caplog.text


@pytest.mark.django_db
def test_full_width_input_is_accepted(client, event_index):
    event = registration_event(event_index)
    response = post(client, event, email="ＴＡＲＯ＠ＥＸＡＭＰＬＥ．ＪＰ", number_of_people="３")
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.email, registration.number_of_people) == ("taro@example.jp", 3)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_mail_server_never_loses_the_registration(client, settings, caplog, home_page):
    from tests.events.factories import EventIndexPageFactory

    settings.EMAIL_BACKEND = "tests.website.test_forms.BrokenBackend"
    event = registration_event(EventIndexPageFactory(parent=home_page))
    response = post(client, event)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.reference in caplog.text
    assert "taro.yamada@example.jp" not in caplog.text and "山田" not in caplog.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "氏名を入力してください。"),
        ({"name": "　"}, "name", "氏名を入力してください。"),
        ({"email": ""}, "email", "メールアドレスを入力してください。"),
        ({"email": "taro.example.jp"}, "email", "name@example.jp の形で"),
        ({"email": "taro@"}, "email", "name@example.jp の形で"),
        ({"participant_type": None}, "participant_type", "区分を選んでください。"),
        ({"participant_type": "alien"}, "participant_type", "区分は、一覧にあるものから"),
        ({"number_of_people": "0"}, "number_of_people", "1名以上の人数を入力してください。"),
        ({"number_of_people": "11"}, "number_of_people", "一度に申し込めるのは10名までです。"),
        ({"number_of_people": "二人"}, "number_of_people", "人数を数字で入力してください。"),
        ({"consent": None}, "consent", "お申し込みには、プライバシーポリシーへの同意が必要です。"),
        ({"notes": "あ" * 1001}, "notes", "連絡事項は1000文字以内で入力してください"),
        (
            {"submission_key": None},
            "submission_key",
            "フォームを読み込み直してから、もう一度お申し込みください。",
        ),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_stores_nothing(
    client, event_index, overrides, field, message
):
    event = registration_event(event_index)
    response = post(client, event, **overrides)
    assert response.status_code == 200
    errors = field_errors(response, field)
    assert errors and message in errors[0], errors
    html = response.content.decode()
    assert "入力内容を確認してください" in html
    assert f'id="id_{field}_error"' in html or field == "submission_key"
    assert Registration.objects.count() == 0
    assert mail.outbox == []
    if field != "name":
        assert 'value="山田 太郎"' in html  # what was typed is kept


@pytest.mark.django_db
def test_more_people_than_places_left(client, event_index):
    event = registration_event(event_index, capacity=5)
    RegistrationFactory(event=event, number_of_people=3)
    response = post(client, event, number_of_people="3")
    assert response.status_code == 200
    assert field_errors(response, "number_of_people") == [
        "残りの席は2名分です。人数を2名以下にしてください。"
    ]
    assert Registration.objects.count() == 1
    assert post(client, event, number_of_people="2").status_code == 302
    assert event.places_taken() == 5


@pytest.mark.django_db
def test_full_event_says_so_and_stores_nothing_without_a_waiting_list(client, event_index):
    event = registration_event(event_index, capacity=2)
    RegistrationFactory(event=event, number_of_people=2)
    html = client.get(event.url).content.decode()
    assert "満席" in html
    page = client.get(register_url(event)).content.decode()
    assert "満席のため、お申し込みを受け付けられませんでした。" in page
    assert "<form" not in page.split('id="main"')[1].split("</main>")[0].replace(
        'role="search"', ""
    )
    response = post(client, event, number_of_people="1")
    assert response.status_code == 200
    assert "満席のため、お申し込みを受け付けられませんでした。" in response.content.decode()
    assert Registration.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("event_fields", "now", "message"),
    [
        (
            {"registration_closes_at": jst(2031, 9, 1, 17, 0)},
            jst(2031, 9, 1, 17, 0),
            "お申し込みの受付は終了しました。",
        ),
        ({}, jst(2031, 9, 15, 13, 0), "お申し込みの受付は終了しました。"),  # closes at the start
        (
            {"registration_opens_at": jst(2031, 8, 1, 10, 0)},
            jst(2031, 8, 1, 9, 59),
            "お申し込みの受付は2031年8月1日（金） 10:00からです。",
        ),
        (
            {"status": "cancelled"},
            jst(2031, 8, 1),
            "中止となったため、お申し込みを受け付けていません。",
        ),
        (
            {"status": "postponed"},
            jst(2031, 8, 1),
            "延期となったため、お申し込みを受け付けていません。",
        ),
    ],
)
def test_closed_registration_is_refused(client, event_index, event_fields, now, message):
    event = registration_event(
        event_index, start=jst(2031, 9, 15, 13, 0), end=jst(2031, 9, 15, 17, 0), **event_fields
    )
    with mock.patch("django.utils.timezone.now", return_value=now):
        response = post(client, event)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_registration_is_open_just_before_the_deadline(client, event_index):
    event = registration_event(
        event_index,
        start=jst(2031, 9, 15, 13, 0),
        end=jst(2031, 9, 15, 17, 0),
        registration_closes_at=jst(2031, 9, 1, 17, 0),
    )
    with mock.patch("django.utils.timezone.now", return_value=jst(2031, 9, 1, 16, 59, 59)):
        assert post(client, event).status_code == 302


@pytest.mark.django_db
def test_a_repeated_submission_keeps_one_registration(client, event_index):
    event = registration_event(event_index)
    first = post(client, event)
    again = post(client, event)  # the same form sent twice (double click, reload)
    assert first.status_code == again.status_code == 302
    assert Registration.objects.count() == 1
    # Both answers lead to the page of that one registration.
    registration = Registration.objects.get()
    for response in (first, again):
        assert registration.reference in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_the_same_address_cannot_register_twice_and_the_form_does_not_say_so(
    client, event_index, django_capture_on_commit_callbacks
):
    """A repeated address is answered as any registration is ("sent, see your e-mail"), so
    the form reveals no one's registration; the address's owner is e-mailed what they have."""
    event = registration_event(event_index)
    assert post(client, event).status_code == 302
    registration = Registration.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client, event, submission_key="another-form", email="Taro.Yamada@example.jp"
        )
    assert response.status_code == 302
    assert response["Location"] == f"/events/{event.slug}/register/sent/"
    page = client.get(response["Location"]).content.decode()
    assert "お申し込みを受け付けました。" in page
    assert "すでに" not in page and registration.reference not in page
    assert Registration.objects.count() == 1
    [reminder] = [m for m in mail.outbox if "taro.yamada@example.jp" in m.to]
    assert "お申し込み済み" in reminder.subject
    assert registration.reference in reminder.body
    assert "/event-registrations/" in reminder.body


@pytest.mark.django_db
def test_honeypot_stores_nothing_and_sends_nothing(client, event_index):
    event = registration_event(event_index)
    response = post(client, event, **{HONEYPOT_FIELD: "http://spam.example/"})
    assert response.status_code == 302
    assert Registration.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_rate_limit_per_ip(client, event_index, settings):
    settings.SUBMISSION_RATE_LIMITS = {
        **settings.SUBMISSION_RATE_LIMITS,
        "events.registration": (2, 3600),
    }
    event = registration_event(event_index, capacity=None)

    def send(key, address="198.51.100.7", **overrides):
        data = form_data(email=f"{key}@example.jp", submission_key=key, **overrides)
        return client.post(register_url(event), data, REMOTE_ADDR=address)

    # A form with mistakes is answered with what to correct and uses up nothing: the people
    # of one school or office often share an address.
    for number in range(5):
        mistaken = send(f"m{number}", number_of_people="0")
        assert mistaken.status_code == 200
        assert field_errors(mistaken, "number_of_people")
    for number in range(2):
        assert send(f"p{number}").status_code == 302
    response = send("p99")
    assert response.status_code == 429
    assert "しばらく時間をおいてから" in response.content.decode()
    assert 'value="p99@example.jp"' in response.content.decode()
    assert Registration.objects.count() == 2
    # Over the limit, mistakes are still answered with what to correct.
    mistaken = send("m99", number_of_people="0")
    assert mistaken.status_code == 200
    assert field_errors(mistaken, "number_of_people")
    assert send("other", address="198.51.100.8").status_code == 302


# --- waiting list and cancellation ----------------------------------------------------


@pytest.mark.django_db
def test_full_event_offers_the_waiting_list(
    client, event_index, django_capture_on_commit_callbacks
):
    event = registration_event(event_index, capacity=2, waiting_list_enabled=True)
    RegistrationFactory(event=event, number_of_people=2)
    page = client.get(register_url(event)).content.decode()
    assert "キャンセル待ちとしてお申し込みいただけます。" in page
    assert "キャンセル待ちに申し込む" in page

    # Without asking for the waiting list, nothing is stored and it is offered.
    response = post(client, event, number_of_people="1")
    assert "満席のため" in response.content.decode()
    assert Registration.objects.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, event, number_of_people="1", join_waiting_list="on")
    assert response.status_code == 302
    waiting = Registration.objects.get(email="taro.yamada@example.jp")
    assert waiting.status == Registration.Status.WAITING
    assert (
        "キャンセル待ちとして受け付けました。" in client.get(response["Location"]).content.decode()
    )
    assert mail.outbox[0].subject == "【キャンセル待ち受付】橋の点検ワークショップ"
    assert mail.outbox[0].attachments == []
    assert "https://example.jp/meeting-room/" not in mail.outbox[0].body
    assert event.places_taken() == 2


def status_url(event, registration):
    return f"/event-registrations/{registration.make_token()}/"


@pytest.mark.django_db
def test_cancellation_by_link_promotes_the_first_waiting_registrant(
    client, event_index, django_capture_on_commit_callbacks
):
    event = registration_event(event_index, capacity=3, waiting_list_enabled=True)
    leaving = RegistrationFactory(event=event, number_of_people=2, email="leaving@example.jp")
    RegistrationFactory(event=event, number_of_people=1)
    first = RegistrationFactory(
        event=event,
        status="waiting",
        number_of_people=2,
        email="first@example.jp",
        created_at=jst(2021, 1, 1, 10),
    )
    second = RegistrationFactory(
        event=event,
        status="waiting",
        number_of_people=1,
        email="second@example.jp",
        created_at=jst(2021, 1, 1, 11),
    )
    url = status_url(event, leaving)
    page = client.get(url)
    assert "キャンセルする" in page.content.decode()

    # The box must be ticked: nothing happens by accident.
    assert client.post(url, {}).status_code == 200
    leaving.refresh_from_db()
    assert leaving.status == Registration.Status.CONFIRMED

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302 and response["Location"] == url
    assert "このお申し込みはキャンセルされています。" in client.get(url).content.decode()
    leaving.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert leaving.status == Registration.Status.CANCELLED and leaving.cancelled_at
    assert first.status == Registration.Status.CONFIRMED and first.promoted_at
    assert second.status == Registration.Status.WAITING  # 2 places freed, both taken
    assert event.places_taken() == 3

    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert (
        by_recipient[("leaving@example.jp",)].subject == "【キャンセル受付】橋の点検ワークショップ"
    )
    promoted = by_recipient[("first@example.jp",)]
    assert promoted.subject == "【参加確定のお知らせ】橋の点検ワークショップ"
    assert promoted.attachments[0][0] == "event.ics"
    assert ("second@example.jp",) not in by_recipient

    # Cancelling again changes nothing.
    client.post(url, {"confirm": "on"})
    assert event.places_taken() == 3


@pytest.mark.django_db
def test_the_head_of_the_waiting_list_is_not_skipped(client, event_index):
    event = registration_event(event_index, capacity=2, waiting_list_enabled=True)
    leaving = RegistrationFactory(event=event, number_of_people=1)
    RegistrationFactory(event=event, number_of_people=1)
    head = RegistrationFactory(
        event=event, status="waiting", number_of_people=3, created_at=jst(2021, 1, 1)
    )
    small = RegistrationFactory(
        event=event, status="waiting", number_of_people=1, created_at=jst(2021, 1, 2)
    )
    client.post(status_url(event, leaving), {"confirm": "on"})
    head.refresh_from_db()
    small.refresh_from_db()
    assert (head.status, small.status) == ("waiting", "waiting")
    # And a newcomer cannot take the free place ahead of the queue.
    response = post(client, event, number_of_people="1")
    assert "満席のため" in response.content.decode()


@pytest.mark.django_db
def test_cancellation_is_refused_once_the_event_has_started(client, event_index):
    event = registration_event(event_index, start=jst(2031, 9, 15, 13), end=jst(2031, 9, 15, 15))
    registration = RegistrationFactory(event=event)
    with mock.patch("django.utils.timezone.now", return_value=jst(2031, 9, 15, 13)):
        html = client.get(status_url(event, registration)).content.decode()
        assert "イベントが始まったため" in html
        client.post(status_url(event, registration), {"confirm": "on"})
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


@pytest.mark.django_db
def test_tampered_token_is_refused(client, event_index):
    event = registration_event(event_index)
    registration = RegistrationFactory(event=event)
    token = registration.make_token()
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    # Under this event's old address, another event's link is no good either.
    other_event = RegistrationFactory(
        event=registration_event(event_index, slug="other")
    ).make_token()
    for bad in (tampered, "", "abc", other_event):
        urls = [f"/events/{event.slug}/registration/?token={bad}"]
        if bad and bad != other_event:
            urls.append(f"/event-registrations/{bad}/")
        for url in urls:
            response = client.get(url)
            assert response.status_code == 404
            assert "このリンクは使えません" in response.content.decode()
            assert registration.reference not in response.content.decode()
            client.post(url, {"confirm": "on"})
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


@pytest.mark.django_db
def test_expired_token_is_refused(client, event_index, settings):
    max_age = settings.PRIVATE_LINK_DAYS * 24 * 60 * 60
    event = registration_event(event_index)
    registration = RegistrationFactory(event=event)
    issued = datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC).timestamp()
    with mock.patch.object(django_signing.time, "time", return_value=issued):
        token = registration.make_token()
    url = f"/event-registrations/{token}/"
    with mock.patch.object(django_signing.time, "time", return_value=issued + max_age - 60):
        assert client.get(url).status_code == 200
    with mock.patch.object(django_signing.time, "time", return_value=issued + max_age + 60):
        response = client.get(url)
        assert response.status_code == 410
        assert "有効期限が切れています" in response.content.decode()
        client.post(url, {"confirm": "on"})
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


@pytest.mark.django_db
def test_publishing_more_places_moves_the_waiting_list_up(
    event_index, django_capture_on_commit_callbacks
):
    event = registration_event(event_index, capacity=2, waiting_list_enabled=True)
    event.save_revision().publish()
    RegistrationFactory(event=event, number_of_people=2)
    waiting = RegistrationFactory(event=event, status="waiting", email="next@example.jp")
    event.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    (promoted,) = [message for message in mail.outbox if message.to == ["next@example.jp"]]
    assert promoted.subject == "【参加確定のお知らせ】橋の点検ワークショップ"
    assert "http://testserver/events/" in promoted.body  # on SITE_URL, even without a request


@pytest.mark.django_db
def test_a_registration_with_errors_says_so_in_its_title_and_starts_with_the_summary(
    client, event_index
):
    event = registration_event(event_index)
    html = post(client, event, name="").content.decode()
    assert f"<title>入力エラー：参加申込み：{event.title}｜" in html
    main = html[html.index("<main") :]
    assert main.index('id="error-summary"') < main.index("<h1")
    assert '<a href="#id_name">氏名を入力してください。</a>' in main
    assert "入力エラー" not in client.get(register_url(event)).content.decode()


@pytest.mark.django_db
def test_the_summary_links_a_radio_group_to_its_first_choice_which_names_the_error(
    client, event_index
):
    event = registration_event(event_index)
    html = post(client, event, participant_type="").content.decode()
    # A group has no one label: the link goes to its first radio button, not to "#".
    assert re.search(r'<a href="#id_participant_type_0">[^<]*区分', html)
    assert 'id="id_participant_type_0"' in html
    assert 'href="#"' not in html[html.index('id="error-summary"') :]
    fieldset = re.search(r"<fieldset[^>]*>\s*<legend>区分", html).group(0)
    assert 'aria-describedby="id_participant_type_error"' in fieldset


@pytest.mark.django_db
def test_the_organising_forums_editors_hear_of_a_registration_without_personal_data(
    client, event_index, django_capture_on_commit_callbacks, django_user_model
):
    organiser, other = ForumFactory(), ForumFactory()
    for username, forum, active in [
        ("organiser", organiser, True),
        ("away", organiser, False),
        ("elsewhere", other, True),
    ]:
        user = django_user_model.objects.create_user(
            username=username, email=f"{username}@example.jp", is_active=active
        )
        user.groups.add(forum.editor_group)
    event = registration_event(event_index, forum=organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(event), form_data())
    assert response.status_code == 302

    (to_staff,) = [message for message in mail.outbox if "新しい参加申込み" in message.subject]
    assert to_staff.to == ["secretariat@example.jp", "organiser@example.jp"]
    for personal in ("山田", "taro.yamada@example.jp"):
        assert personal not in to_staff.body and personal not in to_staff.subject
