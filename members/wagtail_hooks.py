from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .models import ContactPerson
from .viewsets import MembersGroup, PersonalDataPermissionPolicy

register_permission_policy(
    ContactPerson, PersonalDataPermissionPolicy(ContactPerson), exact_class=True
)
register_snippet(MembersGroup)
