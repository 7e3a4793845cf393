"""The language a page is being read in: Japanese, the default, or English.

No other module of the project is imported here, so the query sets (website/visibility.py)
and the translations' helpers (website/i18n.py) can both ask.
"""

from django.conf import settings
from django.utils import translation

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


def active_language():
    """'ja' or 'en': the active language, as one of LANGUAGES (Japanese when none is active)."""
    language = translation.get_language() or DEFAULT_LANGUAGE
    try:
        return translation.get_supported_language_variant(language)
    except LookupError:
        return DEFAULT_LANGUAGE


def is_default_language(language=None):
    return (language or active_language()) == DEFAULT_LANGUAGE
