"""Score an article extractor over the saved-page corpus in tests/evaldata.

An extractor is any callable (body, url, declared_encoding) → dict or None; None means "not
an article". The dict needs `title`, `text`, `published` and `author`. Comparisons are made on
folded text, so tone placement and case never decide a score.
"""

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from crawler.extract.article import ExtractOptions, NotAnArticle, extract_article
from crawler.extract.vietnamese import fold_vietnamese, normalize_text

Extractor = Callable[[bytes, str, str | None], dict | None]
EVALDATA = Path(__file__).resolve().parents[2] / "tests" / "evaldata"


@dataclass(frozen=True)
class Case:
    file: str
    url: str
    is_article: bool
    body: bytes
    declared_encoding: str | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    must_contain: tuple[str, ...] = ()
    must_not_contain: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scores:
    title_accuracy: float
    date_accuracy: float
    datetime_accuracy: float
    author_accuracy: float
    snippet_recall: float
    snippet_precision: float
    article_acceptance: float
    non_article_rejection: float
    pages_per_second: float

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def load_cases(evaldata: Path = EVALDATA) -> list[Case]:
    """The corpus: cases.json with each page's bytes read from pages/."""
    entries = json.loads((evaldata / "cases.json").read_text(encoding="utf-8"))
    return [_case(entry, evaldata / "pages") for entry in entries]


def _case(entry: dict, pages: Path) -> Case:
    return Case(
        file=entry["file"],
        url=entry["url"],
        is_article=entry["is_article"],
        body=(pages / entry["file"]).read_bytes(),
        declared_encoding=entry.get("declared_encoding"),
        title=entry.get("title"),
        published=entry.get("published"),
        author=entry.get("author"),
        must_contain=tuple(entry.get("must_contain", ())),
        must_not_contain=tuple(entry.get("must_not_contain", ())),
    )


def extract_with_ours(body: bytes, url: str, declared_encoding: str | None) -> dict | None:
    """Our extractor in the evaluation's calling convention."""
    try:
        options = ExtractOptions(declared_encoding=declared_encoding)
        return extract_article(body, url, options).as_dict()
    except NotAnArticle:
        return None


def evaluate(extractor: Extractor, cases: Iterable[Case], repeat: int = 1) -> Scores:
    """Score `extractor` over the cases; time it over `repeat` further passes."""
    cases = list(cases)
    # The untimed first pass also pays one-off costs (dateparser builds its locales lazily).
    results = [extractor(case.body, case.url, case.declared_encoding) for case in cases]
    started = time.perf_counter()
    for _ in range(repeat):
        for case in cases:
            extractor(case.body, case.url, case.declared_encoding)
    elapsed = time.perf_counter() - started
    return _score(list(zip(cases, results, strict=True)), len(cases) * repeat / elapsed)


def per_case(extractor: Extractor, cases: Iterable[Case]) -> list[dict]:
    """What went wrong on each page: for reading, not for gating."""
    report = []
    for case in cases:
        result = extractor(case.body, case.url, case.declared_encoding)
        report.append({"file": case.file, **_case_faults(case, result)})
    return report


def _case_faults(case: Case, result: dict | None) -> dict:
    if not case.is_article:
        return {"wrongly_accepted": result is not None}
    if result is None:
        return {"wrongly_rejected": True}
    text = _key(result.get("text"))
    return {
        "title": None if _same(case.title, result.get("title")) else result.get("title"),
        "published": None if _same_time(case, result) else result.get("published"),
        "author": None if _same(case.author, result.get("author")) else result.get("author"),
        "missing": [s for s in case.must_contain if _key(s) not in text],
        "leaked": [s for s in case.must_not_contain if _key(s) in text],
    }


def _score(pairs: list[tuple[Case, dict | None]], pages_per_second: float) -> Scores:
    articles = [(case, result) for case, result in pairs if case.is_article]
    accepted = [(case, result) for case, result in articles if result is not None]
    others = [result for case, result in pairs if not case.is_article]
    return Scores(
        title_accuracy=_share(_same(c.title, r and r.get("title")) for c, r in articles),
        date_accuracy=_share(_same_day(c, r) for c, r in articles),
        datetime_accuracy=_share(_same_time(c, r) for c, r in articles),
        author_accuracy=_share(_same(c.author, r and r.get("author")) for c, r in articles),
        snippet_recall=_share(_snippets(articles, present=True)),
        snippet_precision=_share(_snippets(accepted, present=False)),
        article_acceptance=_share(r is not None for _, r in articles),
        non_article_rejection=_share(r is None for r in others),
        pages_per_second=round(pages_per_second, 1),
    )


def _snippets(pairs: list[tuple[Case, dict | None]], present: bool) -> Iterable[bool]:
    for case, result in pairs:
        text = _key(result.get("text")) if result else ""
        snippets = case.must_contain if present else case.must_not_contain
        for snippet in snippets:
            yield (_key(snippet) in text) is present


def _share(outcomes: Iterable[bool]) -> float:
    outcomes = list(outcomes)
    return round(sum(outcomes) / len(outcomes), 3) if outcomes else 1.0


def _key(text: str | None) -> str:
    return " ".join(fold_vietnamese(normalize_text(text or "")).split())


def _same(expected: str | None, found: str | None) -> bool:
    return _key(expected) == _key(found)


def _same_day(case: Case, result: dict | None) -> bool:
    found = (result or {}).get("published") or ""
    return (case.published or "")[:10] == found[:10]


def _same_time(case: Case, result: dict | None) -> bool:
    return (case.published or "") == ((result or {}).get("published") or "")
