"""The four categories the council uses; editors may add more in the admin."""

from django.db import migrations

DEFAULT_CATEGORIES = [
    ("notice", "お知らせ", 10),
    ("report", "開催報告", 20),
    ("press-release", "プレスリリース", 30),
    ("recruitment", "募集", 40),
]


def add_default_categories(apps, schema_editor):
    NewsCategory = apps.get_model("news", "NewsCategory")
    for slug, name, sort_order in DEFAULT_CATEGORIES:
        NewsCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": sort_order}
        )


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [migrations.RunPython(add_default_categories, migrations.RunPython.noop)]
