from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from website.columns import marked_column
from website.teams import ForumOwnedPermissionPolicy, ForumOwnedSnippetViewSet

from .admin_forms import ForumOwnedAdminForm, MatchingAdminForm, own_forums_objects
from .models import (
    InfrastructureField,
    Matching,
    Need,
    NeedsSurvey,
    OperationalStory,
    Seed,
)

FORUM_OWNED = (NeedsSurvey, Need, Matching, OperationalStory)

# A forum's editors see and change their forum's surveys, needs, matchings and stories only.
for model in FORUM_OWNED:
    register_permission_policy(model, ForumOwnedPermissionPolicy(model))


class SeedPermissionPolicy(ModelPermissionPolicy):
    """Whoever may change seeds may publish them: the forums' editors and 広報部会 review what
    owners send from the members' area (saved as drafts) and publish it."""

    def _get_permission_codename(self, action):
        return super()._get_permission_codename("change" if action == "publish" else action)


register_permission_policy(Seed, SeedPermissionPolicy(Seed))


class OwnForumsChoices:
    """For a chooser view: the objects listed, searched and chosen are the user's forums'."""

    def get_object_list(self):
        return own_forums_objects(self.model_class, self.request.user)

    def get_object(self, pk):
        return own_forums_objects(self.model_class, self.request.user).get(pk=pk)

    def get_objects(self, pks):
        return own_forums_objects(self.model_class, self.request.user).filter(pk__in=pks)


class OwnForumsChooseView(OwnForumsChoices, ChooseView):
    pass


class OwnForumsChooseResultsView(OwnForumsChoices, ChooseResultsView):
    pass


class OwnForumsChosenView(OwnForumsChoices, SnippetChosenView):
    pass


class OwnForumsChosenMultipleView(OwnForumsChoices, SnippetChosenMultipleView):
    pass


class ForumOwnedChooserViewSet(SnippetChooserViewSet):
    """The chooser of a forum-owned snippet (a matching's need, a need's survey) offers a
    forum's editors their forums' objects only, and answers another's id with a 404."""

    choose_view_class = OwnForumsChooseView
    choose_results_view_class = OwnForumsChooseResultsView
    chosen_view_class = OwnForumsChosenView
    chosen_multiple_view_class = OwnForumsChosenMultipleView


class InfrastructureFieldViewSet(SnippetViewSet):
    model = InfrastructureField
    icon = "tag"
    menu_label = "インフラ分野"
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]
    copy_view_enabled = False


class NeedsSurveyViewSet(ForumOwnedSnippetViewSet):
    model = NeedsSurvey
    icon = "clipboard-list"
    menu_label = "ニーズ調査"
    list_display = [
        "title",
        "forum",
        "opens_on",
        "closes_on",
        marked_column("members_only", "会員のみ"),
    ]
    list_filter = ["forum"]
    search_fields = ["title"]
    search_backend_name = None
    chooser_viewset_class = ForumOwnedChooserViewSet
    edit_handler = ObjectList(NeedsSurvey.panels, base_form_class=ForumOwnedAdminForm)


class NeedViewSet(ForumOwnedSnippetViewSet):
    model = Need
    icon = "help"
    menu_label = "ニーズ"
    list_display = [
        "theme",
        "local_government",
        "forum",
        "survey",
        marked_column("is_public", "公開"),
        "created_at",
    ]
    list_filter = ["is_public", "forum", "fields", "survey"]
    search_fields = ["theme", "sought", "facility_manager", "local_government__name"]
    search_backend_name = None
    related = ("forum", "local_government__prefecture", "survey")
    chooser_viewset_class = ForumOwnedChooserViewSet
    edit_handler = ObjectList(Need.panels, base_form_class=ForumOwnedAdminForm)


class SeedViewSet(SnippetViewSet):
    model = Seed
    icon = "pick"
    menu_label = "シーズ"
    list_display = [
        "technology",
        "organisation_name",
        "netis_number",
        marked_column("is_public", "公開"),
        marked_column("shown_to_members", "会員に公開"),
        marked_column("anonymous", "匿名"),
        Column("status_string", label="状態"),
    ]
    list_filter = ["is_public", "shown_to_members", "anonymous", "live", "fields"]
    search_fields = ["technology", "organisation_name", "overview", "netis_number"]
    search_backend_name = None


class MatchingViewSet(ForumOwnedSnippetViewSet):
    model = Matching
    icon = "link"
    menu_label = "マッチング"
    list_display = [
        Column("need", label="ニーズ"),
        Column("get_stage_display", label="現在の段階"),
        "forum",
        "event",
    ]
    list_filter = ["stage", "forum"]
    search_fields = ["need__theme", "need__local_government__name", "seeds__technology"]
    search_backend_name = None
    related = ("forum", "need__local_government__prefecture", "event")
    edit_handler = ObjectList(Matching.panels, base_form_class=MatchingAdminForm)


class OperationalStoryViewSet(ForumOwnedSnippetViewSet):
    model = OperationalStory
    icon = "doc-full"
    menu_label = "運営ノウハウ"
    list_display = ["title", "forum", "fiscal_year", Column("get_kind_display", label="種類")]
    list_filter = ["forum", "fiscal_year", "kind"]
    search_fields = ["title", "body"]
    search_backend_name = None
    edit_handler = ObjectList(OperationalStory.panels, base_form_class=ForumOwnedAdminForm)


class MatchingViewSetGroup(SnippetViewSetGroup):
    menu_label = "ニーズ・シーズ"
    menu_icon = "link"
    menu_order = 240
    items = (
        NeedViewSet,
        SeedViewSet,
        MatchingViewSet,
        NeedsSurveyViewSet,
        OperationalStoryViewSet,
        InfrastructureFieldViewSet,
    )


register_snippet(MatchingViewSetGroup)


@hooks.register("forum_team_permissions")
def forum_editors_keep_their_matchings():
    """A forum's editors keep its surveys, needs, matchings and stories, and enter seeds."""
    models = ("needssurvey", "need", "matching", "operationalstory", "seed")
    return [
        f"matching.{action}_{model}"
        for model in models
        for action in ("add", "change", "delete", "view")
    ]


@hooks.register("website_demo_content", order=60)
def load_matching_demo(home, stdout):
    from .demo import load

    load(home, stdout)


@hooks.register("website_forum_sections", order=50)
def forum_matching(request, forum):
    """The forum's funnel of its latest year with matchings, and its operational stories."""
    from website.fiscal import fiscal_year_label
    from website.sections import Section, index_page

    from .funnel import funnel, latest_year
    from .models import MatchingIndexPage, MatchingStageChange

    changes = MatchingStageChange.objects.filter(matching__forum=forum)
    year = latest_year(changes)
    stories = list(OperationalStory.objects.filter(forum=forum)[:5])
    if year is None and not stories:
        return None
    return Section(
        "matching/sections/forum_matching.html",
        {
            "forum": forum,
            "year_label": fiscal_year_label(year) if year else "",
            "steps": funnel(changes, year)["all"] if year else None,
            "stories": stories,
            "index_page": index_page(request, MatchingIndexPage),
        },
    )


@hooks.register("members_mypage_sections")
def members_seeds(request, organisation):
    """A member's page: their organisation's seeds and the link to enter and change them."""
    from django.template.loader import render_to_string

    from .owners import seeds_of

    return render_to_string(
        "matching/sections/members_seeds.html", {"seeds": seeds_of(organisation)}, request=request
    )


@hooks.register("kpi_incomplete_records")
def forums_missing_an_operational_story(user):
    """From January (Japan time), the regional forums with no 運営ノウハウ for the fiscal
    year yet: each is to submit at least one success or failure story a year.

    Only for users who may add a story, and only the forums its form offers them
    (``forums_for``: a forum's editors, their own forums)."""
    from django.urls import reverse
    from wagtail.permissions import policy_registry

    from website.dates import japan_today
    from website.fiscal import fiscal_year, fiscal_year_dates
    from website.models import Forum
    from website.teams import forums_for

    today = japan_today()
    if not policy_registry.get_by_type(OperationalStory).user_has_permission(user, "add"):
        return None
    if today.month not in (1, 2, 3):
        return []
    year = fiscal_year(today)
    submitted = OperationalStory.objects.filter(fiscal_year=year).values("forum")
    forums = forums_for(user).filter(kind=Forum.Kind.REGIONAL).exclude(pk__in=submitted)
    add_url = reverse("wagtailsnippets_matching_operationalstory:add")
    return [
        {
            "title": f"{forum.name}の運営ノウハウ（{year}年度）",
            "date": fiscal_year_dates(year)[1],
            "edit_url": add_url,
            "missing": "運営ノウハウ（年度に1件以上）",
        }
        for forum in forums.order_by("sort_order", "pk")
    ]
