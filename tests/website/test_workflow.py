"""「広報部会の承認」 (issue 17): a forum editor submits, 広報部会 approves or asks for changes,
the submitter hears about it in Japanese; the admin home shows each what waits for them."""

import pytest
from django.core import mail

from news.models import NewsPage
from tests.website.test_teams import news_form


def submit(client, page, forum, **fields):
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        news_form(forum, **fields, **{"action-submit": "submit"}),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    return page.current_workflow_task_state


def act(client, page, action, task_state, comment=""):
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/", {"comment": comment}
    )


@pytest.mark.django_db
def test_request_changes_then_approve_mails_the_submitter_in_japanese(
    client, kyushu_editor, reviewer, kyushu_news, kyushu
):
    kyushu_editor.last_name, kyushu_editor.first_name = "九州", "花子"
    kyushu_editor.save()
    client.force_login(kyushu_editor)
    task_state = submit(client, kyushu_news, kyushu)
    # 広報部会 is told there is something to review.
    assert [m.to for m in mail.outbox] == [[reviewer.email]]
    assert "承認の申請" in mail.outbox[0].subject
    # Who asks, for which forum: 広報部会 knows whom to ask about it.
    body = mail.outbox[0].body
    assert "\nフォーラム: 九州インフラメンテナンス地方フォーラム\n申請した人: 九州 花子\n" in body
    mail.outbox.clear()

    client.force_login(reviewer)
    home = client.get("/admin/").content.decode()
    assert "九州の橋の点検報告" in home  # awaiting their review

    response = act(client, kyushu_news, "reject", task_state, "写真の説明文を入れてください。")
    assert response.status_code in (200, 302)
    kyushu_news.refresh_from_db()
    assert not kyushu_news.live
    assert kyushu_news.current_workflow_state.status == "needs_changes"
    (message,) = mail.outbox
    assert message.to == [kyushu_editor.email]
    assert message.subject == "修正の依頼があります：「九州の橋の点検報告」"
    assert "写真の説明文を入れてください。" in message.body
    # names the button the editor will find: Wagtail's "Resubmit to %(task_name)s"
    assert (
        "修正して、編集画面の下の「広報部会の確認に再提出する」を選んでください。" in message.body
    )
    assert "Hello" not in message.body and "rejected" not in message.body
    mail.outbox.clear()

    client.force_login(kyushu_editor)
    home = client.get("/admin/").content.decode()
    assert "九州の橋の点検報告" in home  # their changes requested
    task_state = submit(client, kyushu_news, kyushu)
    mail.outbox.clear()

    client.force_login(reviewer)
    act(client, kyushu_news, "approve", task_state)
    page = NewsPage.objects.get(pk=kyushu_news.pk)
    assert page.live and not page.workflow_in_progress
    (message,) = mail.outbox
    assert message.to == [kyushu_editor.email]
    assert message.subject == "承認・公開されました：「九州の橋の点検報告」"
    assert "「広報部会の承認」で承認されました" in message.body
    assert "http://testserver/news/" in message.body


@pytest.mark.django_db
def test_a_submission_is_announced_once_to_each_reviewer_and_not_to_superusers(
    client, kyushu_editor, reviewer, kyushu_news, kyushu, django_user_model
):
    django_user_model.objects.create_superuser("admin", "admin@example.jp", "x")
    client.force_login(kyushu_editor)
    submit(client, kyushu_news, kyushu)
    assert sorted(address for message in mail.outbox for address in message.to) == [reviewer.email]


@pytest.mark.django_db
def test_another_forums_editor_cannot_review(
    client, django_user_model, kyushu_editor, kyushu_news, kyushu, kinki
):
    client.force_login(kyushu_editor)
    task_state = submit(client, kyushu_news, kyushu)
    kinki_editor = django_user_model.objects.create_user(username="kinki", password="x")
    kinki_editor.groups.add(kinki.editor_group)
    client.force_login(kinki_editor)
    act(client, kyushu_news, "approve", task_state)
    kyushu_news.refresh_from_db()
    assert not kyushu_news.live and kyushu_news.workflow_in_progress


@pytest.mark.django_db
def test_approving_a_scheduled_page_schedules_it_and_the_mail_says_when(
    client, kyushu_editor, reviewer, kyushu_news, kyushu
):
    client.force_login(kyushu_editor)
    task_state = submit(client, kyushu_news, kyushu, go_live_at="2099-12-01 10:00")
    mail.outbox.clear()

    client.force_login(reviewer)
    act(client, kyushu_news, "approve", task_state)
    page = NewsPage.objects.get(pk=kyushu_news.pk)
    assert not page.live and page.scheduled_revision is not None
    (message,) = mail.outbox
    assert message.subject == "承認されました（公開は予定の日時）：「九州の橋の点検報告」"
    assert "公開予定の日時（日本時間）: 2099年12月1日 10:00" in message.body


def act_in_edit_view(client, page, forum, action, **extra):
    """「承認と公開」 or 「修正を依頼」 from the page's edit view, then the page it lands on."""
    form = news_form(
        forum,
        **{"action-workflow-action": "true", "workflow-action-name": action},
        **extra,
    )
    return client.post(f"/admin/pages/{page.pk}/edit/", form, follow=True).content.decode()


@pytest.mark.django_db
def test_the_reviewer_is_told_what_approving_or_sending_back_did(
    client, kyushu_editor, reviewer, kyushu_news, kyushu
):
    client.force_login(kyushu_editor)
    submit(client, kyushu_news, kyushu)
    client.force_login(reviewer)
    html = act_in_edit_view(client, kyushu_news, kyushu, "reject")
    assert "ページ「九州の橋の点検報告」の修正を依頼しました。" in html
    assert "を更新しました" not in html

    client.force_login(kyushu_editor)
    submit(client, kyushu_news, kyushu)
    client.force_login(reviewer)
    html = act_in_edit_view(client, kyushu_news, kyushu, "approve")
    assert NewsPage.objects.get(pk=kyushu_news.pk).live
    assert "ページ「九州の橋の点検報告」を承認し、公開しました。" in html
    assert "を更新しました" not in html

    # A plain save still says Wagtail's words.
    html = client.post(
        f"/admin/pages/{kyushu_news.pk}/edit/", news_form(kyushu), follow=True
    ).content.decode()
    assert "ページ「九州の橋の点検報告」を更新しました。" in html


@pytest.mark.django_db
def test_approving_a_scheduled_page_says_it_will_go_live_when_planned(
    client, kyushu_editor, reviewer, kyushu_news, kyushu
):
    client.force_login(kyushu_editor)
    submit(client, kyushu_news, kyushu, go_live_at="2099-12-01 10:00")
    client.force_login(reviewer)
    html = act_in_edit_view(client, kyushu_news, kyushu, "approve", go_live_at="2099-12-01 10:00")
    assert "ページ「九州の橋の点検報告」を承認しました。予定の日時に公開されます。" in html
