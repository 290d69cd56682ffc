"""Provinces before and after the July 2025 mergers (63 → 34), from our cited data file.

`provinces_2025.csv` lists every province as it was before 1 July 2025 with the province it
belongs to now (Nghị quyết 202/2025/QH15, 12 June 2025). A registry entry names its province
as it was when the portal published; names are matched folded, with or without "tỉnh",
"thành phố" or "TP", so "Hoà Bình", "tỉnh Hòa Bình" and "hoa binh" are one province.
"""

import csv
import re
from functools import lru_cache
from pathlib import Path

from crawler.extract.vietnamese import fold_vietnamese, normalize_text

DATA_FILE = Path(__file__).with_name("provinces_2025.csv")
MERGERS_IN_FORCE = "2025-07-01"
_PREFIX = re.compile(r"^(?:tinh|thanh pho|tp)\s+")
_ALIASES = {"thua thien hue": "hue", "ho chi minh city": "ho chi minh", "hcm": "ho chi minh"}


def _key(name: str) -> str:
    words = " ".join(re.findall(r"[^\W_]+", fold_vietnamese(normalize_text(name))))
    words = _PREFIX.sub("", words)
    return _ALIASES.get(words, words)


@lru_cache(maxsize=1)
def mergers() -> dict[str, tuple[str, str]]:
    """Folded name → (province then, province now), one entry per province before 2025."""
    with DATA_FILE.open(encoding="utf-8") as data:
        rows = csv.DictReader(line for line in data if not line.startswith("#"))
        return {
            _key(row["province_then"]): (row["province_then"], row["province_now"]) for row in rows
        }


def provinces(name: str) -> tuple[str, str | None]:
    """(province then, province now) for a registered province name.

    An unknown name is kept as written, and its province now is None: unknown, not guessed.
    """
    known = mergers().get(_key(name))
    return known if known else (name, None)


def provinces_now() -> list[str]:
    return sorted({now for _, now in mergers().values()})
