"""Events say in which prefecture (and municipality) their venue is. Existing events with a
venue get the prefecture their address begins with; the municipality is left to the editors."""

import django.db.models.deletion
from django.db import migrations, models

POSTAL_CODE_CHARACTERS = "〒0123456789０１２３４５６７８９-－ー‐ 　"


def prefectures_from_addresses(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    Prefecture = apps.get_model("website", "Prefecture")
    names = dict(Prefecture.objects.values_list("name", "code"))
    events = EventPage.objects.filter(
        attendance__in=["in_person", "hybrid"], prefecture__isnull=True
    ).exclude(venue_address="")
    for pk, address in events.values_list("pk", "venue_address"):
        text = address.strip().lstrip(POSTAL_CODE_CHARACTERS)
        code = next((code for name, code in names.items() if text.startswith(name)), None)
        if code is not None:
            EventPage.objects.filter(pk=pk).update(prefecture_id=code)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_alter_eventindexpage_options"),
        ("website", "0012_forum_owned_log_entry"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventpage",
            name="municipality",
            field=models.CharField(
                blank=True,
                help_text="例: 墨田区、大阪市北区",
                max_length=50,
                verbose_name="市区町村",
            ),
        ),
        migrations.AddField(
            model_name="eventpage",
            name="prefecture",
            field=models.ForeignKey(
                blank=True,
                help_text="会場のある都道府県。一覧の「地域」で探せるようになります。空欄なら、会場の住所の都道府県にします。",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="website.prefecture",
                verbose_name="都道府県",
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="venue_address",
            field=models.CharField(
                blank=True,
                help_text="「地図を開く」のリンクとカレンダーアプリの場所に使います。1か所の住所だけを入れます。",
                max_length=255,
                verbose_name="会場の住所",
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="venue_name",
            field=models.CharField(
                blank=True,
                help_text="例: 区民センター 第1会議室。会場が日によって違うときは主な会場（初日の会場）を入れ、ほかの会場は「プログラム・詳細」に書きます。",
                max_length=200,
                verbose_name="会場名",
            ),
        ),
        migrations.RunPython(prefectures_from_addresses, migrations.RunPython.noop),
    ]
