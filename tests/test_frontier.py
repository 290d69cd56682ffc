"""The frontier kept in memory up to its bound, the rest on disk: a stack either way."""

import scrapy
from scrapy.crawler import Crawler

from crawler.crawl.frontier import SpillingLifoQueue


class Spider(scrapy.Spider):
    name = "frontier"

    def parse_page(self, response):
        return None


def queue_of(tmp_path, limit: int) -> tuple[SpillingLifoQueue, Spider]:
    crawler = Crawler(Spider, {"ARCHIVE_FRONTIER_MEMORY": limit})
    crawler.spider = spider = Spider()
    return SpillingLifoQueue.from_crawler(crawler, str(tmp_path / "p0")), spider


def requests(spider: Spider, n: int) -> list[scrapy.Request]:
    return [scrapy.Request(f"http://x.vn/{i}", spider.parse_page) for i in range(n)]


def test_past_its_bound_the_oldest_requests_go_to_disk_and_come_back_last(tmp_path):
    queue, spider = queue_of(tmp_path, 2)
    for request in requests(spider, 5):
        queue.push(request)
    assert len(queue) == 5 and len(queue.memory) == 2 and len(queue.disk) == 3
    assert queue.peek().url == "http://x.vn/4"
    popped = [queue.pop() for _ in range(5)]
    assert [r.url for r in popped] == [f"http://x.vn/{i}" for i in (4, 3, 2, 1, 0)]
    assert popped[-1].callback == spider.parse_page  # read back from disk with its callback
    assert queue.pop() is None and len(queue) == 0


def test_a_small_frontier_touches_no_disk(tmp_path):
    queue, spider = queue_of(tmp_path, 100)
    for request in requests(spider, 50):
        queue.push(request)
    assert queue.disk is None and not (tmp_path / "p0").exists()


def test_what_is_in_memory_at_close_is_kept_on_disk_for_the_next_run(tmp_path):
    queue, spider = queue_of(tmp_path, 2)
    for request in requests(spider, 4):
        queue.push(request)
    queue.close()
    again, _ = queue_of(tmp_path, 2)
    assert [again.pop().url for _ in range(4)] == [f"http://x.vn/{i}" for i in (3, 2, 1, 0)]


def test_a_request_the_disk_cannot_take_stays_in_memory(tmp_path):
    queue, spider = queue_of(tmp_path, 1)
    queue.push(scrapy.Request("http://x.vn/lambda", lambda response: None))
    queue.push(scrapy.Request("http://x.vn/1", spider.parse_page))
    assert [queue.pop().url for _ in range(2)] == ["http://x.vn/1", "http://x.vn/lambda"]
