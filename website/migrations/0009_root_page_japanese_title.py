"""The root of the page tree, which a forum editor's page explorer opens on (their sections
lie in both languages' trees) and every admin breadcrumb starts from, gets a Japanese title
instead of Wagtail's "Root", as the root collection did (0005)."""

from django.db import migrations

ROOT_TITLE = "サイト全体"


def retitle(apps, old, new):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title=old).update(title=new, draft_title=new)


def forwards(apps, schema_editor):
    retitle(apps, "Root", ROOT_TITLE)


def backwards(apps, schema_editor):
    retitle(apps, ROOT_TITLE, "Root")


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0008_page_depth_path_index"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
