"""The staff group that handles lesson bookings (and so may see teachers' personal data)."""

from django.db import migrations

GROUP_NAME = "出前授業担当"
ACTIONS = ["add", "change", "delete", "view"]
MODELS = [("booking", "出前授業の申込み"), ("lessonslot", "日時枠")]


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    # Django creates model permissions after all migrations (post_migrate); this group needs
    # them now, so they are made here the same way (same codenames, found again later).
    for model, verbose_name in MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="outreach", model=model)
        for action in ACTIONS:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose_name}"},
            )
            group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
