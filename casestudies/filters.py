"""The case index's filters (website/filters.py), each option with the number of cases it
would list: `?area=kinki&kind=bridge&form=cleaning&model=1`.

An area is a regional forum (the prefectures it covers) or a prefecture (its code). Each
filter's counts apply every *other* selected filter: a count tells how many cases you would
find by choosing that value instead. The kinds and the forms cost one aggregate query each;
the areas, the model-case count and the number of results share one.
"""

from collections import Counter

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from website.filters import Checkbox, CountedSelect, ListFilterForm
from website.i18n import is_default_language, translated
from website.models import Forum, Prefecture


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


def read_areas():
    """The area options, grouped by region, and {option value: its prefecture codes}.

    Each region: the whole region, then its prefectures in code order; the prefectures no
    regional forum covers come last. The prefectures are read once for every option, and the
    regions' prefectures from their links alone."""
    regions = list(Forum.objects.regional())
    prefectures = {prefecture.code: prefecture for prefecture in Prefecture.objects.all()}
    links = (
        Forum.prefectures.through.objects.filter(forum__in=[region.pk for region in regions])
        .order_by("prefecture_id")
        .values_list("forum_id", "prefecture_id")
    )
    members = {region.pk: [] for region in regions}
    for forum_id, code in links:
        members[forum_id].append(prefectures[code])

    groups, codes = [], {}
    for region in regions:
        codes[region.slug] = [prefecture.code for prefecture in members[region.pk]]
        options = [(region.slug, region_label(region))]
        options += [(p.code, p.local_name) for p in members[region.pk]]
        groups.append((region_name(region), options))
    grouped = {code for region in regions for code in codes[region.slug]}
    others = [p for code, p in prefectures.items() if code not in grouped]
    if others:
        groups.append((gettext("その他の都道府県"), [(p.code, p.local_name) for p in others]))
    codes.update((code, [code]) for code in prefectures)
    return groups, codes


class CaseStudyFilterForm(ListFilterForm):
    """The case index's filters. `kinds` and `collaboration_forms`: the terms offered, in their
    order. `count_cases()` puts the numbers next to the options."""

    area = forms.ChoiceField(label=_("地域"), widget=CountedSelect)
    kind = forms.ChoiceField(label=_("インフラの種類"), widget=CountedSelect)
    form = forms.ChoiceField(label=_("協働の形"), widget=CountedSelect)
    model = forms.BooleanField(label=_("モデル事例のみ"), widget=Checkbox)

    def __init__(self, data=None, *, kinds, collaboration_forms):
        super().__init__(data)
        area_groups, self.area_codes = read_areas()
        self.kinds = {kind.slug: kind for kind in kinds}
        self.collaboration_forms = {form.slug: form for form in collaboration_forms}
        self.fields["area"].choices = [("", gettext("すべての地域")), *area_groups]
        self.fields["kind"].choices = [("", gettext("すべての種類"))] + [
            (slug, translated(kind.name)) for slug, kind in self.kinds.items()
        ]
        self.fields["form"].choices = [("", gettext("すべての形"))] + [
            (slug, translated(form.name)) for slug, form in self.collaboration_forms.items()
        ]

    def filter_area(self, cases, area):
        return cases.in_prefectures(self.area_codes[area])

    def filter_kind(self, cases, slug):
        return cases.of_kind(self.kinds[slug])

    def filter_form(self, cases, slug):
        return cases.of_form(self.collaboration_forms[slug])

    def filter_model(self, cases, model_cases_only):
        return cases.model_cases()

    def count_cases(self, cases):
        """Show next to each option how many of `cases` it would list, the other filters
        applied, and return how many the filters list, in three aggregate queries."""
        by_place = self.filter_except(cases, "area", "model").count_by_prefecture_and_model()
        everywhere, model_cases = Counter(), Counter()
        for (code, is_model_case), count in by_place.items():
            everywhere[code] += count
            if is_model_case:
                model_cases[code] += count
        listed = model_cases if self.selected("model") else everywhere
        self.show_counts("area", {area: self._in_area(listed, area) for area in self.area_codes})
        self.show_counts("model", self._in_area(model_cases, self.selected("area")))
        by_kind = self.filter_except(cases, "kind").count_by_kind()
        self.show_counts("kind", {slug: by_kind.get(k.pk, 0) for slug, k in self.kinds.items()})
        by_form = self.filter_except(cases, "form").count_by_form()
        self.show_counts(
            "form", {slug: by_form.get(f.pk, 0) for slug, f in self.collaboration_forms.items()}
        )
        return self._in_area(listed, self.selected("area"))

    def _in_area(self, counts, area):
        """The sum of {prefecture code: cases} over an area (None: everywhere)."""
        if area is None:
            return sum(counts.values())
        return sum(counts[code] for code in self.area_codes[area])
