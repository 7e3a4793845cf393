"""The eight kinds of event of the FY2021 plan, each counted as a KPI activity kind.

Editors may rename, add or re-map kinds afterwards (snippets → イベントの種類).
"""

from django.db import migrations

EVENT_KINDS = [
    ("workshop", "ワークショップ講座", "workshop"),
    ("pitch", "ピッチイベント", "pitch_event"),
    ("matching", "マッチングイベント", "matching_event"),
    ("seminar", "シンポジウム・セミナー・講演会", "seminar"),
    ("field-trial", "実証実験・現場試行", "field_trial"),
    ("consultation", "よろず相談", "consultation"),
    ("citizen", "市民参画イベント", "citizen_event"),
    ("forum", "フォーラム", "forum_meeting"),
]


def add_kinds(apps, schema_editor):
    EventKind = apps.get_model("events", "EventKind")
    for order, (slug, name, activity_kind) in enumerate(EVENT_KINDS, start=1):
        EventKind.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "activity_kind": activity_kind, "sort_order": order * 10},
        )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
