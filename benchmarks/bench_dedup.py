"""Dedup benchmark: synthetic Vietnamese stories and their syndicated copies, stored through
`Archive.store_article` into a temporary archive; prints merge precision/recall, speed, memory
and look-up time at two archive sizes.

    .venv/bin/python benchmarks/bench_dedup.py            # 100,000 pages
    .venv/bin/python benchmarks/bench_dedup.py --n 5000   # a quick run
"""

import argparse
import random
import resource
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from crawler.extract import Extracted
from crawler.store.archive import Archive
from crawler.store.dedup import DedupSettings, content_hash, signature


def syllables(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# a few hundred real syllables carry the common words; generated ones make names and rare words
COMMON = syllables(
    "ủy ban nhân dân huyện tỉnh xã thị trấn hội nghị tổ chức triển khai công tác năm kế hoạch "
    "chương trình phát triển kinh tế xã hội người dân đồng chí lãnh đạo chủ tịch phó bí thư "
    "đảng ủy mặt trận tổ quốc đoàn thanh niên phụ nữ nông dân cựu chiến binh các cơ quan đơn vị "
    "địa phương trên địa bàn thực hiện nhiệm vụ giải pháp đầu tư xây dựng công trình đường giao "
    "thông trường học trạm y tế nước sạch điện lưới nông thôn mới giảm nghèo bền vững hỗ trợ sinh "
    "kế vốn vay ưu đãi ngân sách giải ngân tiến độ chậm hoàn thành chỉ tiêu đạt vượt so với cùng "
    "kỳ tăng giảm trong đó bao gồm tiếp tục đẩy mạnh nâng cao chất lượng hiệu quả quản lý nhà "
    "nước an ninh trật tự quốc phòng phòng chống thiên tai mưa bão lũ lụt sạt lở di dời khẩn cấp "
    "du lịch văn hóa lễ hội truyền thống đồng bào dân tộc thiểu số miền núi vùng cao biên giới "
    "rừng trồng bảo vệ môi trường rác thải nông nghiệp sản xuất lúa ngô sắn cây keo chăn nuôi "
    "bò heo gà thủy sản đánh bắt cảng cá doanh nghiệp hợp tác xã khởi nghiệp thương mại dịch vụ "
    "giáo dục học sinh giáo viên thi tốt nghiệp y tế bệnh viện bác sĩ tiêm chủng dịch bệnh "
    "khen thưởng tập thể cá nhân thành tích xuất sắc phong trào thi đua yêu nước kỷ niệm ngày "
    "thành lập đại hội nhiệm kỳ bầu cử đại biểu hội đồng kiểm tra giám sát thanh tra cải cách "
    "hành chính chuyển đổi số cổng dịch vụ công trực tuyến hồ sơ thủ tục đất đai giải phóng mặt "
    "bằng bồi thường tái định cư khu công nghiệp dự án nhà đầu tư quy hoạch sáng nay chiều qua "
    "tối ngày tuần tháng quý vừa qua sắp tới hơn gần khoảng triệu tỷ đồng hộ người lượt km ha"
)
ONSETS = syllables("b c ch d đ g gh h k kh l m n ng nh p ph qu r s t th tr v x")
RIMES = syllables(
    "a ai am an ang anh ao au ay e em en eo i ia im in inh iu o oa oi om on ong u ui um un ung"
    " uy ư ưa ưng ươc ương"
)
TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
OPENINGS = (
    "Sáng nay, UBND huyện",
    "Chiều qua, Ban Thường vụ Huyện ủy",
    "Ngày 12/3, Sở Nông nghiệp và Phát triển nông thôn tỉnh",
    "Thực hiện kế hoạch của UBND tỉnh,",
    "Sáng nay, Hội đồng nhân dân thị xã",
)
AGENCIES = ("(QNO) - ", "(QNP) – ", "QNO - ", "(Baoquangnam.vn) - ", "TTXVN - ")
PORTALS = (("paper", 4), ("government", 6), ("district", 40), ("other", 10))
EDIT_KINDS = ("exact", "prefix", "added", "removed", "retitled", "words")


@dataclass
class Page:
    story: int
    kind: str  # "original" or one of EDIT_KINDS
    source: str
    source_kind: str
    url: str
    title: str
    text: str
    published: str


class Corpus:
    """Deterministic Vietnamese-like stories: Zipf-distributed words, shared openings, footers."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        rare = {
            self.rng.choice(ONSETS) + self.rng.choice(RIMES) + self.rng.choice(TONES)
            for _ in range(6000)
        }
        self.words = list(COMMON) + sorted(rare)
        self.weights = [1 / (rank + 1) ** 0.9 for rank in range(len(self.words))]
        self.sources = [(f"{kind}-{i}", kind) for kind, count in PORTALS for i in range(count)]
        self.footers = {slug: self.sentence(14) for slug, _ in self.sources}

    def sentence(self, length: int) -> str:
        words = self.rng.choices(self.words, self.weights, k=length)
        return " ".join(words).capitalize() + "."

    def story(self) -> tuple[str, list[str]]:
        rng = self.rng
        sentences = [self.sentence(rng.randint(10, 28)) for _ in range(rng.randint(6, 14))]
        if rng.random() < 0.5:
            sentences[0] = f"{rng.choice(OPENINGS)} {sentences[0][0].lower()}{sentences[0][1:]}"
        return self.sentence(rng.randint(7, 12))[:-1], sentences

    def page(
        self, story: int, kind: str, title: str, sentences: list[str], day: int, footer: str = ""
    ) -> Page:
        """A page on a random portal; its footer is that portal's unless one is given."""
        slug, source_kind = self.rng.choice(self.sources)
        text = "\n".join([*sentences, footer or self.footers[slug]])
        published = f"2024-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}"
        url = f"https://{slug}.vn/tin-tuc/{story}-{kind}-{self.rng.randrange(10**9)}.html"
        return Page(story, kind, slug, source_kind, url, title, text, published)

    def copy(self, story: int, kind: str, original: Page, sentences: list[str], day: int) -> Page:
        """A republished copy; "exact" keeps the original's text, footer included."""
        rng = self.rng
        title, sentences = original.title, list(sentences)
        if kind == "exact":
            footer = original.text.rsplit("\n", 1)[1]
            return self.page(story, kind, title, sentences, day + rng.randint(0, 2), footer)
        if kind == "added":
            for _ in range(rng.randint(1, 2)):
                sentences.insert(rng.randrange(len(sentences) + 1), self.sentence(15))
        elif kind == "removed":
            for _ in range(min(2, len(sentences) - 5)):
                sentences.pop(rng.randrange(1, len(sentences)))
        elif kind == "retitled":
            title = self.sentence(9)[:-1]
        elif kind == "words":
            sentences = self.edit_words(sentences, rng.uniform(0.10, 0.20))
        sentences[0] = rng.choice(AGENCIES) + sentences[0]
        sentences.insert(0, f"Thứ Hai, {1 + day % 28}/{1 + day // 28 % 12}/2024 08:{day % 60:02d}")
        return self.page(story, kind, title, sentences, day + rng.randint(0, 2))

    def edit_words(self, sentences: list[str], fraction: float) -> list[str]:
        """Replace, delete or insert runs of 1-3 words until `fraction` of the words changed."""
        rng = self.rng
        words = " ".join(sentences).split(" ")
        budget = int(len(words) * fraction)
        while budget > 0:
            span = min(budget, rng.randint(1, 3))
            at = rng.randrange(len(words))
            operation = rng.choice(("replace", "delete", "insert"))
            fresh = rng.choices(self.words, self.weights, k=span)
            if operation == "replace":
                words[at : at + span] = fresh
            elif operation == "delete":
                del words[at : at + span]
            else:
                words[at:at] = fresh
            budget -= span
        return [" ".join(words)]


def generate(n: int, seed: int) -> list[Page]:
    """About n pages: stories, and for 40% of them 1-3 copies arriving up to ~2,000 pages later."""
    corpus = Corpus(seed)
    rng = corpus.rng
    stream: list[tuple[float, Page]] = []
    story = 0
    while len(stream) < n:
        title, sentences = corpus.story()
        day = story // 300
        original = corpus.page(story, "original", title, sentences, day)
        stream.append((story, original))
        copies = rng.choice((1, 1, 2, 3)) if rng.random() < 0.4 else 0
        for _ in range(copies):
            kind = rng.choice(EDIT_KINDS)
            page = corpus.copy(story, kind, original, sentences, day)
            stream.append((story + rng.expovariate(1 / 500), page))
        story += 1
    stream.sort(key=lambda item: item[0])
    return [page for _, page in stream[:n]]


def store(archive: Archive, page: Page) -> tuple[int, str]:
    article = Extracted(url=page.url, title=page.title, text=page.text, published=page.published)
    result = archive.store_article(
        None, page.source, page.url, article, source_kind=page.source_kind
    )
    return result.article_id, result.outcome


def lookup_ms(archive: Archive, probes: list[Page]) -> float:
    """Median time of a read-only look-up (exact, bands, verification)."""
    times = []
    for page in probes:
        start = time.perf_counter()
        sig = signature(page.text, archive.dedup)
        archive._match(archive.conn, content_hash(page.text), sig)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def evaluate(pages: list[Page], results: list[tuple[int, str]]) -> dict:
    """Per copy: merged into its story's article or not; per merge: right story or not."""
    first_id: dict[int, int] = {}
    merged, correct, expected = Counter(), Counter(), Counter()
    for page, (article_id, outcome) in zip(pages, results, strict=True):
        is_copy = page.story in first_id
        first_id.setdefault(page.story, article_id)
        kind = page.kind if is_copy else "original"
        if is_copy:
            expected[kind] += 1
        if outcome != "new":
            merged[kind] += 1
            correct[kind] += is_copy and article_id == first_id[page.story]
    return {"merged": merged, "correct": correct, "expected": expected}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="pages to store")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threshold", type=float, default=DedupSettings().threshold)
    parser.add_argument("--shingle", type=int, default=DedupSettings().shingle)
    parser.add_argument("--bands", type=int, default=DedupSettings().bands)
    parser.add_argument("--hashes", type=int, default=DedupSettings().hashes)
    parser.add_argument("--probes", type=int, default=300)
    args = parser.parse_args()
    settings = DedupSettings(
        threshold=args.threshold, shingle=args.shingle, bands=args.bands, hashes=args.hashes
    )
    pages = generate(args.n + args.probes, args.seed)
    pages, probes = pages[: args.n], pages[args.n :]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        with Archive(path, dedup=settings) as archive:
            results, lookups = [], {}
            start = time.perf_counter()
            for count, page in enumerate(pages, 1):
                results.append(store(archive, page))
                if count in (1_000, args.n):
                    lookups[count] = lookup_ms(archive, probes)
            elapsed = time.perf_counter() - start
            size = path.stat().st_size + Path(f"{path}-wal").stat().st_size
        report(args, settings, evaluate(pages, results), elapsed, lookups, size)


def report(args, settings, scores, elapsed, lookups, size) -> None:
    merged, correct, expected = scores["merged"], scores["correct"], scores["expected"]
    print(f"settings: {settings}")
    print(f"{'kind':<10}{'copies':>8}{'merged':>8}{'correct':>9}{'recall':>8}")
    for kind in EDIT_KINDS:
        recall = correct[kind] / expected[kind] if expected[kind] else float("nan")
        print(f"{kind:<10}{expected[kind]:>8}{merged[kind]:>8}{correct[kind]:>9}{recall:>8.4f}")
    total_merged = sum(merged.values())
    precision = sum(correct.values()) / total_merged if total_merged else float("nan")
    edited = [k for k in EDIT_KINDS if k != "exact"]
    recall_edited = sum(correct[k] for k in edited) / max(1, sum(expected[k] for k in edited))
    recall_all = sum(correct.values()) / max(1, sum(expected.values()))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [
        ("pages stored", f"{args.n:,}"),
        ("originals wrongly merged", f"{merged['original']:,}"),
        ("precision of merges", f"{precision:.4f}"),
        ("recall, edited copies", f"{recall_edited:.4f}"),
        ("recall, all copies", f"{recall_all:.4f}"),
        ("pages / second", f"{args.n / elapsed:,.0f}"),
        ("peak memory (RSS)", f"{peak_mb:,.0f} MB"),
        ("archive size", f"{size / 2**20:,.0f} MB"),
        *((f"look-up at {n:,} pages", f"{ms:.2f} ms (median)") for n, ms in lookups.items()),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
