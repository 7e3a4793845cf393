"""The sizes images are cut to, named once.

Templates ask for a size by name (`{% sized_image item.image "card" … %}`) and lists
prefetch the renditions of the same size (`with_renditions("card")`), so the two cannot
drift apart and no card costs a query of its own.
"""

import re
from functools import cache

from django.apps import apps
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_renditions_or_not_found

from website.languages import DEFAULT_LANGUAGE, is_default_language

SIZES = {
    # The cards of news, case studies, events and lessons (3:2); a case study's own image.
    "card": "fill-{400x267,800x533} format-webp",
    # The image at the top of the home page and of a lesson's page (3:2).
    "hero": "fill-{480x320,800x533,1200x800} format-webp",
    # The image at the top of a news or event page (3:2).
    "page": "fill-{800x533,1200x800} format-webp",
    # The photos of an event's report (4:3).
    "event-photo": "fill-{400x300,800x600} format-webp",
    # A case study's gallery, in each photo's own shape.
    "case-gallery": "width-{400,800} format-webp",
}

# og:image and JSON-LD: the size sharing sites show.
SHARING = "fill-1200x630|format-jpeg"


def rendition_specs(size):
    """['fill-400x267|format-webp', 'fill-800x533|format-webp'] for 'card'."""
    return Filter.expand_spec(SIZES[size])


@cache
def rendition_filters(size):
    """The Filters of `size`, parsed once: Wagtail parses a filter's operations (with
    inspect.getcallargs for each) on first use of each Filter object, so a new one per image
    cost more than the rest of a card."""
    return tuple(Filter(spec) for spec in rendition_specs(size))


@cache
def sharing_filter():
    """The Filter of SHARING, parsed once (as rendition_filters)."""
    return Filter(SHARING)


def sharing_rendition(image):
    """`image` cut to the size sharing sites show."""
    return image.get_rendition(sharing_filter())


def with_renditions(size):
    """Images with the renditions of `size` prefetched, for Prefetch("image", queryset=…)."""
    return get_image_model().objects.prefetch_renditions(*rendition_specs(size))


JAPANESE_TEXT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")


def alt_language(alt):
    """'ja' for an alt text in Japanese on a page read in another language (images have one
    description, written in Japanese), so that a screen reader reads it in Japanese; else
    None, which leaves the attribute out."""
    if alt and not is_default_language() and JAPANESE_TEXT.search(alt):
        return DEFAULT_LANGUAGE
    return None


def responsive_image(image, size, **attrs):
    """The <img srcset> of `image` cut to `size`, as `{% srcset_image %}` writes it. The alt
    text is the image's description ("" for a decorative image), never its title or file name.

    The tag is written here in plain Python, the same markup as Wagtail's (attributes in
    Django's `flatatt` order): `flatatt` escaped each attribute through several calls, and
    that was most of a card's work on every list page."""
    renditions = list(get_renditions_or_not_found(image, rendition_filters(size)).values())
    # Each rendition's URL once: the storage builds it afresh on every read.
    urls = [rendition.url for rendition in renditions]
    first = renditions[0]
    attributes = {"src": urls[0], "width": first.width, "height": first.height}
    attributes.update(apps.get_app_config("wagtailimages").default_attrs)
    attributes["alt"] = image.description or ""
    attributes.update(attrs)
    attributes.setdefault("lang", alt_language(attributes["alt"]))
    if len(renditions) > 1:
        attributes["srcset"] = ", ".join(
            f"{url} {rendition.width}w" for url, rendition in zip(urls, renditions, strict=True)
        )
    return mark_safe(f"<img{html_attributes(attributes)}>")  # noqa: S308 - every value escaped


def html_attributes(attributes):
    """As django.forms.utils.flatatt: name="value" pairs in name order, then the names whose
    value is True; False and None leave the attribute out."""
    pairs = sorted(
        (name, value) for name, value in attributes.items() if not isinstance(value, bool)
    )
    written = "".join(
        f' {name}="{conditional_escape(value)}"' for name, value in pairs if value is not None
    )
    return written + "".join(
        f" {name}" for name in sorted(name for name, value in attributes.items() if value is True)
    )
