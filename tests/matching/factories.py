import datetime

import factory

from matching.models import (
    InfrastructureField,
    Matching,
    Need,
    NeedsSurvey,
    OperationalStory,
    Seed,
)
from members.models import LocalGovernment
from tests.factories import ForumFactory


def field(slug):
    return InfrastructureField.objects.get(slug=slug)


def government(code="341002"):
    return LocalGovernment.objects.get(code=code)


class NeedsSurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedsSurvey

    forum = factory.SubFactory(ForumFactory, regional=True)
    title = factory.Sequence(lambda n: f"第{n}回ニーズ調査")
    opens_on = datetime.date(2021, 5, 12)
    closes_on = datetime.date(2021, 6, 30)


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need
        skip_postgeneration_save = True

    local_government = factory.LazyFunction(government)
    theme = factory.Sequence(lambda n: f"河道・堤防の点検・診断{n}")
    sought = "堤防の変状を広い範囲で効率よく把握したい。"
    forum = factory.SubFactory(ForumFactory, regional=True)
    is_public = True

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        if create:
            self.fields.set(extracted or [field("river")])
            self.save()


class SeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seed
        skip_postgeneration_save = True

    organisation_name = factory.Sequence(lambda n: f"テスト測量株式会社{n}")
    technology = factory.Sequence(lambda n: f"SAR衛星によるインフラ変位モニタリング{n}")
    overview = "人工衛星のレーダー画像から地表の変位をミリ単位で捉えます。"
    is_public = True

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        if create:
            self.fields.set(extracted or [field("river")])
            self.save()


class MatchingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Matching
        skip_postgeneration_save = True

    need = factory.SubFactory(NeedFactory)
    forum = factory.LazyAttribute(lambda o: o.need.forum)

    @factory.post_generation
    def seeds(self, create, extracted, **kwargs):
        if create and extracted:
            self.seeds.set(extracted)
            self.save()


class OperationalStoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OperationalStory

    forum = factory.SubFactory(ForumFactory, regional=True)
    fiscal_year = 2021
    kind = OperationalStory.Kind.SUCCESS
    title = "ピッチイベント後の個別面談で成立につなげた"
    body = "ピッチイベントの翌週に、関心を示した自治体と企業の個別面談を設けました。"
