"""An issue as e-mail: the sections of its body, the HTML (tables, inline styles, absolute
image URLs with alt text) and plain-text parts, and each recipient's own links.

The parts are rendered once per batch with placeholders for the links; each recipient's
message only has its links put in (``personalise``), so 10,000 messages cost 10,000 string
replacements, not 10,000 template renderings.
"""

from dataclasses import asdict, dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from website.addresses import absolute_url
from website.dates import format_date, japan_date

from . import sources, tokens

PREFERENCES = "%%MAILINGS_PREFERENCES_URL%%"
UNSUBSCRIBE = "%%MAILINGS_UNSUBSCRIBE_URL%%"
MAIL_IMAGE_SPEC = "width-560|format-jpeg"


@dataclass
class Parts:
    subject: str
    text: str
    html: str


def previous_issue_start(issue, before=None):
    """When the last issue sent (before `before`, if given) started: where "new since the last
    issue" begins."""
    previous = type(issue).objects.sent().exclude(pk=issue.pk).filter(started_at__isnull=False)
    if before is not None:
        previous = previous.filter(started_at__lt=before)
    return previous.order_by("-started_at").values_list("started_at", flat=True).first()


def build_sections(issue, since=None, until=None):
    """The body as plain data: [{"type": "paragraph", "text"}, {"type": "items", "heading",
    "items": [...]}, {"type": "image", "url", "alt", "caption"}].

    The automatic blocks hold what there was at `until`, the moment the issue is sent (now if
    not given): news published from `since` up to then, events not over by then
    (mailings/sources.py)."""
    until = until or timezone.now()
    # Without importing the model: mailings.models imports this module.
    earlier_issues = (
        type(issue).objects.exclude(pk=issue.pk).filter(started_at__lt=until).only("content")
    )
    sections = []
    for block in issue.body:
        value = block.value
        kind = getattr(block.block, "kind", "")
        if block.block_type == "paragraph":
            sections.append({"type": "paragraph", "text": str(value)})
        elif kind:
            found = sources.items(
                kind,
                since=since,
                until=until,
                forum_ids=[forum.pk for forum in value["forums"] if forum is not None],
                limit=value["limit"],
                earlier_issues=earlier_issues,
            )
            sections.append(
                {"type": "items", "heading": value["heading"], "items": [asdict(i) for i in found]}
            )
        elif block.block_type == "pages":
            found = [sources.page_item(page) for page in value["pages"] if page is not None]
            sections.append(
                {"type": "items", "heading": value["heading"], "items": [asdict(i) for i in found]}
            )
        elif block.block_type == "image" and value["image"] is not None:
            image = value["image"]
            rendition = image.get_rendition(MAIL_IMAGE_SPEC)
            sections.append(
                {
                    "type": "image",
                    "url": absolute_url(rendition.url),
                    "width": rendition.width,
                    "height": rendition.height,
                    "alt": value["alt"] or image.description or "",
                    "caption": value["caption"] or "",
                }
            )
    return sections


def issue_sections(issue):
    """What was sent, or (a draft) what would be sent now."""
    if issue.content:
        return issue.content
    since = issue.items_since or previous_issue_start(issue)
    return build_sections(issue, since=since)


def render_issue(issue, sections=None):
    sections = issue_sections(issue) if sections is None else sections
    context = {
        "issue": issue,
        "subject": issue.subject,
        "sections": sections,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": absolute_url("/"),
        "archive_url": archive_url(issue),
        "preferences_url": PREFERENCES,
        "unsubscribe_url": UNSUBSCRIBE,
        "date": format_date(japan_date(issue.started_at)) if issue.started_at else "",
    }
    return Parts(
        subject=subject_line(issue),
        text=render_to_string("mailings/emails/issue.txt", context),
        html=render_to_string("mailings/emails/issue.html", context),
    )


def subject_line(issue):
    return f"［インフラメンテナンス国民会議］{issue.subject}"


def archive_url(issue):
    return (
        absolute_url(issue.get_absolute_url())
        if issue.number
        else absolute_url(reverse("mailings:archive"))
    )


def links_for(subscriber):
    return {
        PREFERENCES: absolute_url(
            reverse("mailings:preferences", args=[tokens.preferences_token(subscriber)])
        ),
        UNSUBSCRIBE: absolute_url(
            reverse("mailings:unsubscribe", args=[tokens.preferences_token(subscriber)])
        ),
    }


def sample_links():
    """The links of a preview or a test send: the subscription page, not anyone's own."""
    url = absolute_url(reverse("mailings:subscribe"))
    return {PREFERENCES: url, UNSUBSCRIBE: url}


def personalise(text, links, *, html=False):
    for placeholder, url in links.items():
        text = text.replace(placeholder, escape(url) if html else url)
    return text
