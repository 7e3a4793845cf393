from django.db import migrations

FIELDS = [
    ("道路", "road"),
    ("橋梁", "bridge"),
    ("トンネル", "tunnel"),
    ("河川", "river"),
    ("砂防", "sabo"),
    ("海岸", "coast"),
    ("港湾", "port"),
    ("空港", "airport"),
    ("公園", "park"),
    ("建物", "building"),
    ("上水道", "water-supply"),
    ("下水道", "sewerage"),
]


def add_fields(apps, schema_editor):
    InfrastructureField = apps.get_model("matching", "InfrastructureField")
    for order, (name, slug) in enumerate(FIELDS, start=1):
        InfrastructureField.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [migrations.RunPython(add_fields, migrations.RunPython.noop)]
