"""The layout rules of docs/architecture.md, kept true: small modules, small classes, and
domain packages that never import Scrapy."""

import ast
from pathlib import Path

import pytest

CRAWLER = Path(__file__).resolve().parent.parent / "crawler"
MODULES = sorted(CRAWLER.rglob("*.py"))
DOMAIN = ("extract", "store", "ops", "serve", "cluster")
MAX_MODULE_LINES = 400
MAX_CLASS_LINES = 250


def _name(path: Path) -> str:
    return str(path.relative_to(CRAWLER.parent))


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_is_too_long_to_hold_in_mind(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_class_is_too_long_to_hold_in_mind(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            assert node.end_lineno - node.lineno + 1 <= MAX_CLASS_LINES, node.name


@pytest.mark.parametrize(
    "path", [p for p in MODULES if p.relative_to(CRAWLER).parts[0] in DOMAIN], ids=_name
)
def test_domain_packages_never_import_scrapy(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {name for name in imported if name.split(".")[0] in {"scrapy", "twisted"}}
