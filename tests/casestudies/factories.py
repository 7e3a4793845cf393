import factory
import wagtail_factories
from django.utils import timezone

from casestudies.models import (
    CaseStudyGalleryImage,
    CaseStudyIndexPage,
    CaseStudyPage,
    CaseStudyParticipant,
    CollaborationForm,
    InfrastructureKind,
)
from tests.factories import ImageFactory, prefecture


def kind(slug):
    return InfrastructureKind.objects.get(slug=slug)


def form(slug):
    return CollaborationForm.objects.get(slug=slug)


class CaseStudyIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseStudyIndexPage

    title = "協働事例"
    slug = "cases"
    introduction = "行政と市民の協働事例を紹介します。"


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    """A published case study; pass kinds=[...] and forms=[...] as slugs."""

    class Meta:
        model = CaseStudyPage

    class Params:
        kinds = ("road",)
        forms = ("cleaning",)

    title = factory.Sequence(lambda n: f"協働事例{n}")
    slug = factory.Sequence(lambda n: f"case-{n}")
    summary = "住民と市が協力して橋を見守る取組みです。"
    prefecture = factory.LazyFunction(lambda: prefecture("13"))
    municipality = "千代田区"
    first_published_at = factory.LazyFunction(timezone.now)
    # A ClusterableModel takes its ParentalManyToManyFields in the constructor and writes
    # them when the page is first saved.
    infrastructure_kinds = factory.LazyAttribute(lambda o: [kind(slug) for slug in o.kinds])
    collaboration_forms = factory.LazyAttribute(lambda o: [form(slug) for slug in o.forms])


class CaseStudyParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseStudyParticipant

    kind = CaseStudyParticipant.Kind.CITIZENS
    name = factory.Sequence(lambda n: f"自治会{n}")


class CaseStudyGalleryImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseStudyGalleryImage

    image = factory.SubFactory(ImageFactory)
    caption = factory.Sequence(lambda n: f"活動の様子{n}")
