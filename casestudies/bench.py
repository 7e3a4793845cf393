"""A large set of case studies for load tests (`make bench`) and the query-budget tests.

Creating pages one by one through the page tree costs dozens of queries each; here the
tree paths are computed up front and every table is written in bulk, so 500 case studies
take a few seconds. The pages are published but, to stay fast, not added to the search
index and without revisions (Wagtail creates one on the first edit).
"""

import datetime
import time

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from website.demo import demo_image
from website.models import Forum, Prefecture

from .models import (
    CaseStudyGalleryImage,
    CaseStudyPage,
    CaseStudyParticipant,
    CollaborationForm,
    InfrastructureKind,
)

BENCH_COUNT = 500
SLUG_PREFIX = "bench-case"


def bench_images(count=8):
    return [
        demo_image(f"協働事例（負荷試験用）の写真{n}", alt="点検の様子（負荷試験用の画像）")
        for n in range(1, count + 1)
    ]


def next_child_step(parent):
    last_child = parent.get_last_child()
    if last_child is None:
        return 1
    return Page._str2int(last_child.path[-Page.steplen :]) + 1


@transaction.atomic
def bulk_create_case_studies(index, count, *, images, slug_prefix=SLUG_PREFIX, start_number=1):
    """Publish `count` case studies under `index` in a handful of bulk queries per table."""
    index.refresh_from_db()
    kinds = list(InfrastructureKind.objects.all())
    forms = list(CollaborationForm.objects.all())
    prefectures = list(Prefecture.objects.all())
    regional_forums = {forum.slug: forum for forum in Forum.objects.regional()}
    national_forums = list(Forum.objects.national())
    content_type = ContentType.objects.get_for_model(CaseStudyPage)
    first_step = next_child_step(index)
    now = timezone.now()

    cases = []
    for offset in range(count):
        number = start_number + offset
        prefecture = prefectures[number % len(prefectures)]
        forum = regional_forums.get(prefecture.region) if number % 2 else None
        if number % 5 == 0 and national_forums:
            forum = national_forums[number % len(national_forums)]
        slug = f"{slug_prefix}-{number:04d}"
        published = now - datetime.timedelta(hours=number)
        title = f"{prefecture.name}の協働事例 その{number}"
        cases.append(
            CaseStudyPage(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                path=Page._get_path(index.path, index.depth + 1, first_step + offset),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                locale_id=index.locale_id,
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                summary="住民と行政が協力して、身近なインフラの清掃と点検を続けている取組みです。",
                image=images[number % len(images)] if images else None,
                prefecture=prefecture,
                municipality=f"第{number}市",
                forum=forum,
                is_model_case=number % 10 == 0,
                period_note=f"{2010 + number % 12}年から継続",
                outcomes="参加者が毎年増え、損傷の早期発見につながっています。",
            )
        )

    page_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
    base_pages = Page.objects.bulk_create(
        [Page(**{name: getattr(case, name) for name in page_fields}) for case in cases]
    )
    for case, base_page in zip(cases, base_pages, strict=True):
        case.page_ptr_id = case.pk = base_page.pk
        # raw: write only the case-study table; the page row above is its parent.
        case.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)

    kind_links, form_links, participants, photos = [], [], [], []
    KindLink = CaseStudyPage.infrastructure_kinds.through
    FormLink = CaseStudyPage.collaboration_forms.through
    for offset, case in enumerate(cases):
        number = start_number + offset
        for kind in {kinds[number % len(kinds)], kinds[(number * 7 + 3) % len(kinds)]}:
            kind_links.append(KindLink(casestudypage_id=case.pk, infrastructurekind_id=kind.pk))
        for form in {forms[number % len(forms)], forms[(number * 3 + 1) % len(forms)]}:
            form_links.append(FormLink(casestudypage_id=case.pk, collaborationform_id=form.pk))
        participants += [
            CaseStudyParticipant(
                page_id=case.pk,
                sort_order=0,
                kind=CaseStudyParticipant.Kind.CITIZENS,
                name="地区の自治会",
            ),
            CaseStudyParticipant(
                page_id=case.pk,
                sort_order=1,
                kind=CaseStudyParticipant.Kind.GOVERNMENT,
                name="市 道路担当課",
            ),
        ]
        if images:
            photos.append(
                CaseStudyGalleryImage(
                    page_id=case.pk,
                    sort_order=0,
                    image=images[number % len(images)],
                    caption="活動の様子",
                )
            )
    KindLink.objects.bulk_create(kind_links)
    FormLink.objects.bulk_create(form_links)
    CaseStudyParticipant.objects.bulk_create(participants)
    CaseStudyGalleryImage.objects.bulk_create(photos)
    return cases


def load(home, stdout=None):
    from .demo import ensure_index

    started = time.monotonic()
    index = ensure_index(home)
    existing = CaseStudyPage.objects.child_of(index).filter(slug__startswith=SLUG_PREFIX).count()
    missing = BENCH_COUNT - existing
    if missing > 0:
        bulk_create_case_studies(index, missing, images=bench_images(), start_number=existing + 1)
    if stdout:
        stdout.write(
            f"協働事例（負荷試験用）{BENCH_COUNT} 件を確認しました"
            f"（新規 {max(missing, 0)} 件、{time.monotonic() - started:.1f} 秒）。"
        )
    return index
