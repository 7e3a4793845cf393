from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from website.teams import DEFAULT_ACTIONS

from . import access
from .models import ContactPerson
from .viewsets import MembersGroup, PersonalDataPermissionPolicy

register_permission_policy(
    ContactPerson, PersonalDataPermissionPolicy(ContactPerson), exact_class=True
)
register_snippet(MembersGroup)


hooks.register("before_serve_page", access.check_page)
hooks.register("before_serve_document", access.check_document)


@hooks.register("secretariat_permissions")
def secretariat_runs_the_members_register():
    """事務局 keeps the register: organisations, their accounts (login addresses) and contacts
    (with their personal data), and the local governments. Every model named here is theirs
    only (website/teams.py): 広報部会 and the forums' editors get none of its permissions."""
    models = ("memberorganisation", "memberaccount", "contactperson", "localgovernment")
    return [
        *(f"members.{action}_{model}" for model in models for action in DEFAULT_ACTIONS),
        ContactPerson.PERSONAL_DATA_PERMISSION,
    ]


@hooks.register("website_search_audience")
def members_search_audience(request):
    """Logged-in members find the members' area in the site search (members/search.py)."""
    from .search import audience

    return audience(request)


@hooks.register("website_demo_content", order=60)
def load_members_demo(home, stdout):
    from .demo import load

    load(home, stdout)
