"""Every model the editors meet is named in Japanese, in the singular and the plural alike:
Django makes a plural by adding "s", and the admin's lists were headed 「出前授業s」."""

import re

from django.apps import apps
from django.conf import settings

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def test_japanese_model_names_have_a_japanese_plural():
    wrong = []
    for model in apps.get_models():
        if model._meta.app_label not in settings.PROJECT_APPS:
            continue
        singular, plural = str(model._meta.verbose_name), str(model._meta.verbose_name_plural)
        if JAPANESE.search(singular) and plural == f"{singular}s":
            wrong.append(f"{model._meta.label}: {plural}")
    assert wrong == []
