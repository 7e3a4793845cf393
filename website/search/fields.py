"""Search fields of the site's own, for models' `search_fields` (website/search/ reads them)."""

from wagtail.search import index


class UnquotedSearchField(index.SearchField):
    """Found by a search, never quoted in a result's passage: a forum's English name and
    description find it from the English pages, but a Japanese result does not show them."""
