"""「広報部会の確認」, the task of 「広報部会の承認」, becomes a ReviewTask, whose request for
changes needs a comment. The task keeps its row: its groups, its place in the workflow and the
pages in review stay as they were; only its type changes."""

import django.db.models.deletion
from django.db import migrations, models

REVIEW_TASK = "広報部会の確認"  # website.teams.REVIEW_TASK


def set_type(apps, task_ids, content_type):
    Task = apps.get_model("wagtailcore", "Task")
    Task.objects.filter(pk__in=task_ids).update(content_type=content_type)


def to_review_task(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ReviewTask = apps.get_model("website", "ReviewTask")
    plain = GroupApprovalTask.objects.filter(
        name=REVIEW_TASK,
        content_type__app_label="wagtailcore",
        content_type__model="groupapprovaltask",
    )
    task_ids = list(plain.values_list("pk", flat=True))
    for task_id in task_ids:
        # raw: only this model's own row is written, the parents' rows are the task's own.
        ReviewTask(groupapprovaltask_ptr_id=task_id).save_base(raw=True)
    review, _ = ContentType.objects.get_or_create(app_label="website", model="reviewtask")
    set_type(apps, task_ids, review)


def to_group_approval_task(apps, schema_editor):
    # Their own rows go with the table, dropped next.
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReviewTask = apps.get_model("website", "ReviewTask")
    plain, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    set_type(apps, list(ReviewTask.objects.values_list("pk", flat=True)), plain)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("website", "0010_alter_homepage_options_alter_sitesettings_options_and_more"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReviewTask",
            fields=[
                (
                    "groupapprovaltask_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.groupapprovaltask",
                    ),
                ),
            ],
            options={
                "verbose_name": "グループによる承認（修正の依頼にはコメントが必要）",
                "verbose_name_plural": "グループによる承認（修正の依頼にはコメントが必要）",
            },
            bases=("wagtailcore.groupapprovaltask",),
        ),
        migrations.RunPython(to_review_task, to_group_approval_task),
    ]
