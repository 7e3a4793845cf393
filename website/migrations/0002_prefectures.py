from django.db import migrations


def load_prefectures(apps, schema_editor):
    from website.prefectures import PREFECTURES

    Prefecture = apps.get_model("website", "Prefecture")
    for code, name, region in PREFECTURES:
        Prefecture.objects.update_or_create(code=code, defaults={"name": name, "region": region})


class Migration(migrations.Migration):
    dependencies = [("website", "0001_initial")]

    operations = [migrations.RunPython(load_prefectures, migrations.RunPython.noop)]
