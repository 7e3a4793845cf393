"""Forums as teams: who may do what in the admin.

- Each forum has an editor group (「九州フォーラム 編集者」), made when the forum is saved.
  Its members add and edit pages under the index pages that share themselves with the forums
  (an index page class that is a ``TeamIndexPage``), but only pages whose ``forum`` is one
  of theirs: forum-owned page types mix in ``ForumOwnedPage``, whose permission tester
  (Wagtail's documented ``Page.permissions_for_user`` override) takes every permission away on
  another forum's page, so the edit, delete, move, copy, unpublish and lock views answer 403.
  Their forms offer only their forums (``ForumChoiceFormMixin``).
- 「広報部会」 reviews: every page permission from the root, every project model but the
  secretariat's, the permission ``website.edit_all_forums`` and the search promotions
  (検索のおすすめ); it is the group of the 「広報部会の承認」 workflow task, assigned to the index
  pages whose class says ``approval_by_default``.
- 「事務局」 manages users, groups and workflows, and what apps name through the hook
  ``secretariat_permissions`` (the members' register, the mailings and their subscribers).
  A model any of whose permissions that hook names is the secretariat's only: neither
  広報部会 nor a forum's editors get a permission of it (``without_secretariat_models``).
- Snippets and models that belong to a forum use ``ForumOwnedPermissionPolicy`` in their
  viewset; apps name the model permissions a forum group gets through the hook
  ``forum_team_permissions`` (a function returning "app_label.codename" strings).

``sync_teams()`` makes all of it exist and is idempotent; it runs after every ``migrate``
(post_migrate: the other apps' permissions and pages exist only then), and the forum and
index-page signals keep it true as content is added.
"""

import json
import operator
from functools import reduce

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, CharField, Q, Value, When
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PagePermissionTester,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
    get_page_models,
)
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_forms import SankakuPageForm
from .models import Forum, ReviewTask

REVIEWERS = "広報部会"
ADMINISTRATORS = "事務局"
WORKFLOW = "広報部会の承認"
REVIEW_TASK = "広報部会の確認"
EDIT_ALL_FORUMS = "website.edit_all_forums"
DEFAULT_ACTIONS = ("add", "change", "delete", "view")

REVIEWER_PAGE_PERMISSIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
# 検索のおすすめ (Wagtail's search promotions) are the site's voice too: 広報部会's to keep.
REVIEWER_PERMISSIONS = [
    "wagtailadmin.access_admin",
    EDIT_ALL_FORUMS,
    *(f"wagtailsearchpromotions.{action}_searchpromotion" for action in DEFAULT_ACTIONS),
]
COLLECTION_PERMISSIONS = {
    "editors": ["add_image", "choose_image", "add_document", "choose_document"],
    "reviewers": [
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    ],
}
ADMINISTRATOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    *(
        f"auth.{action}_{model}"
        for model in ("user", "group")
        for action in ("add", "change", "delete", "view")
    ),
    *(
        f"wagtailcore.{action}_{model}"
        for model in ("workflow", "task")
        for action in ("add", "change", "delete")
    ),
]


def forum_group_name(forum):
    return f"{forum.name} 編集者"


# --- who may edit what --------------------------------------------------------------------


def edits_all_forums(user):
    """Only members of a forum's editor group are held to their forums; other staff keep what
    their groups give them (e.g. 出前授業担当), 広報部会 has ``edit_all_forums``."""
    if not user.is_active:
        return False
    return user.is_superuser or user.has_perm(EDIT_ALL_FORUMS) or not forum_ids(user)


def forum_ids(user):
    """The forums whose editor group the user belongs to (kept on the user for the request)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if not hasattr(user, "_team_forum_ids"):
        user._team_forum_ids = frozenset(
            Forum.objects.filter(editor_group__user=user).values_list("pk", flat=True)
        )
    return user._team_forum_ids


def forums_for(user):
    """The forums the user may choose in a form."""
    if edits_all_forums(user):
        return Forum.objects.all()
    return Forum.objects.filter(pk__in=forum_ids(user))


def may_edit_forum(user, forum_id):
    return edits_all_forums(user) or (forum_id is not None and forum_id in forum_ids(user))


class ForumPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, minus everything on another forum's page."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if not user.is_active or user.is_superuser:
            return
        if not may_edit_forum(user, page.forum_id):
            self.permissions = set()
        elif "change" in self.permissions and page.forum_publishes_directly():
            self.permissions = self.permissions | {"publish"}

    def can_delete(self, ignore_bulk=False):
        """Wagtail's answer, without its query of the page's descendants when it has none:
        a list of a forum's pages asks for every row (its delete and move buttons)."""
        page, user = self.page, self.user
        if not user.is_active or user.is_superuser or self.page_is_root or page.numchild:
            return super().can_delete(ignore_bulk)
        permissions = self.permissions
        # A leaf page: "the page and its descendants" is the page itself.
        if "change" in permissions:
            return "publish" in permissions or not page.live
        if "add" in permissions:
            return page.owner_id == user.pk and ("publish" in permissions or not page.live)
        return False


class TeamIndexPagePermissionTester(PagePermissionTester):
    """On the index page itself, a forum's editors only add their pages: every forum shares
    it, so its text, publishing and place in the menu stay with 広報部会 and 事務局."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if user.is_active and not edits_all_forums(user):
            self.permissions = self.permissions & {"add"}


class TeamIndexPage:
    """Mixin for index pages whose children belong to forums: every forum group gets
    ``team_page_permissions`` there (``sync_teams``, and when such a page is created)."""

    team_page_permissions = ("add", "change")

    def permissions_for_user(self, user):
        return TeamIndexPagePermissionTester(user, self)


class ForumOwnedPage:
    """Mixin for page types with a ``forum``: only that forum's editors (and 広報部会) edit them."""

    def permissions_for_user(self, user):
        return ForumPagePermissionTester(user, self)

    def get_admin_display_title(self):
        # Another forum's page in the page chooser (hide_other_forums_drafts): its draft's
        # title is that forum's own business.
        if getattr(self, "shows_published_title", False):
            return self.title
        return super().get_admin_display_title()

    def forum_publishes_directly(self):
        """Whether the forum's editors may publish this page without review (see EventPage)."""
        return False


def forum_owned_page_models():
    """The concrete page types that belong to a forum (they mix in ``ForumOwnedPage``)."""
    return [
        model
        for model in get_page_models()
        if issubclass(model, ForumOwnedPage) and not model._meta.abstract
    ]


def hide_other_forums(pages, user):
    """A page queryset without the pages of other forums (or of no forum: a lesson given by a
    member), for a forum's editors only: 広報部会, superusers and other staff see everything.
    Still one SQL query: a subquery per forum-owned page type."""
    if not user.is_active or edits_all_forums(user):
        return pages
    ids = forum_ids(user)
    for model in forum_owned_page_models():
        pages = pages.exclude(pk__in=model.objects.exclude(forum_id__in=ids).values("pk"))
    return pages


def other_forums_pages(user):
    """A ``Q`` for the pages of forums other than the user's (or of no forum)."""
    ids = forum_ids(user)
    return reduce(
        operator.or_,
        (
            Q(pk__in=model.objects.exclude(forum_id__in=ids).values("pk"))
            for model in forum_owned_page_models()
        ),
    )


def hide_other_forums_drafts(pages, user):
    """For the page chooser: another forum's published pages stay (they are public, and
    editors link to them), its unpublished ones go. A published page is named by its
    published title, not by the title of a draft being written (``ForumOwnedPage``)."""
    if not user.is_active or edits_all_forums(user):
        return pages
    others = other_forums_pages(user)
    return pages.exclude(others & Q(live=False)).annotate(
        shows_published_title=Case(When(others, then=Value(True)), default=Value(False))
    )


def is_hidden_from(user, page):
    """Whether the page is another forum's (or no forum's) and the user one forum's editor."""
    if not issubclass(page.specific_class or Page, ForumOwnedPage):
        return False
    return not may_edit_forum(user, page.specific.forum_id)


def refuse_exploring_other_forums_page(parent_page, pages, request):
    """``construct_explorer_page_queryset`` hook. The explorer lists a forum's editors their
    forums' pages only (``ForumPagePermissionPolicy``), but opens any page by its id, with its
    title and the state of its draft: Wagtail has no hook for the page being explored, and
    this one is given it."""
    if is_hidden_from(request.user, parent_page):
        raise Http404
    return pages


def hide_other_forums_drafts_from_chooser(pages, request):
    """``construct_page_chooser_queryset`` hook: the page chooser (a page chooser panel, a link
    in rich text) offers a forum's editors another forum's published pages, never its drafts;
    browsing into another forum's page by its id (its title as the parent) is a 404."""
    user = request.user
    match = request.resolver_match
    parent_page_id = match.kwargs.get("parent_page_id") if match else None
    if parent_page_id is not None and not edits_all_forums(user):
        parent_page = Page.objects.filter(pk=parent_page_id).first()
        if parent_page is not None and is_hidden_from(user, parent_page):
            raise Http404
    return hide_other_forums_drafts(pages, user)


class ForumPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permission policy, whose lists (the explorer, the page search, the news
    and event listings, the dashboard's panels) leave out the pages of other forums for a
    forum's editors: they cannot act on them, so they are not offered them. Registered for
    ``Page`` (the nearest class wins over Wagtail's own for ``AbstractPage``)."""

    def instances_user_has_any_permission_for(self, user, actions):
        # explorable_instances() is built on this (plus the ancestors of the index pages).
        return hide_other_forums(super().instances_user_has_any_permission_for(user, actions), user)


def register_page_policy():
    """In ``WebsiteConfig.ready()``: before any admin view or permission tester asks for it."""
    from wagtail.permissions import policy_registry, register_permission_policy

    if not isinstance(policy_registry.get_by_type(Page), ForumPagePermissionPolicy):
        register_permission_policy(Page, ForumPagePermissionPolicy())


class ForumOwnedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, limited to the instances of the user's forums.

    ``forum_field`` is the path to the forum (``"forum"``, ``"event__forum"``).
    """

    def __init__(self, model, forum_field="forum", **kwargs):
        super().__init__(model, **kwargs)
        self.forum_field = forum_field

    def forum_id_of(self, instance):
        value = instance
        for part in self.forum_field.split("__"):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value.pk

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and may_edit_forum(
            user, self.forum_id_of(instance)
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and may_edit_forum(
            user, self.forum_id_of(instance)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        return self.limit_queryset(
            super().instances_user_has_any_permission_for(user, actions), user
        )

    def limit_queryset(self, queryset, user):
        if edits_all_forums(user):
            return queryset
        return queryset.filter(**{f"{self.forum_field}__in": forum_ids(user)})

    def narrow_log_entries(self, entries, user):
        """Log entries (``ForumOwnedLogEntry``) less those of other forums' objects of this
        model, for a forum's editors. An entry of an object since deleted is left out too: its
        forum is no longer known."""
        if edits_all_forums(user):
            return entries
        content_type = ContentType.objects.get_for_model(self.model, for_concrete_model=False)
        own_objects = self.limit_queryset(self.model._default_manager.all(), user)
        own_keys = own_objects.annotate(log_key=Cast("pk", CharField())).values("log_key")
        return entries.exclude(Q(content_type=content_type) & ~Q(object_id__in=own_keys))


def forum_owned_models():
    """The models whose registered permission policy holds a forum's editors to their forums."""
    return [
        model
        for model in apps.get_models()
        if isinstance(
            policy_registry.get_by_type(model, fallback=False), ForumOwnedPermissionPolicy
        )
    ]


class ForumOwnedObjectMixin:
    """For a viewset's edit, delete and history views: another forum's object is refused, not
    only absent from the list (Wagtail's generic views check the model permission only)."""

    object_actions = ["change", "view"]

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, self.object_actions, instance
        ):
            raise PermissionDenied
        return instance


class ForumOwnedEditView(ForumOwnedObjectMixin, SnippetViewSet.edit_view_class):
    pass


class ForumOwnedDeleteView(ForumOwnedObjectMixin, SnippetViewSet.delete_view_class):
    object_actions = ["delete"]


class ForumOwnedHistoryView(ForumOwnedObjectMixin, SnippetViewSet.history_view_class):
    pass


class ForumOwnedSnippetViewSet(SnippetViewSet):
    """For the snippets that belong to a forum (their model registers a
    ``ForumOwnedPermissionPolicy``): a forum's editors are listed their forums' objects only,
    and another forum's object, reached by its URL, is refused in the edit, delete and history
    views.

    ``related`` names what the list shows of each object (``select_related``): not fetched
    row by row.
    """

    edit_view_class = ForumOwnedEditView
    delete_view_class = ForumOwnedDeleteView
    history_view_class = ForumOwnedHistoryView
    related = ("forum",)

    def get_queryset(self, request):
        queryset = self.model.objects.select_related(*self.related)
        return self.permission_policy.limit_queryset(queryset, request.user)


class PageWorkersMenuMixin:
    """For a PageListingViewSet (ニュース, イベント in the admin menu): its menu item is shown
    only to those who may work on pages; 事務局, who keep members and mailings, would find a
    dead end."""

    @property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem  # the admin's modules need the apps loaded

        def is_shown(item, request):
            return PagePermissionPolicy().user_has_any_permission(
                request.user, ["add", "change", "publish"]
            )

        return type(f"{self.__class__.__name__}MenuItem", (MenuItem,), {"is_shown": is_shown})


class ForumFilterMixin:
    """For an admin listing view with a ``forum`` filter: a forum's editors, who are shown
    their forums' items only, are offered only their forums to filter by."""

    @cached_property
    def filters(self):
        filters = super().filters
        field = filters.form.fields.get("forum") if filters is not None else None
        if field is not None and not edits_all_forums(self.request.user):
            field.queryset = forums_for(self.request.user)
        return filters


def limit_forum_field(form, user, name="forum"):
    """Offer the user's forums only, grouped 全国 / 地方, in a plain select (no paging)."""
    field = form.fields.get(name)
    if field is None or user is None:
        return
    if not edits_all_forums(user):
        field.queryset = forums_for(user)
        field.required = True
    forums = list(field.queryset.order_by("kind", "sort_order", "name"))
    groups = []
    for kind, label in Forum.Kind.choices:
        options = [(forum.pk, forum.name) for forum in forums if forum.kind == kind]
        if options:
            groups.append((label, options))
    field.widget = forms.Select(attrs=field.widget.attrs)
    if field.required and len(forums) == 1:
        # An editor of one forum has nothing to choose: their forum is filled in.
        field.choices = groups
        if not form.is_bound and not form.initial.get(name):
            form.initial[name] = forums[0].pk
    else:
        field.choices = [("", "---------")] + groups


class ForumChoiceFormMixin:
    """For admin forms (``WagtailAdminModelForm``/``WagtailAdminPageForm``) with a ``forum``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_forum_field(self, self.for_user)


class ForumOwnedPageForm(ForumChoiceFormMixin, SankakuPageForm):
    """``base_form_class`` of forum-owned page types."""


# --- making the groups, permissions and workflow exist ---------------------------------------


def _permissions(names):
    """Permission objects for "app_label.codename" strings (unknown ones are skipped)."""
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted},
        codename__in={codename for _, codename in wanted},
    ).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


def _page_permission(action):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page")


def _collection_permissions(group, codenames):
    root = Collection.get_first_root_node()
    if root is None:
        return
    for permission in Permission.objects.filter(
        content_type__app_label__in=["wagtailimages", "wagtaildocs"], codename__in=codenames
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def model_permissions(app_labels):
    """The add/change/delete/view permissions of these apps' models; not the permissions a
    model declares itself (e.g. 「参加者の個人情報を閲覧できる」), which are given one by one."""
    found = Permission.objects.filter(content_type__app_label__in=app_labels).select_related(
        "content_type"
    )
    return [
        permission
        for permission in found
        if permission.codename
        in {f"{action}_{permission.content_type.model}" for action in DEFAULT_ACTIONS}
    ]


def forum_team_permission_names():
    names = ["wagtailadmin.access_admin"]
    for fn in hooks.get_hooks("forum_team_permissions"):
        names.extend(fn())
    return names


def forum_team_permissions():
    return without_secretariat_models(_permissions(forum_team_permission_names()))


def team_index_pages():
    """Index pages whose children belong to forums, with what forum editors may do there."""
    for model in get_page_models():
        if issubclass(model, TeamIndexPage) and not model._meta.abstract:
            for page in model.objects.all():
                yield page, model.team_page_permissions


def reviewers_group():
    group, _ = Group.objects.get_or_create(name=REVIEWERS)
    permissions = _permissions(REVIEWER_PERMISSIONS)
    permissions += model_permissions(settings.PROJECT_APPS)
    # Exactly these: a group given more by an earlier version (users, groups, sites and
    # personal data, when installed packages counted as the project; the members' register
    # and the mailings' subscribers, before they were the secretariat's only) loses it.
    group.permissions.set(without_secretariat_models(permissions))
    for root in Page.get_root_nodes():
        for action in REVIEWER_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=_page_permission(action)
            )
    _collection_permissions(group, COLLECTION_PERMISSIONS["reviewers"])
    return group


def secretariat_hook_permission_names():
    names = []
    for fn in hooks.get_hooks("secretariat_permissions"):
        names.extend(fn())
    return names


def secretariat_permission_names():
    return [*ADMINISTRATOR_PERMISSIONS, *secretariat_hook_permission_names()]


def secretariat_content_type_ids():
    """The content types of the models the ``secretariat_permissions`` hook names a permission
    of (the members' register with its accounts' login addresses and contacts, the mailings
    with their subscribers): 事務局's only, so a model an app adds there is kept from 広報部会
    and the forums' editors without a list of its own here."""
    return {
        permission.content_type_id
        for permission in _permissions(secretariat_hook_permission_names())
    }


def without_secretariat_models(permissions):
    secretariat = secretariat_content_type_ids()
    return [
        permission for permission in permissions if permission.content_type_id not in secretariat
    ]


def administrators_group():
    group, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    group.permissions.add(*_permissions(secretariat_permission_names()))
    return group


def approval_workflow():
    """「広報部会の承認」; the first time, it replaces Wagtail's default workflow at the root."""
    reviewers = reviewers_group()
    task = ReviewTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = ReviewTask.objects.create(name=REVIEW_TASK)
    task.groups.add(reviewers)
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        # Wagtail's "Moderators approval" sits on the root and would send every page type
        # (lessons, standard pages) through review; ours is assigned per index page.
        WorkflowPage.objects.filter(page__depth=1).exclude(workflow=workflow).delete()
        for page, _actions in team_index_pages():
            if getattr(page.specific_class, "approval_by_default", False):
                WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def refuse_workflow_action_without_its_form(request, page):
    """before_edit_page hook: the edit view hands a workflow action's dialog data (the comment
    of 「修正を依頼」) to the task without checking it. A request that did not come through
    the dialog, with data its form refuses (ReviewTask's comment is required), goes back to
    the edit view with the form's message, and nothing is done."""
    action = request.POST.get("workflow-action-name") if request.method == "POST" else None
    task = page.current_workflow_task if action else None
    form_class = task.specific.get_form_for_action(action) if task else None
    if form_class is None:
        return None
    try:
        data = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
    except ValueError:
        data = {}
    form = form_class(data if isinstance(data, dict) else {})
    if form.is_valid():
        return None
    for errors in form.errors.values():
        messages.error(request, errors[0])
    return redirect("wagtailadmin_pages:edit", page.pk)


def ensure_forum_group(forum, permissions=None, index_pages=None):
    """The forum's editor group, named after the forum, with its model permissions.

    ``permissions`` (``forum_team_permissions()``) and ``index_pages`` (``team_index_pages()``)
    are the same for every forum: ``sync_teams`` reads them once for all the groups."""
    group = forum.editor_group
    name = forum_group_name(forum)
    if group is None:
        group, _ = Group.objects.get_or_create(name=name)
        Forum.objects.filter(pk=forum.pk).update(editor_group=group)
        forum.editor_group = group
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    if permissions is None:
        permissions = forum_team_permissions()
    if index_pages is None:
        index_pages = team_index_pages()
    group.permissions.add(*permissions)
    _collection_permissions(group, COLLECTION_PERMISSIONS["editors"])
    for page, actions in index_pages:
        share_index_with(page, actions, [group])
    return group


def share_index_with(page, actions, groups):
    for group in groups:
        for action in actions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=_page_permission(action)
            )


def share_new_index(page):
    """A team index page was created: every forum group gets its permissions there."""
    groups = Group.objects.filter(forum__isnull=False)
    share_index_with(page, page.team_page_permissions, groups)
    if (
        getattr(page, "approval_by_default", False)
        and not WorkflowPage.objects.filter(page=page).exists()
    ):
        workflow = Workflow.objects.filter(name=WORKFLOW, active=True).first()
        if workflow is not None:
            WorkflowPage.objects.create(page=page, workflow=workflow)


# What Wagtail's first migration makes, in English, for a site without its own teams.
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def retire_wagtail_defaults():
    """Editors choose among our teams and workflow only: Wagtail's default groups go (unless
    someone was put in them) and its default workflow and task are deactivated."""
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()
    Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).update(active=False)
    Task.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).update(active=False)


def sync_teams():
    with transaction.atomic():
        administrators_group()
        approval_workflow()
        retire_wagtail_defaults()
        permissions = forum_team_permissions()
        index_pages = list(team_index_pages())
        for forum in Forum.objects.select_related("editor_group"):
            ensure_forum_group(forum, permissions, index_pages)


# --- signals --------------------------------------------------------------------------------


def _forum_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        ensure_forum_group(instance)


def _forum_deleted(sender, instance, **kwargs):
    if instance.editor_group_id:
        Group.objects.filter(pk=instance.editor_group_id).delete()


def _page_saved(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw and issubclass(sender, TeamIndexPage):
        share_new_index(instance)


def _migrated(sender, using="default", plan=None, **kwargs):
    if plan is None:
        # `flush` (the test runner emptying the database) sends post_migrate without a plan:
        # the database is emptied, or refilled from a copy that already holds the groups.
        return
    # post_migrate comes after every migration has run, but Django makes each app's
    # permissions in its own post_migrate receiver: make them all now (idempotent).
    from django.contrib.auth.management import create_permissions

    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    sync_teams()


def connect_signals():
    from django.db.models.signals import post_delete, post_migrate, post_save

    post_save.connect(_forum_saved, sender=Forum, dispatch_uid="teams-forum-saved")
    post_delete.connect(_forum_deleted, sender=Forum, dispatch_uid="teams-forum-deleted")
    post_save.connect(_page_saved, dispatch_uid="teams-index-page-saved")
    post_migrate.connect(
        _migrated, sender=apps.get_app_config("website"), dispatch_uid="teams-migrated"
    )


def say_what_the_review_did(request, page):
    """After 広報部会 approve (「承認と公開」) or send back (「修正を依頼」) a page from its edit
    view, Wagtail confirms with 「ページ「…」を更新しました。」; this says what happened instead
    (an `after_edit_page` hook). Other messages of the request are kept."""
    if not request.POST.get("action-workflow-action"):
        return
    action = request.POST.get("workflow-action-name")
    if action not in ("approve", "reject"):
        return
    title = page.get_admin_display_title()
    if action == "reject":
        outcome = f"ページ「{title}」の修正を依頼しました。"
    elif page.workflow_in_progress:
        outcome = f"ページ「{title}」を承認しました。次の確認に進みます。"
    elif page.revisions.filter(approved_go_live_at__isnull=False).exists():  # scheduled
        outcome = f"ページ「{title}」を承認しました。予定の日時に公開されます。"
    else:
        outcome = f"ページ「{title}」を承認し、公開しました。"
    updated = gettext("Page '%(page_title)s' has been updated.") % {"page_title": title}
    updated = admin_messages.render(updated, None)  # as Wagtail queued it
    # Reading the queued messages takes them all; those kept are queued again.
    kept = [message for message in messages.get_messages(request) if message.message != updated]
    for message in kept:
        messages.add_message(request, message.level, message.message, message.extra_tags)
    admin_messages.success(request, outcome)
