"""Factories for what every app's tests need: the site's pages, forums and images.

Apps keep their own factories in tests/<app>/factories.py.
"""

import factory
import wagtail_factories
from wagtail.models import Page, Site

from website.models import Forum, HomePage, Prefecture, StandardPage


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forum
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"テストフォーラム{n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")
    kind = Forum.Kind.NATIONAL
    short_description = "テスト用のフォーラムです。"

    class Params:
        regional = factory.Trait(kind=Forum.Kind.REGIONAL)

    @factory.post_generation
    def prefectures(self, create, extracted, **kwargs):
        if create and extracted:
            self.prefectures.set(extracted)
            self.save()  # a ParentalManyToManyField is written on save


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "ホーム"
    hero_heading = "インフラメンテナンスを、みんなの手で。"
    hero_lead = "テスト用のリード文です。"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"一般ページ{n}")
    introduction = "導入文です。"


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"画像{n}")
    description = "テスト画像の説明"


def make_home_page():
    """A home page at depth 2 that the default site serves, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    for welcome in Page.objects.filter(depth=2, content_type__model="page"):
        welcome.delete()
    home = HomePageFactory(parent=root, slug="home")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


def prefecture(code):
    return Prefecture.objects.get(code=code)
