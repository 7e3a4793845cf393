"""The plan's FY2020 targets (its table 「令和2年度 KPI 結果」, see kpi/plan.py), for databases
that ran 0003 before kpi.plan had them; on a new database 0003 has already added them."""

from django.db import migrations


def load_fy2020_targets(apps, schema_editor):
    from kpi.plan import load_targets

    load_targets(apps, years={2020})


class Migration(migrations.Migration):
    dependencies = [
        ("kpi", "0005_alter_kpidashboardpage_options"),
    ]

    operations = [
        migrations.RunPython(load_fy2020_targets, migrations.RunPython.noop),
    ]
