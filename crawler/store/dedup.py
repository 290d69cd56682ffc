"""Story identity: exact content hashes, and MinHash signatures for near-duplicate texts.

A syndicated story is re-published with an agency prefix ("(QNO) -"), a dateline, a sentence
added or a new title. Its text is folded (no marks, lower case), cleared of that noise and cut
into word shingles; a one-permutation MinHash of the shingles estimates the Jaccard similarity
of two texts, and its bands are the keys of a persistent LSH index (see docs/dedup.md).
Plain Python: the archive stores what this module computes, Scrapy never appears here.
"""

import hashlib
import operator
import random
import re
from array import array
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from crawler.extract.vietnamese import fold_vietnamese, normalize_text

KIND_RANK = {"paper": 0, "government": 1, "district": 2, "other": 3}
_MASK32 = 0xFFFFFFFF
# "(QNO) -", "(Baoquangnam.vn)–", "QNP - ", "TTXVN – ": a source tag before the first words
_AGENCY_PREFIX = re.compile(r"^\s*(?:\([^()\n]{2,40}\)\s*[-–—:]+|[A-ZĐ]{2,10}\s*[-–—:]+\s)\s*")
_DATELINE = re.compile(
    r"(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?"  # weekday
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"  # 12/3/2024
    r"(?:\s*[,|-]?\s*\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*\(?GMT\+?\d*\)?)?)?",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"(?:cập nhật|đăng)\s*(?:lúc|ngày)?\s*:?", re.IGNORECASE)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class DedupSettings:
    """Near-duplicate settings; the Scrapy names are DEDUP_<FIELD IN CAPITALS>.

    `shingle`, `hashes`, `bands` and `seed` shape the stored index: changing them needs
    `rebuild_dedup`. `threshold` and `max_candidates` only decide look-ups.
    """

    threshold: float = 0.4
    shingle: int = 3
    hashes: int = 128
    bands: int = 32
    min_shingles: int = 30
    max_candidates: int = 50
    seed: int = 1

    def __post_init__(self) -> None:
        if self.hashes % self.bands:
            raise ValueError("DEDUP_HASHES must be a multiple of DEDUP_BANDS")
        if not 0 < self.threshold <= 1:
            raise ValueError("DEDUP_THRESHOLD must be in (0, 1]")

    @classmethod
    def from_settings(cls, settings: Mapping) -> "DedupSettings":
        """Read DEDUP_* names from Scrapy settings (or any mapping); absent names keep defaults."""
        values = {}
        for name, default in cls().__dict__.items():
            raw = settings.get(f"DEDUP_{name.upper()}")
            if raw is not None:
                values[name] = type(default)(raw)
        return cls(**values)

    @property
    def rows(self) -> int:
        return self.hashes // self.bands

    def index_params(self) -> dict[str, str]:
        """The values the stored signatures and bands were computed with."""
        keys = ("shingle", "hashes", "bands", "seed")
        return {key: str(getattr(self, key)) for key in keys} | {"scheme": "oph-blake2b-v1"}


def content_hash(text: str) -> str:
    """Exact identity of a text: NFC and whitespace runs do not make a new story."""
    return hashlib.sha256(" ".join(normalize_text(text).split()).encode("utf-8")).hexdigest()


def strip_noise(text: str) -> str:
    """The story without agency prefixes and datelines, which differ between portals."""
    lines = []
    for line in text.splitlines():
        line = _UPDATED.sub(" ", _DATELINE.sub(" ", line))
        line = _AGENCY_PREFIX.sub("", line, count=1)
        if any(ch.isalpha() for ch in line) and not _is_byline(line.strip()):
            lines.append(line)
    return "\n".join(lines)


def _is_byline(line: str) -> bool:
    """A signature line such as "PHAN VINH", "Theo TTXVN" or "Nguồn: Cổng TTĐT tỉnh"."""
    if len(line) > 60:
        return False
    return line == line.upper() or line.lower().startswith(("theo ", "nguồn:", "nguồn "))


# A page's template is made of lines that are no sentences: menu items, headings, link titles
# ("Tân Hồng ra mắt mô hình Dân vận khéo"), dates, addresses. Two texts made mostly of such
# lines must never look like copies, so only sentences are shingled.
_SENTENCE_END = re.compile(r"[.!?…:;\"”]\s*$")
SENTENCE_WORDS = 8
PARAGRAPH_WORDS = 25


def prose(text: str) -> str:
    """The de-noised text's sentences: lines ending as a sentence does, or long paragraphs."""
    return "\n".join(line for line in strip_noise(text).splitlines() if _is_prose(line))


def _is_prose(line: str) -> bool:
    words = len(line.split())
    return words >= PARAGRAPH_WORDS or words >= SENTENCE_WORDS and bool(_SENTENCE_END.search(line))


def shingles(text: str, size: int) -> set[bytes]:
    """Word n-grams of the folded prose of the text (Vietnamese words are space-separated)."""
    words = _WORD.findall(fold_vietnamese(prose(text)))
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    grams = zip(*(words[i:] for i in range(size)), strict=False)  # n-grams without slicing
    return {" ".join(gram).encode() for gram in grams}


def signature(text: str, settings: DedupSettings) -> array | None:
    """A one-permutation MinHash of the text's shingles; None when too short to compare (fewer
    than `min_shingles` shingles of prose: such texts are matched only exactly).

    One 64-bit hash per shingle picks a bin and a value, each bin keeps its minimum; empty bins
    borrow a filled bin chosen by a fixed probe sequence ("optimal densification"), so equal
    bins still estimate Jaccard similarity. This costs one hash per shingle, not one per
    permutation, which is what makes pure Python fast enough.
    """
    grams = shingles(text, settings.shingle)
    if len(grams) < settings.min_shingles:
        return None
    k = settings.hashes
    salt = settings.seed.to_bytes(8, "little")
    blake2b, as_int = hashlib.blake2b, int.from_bytes
    hashes = [as_int(blake2b(g, digest_size=8, salt=salt).digest(), "little") for g in grams]
    bins = [-1] * k
    # A bin's value h // k orders as h does: assigned largest first, each bin ends at its minimum.
    for h in sorted(hashes, reverse=True):
        bins[h % k] = h // k
    return array("I", _densify(bins, _probes(k, settings.seed)))


@cache
def _probes(k: int, seed: int) -> tuple[tuple[int, ...], ...]:
    rng = random.Random(f"dedup-probes-{k}-{seed}")
    return tuple(tuple(rng.randrange(k) for _ in range(4 * k)) for _ in range(k))


def _densify(bins: list[int], probes: tuple[tuple[int, ...], ...]) -> list[int]:
    filled = [b for b in bins if b >= 0]
    out = []
    for slot, value in enumerate(bins):
        if value < 0:
            # the first filled bin on this slot's probe path; a full fallback keeps it total
            value = next((bins[p] for p in probes[slot] if bins[p] >= 0), filled[0])
        out.append(value & _MASK32)
    return out


def similarity(a: array, b: array) -> float:
    """Estimated Jaccard similarity of two texts from their signatures."""
    if len(a) != len(b):
        raise ValueError("signatures of different lengths")
    return sum(map(operator.eq, a, b)) / len(a)


def band_keys(sig: array, settings: DedupSettings) -> list[tuple[int, int]]:
    """(band, key) pairs: texts sharing any one are candidates; keys fit SQLite's INTEGER."""
    rows = settings.rows
    keys = []
    for band in range(settings.bands):
        chunk = sig[band * rows : (band + 1) * rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        keys.append((band, int.from_bytes(digest, "little", signed=True)))
    return keys


def pack(sig: array) -> bytes:
    return sig.tobytes()


def unpack(blob: bytes) -> array:
    sig = array("I")
    sig.frombytes(blob)
    return sig


def copy_rank(published: str | None, kind: str | None, text: str) -> tuple:
    """Sort key of the best copy (smallest wins): earliest day, then kind, then longest text.

    Days, not times: portals stamp the same syndicated story hours apart with clocks and time
    zones we cannot trust, so within a day the provincial paper's copy is preferred.
    """
    day = (published or "")[:10] or "9999-99-99"
    return (day, KIND_RANK.get(kind or "other", len(KIND_RANK)), -len(text))


def rebuild_dedup(archive, settings: DedupSettings) -> dict:
    """Recompute identities and clusters over the whole archive, without refetching.

    For `archive dedup --rebuild` after a change of DEDUP_* settings, or once after upgrading an
    archive from before the dedup migration. Idempotent: a second run gives the same clusters
    and article ids. Returns {"articles", "clusters", "urls", "merged", "split"}; see
    `Archive.rebuild_dedup` for their meaning. The archive then uses `settings`.
    """
    return archive.rebuild_dedup(settings)
