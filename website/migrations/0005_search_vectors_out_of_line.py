"""PostgreSQL: the search index's vectors are stored out of line (TOAST), not in the row.

A search finds its entries through the GIN indexes and then reads only their ids from the
table (website.search.postgres.ranked_matches). With the vectors in the row (a page's body
vector is several kB), the ids of 4,000 matches are spread over 1,600 table blocks; out of
line, over about 80. Rows written before this migration move out of line when the page is
next indexed (`manage.py update_index` rewrites them all). SQLite has no such setting.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"


def store_out_of_line(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 128)")


def store_in_line(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0004_merge_footer_teams_search"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(store_out_of_line, store_in_line)]
