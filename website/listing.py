"""A list whose length is already known, for Django's Paginator."""


class Counted:
    """A list whose length is already known, for Django's Paginator (which would count it)."""

    def __init__(self, count, items=()):
        self.items = items
        self._count = count

    def count(self):
        return self._count

    def __getitem__(self, key):
        return self.items[key]
