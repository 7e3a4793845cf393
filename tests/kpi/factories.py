import datetime

import factory
import wagtail_factories

from kpi.models import (
    Activity,
    ActivityKind,
    ActivityMunicipality,
    EnteredFigure,
    Indicator,
    IndicatorTarget,
    KpiDashboardPage,
)
from website.models import Prefecture


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    kind = ActivityKind.SCHOOL_LESSON
    title = factory.Sequence(lambda n: f"活動{n}")
    date = datetime.date(2021, 10, 1)


class ActivityMunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityMunicipality

    activity = factory.SubFactory(ActivityFactory)
    prefecture = factory.LazyFunction(lambda: Prefecture.objects.get(code="27"))
    name = "堺市"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"test-indicator-{n}")
    name = factory.Sequence(lambda n: f"テスト指標{n}")
    area = Indicator.Area.MUNICIPAL_SUPPORT
    unit = Indicator.Unit.CASES
    method = Indicator.Method.ACTIVITY_COUNT
    activity_kinds = [ActivityKind.MATCHING_CONSIDERED]
    counted_from = 2021


class IndicatorTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorTarget

    indicator = factory.SubFactory(IndicatorFactory)
    fiscal_year = 2021
    value = 10


class EnteredFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnteredFigure

    indicator = factory.SubFactory(IndicatorFactory)
    fiscal_year = 2020
    scope = EnteredFigure.Scope.ALL
    value = 1


class KpiDashboardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = KpiDashboardPage

    title = "KPI"
    slug = "kpi"
