"""The log of what belongs to a forum, kept apart from Wagtail's model log (website/models.py
`ForumOwnedLogEntry`); the entries those models already have move across."""

import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


# website.teams.forum_owned_models() when this was written.
FORUM_OWNED_MODELS = [
    ("events", "registration"),
    ("outreach", "lessonslot"),
    ("outreach", "booking"),
    ("kpi", "activity"),
    ("kpi", "enteredfigure"),
    ("matching", "needssurvey"),
    ("matching", "need"),
    ("matching", "matching"),
    ("matching", "operationalstory"),
]
FIELDS = [
    *("content_type_id", "label", "action", "data", "timestamp", "uuid", "user_id"),
    *("revision_id", "content_changed", "deleted", "object_id"),
]


def move_entries(from_model, to_model):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        source = apps.get_model(*from_model)
        target = apps.get_model(*to_model)
        types = [
            content_type.pk
            for content_type in ContentType.objects.all()
            if (content_type.app_label, content_type.model) in FORUM_OWNED_MODELS
        ]
        entries = source.objects.filter(content_type_id__in=types).order_by("pk")
        target.objects.bulk_create(
            target(**{name: getattr(entry, name) for name in FIELDS}) for entry in entries
        )
        entries.delete()

    return move


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("website", "0011_review_task"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ForumOwnedLogEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("label", models.TextField()),
                ("action", models.CharField(blank=True, db_index=True, max_length=255)),
                (
                    "data",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        encoder=django.core.serializers.json.DjangoJSONEncoder,
                    ),
                ),
                ("timestamp", models.DateTimeField(db_index=True, verbose_name="timestamp (UTC)")),
                (
                    "uuid",
                    models.UUIDField(
                        blank=True,
                        editable=False,
                        help_text="Log entries that happened as part of the same user action are assigned the same UUID",
                        null=True,
                    ),
                ),
                ("content_changed", models.BooleanField(db_index=True, default=False)),
                ("deleted", models.BooleanField(default=False)),
                ("object_id", models.CharField(db_index=True, max_length=255)),
                (
                    "content_type",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="contenttypes.contenttype",
                        verbose_name="content type",
                    ),
                ),
                (
                    "revision",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="wagtailcore.revision",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "フォーラムの記録の履歴",
                "verbose_name_plural": "フォーラムの記録の履歴",
                "ordering": ["-timestamp", "-id"],
                "abstract": False,
                "indexes": [
                    models.Index(
                        fields=["uuid", "action", "-timestamp"], name="website_for_uuid_886829_idx"
                    )
                ],
            },
        ),
        migrations.RunPython(
            move_entries(("wagtailcore", "ModelLogEntry"), ("website", "ForumOwnedLogEntry")),
            move_entries(("website", "ForumOwnedLogEntry"), ("wagtailcore", "ModelLogEntry")),
        ),
    ]
