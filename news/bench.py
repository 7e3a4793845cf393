"""A large data set for benchmarks: 1,000 news pages, inserted in bulk.

Creating pages one by one through Wagtail (add_child, revisions, publishing) takes minutes;
here the tree paths are computed once and the rows written in bulk, which takes seconds.
The pages are live and complete; they have no revisions, as if imported.
"""

import datetime
import random
import time

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend

from website.demo import demo_image
from website.models import Forum

from .demo import IMAGE_ALT, ensure_categories, ensure_index
from .models import JAPAN, NewsPage, japan_today

BENCH_COUNT = 1000
FIRST_DATE = datetime.date(2016, 11, 28)  # the council's founding day
SUBJECTS = [
    ("橋梁点検", "橋の近接目視点検を補う技術"),
    ("舗装の補修", "舗装のひび割れを早く見つける方法"),
    ("下水道", "マンホールと管路の劣化の調べ方"),
    ("河川堤防", "河道・堤防を効率よく点検・診断する技術"),
    ("トンネル", "トンネル覆工の変状の記録と共有"),
    ("のり面", "モルタル吹付のり面の空洞調査"),
    ("公園施設", "遊具と園路の安全点検"),
    ("港湾施設", "岸壁の変位を衛星データで見守る技術"),
]


def create(home, stdout=None, count=BENCH_COUNT):
    started = time.monotonic()
    index = ensure_index(home)
    categories = list(ensure_categories().values())
    forums = list(Forum.objects.all())
    images = [demo_image(f"ベンチマーク用画像{n}", alt=IMAGE_ALT) for n in range(1, 9)]
    existing = set(NewsPage.objects.child_of(index).values_list("slug", flat=True))
    slugs = [f"bench-news-{n:04d}" for n in range(1, count + 1)]
    slugs = [slug for slug in slugs if slug not in existing]
    if not slugs or not forums:
        return 0

    rng = random.Random(20211)  # the same data set on every machine
    span = (japan_today() - FIRST_DATE).days
    pages = []
    for offset, slug in enumerate(slugs, start=1):
        subject, theme = SUBJECTS[offset % len(SUBJECTS)]
        forum = forums[offset % len(forums)]
        category = categories[offset % len(categories)]
        pages.append(
            NewsPage(
                title=f"{forum.name}：{subject}についての{category.name}（{offset}）",
                slug=slug,
                date=FIRST_DATE + datetime.timedelta(days=rng.randrange(span + 1)),
                forum=forum,
                category=category,
                summary=f"{forum.name}から、{theme}について{category.name}をお届けします。",
                image=images[offset % len(images)],
                body=[
                    (
                        "paragraph",
                        RichText(
                            f"<p>{theme}について、{forum.name}の会員が取り組みを報告しました。</p>"
                        ),
                    )
                ],
            )
        )
    bulk_add_news(index, pages)
    if stdout:
        seconds = time.monotonic() - started
        stdout.write(
            f"ニュース：ベンチマーク用に {len(pages)} 件を {seconds:.1f} 秒で作成しました。"
        )
    return len(pages)


@transaction.atomic
def bulk_add_news(index, pages):
    """Insert unsaved, live NewsPage instances under the index in a few queries per hundred.

    Django cannot bulk_create a multi-table child: the page rows go in bulk, then each news
    row on its own (raw and insert-only: one query each). Tree paths continue after the
    index's last child. The pages are then added to the search index in bulk.
    """
    content_type = ContentType.objects.get_for_model(NewsPage)
    # From the database, not index.numchild, which may be stale in memory.
    last_path = (
        Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    step = Page._str2int(last_path[-Page.steplen :]) if last_path else 0
    for offset, page in enumerate(pages, start=1):
        published = datetime.datetime.combine(page.date, datetime.time(10), tzinfo=JAPAN)
        page.content_type = content_type
        page.draft_title = page.title
        page.path = Page._get_path(index.path, index.depth + 1, step + offset)
        page.depth = index.depth + 1
        page.numchild = 0
        page.url_path = f"{index.url_path}{page.slug}/"
        page.locale_id = index.locale_id
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.first_published_at or published
        page.last_published_at = page.last_published_at or published
    page_rows = Page.objects.bulk_create(
        [
            Page(**{f.attname: getattr(p, f.attname) for f in Page._meta.concrete_fields})
            for p in pages
        ],
        batch_size=250,
    )
    for page, row in zip(pages, page_rows, strict=True):
        page.pk = page.page_ptr_id = row.pk
        page.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(pages))
    index.numchild += len(pages)
    get_search_backend().add_bulk(NewsPage, pages)
    return pages
