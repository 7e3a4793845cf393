"""What the hostile-input suite attacks: every public URL with parameters and every public form.

To cover a new app, add entries here; nothing else changes.

URL templates hold `{value}` where the hostile value goes (it replaces every occurrence)
and may use names that the target's `prepare(site)` returns (e.g. `{news_index}`)::

    UrlTarget("news list", "{news_index}?page={value}&forum={value}&year={value}",
              prepare=lambda site: {"news_index": NewsIndexPage.objects.get().url})

Form targets describe one valid submission; the suite replaces each field in turn with
hostile values and checks nothing was stored (`stored` counts what the form creates: rows,
sessions, e-mails; the suite checks that the valid submission does add one)::

    FormTarget(
        "lesson booking",
        url=lambda site: make_lesson(site).url,                  # where the form is POSTed
        valid_data=lambda site: {"school_name": "千代田区立小学校", ...},
        stored=lambda: Booking.objects.count(),
    )

`site` is a `HostileSite`: the home page, an about page, a forum, a password-protected page
and an editor account; `prepare`, `url` and `valid_data` may create more content from it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.sessions.models import Session
from django.core import mail


@dataclass
class HostileSite:
    home: object
    about: object
    forum: object
    private_page: object
    restriction: object
    editor: object


@dataclass
class UrlTarget:
    name: str
    template: str
    prepare: Callable[[HostileSite], dict] = field(default=lambda site: {})

    def url(self, site, value):
        return self.template.format(**{**self.prepare(site), "value": value})


@dataclass
class FormTarget:
    name: str
    url: Callable[[HostileSite], str]
    valid_data: Callable[[HostileSite], dict]
    # How many things the form has created so far: a valid submission adds one, a refused
    # one none.
    stored: Callable[[], int]
    # A valid submission answers with one of these (a redirect, or the page again).
    expected_valid_status: tuple = (200, 302)
    # Fields whose hostile values are cleaned up rather than refused (e.g. a return URL):
    # the submission may succeed, but must stay on this site.
    tolerant_fields: tuple = ()
    # A form that takes no CSRF token on purpose (kept whole in the page cache, and what it
    # stores does nothing until confirmed from the e-mail it sends): a forged POST may only
    # store what a real visitor's would, pending.
    csrf_exempt: bool = False


URL_TARGETS = [
    UrlTarget("home page query", "/?page={value}&q={value}"),
    UrlTarget("standard page query", "/about/?page={value}&utm_source={value}"),
    UrlTarget("page slug", "/{value}/"),
    UrlTarget("nested page slug", "/about/{value}/"),
    UrlTarget("search", "/search/?q={value}&page={value}"),
    UrlTarget("search, repeated parameters", "/search/?q={value}&q={value}&page={value}&page=2"),
    UrlTarget("forum index", "/forums/?kind={value}&page={value}"),
    UrlTarget("forum slug", "/forums/{value}/"),
    UrlTarget(
        "forum page query", "/forums/{forum}/?page={value}", lambda s: {"forum": s.forum.slug}
    ),
    UrlTarget("sitemap", "/sitemap.xml?p={value}&section={value}"),
    UrlTarget("robots.txt", "/robots.txt?{value}={value}"),
    UrlTarget("favicon", "/favicon.ico?v={value}"),
    UrlTarget("document", "/documents/{value}/{value}.pdf"),
    UrlTarget("private page return_url", "/_util/authenticate_with_password/{value}/{value}/"),
    UrlTarget("admin login next", "/admin/login/?next={value}"),
]


def _content(site):
    """One index and one item of every content app under the hostile site's home page."""
    from casestudies.models import CaseStudyIndexPage
    from events.models import EventIndexPage
    from kpi.models import KpiDashboardPage
    from news.models import NewsIndexPage
    from outreach.models import LessonIndexPage
    from tests.casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
    from tests.events.factories import EventIndexPageFactory, EventPageFactory
    from tests.kpi.factories import KpiDashboardPageFactory
    from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
    from tests.outreach.factories import LessonIndexPageFactory, LessonPageFactory

    if not NewsIndexPage.objects.exists():
        news_index = NewsIndexPageFactory(parent=site.home)
        NewsPageFactory(parent=news_index, forum=site.forum, slug="hostile-news")
        cases = CaseStudyIndexPageFactory(parent=site.home)
        CaseStudyPageFactory(parent=cases, slug="hostile-case")
        events = EventIndexPageFactory(parent=site.home)
        # Takes registrations on this site: the registration form target must be able to store.
        EventPageFactory(
            parent=events,
            forum=site.forum,
            slug="hostile-event",
            registration_mode="site",
            capacity=1000,
        )
        lessons = LessonIndexPageFactory(parent=site.home)
        LessonPageFactory(parent=lessons, slug="hostile-lesson")
        KpiDashboardPageFactory(parent=site.home)
    return {
        "news": NewsIndexPage.objects.get().url,
        "cases": CaseStudyIndexPage.objects.get().url,
        "events": EventIndexPage.objects.get().url,
        "lessons": LessonIndexPage.objects.get().url,
        "kpi": KpiDashboardPage.objects.get().url,
        "forum": site.forum.slug,
    }


URL_TARGETS += [
    UrlTarget(
        "news list filters",
        "{news}?page={value}&forum={value}&category={value}&year={value}",
        _content,
    ),
    UrlTarget("news item slug", "{news}{value}/", _content),
    UrlTarget("news feeds", "{news}feed/{value}/rss/", _content),
    UrlTarget(
        "case-study facets",
        "{cases}?area={value}&kind={value}&form={value}&model={value}&page={value}",
        _content,
    ),
    UrlTarget(
        "event list filters",
        "{events}?kind={value}&forum={value}&month={value}&attendance={value}&page={value}",
        _content,
    ),
    UrlTarget("past events", "{events}past/?page={value}&month={value}", _content),
    UrlTarget("event calendar", "{events}calendar/?month={value}&forum={value}", _content),
    UrlTarget("event feed", "{events}feed/{value}/", _content),
    UrlTarget(
        "event registration link (old form)",
        "{events}hostile-event/registration/?token={value}",
        _content,
    ),
    UrlTarget(
        "event registration link",
        "/event-registrations/{value}/",
        _content,
    ),
    UrlTarget("event ics", "{events}hostile-event/ical/?v={value}", _content),
    UrlTarget(
        "lesson catalogue filters",
        "{lessons}?grade={value}&subject={value}&area={value}&mode={value}&page={value}",
        _content,
    ),
    UrlTarget("lesson booking form", "{lessons}hostile-lesson/book/?slot={value}", _content),
    UrlTarget("teacher's private link", "/lesson-bookings/{value}/", _content),
    UrlTarget("KPI dashboard", "{kpi}?year={value}&page={value}", _content),
    UrlTarget("KPI CSV", "{kpi}csv/?year={value}", _content),
]


def _matching(site):
    """The needs and seeds pages: one published need and seed, an open survey."""
    import datetime

    from matching.models import MatchingIndexPage
    from tests.matching.factories import NeedFactory, NeedsSurveyFactory, SeedFactory

    if not MatchingIndexPage.objects.exists():
        index = MatchingIndexPage(title="ニーズ・シーズ", slug="matching")
        site.home.add_child(instance=index)
        NeedFactory(forum=site.forum)
        SeedFactory()
        today = datetime.date.today()
        NeedsSurveyFactory(
            forum=site.forum,
            opens_on=today - datetime.timedelta(days=1),
            closes_on=today + datetime.timedelta(days=30),
        )
    return {"matching": MatchingIndexPage.objects.get().url}


URL_TARGETS += [
    UrlTarget(
        "needs list filters",
        "{matching}needs/?field={value}&prefecture={value}&forum={value}&stage={value}"
        "&page={value}",
        _matching,
    ),
    UrlTarget("seeds list filters", "{matching}seeds/?field={value}&page={value}", _matching),
    UrlTarget("need number", "{matching}needs/{value}/", _matching),
    UrlTarget("seed number", "{matching}seeds/{value}/", _matching),
    UrlTarget("needs survey number", "{matching}surveys/{value}/", _matching),
    UrlTarget("seed owners' edit link", "/member-account/seeds/{value}/edit/", _matching),
]


def _password_form_url(site):
    return f"/_util/authenticate_with_password/{site.restriction.pk}/{site.private_page.pk}/"


def _sessions():
    return Session.objects.count()


def _sent_mail():
    """A password reset writes nothing to the database: what it creates is the e-mail with its
    token link."""
    return len(mail.outbox)


FORM_TARGETS = [
    FormTarget(
        "page password",
        url=_password_form_url,
        valid_data=lambda site: {"password": "kaigi-2022", "return_url": site.private_page.url},
        stored=_sessions,
        expected_valid_status=(302,),
        tolerant_fields=("return_url",),
    ),
    FormTarget(
        "admin login",
        url=lambda site: "/admin/login/",
        valid_data=lambda site: {"username": "editor", "password": "correct-horse-battery"},
        stored=_sessions,
        expected_valid_status=(302,),
    ),
    FormTarget(
        "admin password reset",
        url=lambda site: "/admin/password_reset/",
        valid_data=lambda site: {"email": "editor@example.jp"},
        stored=_sent_mail,
        expected_valid_status=(302,),
    ),
]


def _registrations():
    from events.models import Registration

    return Registration.objects.count()


def _bookings():
    from outreach.models import Booking

    return Booking.objects.count()


def _registration_data(**overrides):
    from tests.events.factories import registration_form_data

    return registration_form_data(**overrides)


def _booking_data(**overrides):
    from tests.outreach.factories import booking_data

    return booking_data(**overrides)


def _open_lesson_slot(site):
    from outreach.models import LessonPage, LessonSlot
    from tests.outreach.factories import LessonSlotFactory

    _content(site)
    lesson = LessonPage.objects.get(slug="hostile-lesson")
    return LessonSlot.objects.filter(lesson=lesson).first() or LessonSlotFactory(lesson=lesson)


FORM_TARGETS += [
    FormTarget(
        "event registration",
        url=lambda site: f"{_content(site)['events']}hostile-event/register/",
        valid_data=lambda site: _registration_data(submission_key="hostile-form-key"),
        stored=_registrations,
        expected_valid_status=(302,),
        # Free text: any words are a valid name, affiliation or note (and are escaped on
        # output); a repeated submission key is the same registration, not a new one; and the
        # consent box: as in HTML, a checkbox sent with any value is ticked.
        tolerant_fields=("name", "affiliation", "notes", "submission_key", "consent"),
    ),
    FormTarget(
        "lesson booking",
        url=lambda site: f"{_content(site)['lessons']}hostile-lesson/book/",
        valid_data=lambda site: _booking_data(slot=str(_open_lesson_slot(site).pk)),
        stored=_bookings,
        expected_valid_status=(302,),
        # Free text, the consent box (as in HTML, a checkbox sent with any value is ticked),
        # and the period of a preferred date, which a lesson booked by its dates never reads.
        tolerant_fields=(
            "preferred_period",
            "school_name",
            "city",
            "address",
            "teacher_name",
            "accessibility_needs",
            "notes",
            "privacy_consent",
            "submission_key",
        ),
    ),
]


def _subscribers():
    from mailings.models import Subscriber

    return Subscriber.objects.count()


URL_TARGETS += [
    UrlTarget("mail archive", "/mail/?page={value}"),
    UrlTarget("mail issue", "/mail/{value}/"),
    UrlTarget("mail feed", "/mail/feed/?{value}={value}"),
    UrlTarget("mail subscribe prefill", "/mail/subscribe/?topic={value}&forum={value}"),
    UrlTarget("mail confirmation link", "/mail/confirm/{value}/"),
    UrlTarget("mail preferences link", "/mail/preferences/{value}/"),
    UrlTarget("mail unsubscribe link", "/mail/unsubscribe/{value}/"),
]

FORM_TARGETS += [
    FormTarget(
        "mail subscription",
        url=lambda site: "/mail/subscribe/",
        valid_data=lambda site: {
            "email": "hostile-reader@example.jp",
            "topics": "news",
            "forums": site.forum.slug,
            "prefecture": "13",
            "consent": "on",
        },
        stored=_subscribers,
        expected_valid_status=(302,),
        # The consent box (any value ticks it, as in HTML) and the region, which may be left
        # unchosen.
        tolerant_fields=("consent", "prefecture"),
        csrf_exempt=True,
    ),
]

# Content types Django cannot read a request by: an RFC 2231 charset that names no encoding
# (Django's request set-up raised before any middleware), and form bodies declared in a
# charset other than UTF-8 (its 400 became a 500 in the CSRF check of the error view).
UNKNOWN_CHARSET_CONTENT_TYPE = "text/plain; charset*=BOGUS''x"
NON_UTF8_FORM_CHARSETS = ["shift_jis", "cp932", "euc-jp", "iso-2022-jp", "utf-16", "latin-1"]

# Status codes a hostile request may get: never a 5xx.
ACCEPTABLE_STATUS = {200, 301, 302, 400, 403, 404, 405, 429}

# Fixed hostile values, used as they are (already URL-safe) or percent-encoded.
RAW_URL_VALUES = [
    "%FF",  # invalid UTF-8
    "%C0%AF",  # overlong encoding of "/"
    "%E3%81",  # truncated multi-byte character
    "%00",
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "%0d%0aSet-Cookie:%20x=1",  # header injection
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    # "¹²": str.isdigit() says yes, int() says no (found by Hypothesis on ?slot=). In a form
    # it is fine: NFKC makes it "12", as it does full-width digits.
    "%C2%B9%C2%B2",
]
HOSTILE_TEXT = [
    "",
    " ",
    "abc",
    "-1",
    "0",
    "1.5",
    "1e309",
    "NaN",
    "99999999999999999999999999999999",
    "２０２２",
    "9" * 5000,  # longer than int() converts
    "99-99",
    "2022-13-45",
    "[]",
    "{}",
    "null",
    "' OR '1'='1",
    "1; DROP TABLE wagtailcore_page; --",
    '" OR 1=1 --',
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "\x00",
    "\u202e\u0000\ufeff",
    "𠮷野家🍣",
    "ｱｲｳ",
    "x" * 5000,
    "https://evil.example/",
    "//evil.example/",
]
