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
import sys
from array import array
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from crawler.extract.vietnamese import fold_vietnamese, normalize_text
from crawler.store.results import TextKeys

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
_DATE_DIGITS = re.compile(r"\d[/.-]\d")  # in every _DATELINE match, and quicker to look for
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

    @property
    def signing_key(self) -> str:
        """Names everything a signature depends on: one computed elsewhere (an extraction
        worker) is used only when this matches the archive's own."""
        params = self.index_params() | {"min_shingles": str(self.min_shingles)}
        return ",".join(f"{key}={value}" for key, value in sorted(params.items()))


def content_hash(text: str) -> str:
    """Exact identity of a text: NFC and whitespace runs do not make a new story."""
    return hashlib.sha256(" ".join(normalize_text(text).split()).encode("utf-8")).hexdigest()


def strip_noise(text: str) -> str:
    """The story without agency prefixes and datelines, which differ between portals."""
    return "\n".join(_noise_free_lines(text))


def _noise_free_lines(text: str) -> list[str]:
    return [line for line in map(_without_noise, text.splitlines()) if line is not None]


def _without_noise(line: str) -> str | None:
    """The line without dateline, "cập nhật lúc" and agency prefix; None for a byline or a
    line without letters."""
    # each pattern runs only on a line holding what any match must hold: most hold neither
    if _DATE_DIGITS.search(line) is not None:
        line = _DATELINE.sub(" ", line)
    lowered = line.lower()
    if "đăng" in lowered or "cập nhật" in lowered:
        line = _UPDATED.sub(" ", line)
    line = _AGENCY_PREFIX.sub("", line, count=1)
    if any(ch.isalpha() for ch in line) and not _is_byline(line.strip()):
        return line
    return None


def _is_byline(line: str) -> bool:
    """A signature line such as "PHAN VINH", "Theo TTXVN" or "Nguồn: Cổng TTĐT tỉnh"."""
    if len(line) > 60:
        return False
    return line == line.upper() or line.lower().startswith(("theo ", "nguồn:", "nguồn "))


# A page's template is made of lines that are no sentences: menu items, headings, link titles
# ("Tân Hồng ra mắt mô hình Dân vận khéo"), dates, addresses. Two texts made mostly of such
# lines must never look like copies, so only sentences are shingled.
_SENTENCE_ENDS = frozenset('.!?…:;"”')  # the last character but whitespace
SENTENCE_WORDS = 8
PARAGRAPH_WORDS = 25


def prose(text: str) -> str:
    """The de-noised text's sentences: lines ending as a sentence does, or long paragraphs."""
    return "\n".join(line for line in _noise_free_lines(text) if _is_prose(line))


def _is_prose(line: str) -> bool:
    words = len(line.split())
    return (
        words >= PARAGRAPH_WORDS or words >= SENTENCE_WORDS and line.rstrip()[-1:] in _SENTENCE_ENDS
    )


def shingles(text: str, size: int, folded: str | None = None) -> set[bytes]:
    """Word n-grams of the folded prose of the text (Vietnamese words are space-separated).
    `folded`: `fold_vietnamese(text)`, if at hand (see `_folded_prose`)."""
    words = _WORD.findall(_folded_prose(text, folded))
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    grams = zip(*(words[i:] for i in range(size)), strict=False)  # n-grams without slicing
    return {" ".join(gram).encode() for gram in grams}


def _folded_prose(text: str, folded: str | None) -> str:
    """`fold_vietnamese(prose(text))`, taking the lines prose keeps as they are from the text
    folded already: folding works line by line and keeps line breaks, so the folded text's
    lines are the folded lines of the text."""
    if folded is None:
        return fold_vietnamese(prose(text))
    lines, folded_lines = text.splitlines(), folded.splitlines()
    if len(folded_lines) != len(lines):
        return fold_vietnamese(prose(text))
    kept = []
    for line, folded_line in zip(lines, folded_lines, strict=True):
        clean = _without_noise(line)
        if clean is not None and _is_prose(clean):
            kept.append(folded_line if clean == line else fold_vietnamese(clean))
    return "\n".join(kept)


def signature(text: str, settings: DedupSettings, folded: str | None = None) -> array | None:
    """A one-permutation MinHash of the text's shingles; None when too short to compare (fewer
    than `min_shingles` shingles of prose: such texts are matched only exactly).

    One 64-bit hash per shingle picks a bin and a value, each bin keeps its minimum; empty bins
    borrow a filled bin chosen by a fixed probe sequence ("optimal densification"), so equal
    bins still estimate Jaccard similarity. This costs one hash per shingle, not one per
    permutation, which is what makes pure Python fast enough.
    """
    grams = shingles(text, settings.shingle, folded)
    if len(grams) < settings.min_shingles:
        return None
    k = settings.hashes
    least: dict[int, int] = {}  # each bin's smallest hash; its value h // k orders as h does
    for h in _hashes(grams, settings.seed):
        slot = h % k
        if h < least.get(slot, _ABOVE_64_BITS):
            least[slot] = h
    bins = [least[slot] // k if slot in least else -1 for slot in range(k)]
    return array("I", _densify(bins, _probes(k, settings.seed)))


_ABOVE_64_BITS = 1 << 64


def _hashes(grams: set[bytes], seed: int) -> array:
    """Each shingle's 64-bit blake2b (salted with the seed), read as a little-endian integer.
    Copying a hasher made once spares parsing its parameters for every shingle."""
    made = hashlib.blake2b(digest_size=8, salt=seed.to_bytes(8, "little"))
    digests = []
    for gram in grams:
        hasher = made.copy()
        hasher.update(gram)
        digests.append(hasher.digest())
    hashes = array("Q", b"".join(digests))
    if sys.byteorder == "big":
        hashes.byteswap()
    return hashes


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


def text_keys(text: str, settings: DedupSettings, folded: str | None = None) -> TextKeys:
    """The content hash and signature of a text, to be computed where it was extracted.
    `folded`: `fold_vietnamese(text)`, if computed already (for the search index)."""
    sig = signature(text, settings, folded)
    packed = pack(sig) if sig is not None else None
    return TextKeys(content_hash(text), packed, settings.signing_key)


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
