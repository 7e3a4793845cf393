"""The blocks of an issue's body.

Automatic blocks fetch the latest items when the issue is previewed and, for good, when sending
starts (mailings/rendering.py); other apps provide the items through the ``mailings_items``
hook (mailings/sources.py), so this app imports none of them.
"""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


def limit_block(default):
    return blocks.IntegerBlock(
        label="件数", default=default, min_value=1, max_value=20, help_text="最大の件数"
    )


def forums_block(help_text):
    return blocks.ListBlock(
        SnippetChooserBlock("website.Forum"), label="フォーラム", default=[], help_text=help_text
    )


class AutomaticBlock(blocks.StructBlock):
    """Items fetched automatically: `kind` names the source (sources.py)."""

    kind = ""

    class Meta:
        icon = "list-ul"


class LatestNewsBlock(AutomaticBlock):
    kind = "news"
    heading = blocks.CharBlock(label="見出し", default="新着ニュース", max_length=60)
    forums = forums_block("選ばなければ、すべてのフォーラムのニュースを載せます。")
    limit = limit_block(5)

    class Meta:
        label = "新着ニュース（前号以降、自動）"
        icon = "doc-full"


class UpcomingEventsBlock(AutomaticBlock):
    kind = "events"
    heading = blocks.CharBlock(label="見出し", default="これからのイベント", max_length=60)
    forums = forums_block("選ばなければ、すべてのフォーラムのイベントを載せます。")
    limit = limit_block(5)

    class Meta:
        label = "これからのイベント（自動）"
        icon = "date"


class OpenLessonsBlock(AutomaticBlock):
    kind = "lessons"
    heading = blocks.CharBlock(label="見出し", default="出前授業のご案内", max_length=60)
    forums = forums_block("選ばなければ、すべてのフォーラムの授業を載せます。")
    limit = limit_block(3)

    class Meta:
        label = "申込みを受け付けている出前授業（自動）"
        icon = "group"


class PickedPagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="見出し", max_length=60)
    pages = blocks.ListBlock(blocks.PageChooserBlock(), label="ページ", min_num=1, max_num=10)

    class Meta:
        label = "ページを選んで紹介"
        icon = "link"


class MailImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="画像")
    alt = blocks.CharBlock(
        label="代替テキスト",
        required=False,
        max_length=200,
        help_text="空欄なら画像の説明文を使います。",
    )
    caption = blocks.CharBlock(label="キャプション", required=False, max_length=200)

    class Meta:
        label = "画像"
        icon = "image"


class IssueStreamBlock(blocks.StreamBlock):
    paragraph = blocks.TextBlock(label="文章", max_length=2000)
    latest_news = LatestNewsBlock()
    upcoming_events = UpcomingEventsBlock()
    open_lessons = OpenLessonsBlock()
    pages = PickedPagesBlock()
    image = MailImageBlock()
