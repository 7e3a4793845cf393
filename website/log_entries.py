"""What the admin's log listings show a forum's editors: the entries of their forums' objects.

Wagtail shows the log entries of a model other than a page (``ModelLogEntry``: a booking's
status changes, an edited KPI figure or need) to whoever has a permission on the model, so a
九州 editor who handles bookings read 近畿's bookings' history in サイト履歴 (Reports, whose
filters of users, types and actions come from the same entries). Here the entries of the models
whose registered permission policy is a ``ForumOwnedPermissionPolicy`` are narrowed by that
policy: a forum's editors see those of their forums' objects only; 事務局, 広報部会 and superusers
(held to no forum) see every entry Wagtail shows them. An object's own 履歴 view refuses
another forum's object (``ForumOwnedHistoryMixin``).

Wagtail's documented way to filter a model's entries is a log model of its own
(``register_log_actions``); that would need a model and a migration in every app with
forum-owned objects, and their entries moved out of ``ModelLogEntry``. Wrapping the one manager
method that every log listing asks (``viewable_by_user``) keeps the entries where Wagtail puts
them and reads ownership from the policies the apps already register.
"""

from functools import reduce
from operator import or_

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.models.audit_log import ModelLogEntryManager
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import SnippetViewSet

from .teams import ForumOwnedPermissionPolicy, edits_all_forums


def forum_owned_models():
    """(model, policy) for the models whose permission policy holds editors to their forums."""
    for model in apps.get_models():
        policy = policy_registry.get_by_type(model, fallback=False)
        if isinstance(policy, ForumOwnedPermissionPolicy):
            yield model, policy


def without_other_forums(entries, user):
    """``entries`` (ModelLogEntry) less those of forum-owned objects outside the user's forums.

    An entry of a forum-owned object that no longer exists is left out too: its forum is no
    longer known.
    """
    if edits_all_forums(user):
        return entries
    owned_types = []
    own_objects = []
    for model, policy in forum_owned_models():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        own_keys = (
            policy.limit_queryset(model._default_manager.all(), user)
            .annotate(log_key=Cast("pk", output_field=CharField()))
            .values("log_key")
        )
        owned_types.append(content_type.pk)
        own_objects.append(Q(content_type_id=content_type.pk, object_id__in=own_keys))
    if not owned_types:
        return entries
    return entries.filter(reduce(or_, own_objects, ~Q(content_type_id__in=owned_types)))


_wagtail_viewable_by_user = ModelLogEntryManager.viewable_by_user


def viewable_by_user(self, user):
    """ModelLogEntryManager.viewable_by_user, narrowed to the user's forums' objects."""
    return without_other_forums(_wagtail_viewable_by_user(self, user), user)


def install():
    """Called once from website/wagtail_hooks.py, before any admin view lists log entries;
    tests/website/test_site_history.py checks that Wagtail still has the method this wraps."""
    ModelLogEntryManager.viewable_by_user = viewable_by_user


class ForumOwnedHistoryMixin:
    """For the 履歴 (history) view of a forum-owned model or snippet: another forum's object
    is refused, as its edit view is (Wagtail's history view checks the model permission only)."""

    def get_object(self):
        instance = super().get_object()
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, self.any_permission_required, instance
        ):
            raise PermissionDenied
        return instance


class ForumOwnedSnippetHistoryView(ForumOwnedHistoryMixin, SnippetViewSet.history_view_class):
    """``history_view_class`` of a ``ForumOwnedSnippetViewSet``."""
