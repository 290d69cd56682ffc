"""Search latency at archive scale: folded searches through Datasette's JSON API, in process.

    python benchmarks/bench_search.py            # 200,000 articles
    python benchmarks/bench_search.py --n 5000   # a quick run

Builds a synthetic archive of Vietnamese-like articles in a temporary directory (inserted
through the Archive connection in one transaction, so the index triggers do the indexing),
then times each query `--runs` times and prints median and p95 latency and the index size.
"""

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path

from crawler.archive import Archive, content_hash
from crawler.serve import datasette_for

VOCABULARY = (
    "huyện xã tỉnh người dân công tác phát triển kinh tế xã hội đảng viên chi bộ hội nghị "
    "nông thôn mới giáo dục y tế giao thông hòa bình thủy lợi sản xuất nông nghiệp du lịch "
    "văn hóa thể thao an ninh quốc phòng đoàn thanh niên phụ nữ cựu chiến binh mặt trận tổ "
    "quốc ủy ban nhân dân hội đồng bầu cử đầu tư dự án công trình khởi công hoàn thành năm "
    "tháng kế hoạch triển khai thực hiện nhiệm vụ chỉ đạo lãnh đạo cán bộ học sinh trường"
)
WORDS = VOCABULARY.split()
PLACES = [
    "Phước Sơn",
    "Quảng Nam",
    "Bình Dương",
    "Hòa Bình",
    "Đắk Lắk",
    "Thủy Nguyên",
    "Tam Kỳ",
    "phát triển kinh tế",
]
SOURCES = [("baoquangnam", "Quảng Nam"), ("baobinhduong", "Bình Dương"), ("baohoabinh", "Hòa Bình")]
MATCHES_SQL = "select count(*) as n from articles_fts where articles_fts match vn_fts_query(:q, 0)"
QUERIES = [
    "phuoc son",
    "Phước Sơn",
    "dang vien",
    "hoà bình",
    '"phát triển kinh tế"',
    "nong thon moi",
    "đảng*",
    "thuy nguyen du lich",
]


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 20))
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), rng.choice(PLACES))
    return " ".join(words).capitalize() + "."


def article(rng: random.Random, n: int) -> tuple:
    source = rng.choice(SOURCES)[0]
    title = " ".join(rng.choices(WORDS, k=6)).capitalize() + " " + rng.choice(PLACES)
    text = "\n".join(" ".join(sentence(rng) for _ in range(3)) for _ in range(rng.randint(3, 8)))
    published = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    url = f"https://{source}.vn/bai-{n}.html"
    now = "2025-01-01T00:00:00+00:00"
    return url, source, title, text, published, content_hash(text), now, now


def build(path: Path, n: int, seed: int = 7) -> float:
    rng = random.Random(seed)
    started = time.perf_counter()
    with Archive(path) as archive, archive.transaction() as conn:
        conn.executemany(
            "INSERT INTO sources (slug, name, province, kind, home_url) VALUES (?, ?, ?, ?, ?)",
            [(slug, f"Báo {prov}", prov, "paper", f"https://{slug}.vn/") for slug, prov in SOURCES],
        )
        conn.executemany(
            "INSERT INTO articles (url, source, title, text, published, content_hash,"
            " first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (article(rng, i) for i in range(n)),
        )
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
            )
        )


async def time_queries(path: Path, runs: int) -> list[tuple[str, int, float, float]]:
    client = datasette_for(path).client
    results = []
    for query in QUERIES:
        params = {"q": query, "_shape": "array", "limit": "20"}
        count = {"sql": MATCHES_SQL, "q": query, "_shape": "array"}
        hits = (await client.get("/archive.json", params=count)).json()[0]["n"]
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            response = await client.get("/archive/search.json", params=params)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.text
        p95 = statistics.quantiles(timings, n=20)[-1] if runs > 1 else timings[0]
        results.append((query, hits, statistics.median(timings), p95))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000, help="articles to generate")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "archive.db"
        seconds = build(path, args.n)
        size = path.stat().st_size + sum(
            p.stat().st_size for p in path.parent.glob("archive.db-*") if p.exists()
        )
        print(f"articles: {args.n:,}  build+index: {seconds:.1f} s")
        print(f"database: {size / 2**20:.1f} MiB  FTS index: {index_bytes(path) / 2**20:.1f} MiB")
        print(f"\n{'query (top 20 returned)':<24} {'matches':>8} {'median ms':>10} {'p95 ms':>8}")
        for query, hits, median, p95 in asyncio.run(time_queries(path, args.runs)):
            print(f"{query:<24} {hits:>8,} {median:>10.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
