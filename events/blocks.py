"""The event page body: the shared blocks plus a programme (timetable)."""

from wagtail import blocks

from website.blocks import BaseStreamBlock


class ProgrammeItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(label="時間", max_length=40, help_text="例: 13:00〜13:10")
    title = blocks.CharBlock(label="内容", max_length=200)
    speaker = blocks.CharBlock(
        label="登壇者・担当", max_length=200, required=False, help_text="氏名と所属など"
    )
    description = blocks.TextBlock(label="説明", required=False)

    class Meta:
        icon = "time"
        label = "項目"


class ProgrammeBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="見出し", max_length=120, default="プログラム")
    items = blocks.ListBlock(ProgrammeItemBlock(), label="項目")

    class Meta:
        icon = "list-ul"
        label = "プログラム"
        template = "blocks/programme_block.html"


class EventStreamBlock(BaseStreamBlock):
    programme = ProgrammeBlock()
