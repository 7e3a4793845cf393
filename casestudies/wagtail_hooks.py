from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from website.sections import Section, in_every_language, index_page

from .models import CaseStudyIndexPage, CaseStudyPage, CollaborationForm, InfrastructureKind

HOME_MODEL_CASES = 3
FORUM_CASES = 6


class InfrastructureKindViewSet(SnippetViewSet):
    model = InfrastructureKind
    icon = "tag"
    menu_label = "インフラの種類"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "slug"]
    list_export = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]


class CollaborationFormViewSet(SnippetViewSet):
    model = CollaborationForm
    icon = "tag"
    menu_label = "協働の形"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "slug"]
    list_export = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]


class CaseStudyTaxonomyGroup(SnippetViewSetGroup):
    menu_label = "協働事例の分類"
    menu_icon = "folder-open-inverse"
    menu_order = 220
    items = (InfrastructureKindViewSet, CollaborationFormViewSet)


register_snippet(CaseStudyTaxonomyGroup)


@hooks.register("website_home_sections", order=20)
@in_every_language  # lists pages of the language being read
def home_model_cases(request, page):
    index = index_page(request, CaseStudyIndexPage)
    cases = CaseStudyPage.objects.visible().model_cases()
    if index is not None:
        # Within the index's branch: PostgreSQL then reads the cases of that range of the
        # path index, not every page of the site newest first until it meets three.
        cases = cases.descendant_of(index)
    cases = list(cases.for_listing().newest_first()[:HOME_MODEL_CASES])
    if not cases:
        return None
    return Section(
        "casestudies/sections/home_model_cases.html", {"cases": cases, "index_page": index}
    )


@hooks.register("website_forum_sections", order=20)
@in_every_language  # lists pages of the language being read
def forum_cases(request, forum):
    cases = list(
        CaseStudyPage.objects.visible()
        .for_forum(forum)
        .for_listing()
        .featured_first()[:FORUM_CASES]
    )
    if not cases:
        return None
    return Section(
        "casestudies/sections/forum_cases.html",
        {"forum": forum, "cases": cases, "index_page": index_page(request, CaseStudyIndexPage)},
    )


@hooks.register("website_demo_content", order=20)
def load_demo_case_studies(home, stdout):
    from .demo import load

    load(home, stdout)


@hooks.register("website_bench_data")
def load_bench_case_studies(home, stdout):
    from .bench import load

    load(home, stdout)
