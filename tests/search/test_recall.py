"""Recall: what a demo page shows as its own content, a visitor finds by searching for it.

For every detail page of the demo (and every forum's page), words are sampled from the page's
rendered main content, leaving out what is not the page's own: the labels and sentences of the
templates, navigation, forms, buttons, and the cards of other pages. Each word is searched;
the page must be among the results for at least 98 % of them. Runs on SQLite and, with
DATABASE_URL, on PostgreSQL.
"""

import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Page

from website.models import Forum
from website.search import text
from website.search.pages import PageSearch, is_search_result

WORDS_PER_PAGE = 25
REQUIRED_RECALL = 0.98
# Elements whose text is not the page's own content.
SKIPPED_TAGS = {"nav", "form", "button", "label", "dt", "script", "style", "template", "time"}
SKIPPED_CLASSES = {"visually-hidden", "card", "button", "breadcrumbs", "badge", "eyebrow-label"}
VOID_TAGS = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col", "embed"}
# States worked out when the page is shown (they change with the clock or the bookings), and
# units printed beside figures: what the page says about itself, not what it holds.
GENERATED_WORDS = {"開催予定", "終了", "受付中", "満席", "残り", "クラス", "コマ", "まで", "名分"}


class MainContent(HTMLParser):
    """The text nodes of the page's own content: its <article> (a forum: the first section)."""

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, skipped)
        self.region_depth = None
        self.done = False
        self.texts = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            return
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        parent_skipped = bool(self.stack) and self.stack[-1][1]
        skipped = parent_skipped or tag in SKIPPED_TAGS or bool(classes & SKIPPED_CLASSES)
        self.stack.append((tag, skipped))
        in_main = any(name == "main" for name, _ in self.stack[:-1])
        if self.region_depth is None and not self.done and in_main:
            if tag == "article" or (tag == "div" and "section" in classes):
                self.region_depth = len(self.stack)

    def handle_endtag(self, tag):
        if tag in VOID_TAGS or not self.stack:
            return
        while self.stack:
            name, _skipped = self.stack.pop()
            if self.region_depth is not None and len(self.stack) < self.region_depth:
                self.region_depth = None
                self.done = True
            if name == tag:
                break

    def handle_data(self, data):
        if self.region_depth is not None and not (self.stack and self.stack[-1][1]):
            self.texts.append(data)


def template_text():
    """Every run of Japanese written in the templates: labels and fixed sentences."""
    runs = set()
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        raw = path.read_text()
        # Interface strings in {% translate "…" %} (and other tags' quoted words) too.
        for tag in re.findall(r"{%.*?%}", raw, flags=re.S):
            runs.update(text.segments(" ".join(re.findall(r'"([^"]*)"', tag))))
        source = re.sub(r"{[{%#].*?[}%#]}", " ", raw, flags=re.S)
        runs.update(text.segments(source))
    return " ".join(runs)


def sample_words(texts, rng, labels):
    """Words of 2–4 characters from the Japanese runs of the texts, none of them a label."""
    candidates = set()
    for value in texts:
        for run in text.segments(value):
            if not text.is_japanese(run[0]) or len(run) < 2:
                continue
            for length in (2, 3, 4):
                for start in range(len(run) - length + 1):
                    word = run[start : start + length]
                    if word not in labels and not any(g in word for g in GENERATED_WORDS):
                        candidates.add(word)
    candidates = sorted(candidates)
    return rng.sample(candidates, min(WORDS_PER_PAGE, len(candidates)))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


def detail_pages():
    pages = Page.objects.live().public().filter(depth__gt=2).specific()
    return [page for page in pages if is_search_result(type(page))]


@pytest.mark.django_db
def test_words_a_demo_page_shows_find_that_page(demo, client):
    labels = template_text()
    targets = [(page.url, page.pk, f"page {page.slug}") for page in detail_pages()]
    targets += [
        (f.get_absolute_url(), ["forum", f.pk], f"forum {f.slug}") for f in Forum.objects.all()
    ]
    assert len(targets) > 30

    searched, missed = 0, []
    for url, key, name in targets:
        response = client.get(url)
        assert response.status_code == 200, url
        parser = MainContent()
        parser.feed(response.content.decode())
        rng = random.Random(name)
        for word in sample_words(parser.texts, rng, labels):
            searched += 1
            if key not in PageSearch(word).result_keys():
                missed.append(f"{name}: {word}")
    recall = 1 - len(missed) / searched
    assert recall >= REQUIRED_RECALL, f"recall {recall:.1%} over {searched} words; missed {missed}"
