"""Columns of the admin's lists."""

from wagtail.admin.ui.tables import Column


def marked_column(name, label, mark="✓"):
    """A yes/no field as a mark where it is true and nothing where it is not: a column of
    「True」 and 「False」 reads as English to the editors."""
    return Column(name, label=label, accessor=lambda item: mark if getattr(item, name) else "")
