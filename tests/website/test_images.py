"""Image sizes are named once (website/images.py): templates and list prefetches share them."""

import ast
import re
from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.template import Context, Template

from tests.factories import ImageFactory
from website import images

ROOT = Path(__file__).resolve().parents[2]
APPS = ["casestudies", "events", "kpi", "news", "outreach", "website"]
RENDITION_SPEC = re.compile(r"(fill|width|height|max|min|scale)-[0-9{]")


def render(source, **context):
    return Template("{% load website_tags wagtailimages_tags %}" + source).render(Context(context))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("size", "spec"),
    [
        ("card", "fill-{400x267,800x533} format-webp"),
        ("event-photo", "fill-{400x300,800x600} format-webp"),
        ("case-gallery", "width-{400,800} format-webp"),
    ],
)
def test_a_named_size_renders_as_srcset_image_does(size, spec):
    image = ImageFactory()
    attrs = 'sizes="(max-width: 40rem) 100vw, 22rem" alt="" loading="lazy"'
    named = render(f'{{% sized_image image "{size}" {attrs} %}}', image=image)
    written = render(f"{{% srcset_image image {spec} {attrs} %}}", image=image)
    assert named == written
    assert 'srcset="' in named


@pytest.mark.django_db
def test_no_image_renders_nothing():
    assert render('{% sized_image image "card" alt="" %}', image=None) == ""


@pytest.mark.django_db
def test_prefetched_card_renditions_cost_no_query(django_assert_num_queries):
    image = ImageFactory()
    render('{% sized_image image "card" alt="" %}', image=image)  # creates the renditions
    prefetched = images.with_renditions("card").get(pk=image.pk)
    with django_assert_num_queries(0):
        render('{% sized_image image "card" alt="" %}', image=prefetched)


@pytest.mark.django_db
def test_each_rendition_url_is_built_once(monkeypatch):
    image = ImageFactory()
    render('{% sized_image image "card" alt="" %}', image=image)  # creates the renditions
    prefetched = images.with_renditions("card").get(pk=image.pk)
    storage = type(storages["default"])
    built = []
    original_url = storage.url

    def counted_url(self, name):
        built.append(name)
        return original_url(self, name)

    monkeypatch.setattr(storage, "url", counted_url)
    html = render('{% sized_image image "card" alt="" %}', image=prefetched)
    assert len(built) == 2  # src is the first of the srcset's two
    assert html.count(built[0]) == 2


def string_constants(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_rendition_specs_are_written_only_in_website_images():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {value}"
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts and path != ROOT / "website" / "images.py"
        for line, value in string_constants(path)
        if RENDITION_SPEC.match(value)
    ]
    assert found == []


def test_cards_ask_for_the_card_size_by_name():
    for name in [
        "news/includes/news_card.html",
        "casestudies/includes/case_card.html",
        "events/includes/event_card.html",
        "outreach/includes/lesson_card.html",
    ]:
        source = (ROOT / "templates" / name).read_text(encoding="utf-8")
        assert "{% sized_image " in source and '"card"' in source, name
        assert "srcset_image" not in source, name


def test_image_attributes_are_written_as_django_flatatt_writes_them():
    from django.forms.utils import flatatt
    from django.utils.safestring import mark_safe

    attributes = {
        "src": "/media/a.webp",
        "width": 400,
        "alt": 'ダム "A" & <B>',
        "loading": "lazy",
        "hidden": True,
        "inert": False,
        "title": None,
        "data-safe": mark_safe("<b>"),
    }
    assert images.html_attributes(attributes) == flatatt(attributes)
