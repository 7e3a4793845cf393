"""「広報部会の承認」: a forum editor submits, 広報部会 approves or asks for changes,
the submitter hears about it in Japanese; the admin home shows each what waits for them."""

import importlib
import json

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from wagtail.models import GroupApprovalTask, Task, Workflow

from news.models import NewsPage
from tests.website.test_teams import news_form
from website import teams
from website.models import ReviewTask


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


def act_in_dialog(client, page, action, task_state, comment="", view="action"):
    """The dialog Wagtail opens for 「修正を依頼」: from the dashboard (``action``: it acts) or
    from the page's edit view (``collect_action_data``: it hands the comment back to the
    edit form). Answers the dialog's JSON."""
    response = client.post(
        f"/admin/pages/workflow/{view}/{page.pk}/{action}/{task_state.pk}/",
        {"comment": comment},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    return response.json()


NO_COMMENT = "どこをどう直せばよいか、コメントに書いてください。"


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
    # says where the editor finds Wagtail's "Resubmit to %(task_name)s": in the menu that
    # the arrow beside 「下書きを保存」 opens
    assert (
        "修正したら、編集画面のいちばん下にある「下書きを保存」の右の矢印ボタンを押し、"
        "出てくる「広報部会の確認に再提出する」を選んでください。" in message.body
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
def test_the_mails_name_people_in_japanese_order_without_stray_spaces(
    client, kyushu_editor, reviewer, kyushu_news, kyushu
):
    # The demo's accounts have the whole name in one field: 「申請した人:  九州…」 had two spaces.
    kyushu_editor.first_name = "九州フォーラム 編集担当"
    kyushu_editor.save()
    reviewer.last_name, reviewer.first_name = "広報", "太郎"
    reviewer.save()
    client.force_login(kyushu_editor)
    submit(client, kyushu_news, kyushu)
    (message,) = mail.outbox
    assert message.body.startswith("広報 太郎 様\n")  # not Django's 「太郎 広報」
    assert "\n申請した人: 九州フォーラム 編集担当\n" in message.body


@pytest.mark.django_db
def test_a_resubmission_is_announced_as_one(client, kyushu_editor, reviewer, kyushu_news, kyushu):
    client.force_login(kyushu_editor)
    task_state = submit(client, kyushu_news, kyushu)
    (first,) = mail.outbox
    assert first.subject == "承認の申請：「九州の橋の点検報告」"
    assert "「九州の橋の点検報告」の承認が「広報部会の確認」に申請されました。" in first.body
    client.force_login(reviewer)
    act(client, kyushu_news, "reject", task_state, "写真の説明文を入れてください。")
    mail.outbox.clear()

    client.force_login(kyushu_editor)
    submit(client, kyushu_news, kyushu)  # 「広報部会の確認に再提出する」
    (again,) = mail.outbox
    assert again.to == [reviewer.email]
    assert again.subject == "再提出：「九州の橋の点検報告」"
    assert "「九州の橋の点検報告」が修正され、「広報部会の確認」に再提出されました。" in again.body
    assert "申請されました" not in again.body


@pytest.mark.django_db
def test_a_title_in_quotes_is_quoted_with_double_brackets_inside(
    client, kyushu_editor, reviewer, kyushu_news, kyushu
):
    title = "九州フォーラム「市民と学ぶ橋の点検講座」を開催しました"
    client.force_login(kyushu_editor)
    task_state = submit(client, kyushu_news, kyushu, title=title)
    quoted = "「九州フォーラム『市民と学ぶ橋の点検講座』を開催しました」"
    (message,) = mail.outbox
    assert message.subject == f"承認の申請：{quoted}"
    assert f"{quoted}の承認が" in message.body
    mail.outbox.clear()

    client.force_login(reviewer)
    act(client, kyushu_news, "reject", task_state, "写真の説明文を入れてください。")
    (message,) = mail.outbox
    assert message.subject == f"修正の依頼があります：{quoted}"
    assert f"{quoted}について" in message.body
    assert "「「" not in message.body and "」」" not in message.body


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


def act_in_edit_view(client, page, forum, action, comment=None, **extra):
    """「承認と公開」 or 「修正を依頼」 from the page's edit view, then the page it lands on;
    a comment comes as the dialog's JavaScript hands it to the edit form."""
    workflow_fields = {"action-workflow-action": "true", "workflow-action-name": action}
    if comment is not None:
        workflow_fields["workflow-action-extra-data"] = json.dumps({"comment": comment})
    form = news_form(forum, **workflow_fields, **extra)
    return client.post(f"/admin/pages/{page.pk}/edit/", form, follow=True).content.decode()


@pytest.mark.django_db
def test_the_reviewer_is_told_what_approving_or_sending_back_did(
    client, kyushu_editor, reviewer, kyushu_news, kyushu
):
    client.force_login(kyushu_editor)
    submit(client, kyushu_news, kyushu)
    client.force_login(reviewer)
    html = act_in_edit_view(client, kyushu_news, kyushu, "reject", comment="写真を替えてください。")
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


# --- a request for changes says what to change ----------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("comment", [None, "", "   "])
def test_the_task_itself_refuses_to_send_back_without_a_comment(
    client, kyushu_editor, reviewer, kyushu_news, kyushu, comment
):
    """Whatever view acts (a snippet's edit view does not check the dialog's form)."""
    from django.core.exceptions import PermissionDenied

    client.force_login(kyushu_editor)
    submit(client, kyushu_news, kyushu)
    page = NewsPage.objects.get(pk=kyushu_news.pk)
    task_state = page.current_workflow_task_state
    extra = {} if comment is None else {"comment": comment}
    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state, reviewer, "reject", **extra)
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"
    task_state.task.specific.on_action(task_state, reviewer, "reject", comment="写真を替えて。")
    task_state.refresh_from_db()
    assert task_state.status == "rejected"


@pytest.mark.django_db
@pytest.mark.parametrize("extra_data", [None, '{"comment": "  "}', "not json", "[]"])
def test_a_request_for_changes_posted_without_the_dialog_needs_its_comment_too(
    client, kyushu_editor, reviewer, kyushu_news, kyushu, extra_data
):
    client.force_login(kyushu_editor)
    submit(client, kyushu_news, kyushu)
    mail.outbox.clear()
    client.force_login(reviewer)
    workflow_fields = {"action-workflow-action": "true", "workflow-action-name": "reject"}
    if extra_data is not None:
        workflow_fields["workflow-action-extra-data"] = extra_data
    response = client.post(
        f"/admin/pages/{kyushu_news.pk}/edit/", news_form(kyushu, **workflow_fields), follow=True
    )
    assert "どこをどう直せばよいか、コメントに書いてください。" in response.content.decode()
    page = NewsPage.objects.get(pk=kyushu_news.pk)
    assert page.workflow_in_progress and page.current_workflow_task_state.status == "in_progress"
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_review_workflow_asks_for_a_comment_when_it_sends_a_page_back():
    task = Workflow.objects.get(name=teams.WORKFLOW).tasks.get().specific
    assert type(task) is ReviewTask
    teams.sync_teams()  # again, as after every migrate: still the one task
    assert Workflow.objects.get(name=teams.WORKFLOW).tasks.get().specific == task
    assert ReviewTask.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["action", "collect_action_data"])
@pytest.mark.parametrize("comment", ["", " \n "])
def test_a_request_for_changes_without_a_comment_is_refused(
    client, kyushu_editor, reviewer, kyushu_news, kyushu, view, comment
):
    client.force_login(kyushu_editor)
    task_state = submit(client, kyushu_news, kyushu)
    mail.outbox.clear()

    client.force_login(reviewer)
    data = act_in_dialog(client, kyushu_news, "reject", task_state, comment, view=view)
    assert data["step"] == "action"  # the dialog again, with the message by the comment
    assert NO_COMMENT in data["html"]
    assert 'name="comment"' in data["html"]
    kyushu_news.refresh_from_db()
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"
    assert kyushu_news.current_workflow_state.status == "in_progress"
    assert not kyushu_news.live and mail.outbox == []


@pytest.mark.django_db
def test_the_dialog_says_the_comment_is_needed_and_goes_to_the_submitter(
    client, kyushu_editor, reviewer, kyushu_news, kyushu
):
    client.force_login(kyushu_editor)
    task_state = submit(client, kyushu_news, kyushu)
    client.force_login(reviewer)
    url = f"/admin/pages/workflow/collect_action_data/{kyushu_news.pk}/reject/{task_state.pk}/"
    html = client.get(url).json()["html"]
    assert "コメントは、申請した人にメールで届きます。" in html
    assert "required" in html.split('name="comment"', 1)[1].split(">", 1)[0]


@pytest.mark.django_db
def test_a_request_for_changes_with_a_comment_reaches_the_editor_from_the_dashboard(
    client, kyushu_editor, reviewer, kyushu_news, kyushu
):
    client.force_login(kyushu_editor)
    task_state = submit(client, kyushu_news, kyushu)
    mail.outbox.clear()

    client.force_login(reviewer)
    data = act_in_dialog(client, kyushu_news, "reject", task_state, "見出しを短くしてください。")
    assert data["step"] == "success"
    kyushu_news.refresh_from_db()
    assert kyushu_news.current_workflow_state.status == "needs_changes"
    (message,) = mail.outbox
    assert message.to == [kyushu_editor.email]
    assert "見出しを短くしてください。" in message.body


@pytest.mark.django_db
def test_the_edit_views_dialog_hands_the_comment_on_and_approving_needs_none(
    client, kyushu_editor, reviewer, kyushu_news, kyushu
):
    client.force_login(kyushu_editor)
    task_state = submit(client, kyushu_news, kyushu)
    client.force_login(reviewer)
    data = act_in_dialog(
        client, kyushu_news, "reject", task_state, "地図を入れてください。", "collect_action_data"
    )
    assert data == {"step": "success", "cleaned_data": {"comment": "地図を入れてください。"}}
    # 「コメントを付けて承認」 may leave it empty; 「承認と公開」 opens no dialog at all.
    data = act_in_dialog(client, kyushu_news, "approve", task_state, "", "collect_action_data")
    assert data == {"step": "success", "cleaned_data": {"comment": ""}}
    act_in_dialog(client, kyushu_news, "approve", task_state, "")
    assert NewsPage.objects.get(pk=kyushu_news.pk).live


@pytest.mark.django_db
def test_the_migration_turns_the_plain_review_task_into_a_review_task_in_place(
    client, kyushu_editor, reviewer, kyushu_news, kyushu
):
    """A database set up before ReviewTask: its 「広報部会の確認」 was Wagtail's plain group
    approval task. Migrating keeps the same task, its groups and the page in review."""
    task = ReviewTask.objects.get(name=teams.REVIEW_TASK)
    client.force_login(kyushu_editor)
    task_state = submit(client, kyushu_news, kyushu)
    with connection.cursor() as cursor:  # not delete(): it would take the workflow's rows along
        cursor.execute(
            f"DELETE FROM {ReviewTask._meta.db_table} WHERE groupapprovaltask_ptr_id = %s",
            [task.pk],
        )
    Task.objects.filter(pk=task.pk).update(
        content_type=ContentType.objects.get_for_model(GroupApprovalTask)
    )
    assert type(Task.objects.get(pk=task.pk).specific) is GroupApprovalTask

    migration = importlib.import_module("website.migrations.0011_review_task")
    migration.to_review_task(apps, schema_editor=None)
    migration.to_review_task(apps, schema_editor=None)  # twice changes nothing

    converted = Workflow.objects.get(name=teams.WORKFLOW).tasks.get().specific
    assert type(converted) is ReviewTask and converted.pk == task.pk
    assert list(converted.groups.values_list("name", flat=True)) == [teams.REVIEWERS]
    client.force_login(reviewer)
    data = act_in_dialog(client, kyushu_news, "reject", task_state, "")
    assert NO_COMMENT in data["html"]
