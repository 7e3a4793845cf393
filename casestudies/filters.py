"""The case index's filters (website/filters.py), each option with the number of cases it
would list: `?area=kinki&kind=bridge&form=cleaning&model=1`.

An area is a regional forum (the prefectures it covers) or a prefecture (its code). Each
filter's counts apply every *other* selected filter: a count tells how many cases you would
find by choosing that value instead. The kinds and the forms cost one aggregate query each;
the areas, the model-case count and the number of results share one; the areas themselves
(the regional forums and the prefectures they cover) cost one more.
"""

from collections import Counter

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from website.filters import Checkbox, CountedSelect, ListFilterForm, area_choices
from website.i18n import translated
from website.models import Forum


def read_regions():
    """The regional forums as areas, in their order: (slug, name, the codes of the
    prefectures it covers), in one query. An area follows what its forum covers (editors
    set it), as the forum's page does: 近畿本部フォーラム → ('kinki', '近畿', ['18', '25', …])."""
    regions = {}
    rows = Forum.objects.regional().values_list("slug", "name", "prefectures")
    for slug, name, code in rows:
        name = name.removesuffix("フォーラム").removesuffix("本部")
        codes = regions.setdefault(slug, (slug, name, []))[2]
        if code:
            codes.append(code)
    return list(regions.values())


class CaseStudyFilterForm(ListFilterForm):
    """The case index's filters. `kinds` and `collaboration_forms`: the terms offered, in their
    order. `count_cases()` puts the numbers next to the options."""

    area = forms.ChoiceField(label=_("地域"), widget=CountedSelect)
    kind = forms.ChoiceField(label=_("インフラの種類"), widget=CountedSelect)
    form = forms.ChoiceField(label=_("協働の形"), widget=CountedSelect)
    model = forms.BooleanField(label=_("モデル事例のみ"), widget=Checkbox)

    def __init__(self, data=None, *, kinds, collaboration_forms):
        super().__init__(data)
        area_groups, self.area_codes = area_choices(read_regions())
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
