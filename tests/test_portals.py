"""Every registry portal with special handling (prune_xpath) has a fixture page, and its
handling gives the expected article from it: tests/portals/<slug>/article.html and
expected.json, written in the portal's layout with our own text."""

import json
from pathlib import Path

import pytest

from crawler.extract import ExtractOptions, extract_article
from crawler.extract.vietnamese import normalize_text
from crawler.sources import load_sources

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "portals"
SPECIAL = [s for s in load_sources(ROOT / "sources.toml").values() if s.prune_xpath]


def test_every_portal_with_special_handling_has_a_fixture():
    assert SPECIAL
    missing = [s.slug for s in SPECIAL if not (FIXTURES / s.slug / "expected.json").is_file()]
    assert missing == []


@pytest.mark.parametrize("source", SPECIAL, ids=lambda s: s.slug)
def test_portal_fixture_extracts_as_expected_with_its_handling(source):
    expected = json.loads((FIXTURES / source.slug / "expected.json").read_text("utf-8"))
    assert source.allows_url(expected["url"])
    body = (FIXTURES / source.slug / "article.html").read_bytes()
    article = extract_article(body, expected["url"], ExtractOptions(prune_xpath=source.prune_xpath))
    assert article.title == normalize_text(expected["title"])
    assert article.published == expected["published"]
    assert article.author == normalize_text(expected["author"])
    for snippet in expected["must_contain"]:
        assert normalize_text(snippet) in article.text, snippet
    for snippet in expected["must_not_contain"]:
        assert snippet not in article.text, snippet
