"""A large set of events for benchmarks (hook website_bench_data) and query-budget tests.

Wagtail pages are normally created one by one (tree paths, revisions, signals), which is
slow for hundreds. Here the tree rows are written in bulk: the wagtailcore_page rows with
bulk_create, then the events' own rows in batches, then the parent's child count.
"""

import datetime
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from website.dates import JAPAN, japan_date
from website.demo import demo_image
from website.models import Forum

from .demo import ensure_index
from .kpi_sync import sync_activity
from .models import EventKind, EventPage

BENCH_COUNT = 500
BATCH = 100

# name, address, prefecture code, municipality
VENUES = [
    ("大阪府立国際会議場", "大阪府大阪市北区中之島5-3-51", "27", "大阪市北区"),
    ("名古屋国際会議場", "愛知県名古屋市熱田区熱田西町1-1", "23", "名古屋市熱田区"),
    ("福岡国際会議場", "福岡県福岡市博多区石城町2-1", "40", "福岡市博多区"),
    ("仙台国際センター", "宮城県仙台市青葉区青葉山無番地", "04", "仙台市青葉区"),
    ("事務局会議室", "東京都千代田区霞が関2-1-3", "13", "千代田区"),
]
ATTENDANCE = ["in_person", "hybrid", "online", "in_person", "hybrid"]


def create_events(index, count, *, now=None, image=None, spread_days=1095, first_day_offset=-730):
    """Create `count` published events under `index`, spread over `spread_days` days.

    Returns the created events. No signals are sent and nothing is indexed: callers do
    what they need (see load()).
    """
    now = now or timezone.now()
    index = Page.objects.get(pk=index.pk)
    kinds = list(EventKind.objects.all()) or [None]
    forums = list(Forum.objects.all()) or [None]
    content_type = ContentType.objects.get_for_model(EventPage)
    last_child = index.get_last_child()
    first_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    today = japan_date(now)
    run = uuid.uuid4().hex[:6]

    events = []
    for number in range(count):
        day = today + datetime.timedelta(
            days=first_day_offset + number * spread_days // max(count, 1)
        )
        all_day = number % 9 == 0
        start = datetime.datetime(day.year, day.month, day.day, 13, 30, tzinfo=JAPAN)
        end = start + (
            datetime.timedelta(days=1) if number % 13 == 0 else datetime.timedelta(hours=3)
        )
        venue_name, venue_address, prefecture, municipality = VENUES[number % len(VENUES)]
        kind = kinds[number % len(kinds)]
        forum = forums[number % len(forums)]
        title = (
            f"{forum.name if forum else ''}{kind.name if kind else 'イベント'}（第{number + 1}回）"
        )
        slug = f"bench-{run}-{number + 1}"
        status = (
            "cancelled" if number % 25 == 0 else "postponed" if number % 31 == 0 else "scheduled"
        )
        is_past = start < now
        event = EventPage(
            title=title,
            draft_title=title,
            slug=slug,
            path=Page._get_path(index.path, index.depth + 1, first_step + number),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}{slug}/",
            content_type=content_type,
            locale_id=index.locale_id,
            translation_key=uuid.uuid4(),
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            kind=kind,
            forum=forum,
            start=start,
            end=end,
            all_day=all_day,
            status=status,
            summary=f"{title}の概要です。自治体・企業・市民が参加し、インフラメンテナンスの課題と技術について話し合います。",
            image=image if number % 3 == 0 else None,
            attendance=ATTENDANCE[number % len(ATTENDANCE)],
            venue_name=venue_name,
            venue_address=venue_address,
            prefecture_id=prefecture,
            municipality=municipality,
            audience="どなたでも",
            registration_mode="site" if number % 4 == 0 else "none",
            capacity=50 if number % 4 == 0 else None,
            held=is_past and status == "scheduled",
            participants=30 + number % 70 if is_past and status == "scheduled" else None,
            report="<p>開催報告です。</p>" if is_past and number % 5 else "",
            body=[("paragraph", f"<p>{title}のプログラムです。</p>")],
        )
        event.normalise_times()
        events.append(event)

    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    event_fields = EventPage._meta.local_concrete_fields
    with transaction.atomic():
        for offset in range(0, len(events), BATCH):
            batch = events[offset : offset + BATCH]
            pages = [
                Page(**{field.attname: getattr(event, field.attname) for field in page_fields})
                for event in batch
            ]
            Page.objects.bulk_create(pages)
            for page, event in zip(pages, batch, strict=True):
                event.page_ptr_id = event.pk = page.pk
                event.id = page.pk
            EventPage._base_manager._insert(batch, fields=event_fields, using=connection.alias)
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)
    return events


def load(home, stdout=None):
    """Top the index up to BENCH_COUNT bench events: loading again (`make bench` on a kept
    PostgreSQL database) adds none, so every run measures the same data set."""
    index = ensure_index(home)
    started = timezone.now()
    existing = EventPage.objects.child_of(index).filter(slug__startswith="bench-").count()
    events = []
    if existing < BENCH_COUNT:
        image = demo_image("ベンチマーク用のイベント画像")
        events = create_events(index, BENCH_COUNT - existing, image=image)
        for event in events:
            if event.held:
                sync_activity(event)
        get_search_backend().add_bulk(EventPage, events)
    if stdout:
        seconds = (timezone.now() - started).total_seconds()
        stdout.write(
            f"イベント：ベンチマーク用の {BENCH_COUNT} 件を確認しました"
            f"（新規 {len(events)} 件、{seconds:.1f}秒）。"
        )
    return events
