"""The FY2021 business plan's KPIs, FY2021 targets and FY2020 results (see kpi/plan.py).

They are the plan's facts, which the dashboard needs in every environment (not only the
demo), so they are loaded by a migration; editors may change them afterwards.
"""

from django.db import migrations


def load_plan(apps, schema_editor):
    from kpi.plan import load_plan

    load_plan(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("kpi", "0002_indicators_figures_dashboard"),
    ]

    operations = [
        migrations.RunPython(load_plan, migrations.RunPython.noop),
    ]
