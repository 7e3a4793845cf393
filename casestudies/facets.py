"""Faceted filtering of the case-study index, with counts, from the query string.

The state lives only in the query string (``?area=kinki&kind=bridge&form=cleaning&model=1``)
so every result can be bookmarked and the form works without JavaScript. Values that match
nothing are ignored, never an error.

Each facet's counts apply every *other* selected filter: a count tells how many cases you
would find by choosing that value instead. The kinds and the forms cost one aggregate query
each; the areas, the model-case count and the number of results share one.
"""

from dataclasses import dataclass, field, replace
from functools import cached_property

from django.utils.html import format_html
from django.utils.translation import gettext

from website.i18n import is_default_language
from website.models import Forum, Prefecture

AREA, KIND, FORM, MODEL = "area", "kind", "form", "model"
PAGE = "page"
MAX_PARAM_LENGTH = 50


def count_pattern():
    return gettext("%(label)s（%(count)s件）")


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool = False
    # count_pattern() in the language being read: translated once for all the options.
    pattern: str = ""

    def __html__(self):
        """Its <option>, written here rather than by a template included once per option (a
        case index shows some 70): the chosen one selected, one with no case disabled."""
        state = " selected" if self.selected else "" if self.count else " disabled"
        text = (self.pattern or count_pattern()) % {"label": self.label, "count": self.count}
        return format_html('<option value="{}"{}>{}</option>', self.value, state, text)

    __str__ = __html__


@dataclass(frozen=True)
class OptionGroup:
    label: str
    options: list = field(default_factory=list)


@dataclass(frozen=True)
class ActiveFilter:
    param: str
    label: str
    apply: object  # a function of a CaseStudyQuerySet returning the filtered queryset
    remove_query: str = ""


def region_label(forum):
    """'近畿本部フォーラム' → '近畿全域': the whole area a regional forum covers ('All of
    Kinki' on English pages)."""
    if not is_default_language():
        return gettext("All of %(region)s") % {"region": region_name(forum)}
    return forum.name.removesuffix("フォーラム").removesuffix("本部") + "全域"


def region_name(forum):
    """The forum's name as an area: its Japanese name, or its code ('Kinki') in English."""
    if is_default_language():
        return forum.name
    return forum.slug.replace("-", " ").title()


class CaseStudySearch:
    """`cases` to filter by `params` (the query string), with the index's terms: `kinds` and
    `forms` (the infrastructure kinds and forms of collaboration, in their order)."""

    def __init__(self, cases, params, *, kinds, forms):
        self.cases = cases
        self.params = params
        self.regions = list(Forum.objects.regional())
        self.prefectures = list(Prefecture.objects.all())
        self.region_prefectures = self._region_prefectures()
        self.kinds = list(kinds)
        self.forms = list(forms)
        self.area_codes = None  # the prefectures of the chosen area, if one is chosen
        self.active = self._read_filters()

    def _region_prefectures(self):
        """{forum pk: its prefectures, in code order}, from the links alone: the prefectures
        themselves are read once, for every option."""
        by_code = {prefecture.code: prefecture for prefecture in self.prefectures}
        links = (
            Forum.prefectures.through.objects.filter(forum__in=[r.pk for r in self.regions])
            .order_by("prefecture_id")
            .values_list("forum_id", "prefecture_id")
        )
        members = {region.pk: [] for region in self.regions}
        for forum_id, code in links:
            members[forum_id].append(by_code[code])
        return members

    def _param(self, name):
        return str(self.params.get(name, "")).strip()[:MAX_PARAM_LENGTH]

    def _read_filters(self):
        active = []
        area = self._param(AREA)
        prefecture = next((p for p in self.prefectures if p.code == area), None)
        region = next((r for r in self.regions if r.slug == area), None)
        if prefecture:
            self.area_codes = {prefecture.code}
            active.append(
                ActiveFilter(
                    AREA,
                    gettext("地域：%(name)s") % {"name": prefecture.local_name},
                    lambda cases, p=prefecture: cases.in_prefectures([p]),
                )
            )
        elif region:
            codes = [p.code for p in self.region_prefectures[region.pk]]
            self.area_codes = set(codes)
            active.append(
                ActiveFilter(
                    AREA,
                    gettext("地域：%(name)s") % {"name": region_label(region)},
                    lambda cases, codes=codes: cases.in_prefectures(codes),
                )
            )
        kind = next((k for k in self.kinds if k.slug == self._param(KIND)), None)
        if kind:
            active.append(
                ActiveFilter(
                    KIND,
                    gettext("インフラ：%(name)s") % {"name": gettext(kind.name)},
                    lambda cases, k=kind: cases.of_kind(k),
                )
            )
        form = next((f for f in self.forms if f.slug == self._param(FORM)), None)
        if form:
            active.append(
                ActiveFilter(
                    FORM,
                    gettext("協働の形：%(name)s") % {"name": gettext(form.name)},
                    lambda cases, f=form: cases.of_form(f),
                )
            )
        if self._param(MODEL) in {"1", "on", "true"}:
            active.append(
                ActiveFilter(MODEL, gettext("モデル事例のみ"), lambda cases: cases.model_cases())
            )
        return [replace(a, remove_query=self._query_without(a.param)) for a in active]

    def _query_without(self, *names):
        params = self.params.copy()
        for name in (*names, PAGE):
            params.pop(name, None)
        return f"?{params.urlencode()}"

    def _selected(self, param):
        return any(a.param == param for a in self.active)

    def _filtered(self, *, skip=()):
        cases = self.cases
        for active_filter in self.active:
            if active_filter.param not in skip:
                cases = active_filter.apply(cases)
        return cases

    @cached_property
    def _place_counts(self):
        """{(prefecture code, is a model case): cases} among those the kind and form filters
        leave: the area options, the model-case count and the number of results."""
        return self._filtered(skip={AREA, MODEL}).count_by_prefecture_and_model()

    def _count_by_prefecture(self, *, model_cases_only):
        counts = {}
        for (code, is_model_case), count in self._place_counts.items():
            if is_model_case or not model_cases_only:
                counts[code] = counts.get(code, 0) + count
        return counts

    def _count_in_area(self, *, model_cases_only):
        counts = self._count_by_prefecture(model_cases_only=model_cases_only)
        if self.area_codes is None:
            return sum(counts.values())
        return sum(counts.get(code, 0) for code in self.area_codes)

    @property
    def is_filtered(self):
        return bool(self.active)

    @property
    def chips(self):
        """The filters in use, as website/includes/filter_chips.html shows them."""
        return [
            {"name": "", "label": active.label, "remove_url": active.remove_query}
            for active in self.active
        ]

    @property
    def clear_query(self):
        return self._query_without(AREA, KIND, FORM, MODEL)

    def results(self):
        return self._filtered()

    @cached_property
    def result_count(self):
        return self._count_in_area(model_cases_only=self.model_selected)

    @cached_property
    def relaxations(self):
        """For an empty result: how many cases each filter, removed alone, would bring back."""
        return [(a, self._filtered(skip={a.param}).count()) for a in self.active]

    @cached_property
    def unfiltered_count(self):
        return self.cases.count()

    @cached_property
    def _count_pattern(self):
        return count_pattern()

    @cached_property
    def area_groups(self):
        counts = self._count_by_prefecture(model_cases_only=self.model_selected)
        selected = self._param(AREA) if self._selected(AREA) else None

        def prefecture_option(prefecture):
            return Option(
                prefecture.code,
                prefecture.local_name,
                counts.get(prefecture.code, 0),
                prefecture.code == selected,
                self._count_pattern,
            )

        groups, grouped_codes = [], set()
        for region in self.regions:
            members = self.region_prefectures[region.pk]
            grouped_codes.update(p.code for p in members)
            options = [
                Option(
                    region.slug,
                    region_label(region),
                    sum(counts.get(p.code, 0) for p in members),
                    region.slug == selected,
                    self._count_pattern,
                )
            ]
            options += [prefecture_option(p) for p in members]
            groups.append(OptionGroup(region_name(region), options))
        others = [p for p in self.prefectures if p.code not in grouped_codes]
        if others:
            options = [prefecture_option(p) for p in others]
            groups.append(OptionGroup(gettext("その他の都道府県"), options))
        return groups

    @cached_property
    def kind_options(self):
        counts = self._filtered(skip={KIND}).count_by_kind()
        selected = self._param(KIND)
        return [
            Option(
                k.slug,
                gettext(k.name),
                counts.get(k.pk, 0),
                k.slug == selected,
                self._count_pattern,
            )
            for k in self.kinds
        ]

    @cached_property
    def form_options(self):
        counts = self._filtered(skip={FORM}).count_by_form()
        selected = self._param(FORM)
        return [
            Option(
                f.slug,
                gettext(f.name),
                counts.get(f.pk, 0),
                f.slug == selected,
                self._count_pattern,
            )
            for f in self.forms
        ]

    @property
    def model_selected(self):
        return self._selected(MODEL)

    @cached_property
    def model_count(self):
        return self._count_in_area(model_cases_only=True)
