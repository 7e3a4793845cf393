"""Site search in Japanese: the search backend (backend.py) and the public search page (pages.py)."""
