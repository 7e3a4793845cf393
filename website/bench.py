"""A large data set for `make bench`, for what the foundation has: 1,000 standard pages.

Registered on the "website_bench_data" hook like each content app's own generator; the
bench runs them all after `load_demo`, on an empty database.
"""

from django.db import transaction

from .cache import invalidate_page_cache
from .models import StandardPage

SECTION_SLUG = "bench-library"
PAGE_COUNT = 1_000


def standard_pages(home, stdout):
    """A 資料室 section with 1,000 short standard pages under it (idempotent by slug)."""
    section = StandardPage.objects.child_of(home).filter(slug=SECTION_SLUG).first()
    if section is None:
        section = home.add_child(
            instance=StandardPage(
                title="資料室",
                slug=SECTION_SLUG,
                introduction="国民会議の活動記録と、各フォーラムの資料をまとめています。",
            )
        )
    existing = set(StandardPage.objects.child_of(section).values_list("slug", flat=True))
    with transaction.atomic():
        for number in range(1, PAGE_COUNT + 1):
            slug = f"record-{number:04d}"
            if slug in existing:
                continue
            section.add_child(
                instance=StandardPage(
                    title=f"活動記録 第{number}号：インフラメンテナンスの現場から",
                    slug=slug,
                    introduction=(
                        "橋梁やトンネル、上下水道の点検・補修に取り組む自治体と企業の"
                        f"連携事例を紹介する活動記録の第{number}号です。"
                    ),
                    body=[
                        (
                            "paragraph",
                            "<p>市民参画フォーラムでは、地域の皆さんと一緒にインフラの"
                            "現状を学び、守り手を育てる取り組みを続けています。</p>",
                        )
                    ],
                )
            )
    invalidate_page_cache()
    stdout.write(f"一般ページ: {PAGE_COUNT}件（{section.url_path}）")
