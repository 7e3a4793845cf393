"""The root collection, which editors meet in every image and document form, gets a Japanese
name instead of Wagtail's "Root"."""

from django.db import migrations

ROOT_NAME = "共通"


def rename(apps, old, new):
    Collection = apps.get_model("wagtailcore", "Collection")
    Collection.objects.filter(depth=1, name=old).update(name=new)


def forwards(apps, schema_editor):
    rename(apps, "Root", ROOT_NAME)


def backwards(apps, schema_editor):
    rename(apps, ROOT_NAME, "Root")


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0004_merge_footer_teams_search"),
        ("wagtailcore", "0025_collection_initial_data"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
