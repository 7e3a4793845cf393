"""The lesson plan: the shared body blocks plus a timed step of the lesson."""

from wagtail import blocks

from website.blocks import BaseStreamBlock


class LessonStepBlock(blocks.StructBlock):
    minutes = blocks.IntegerBlock(label="時間（分）", min_value=1, max_value=180)
    title = blocks.CharBlock(label="活動", max_length=80)
    description = blocks.TextBlock(label="内容", required=False)

    class Meta:
        icon = "time"
        label = "授業の流れ（1ステップ）"
        template = "blocks/lesson_step_block.html"


class LessonPlanBlock(BaseStreamBlock):
    step = LessonStepBlock()
