from django.db import migrations


def load_local_governments(apps, schema_editor):
    from members import local_governments

    local_governments.load(apps.get_model("members", "LocalGovernment"))


class Migration(migrations.Migration):
    dependencies = [("members", "0001_register")]

    operations = [migrations.RunPython(load_local_governments, migrations.RunPython.noop)]
