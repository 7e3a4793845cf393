from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permissions import policy_registry

from website.teams import ForumChoiceFormMixin

from .choices import PROGRESS


def own_forums_objects(model, user):
    """The objects of a forum-owned `model` that `user` may choose: a forum's editors, their
    forums' only (another forum's survey answers are its own business)."""
    return policy_registry.get_by_type(model).limit_queryset(model.objects.all(), user)


class ForumOwnedAdminForm(ForumChoiceFormMixin, WagtailAdminModelForm):
    """Needs, surveys, matchings and stories: a forum's editors choose among their forums, and
    link a matching to their forums' needs, a need to their forums' surveys."""

    forum_owned_links = ("need", "survey")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.forum_owned_links:
            field = self.fields.get(name)
            if field is not None and self.for_user is not None:
                field.queryset = own_forums_objects(field.queryset.model, self.for_user)


class MatchingAdminForm(ForumOwnedAdminForm):
    """The history has one date per stage, and the current stage is dated in it."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("stage_changes")
        if formset is None:
            return cleaned_data
        # Row by row: the formset's own uniqueness check would drop the repeated stage.
        stages = [
            form.cleaned_data["stage"]
            for form in formset.forms
            if form.is_valid()
            and form.cleaned_data.get("stage")
            and not form.cleaned_data.get("DELETE")
        ]
        duplicates = {stage for stage in stages if stages.count(stage) > 1}
        if duplicates:
            self.add_error(None, "段階の履歴では、同じ段階の日付はひとつだけにしてください。")
        stage = cleaned_data.get("stage")
        if stage in PROGRESS and stage not in stages:
            self.add_error(
                "stage",
                "この段階に到達した日付を「段階の履歴」に追加してください（KPIの年度を決めます）。",
            )
        return cleaned_data
