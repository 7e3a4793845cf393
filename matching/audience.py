"""Who sees what of needs and seeds: everyone the public ones; logged-in members (and the
editors, who review everything) also those the organisations let members see."""

from members.access import is_editor, is_member


def sees_members_content(request):
    if not request.user.is_authenticated:
        return False
    return is_editor(request.user) or is_member(request)
