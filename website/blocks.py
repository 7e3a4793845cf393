"""The body blocks every page type shares. Each block renders with templates/blocks/."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="見出し", max_length=120)
    level = blocks.ChoiceBlock(
        label="レベル",
        choices=[("h2", "大見出し（h2）"), ("h3", "中見出し（h3）"), ("h4", "小見出し（h4）")],
        default="h2",
        search_index=False,  # its label says 見出し: searching that word would match every page
    )

    class Meta:
        icon = "title"
        label = "見出し"
        template = "blocks/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    # ImageBlock asks for alt text (or an explicit "decorative" tick) on every image.
    image = ImageBlock(label="画像")
    caption = blocks.CharBlock(label="キャプション", required=False, max_length=250)

    class Meta:
        icon = "image"
        label = "画像"
        template = "blocks/captioned_image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="引用文")
    source = blocks.CharBlock(label="出典", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "引用"
        template = "blocks/quote_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="文書")
    title = blocks.CharBlock(
        label="表示名", required=False, help_text="空欄なら文書のタイトルを使います。"
    )

    class Meta:
        icon = "doc-full"
        label = "文書へのリンク"
        template = "blocks/document_link_block.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="ボタンの文言", max_length=60)
    page = blocks.PageChooserBlock(label="リンク先ページ", required=False)
    url = blocks.URLBlock(label="リンク先URL", required=False, help_text="ページを選ばない場合")

    class Meta:
        icon = "link"
        label = "ボタン"
        template = "blocks/call_to_action_block.html"

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks.struct_block import StructBlockValidationError

        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError("リンク先ページかURLのどちらかを指定してください。")
                }
            )
        return value


class EmbedVideoBlock(blocks.StructBlock):
    embed = EmbedBlock(label="動画のURL", help_text="YouTube などの動画ページのURL")
    caption = blocks.CharBlock(label="キャプション", required=False, max_length=250)

    class Meta:
        icon = "media"
        label = "動画"
        template = "blocks/embed_video_block.html"


class CaptionedTableBlock(TableBlock):
    """Wagtail's table, with its caption (shown above the table) searchable too."""

    def get_searchable_content(self, value):
        caption = (value or {}).get("table_caption")
        return [caption or "", *super().get_searchable_content(value)]

    def deconstruct(self):
        # Migrations see Wagtail's block: searching its caption changes nothing stored.
        _path, args, kwargs = super().deconstruct()
        return "wagtail.contrib.table_block.blocks.TableBlock", args, kwargs


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="本文",
        icon="pilcrow",
        features=["bold", "italic", "link", "document-link", "ol", "ul", "hr"],
        template="blocks/paragraph_block.html",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = EmbedVideoBlock()
    document = DocumentLinkBlock()
    button = CallToActionBlock()
    table = CaptionedTableBlock(
        label="表",
        template="blocks/table_block.html",
        table_options={"language": "ja"},
    )
