"""The sizes images are cut to, named once.

Templates ask for a size by name (`{% sized_image item.image "card" … %}`) and lists
prefetch the renditions of the same size (`with_renditions("card")`), so the two cannot
drift apart and no card costs a query of its own.
"""

from functools import cache

from wagtail.images import get_image_model
from wagtail.images.models import Filter, ResponsiveImage
from wagtail.images.shortcuts import get_renditions_or_not_found

SIZES = {
    # The cards of news, case studies, events and lessons (3:2).
    "card": "fill-{400x267,800x533} format-webp",
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


def with_renditions(size):
    """Images with the renditions of `size` prefetched, for Prefetch("image", queryset=…)."""
    return get_image_model().objects.prefetch_renditions(*rendition_specs(size))


def responsive_image(image, size, **attrs):
    """The <img srcset> of `image` cut to `size`, as `{% srcset_image %}` writes it. The alt
    text is the image's description ("" for a decorative image), never its title or file name."""
    attrs.setdefault("alt", image.description or "")
    return ResponsiveImage(get_renditions_or_not_found(image, rendition_filters(size)), attrs)
