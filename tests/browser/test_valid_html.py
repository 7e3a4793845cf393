"""Every public page type is valid HTML for the Nu Html Checker, and none goes unchecked."""

from .pages import PAGE_TYPES, section_of
from .support import assert_valid_html


def test_every_public_page_type_and_sitemap_page_is_valid_html(live_site):
    documents = {}
    for page_type in PAGE_TYPES:
        status, html = live_site.get(page_type.path)
        assert status == page_type.status, page_type
        documents[f"{page_type.name} {page_type.path}"] = html
    checked = {page_type.path for page_type in PAGE_TYPES}
    for path in live_site.sitemap_paths():
        if path not in checked:
            status, html = live_site.get(path)
            assert status == 200, path
            documents[path] = html
    assert_valid_html(documents)


def test_every_type_of_page_in_the_sitemap_has_an_entry_in_page_types(live_site):
    covered = {section_of(page_type.path) for page_type in PAGE_TYPES}
    unchecked = sorted(
        path for path in live_site.sitemap_paths() if section_of(path) not in covered
    )
    assert not unchecked, (
        "sitemap.xml lists pages of a type that tests/browser/pages.py does not check "
        f"(add one PageType per type): {unchecked}"
    )
