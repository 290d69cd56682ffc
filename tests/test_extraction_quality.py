"""The quality gate: no score over the saved-page corpus may fall below its pinned floor."""

import json

import pytest

from crawler.extract.evaluation import EVALDATA, evaluate, extract_with_ours, load_cases

FLOORS = {
    name: floor
    for name, floor in json.loads((EVALDATA / "baseline.json").read_text()).items()
    if not name.startswith("_")
}


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    return evaluate(extract_with_ours, load_cases()).as_dict()


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_score_is_not_below_its_floor(scores, name):
    assert scores[name] >= FLOORS[name], f"{name} fell to {scores[name]} (floor {FLOORS[name]})"


def test_corpus_has_articles_in_several_layouts_and_non_articles():
    cases = load_cases()
    assert len(cases) >= 45
    assert sum(not case.is_article for case in cases) >= 13


def test_every_saved_page_has_a_case():
    listed = {case.file for case in load_cases()}
    saved = {path.name for path in (EVALDATA / "pages").glob("*.html")}
    assert saved == listed
