"""The helpers journeys use to prepare data and read e-mails on the live site."""


def test_shell_changes_the_served_site_and_sent_mail_reads_what_it_sent(live_site):
    output = live_site.shell(
        "from django.core.mail import send_mail\n"
        "from website.models import Forum\n"
        "Forum.objects.filter(slug='okinawa').update(short_description='沖縄の橋梁を守る')\n"
        "send_mail('【確認】お申込みを受け付けました', '受付番号：EV-0001', None, ['teacher@example.jp'])\n"
        "print(Forum.objects.get(slug='okinawa').name)\n"
    )
    assert output.strip() == "沖縄フォーラム"
    status, html = live_site.get("/forums/okinawa/")
    assert status == 200
    assert "沖縄の橋梁を守る" in html

    mail = live_site.sent_mail()[-1]
    assert mail.to == ["teacher@example.jp"]
    assert mail.subject == "【確認】お申込みを受け付けました"
    assert "受付番号：EV-0001" in mail.body
