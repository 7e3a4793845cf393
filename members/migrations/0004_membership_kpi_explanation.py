"""The KPI 自治体会員数 is computed from the register now: say so on the dashboard, unless an
editor has already rewritten the explanation."""

from django.db import migrations

OLD_RATIO = (
    "年度末の時点で国民会議の行政会員である自治体の数を、地方自治体の総数1,788"
    "（47都道府県と1,741市区町村）で割った割合です。会員の数は事務局の会員名簿から"
    "入力します。活動からは数えません。"
)
NEW_RATIO = (
    "年度末（3月31日）の時点で国民会議の行政会員である自治体の数を、地方自治体の総数1,788"
    "（47都道府県と1,741市区町村）で割った割合です。2021年度からは、このサイトの会員名簿から"
    "計算しています（それより前の年度は事業計画の数値）。活動からは数えません。"
)
OLD_COUNT = (
    "年度末の時点で行政会員である自治体（都道府県を含む）の数です。事務局の会員名簿から入力します。"
)
NEW_COUNT = (
    "年度末（3月31日）の時点で行政会員である自治体（都道府県を含む）の数です。"
    "2021年度からは、このサイトの会員名簿から計算しています。"
)


def explain(apps, schema_editor):
    Indicator = apps.get_model("kpi", "Indicator")
    for code, old, new in (
        ("municipal-membership-ratio", OLD_RATIO, NEW_RATIO),
        ("municipal-members", OLD_COUNT, NEW_COUNT),
    ):
        Indicator.objects.filter(code=code, counting_explanation=old).update(
            counting_explanation=new
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0003_members_area"), ("kpi", "0003_plan_indicators")]

    operations = [migrations.RunPython(explain, migrations.RunPython.noop)]
