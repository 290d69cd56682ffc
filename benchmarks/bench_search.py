"""Search latency at archive scale: folded searches through Datasette's JSON API, in process.

    python benchmarks/bench_search.py                           # 200,000 articles, temporary
    python benchmarks/bench_search.py --db /tmp/bench.db        # build once, reuse next time
    python benchmarks/bench_search.py --n 5000                  # a quick run

The synthetic archive imitates provincial news from Quảng Nam and Đà Nẵng: a Zipf-distributed
vocabulary of several thousand words (function words, common news words, made-up two-syllable
words), one or two topics per article (đảng viên, nông thôn mới, sạt lở, du lịch, giáo dục …)
and a district or commune named in most of them. So "phuoc son" or "dang vien" match a few
percent of the archive, as in a real one, and "nam" (năm, Nam, nằm …) nearly all of it: the
worst case. Articles are inserted through the Archive connection in one transaction and indexed
as the writer indexes them (folded and marked forms in `articles_fts`). Each query is timed
`--runs` times.
"""

import argparse
import asyncio
import hashlib
import itertools
import multiprocessing
import random
import statistics
import tempfile
import time
from pathlib import Path

from crawler.extract.vietnamese import fold_vietnamese, normalize_text
from crawler.serve.app import datasette_for
from crawler.store.archive import Archive, content_hash


def word_list(text: str, separator: str | None = None) -> list[str]:
    return text.split(separator)


FUNCTION_WORDS = word_list(
    "của và các là có được trong cho với những người đã này để năm tại theo từ một về không "
    "đến khi cũng như trên đó sẽ nhiều đang ra đồng thời nhằm qua sau trước còn vào nên"
)
COMMON_WORDS = word_list(
    "huyện|xã|tỉnh|thành phố|người dân|công tác|phát triển|kinh tế|xã hội|hội nghị|ủy ban|"
    "nhân dân|chính quyền|địa phương|thực hiện|triển khai|kế hoạch|nhiệm vụ|chỉ đạo|lãnh đạo|"
    "cán bộ|tháng|kết quả|tổ chức|hỗ trợ|đầu tư|dự án|công trình|hoàn thành|khởi công|"
    "năm 2024|vừa qua|cho biết|theo đó|đồng chí|phó chủ tịch|chủ tịch|sở|ngành|đơn vị|"
    "hoạt động|chương trình|tăng cường|nâng cao|hiệu quả|đảm bảo|tiếp tục|giải pháp|khó khăn",
    "|",
)
TOPICS = {
    "xây dựng Đảng": "đảng viên|chi bộ|kết nạp|đảng bộ|nghị quyết|bí thư|sinh hoạt chi bộ|"
    "ban chấp hành|đại hội|tổ chức cơ sở đảng",
    "nông thôn mới": "nông thôn mới|tiêu chí|đạt chuẩn|thu nhập|hạ tầng|nông thôn mới nâng cao|"
    "xã đạt chuẩn|mô hình",
    "thiên tai": "sạt lở|mưa lũ|di dời|ngập úng|bão|khắc phục hậu quả|cứu hộ|sạt lở đất|"
    "vùng nguy hiểm|phòng chống thiên tai",
    "du lịch": "du lịch|du khách|homestay|lưu trú|phố cổ|bãi biển|lễ hội|điểm đến|"
    "du lịch cộng đồng|lượt khách",
    "giáo dục": "giáo dục|học sinh|giáo viên|năm học|trường học|tuyển sinh|kỳ thi|"
    "phòng học|khai giảng|học bổng",
    "y tế": "y tế|bệnh viện|tiêm chủng|dịch bệnh|khám chữa bệnh|bảo hiểm y tế|trạm y tế|bác sĩ",
    "giao thông": "giao thông|tuyến đường|cây cầu|tai nạn|quốc lộ|nâng cấp|mặt đường|thông xe",
    "nông nghiệp": "lúa|sâm Ngọc Linh|chăn nuôi|thu hoạch|vụ đông xuân|cây keo|nông sản|"
    "hợp tác xã|OCOP",
    "an ninh": "công an|ma túy|tội phạm|vi phạm|xử lý|an ninh trật tự|khởi tố|đối tượng",
    "văn hóa": "văn hóa|đồng bào|Cơ Tu|di sản|nghệ nhân|cồng chiêng|lễ hội truyền thống",
    "môi trường": "rừng|bảo vệ rừng|khai thác cát|rác thải|môi trường|trồng rừng|thủy điện",
    "an sinh": "giảm nghèo|hộ nghèo|nhà ở|an sinh xã hội|người có công|nhà tình nghĩa|trao tặng",
    "chuyển đổi số": "chuyển đổi số|dịch vụ công trực tuyến|thanh toán không dùng tiền mặt|"
    "nền tảng số|dữ liệu",
    "bầu cử": "bầu cử|cử tri|đại biểu|hội đồng nhân dân|tiếp xúc cử tri|kiến nghị",
}
TOPIC_WORDS = {topic: words.split("|") for topic, words in TOPICS.items()}
# District → a few of its communes or wards. Most articles name one place; Zipf over districts.
PLACES = {
    "Quảng Nam": {
        "Tam Kỳ": ["An Mỹ", "Hòa Hương", "Tam Thăng"],
        "Hội An": ["Cẩm Thanh", "Cẩm Kim", "Minh An", "Tân Hiệp"],
        "Điện Bàn": ["Điện Ngọc", "Điện Dương", "Vĩnh Điện", "Điện Nam Bắc"],
        "Duy Xuyên": ["Duy Hải", "Duy Nghĩa", "Nam Phước"],
        "Đại Lộc": ["Ái Nghĩa", "Đại Hiệp", "Đại Đồng"],
        "Núi Thành": ["Tam Hiệp", "Tam Quang", "Tam Nghĩa"],
        "Thăng Bình": ["Hà Lam", "Bình Minh", "Bình Dương"],
        "Quế Sơn": ["Đông Phú", "Quế Xuân", "Quế Phú"],
        "Phú Ninh": ["Phú Thịnh", "Tam Đàn"],
        "Tiên Phước": ["Tiên Kỳ", "Tiên Cảnh", "Tiên Lập"],
        "Phước Sơn": ["Khâm Đức", "Phước Xuân", "Phước Đức", "Phước Năng", "Phước Mỹ"],
        "Hiệp Đức": ["Tân Bình", "Quế Thọ"],
        "Nông Sơn": ["Trung Phước", "Quế Lộc"],
        "Bắc Trà My": ["Trà My", "Trà Sơn", "Trà Giang"],
        "Nam Trà My": ["Trà Mai", "Trà Linh", "Trà Cang"],
        "Đông Giang": ["Prao", "Ba", "Sông Kôn"],
        "Tây Giang": ["A Tiêng", "Lăng", "Dang"],
        "Nam Giang": ["Thạnh Mỹ", "La Dêê", "Đắc Pring"],
    },
    "Đà Nẵng": {
        "Hải Châu": ["Thạch Thang", "Hòa Cường Bắc", "Phước Ninh"],
        "Thanh Khê": ["An Khê", "Chính Gián"],
        "Sơn Trà": ["An Hải Bắc", "Thọ Quang", "Mân Thái"],
        "Ngũ Hành Sơn": ["Mỹ An", "Khuê Mỹ", "Hòa Hải"],
        "Liên Chiểu": ["Hòa Khánh Bắc", "Hòa Minh", "Hòa Hiệp Nam"],
        "Cẩm Lệ": ["Hòa Xuân", "Khuê Trung"],
        "Hòa Vang": ["Hòa Bắc", "Hòa Phong", "Hòa Tiến", "Hòa Ninh"],
    },
}
SOURCES = {  # slug → (portal name, province); articles go to a portal of their place's province
    "baoquangnam": ("Báo Quảng Nam", "Quảng Nam"),
    "quangnam-gov": ("Cổng thông tin Quảng Nam", "Quảng Nam"),
    "phuocson-gov": ("Cổng thông tin huyện Phước Sơn", "Quảng Nam"),
    "baodanang": ("Báo Đà Nẵng", "Đà Nẵng"),
    "danang-gov": ("Cổng thông tin Đà Nẵng", "Đà Nẵng"),
}
# Syllables of the made-up long tail (those folding to a benchmark query's word are left out, so
# a topic query matches the articles about it, not random pairs that happen to contain it).
LONG_TAIL_SYLLABLES = word_list(
    "ánh bảo cảnh dũng gia hạnh hiếu hùng khang lâm lợi mạnh minh nghĩa nhân phát phong phúc "
    "quang quyết sáng tâm thắng thịnh thuận tiến toàn trí tường vinh vượng xanh yên bền chắc "
    "đẹp gọn nhanh rõ sạch sâu sẵn tốt vững chung riêng lớn nhỏ cao thấp xa gần bên dưới giữa "
    "ngoài cửa núi đồi suối làng bản thôn phố chợ bến đèn điện nước đất cát gỗ đá sắt thép vốn "
    "giá thuế phí lương việc chức hành động năng lực khoa học kỹ thuật quản lý tài chính vận "
    "tải hàng hóa thị trường sức khỏe gia đình tuổi trẻ thiếu nhi mùa vụ đêm ngày sáng chiều "
    "tối tuần quý phương án đề xuất thống nhất ý kiến báo cáo kiểm tra giám sát phối hợp"
)
VOCABULARY_SIZE = 6000
MATCHES_SQL = "select count(*) as n from articles_fts where articles_fts match vn_fts_query(:q, 0)"
# (label, query, filters): realistic queries first, then the worst cases.
QUERIES = [
    ("phuoc son", "phuoc son", {}),
    ("Phước Sơn (marked)", "Phước Sơn", {}),
    ("dang vien", "dang vien", {}),
    ("nong thon moi", "nong thon moi", {}),
    ("sạt lở", "sạt lở", {}),
    ('"du lịch cộng đồng"', '"du lịch cộng đồng"', {}),
    ("hoi an du lich", "hoi an du lich", {}),
    ("dang vien +province", "dang vien", {"province": "quang nam"}),
    ("giao duc +since", "giao duc", {"since": "2024-01-01"}),
    ("sat lo +source,until", "sat lo", {"source": "baoquangnam", "until": "2019-12-31"}),
    ("đảng* (prefix)", "đảng*", {}),
    ("nam (very common)", "nam", {}),
    ("nam +source (common)", "nam", {"source": "danang-gov"}),
]


def zipf_cum_weights(size: int, exponent: float = 1.0) -> list[float]:
    return list(itertools.accumulate(1 / (rank + 2.7) ** exponent for rank in range(size)))


def long_tail_syllables() -> list[str]:
    query_words = {w for _, query, _ in QUERIES for w in fold_vietnamese(query).split()}
    return [s for s in LONG_TAIL_SYLLABLES if fold_vietnamese(s) not in query_words]


class Generator:
    """Deterministic article factory: the same seed and chunk give the same articles."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        tail, known = set(), FUNCTION_WORDS + COMMON_WORDS
        syllables = long_tail_syllables()
        while len(tail) < VOCABULARY_SIZE - len(known):
            tail.add(" ".join(rng.sample(syllables, 2)))
        self.vocabulary = known + sorted(tail)
        self.vocabulary_weights = zipf_cum_weights(len(self.vocabulary))
        self.topics = list(TOPIC_WORDS)
        self.topic_weights = zipf_cum_weights(len(self.topics), 0.6)
        self.districts = [(p, d) for p, districts in PLACES.items() for d in districts]
        rng.shuffle(self.districts)  # a fixed but arbitrary popularity order
        self.district_weights = zipf_cum_weights(len(self.districts), 0.8)
        self.seed = seed
        self.rng = rng

    def chunk(self, number: int, size: int) -> list[tuple]:
        self.rng = random.Random(f"{self.seed}-{number}")
        return [self.article(number * size + i) for i in range(size)]

    def _words(self, k: int) -> list[str]:
        return self.rng.choices(self.vocabulary, cum_weights=self.vocabulary_weights, k=k)

    def _place(self) -> tuple[str, list[str]]:
        """The article's province and the names it mentions (district, maybe a commune)."""
        if self.rng.random() < 0.15:
            return self.rng.choice(list(PLACES)), []
        ((province, district),) = self.rng.choices(self.districts, self.district_weights)
        names = [district, f"huyện {district}"]
        if self.rng.random() < 0.5:
            names.append(f"xã {self.rng.choice(PLACES[province][district])}")
        return province, names

    def _sentence(self, words: list[str], topic_words: list[str], place: list[str]) -> str:
        for _ in range(self.rng.choice((0, 1, 1, 2))):
            words.insert(self.rng.randrange(len(words)), self.rng.choice(topic_words))
        if place and self.rng.random() < 0.2:
            words.insert(self.rng.randrange(len(words)), self.rng.choice(place))
        return " ".join(words).capitalize() + "."

    def _body(self, topic_words: list[str], place: list[str]) -> str:
        shape = [
            [self.rng.randint(10, 22) for _ in range(self.rng.randint(2, 4))]
            for _ in range(self.rng.randint(3, 12))
        ]
        words = iter(self._words(sum(map(sum, shape))))
        return "\n".join(
            " ".join(
                self._sentence(list(itertools.islice(words, k)), topic_words, place)
                for k in paragraph
            )
            for paragraph in shape
        )

    def article(self, n: int) -> tuple:
        topics = self.rng.choices(self.topics, self.topic_weights, k=self.rng.choice((1, 2)))
        topic_words = [w for topic in topics for w in TOPIC_WORDS[topic]]
        province, place = self._place()
        source = self.rng.choice([s for s, (_, p) in SOURCES.items() if p == province])
        title = " ".join([self.rng.choice(topic_words), *self._words(5), *place[:1]])
        text = self._body(topic_words, place)
        day = f"{self.rng.randint(2015, 2025)}-{self.rng.randint(1, 12):02d}-"
        published = day + f"{self.rng.randint(1, 28):02d}"
        url = f"https://{source}.vn/bai-{n}.html"
        now = "2025-01-01T00:00:00+00:00"
        digest = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
        return url, source, title.capitalize(), text, published, digest, now, now


def _generate(task: tuple[int, int, int]) -> list[tuple]:
    seed, number, size = task
    return Generator(seed).chunk(number, size)


def fast_fold(chars: str):
    """`vn_fold` for text already in stored form, as one str.translate (checked in `build`)."""
    table = str.maketrans({ch: fold_vietnamese(ch) for ch in chars})
    return lambda text: None if text is None else text.translate(table)


def check_stored_form(rows: list[tuple], fold) -> None:
    """Generated text must already be in stored form, or the fast functions would lie."""
    for _, _, title, text, _, digest, _, _ in rows[::97]:
        assert content_hash(text) == digest
        for field in (title, text):
            assert normalize_text(field) == field
            assert fold(field) == fold_vietnamese(field)


def chunks(n: int, seed: int, size: int = 2000):
    tasks = [(seed, number, min(size, n - number * size)) for number in range(-(-n // size))]
    with multiprocessing.Pool() as pool:
        yield from pool.imap(_generate, tasks)


def build(path: Path, n: int, seed: int = 7) -> float:
    """Generate and store `n` articles, and index them as the writer does."""
    generator = Generator(seed)
    alphabet = "".join(set(str((generator.vocabulary, TOPIC_WORDS, PLACES))))
    fold = fast_fold(alphabet + alphabet.upper())
    started = time.perf_counter()
    with Archive(path) as archive, archive.transaction() as conn:
        conn.executemany(
            "INSERT INTO sources (slug, name, province, kind, home_url) VALUES (?, ?, ?, ?, ?)",
            [
                (slug, name, prov, "paper", f"https://{slug}.vn/")
                for slug, (name, prov) in SOURCES.items()
            ],
        )
        for rows in chunks(n, seed):
            check_stored_form(rows, fold)
            last = conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
            conn.executemany(
                "INSERT INTO articles (url, source, title, text, published, content_hash,"
                " first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            # The generated text is in stored form (checked above), so a character table folds
            # it: Python's full folding would dominate the build.
            stored = conn.execute("SELECT id, title, text FROM articles WHERE id > ?", (last,))
            conn.executemany(
                "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                [(i, fold(title), fold(text)) for i, title, text in stored],
            )
        conn.execute("DELETE FROM search_stale")
    with Archive(path) as archive:
        archive.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - started


def index_bytes(path: Path) -> int:
    with Archive(path) as archive:
        return sum(
            archive.conn.execute(f"SELECT coalesce(sum(length({col})), 0) FROM {table}").fetchone()[
                0
            ]
            for table, col in (
                ("articles_fts_data", "block"),
                ("articles_fts_idx", "term"),
                ("articles_fts_docsize", "sz"),
                ("articles_fts_content", "c0 || c1"),
                ("articles_fts_marked_data", "block"),
                ("articles_fts_marked_idx", "term"),
                ("articles_fts_marked_docsize", "sz"),
            )
        )


def article_count(path: Path) -> int:
    with Archive(path) as archive:
        return archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0]


async def time_query(client, query: str, filters: dict, runs: int) -> tuple[int, float, float]:
    """Matches of the query (before filters), median and p95 milliseconds of the search."""
    count = {"sql": MATCHES_SQL, "q": query, "_shape": "array"}
    hits = (await client.get("/archive.json", params=count)).json()[0]["n"]
    params = {"q": query, "_shape": "array", "limit": "20"} | filters
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = await client.get("/archive/search.json", params=params)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.text
    p95 = statistics.quantiles(timings, n=20)[-1] if runs > 1 else timings[0]
    return hits, statistics.median(timings), p95


async def time_queries(path: Path, runs: int) -> list[tuple[str, int, float, float]]:
    client = datasette_for(path).client
    return [
        (label, *await time_query(client, query, filters, runs))
        for label, query, filters in QUERIES
    ]


def report(path: Path, runs: int) -> None:
    articles = article_count(path)
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    print(f"database: {size / 2**20:.1f} MiB  FTS index: {index_bytes(path) / 2**20:.1f} MiB")
    header = f"{'query (top 20 returned)':<26} {'matches':>8} {'share':>6} {'median ms':>10}"
    print(f"\n{header} {'p95 ms':>8}")
    for label, hits, median, p95 in asyncio.run(time_queries(path, runs)):
        share = f"{hits / max(articles, 1):.1%}"
        print(f"{label:<26} {hits:>8,} {share:>6} {median:>10.1f} {p95:>8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000, help="articles to generate")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query")
    parser.add_argument("--seed", type=int, default=7, help="generator seed")
    parser.add_argument("--db", type=Path, help="archive to build once and reuse (default: temp)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "archive.db"
        if path.exists():
            print(f"reusing {path}: {article_count(path):,} articles (--n and --seed ignored)")
        else:
            seconds = build(path, args.n, args.seed)
            print(f"articles: {args.n:,}  build+index: {seconds:.1f} s")
        report(path, args.runs)


if __name__ == "__main__":
    main()
