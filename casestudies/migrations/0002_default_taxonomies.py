"""The starting terms of the two taxonomies; editors add more in the admin."""

from django.db import migrations

INFRASTRUCTURE_KINDS = [
    ("道路", "road"),
    ("橋梁", "bridge"),
    ("トンネル", "tunnel"),
    ("河川", "river"),
    ("砂防", "sabo"),
    ("海岸", "coast"),
    ("港湾", "port"),
    ("上下水道", "water-sewer"),
    ("公園", "park"),
    ("建物", "building"),
    ("その他", "other"),
]

COLLABORATION_FORMS = [
    ("清掃・美化", "cleaning"),
    ("点検・見守り", "inspection"),
    ("情報提供・通報", "reporting"),
    ("軽微な補修・DIY", "minor-repair"),
    ("学習・啓発", "learning"),
    ("計画づくり", "planning"),
    ("その他", "other"),
]


def sort_order(position, slug):
    return 999 if slug == "other" else (position + 1) * 10


def create_terms(apps, schema_editor):
    for model_name, terms in (
        ("InfrastructureKind", INFRASTRUCTURE_KINDS),
        ("CollaborationForm", COLLABORATION_FORMS),
    ):
        model = apps.get_model("casestudies", model_name)
        for position, (name, slug) in enumerate(terms):
            model.objects.get_or_create(
                slug=slug, defaults={"name": name, "sort_order": sort_order(position, slug)}
            )


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0001_initial")]

    operations = [migrations.RunPython(create_terms, migrations.RunPython.noop)]
