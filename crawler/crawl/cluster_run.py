"""Running distributed workers: the settings that turn a portal crawl into a cluster worker.

`apply_cluster_settings` is what `PortalSpider.update_settings` applies when CLUSTER_REDIS_URL
is set, so `archive crawl --redis URL` and a Scrapyd job (`-s CLUSTER_REDIS_URL=…`) run the
same worker: the Redis scheduler, the cluster's politeness and robots.txt in place of the
per-process ones, the results stream in place of the archive, its own WARC files.
"""

import time
from dataclasses import dataclass
from pathlib import Path

from crawler.sources import Source

_SCHEDULER = "crawler.crawl.cluster_scheduler.ClusterScheduler"
_DOWNLOADER = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.crawl.cluster_politeness.ClusterRobotsTxtMiddleware": 100,
    "crawler.crawl.middlewares.CrawlDelayMiddleware": None,  # the host clock applies it
    "crawler.crawl.extensions.WarcCaptureMiddleware": None,
    "crawler.crawl.cluster_worker.ClusterWarcCapture": 950,
    "crawler.crawl.cluster_politeness.ClusterPolitenessMiddleware": 990,  # last before the wire
}
_SPIDER = {"crawler.crawl.cluster_scheduler.ClusterSeedMiddleware": 10}
_PIPELINES = {
    "crawler.crawl.pipelines.ExtractPipeline": None,
    "crawler.crawl.pipelines.ArchivePipeline": None,
    "crawler.crawl.cluster_worker.ClusterExtractPipeline": 300,
    "crawler.crawl.cluster_worker.ClusterResultPipeline": 800,
}
_EXTENSIONS = {"crawler.crawl.cluster_worker.ClusterWorker": 400}


def apply_cluster_settings(settings) -> None:
    """Turn a crawl's settings into a worker's (no-op without CLUSTER_REDIS_URL)."""
    if not settings.get("CLUSTER_REDIS_URL"):
        return
    # the delay moves from each process's download slots to the host's clock in Redis
    settings.set("CLUSTER_HOST_DELAY", settings.getfloat("DOWNLOAD_DELAY"), priority="cmdline")
    settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
    settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
    # a worker leases no more of a portal than it may fetch at once, leaving the rest of the
    # queue to the other workers (and little to reclaim when it dies)
    per_domain = settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
    concurrency = min(settings.getint("CONCURRENT_REQUESTS"), max(1, per_domain))
    settings.set("CONCURRENT_REQUESTS", concurrency, priority="cmdline")
    settings.set("ARCHIVE_REFRESH", True, priority="cmdline")  # the spider asks no archive
    settings.set("SCHEDULER", _SCHEDULER, priority="cmdline")
    for name, extra in [
        ("DOWNLOADER_MIDDLEWARES", _DOWNLOADER),
        ("SPIDER_MIDDLEWARES", _SPIDER),
        ("ITEM_PIPELINES", _PIPELINES),
        ("EXTENSIONS", _EXTENSIONS),
    ]:
        settings.set(name, settings.getdict(name) | extra, priority="cmdline")


@dataclass(frozen=True)
class WorkerSummary:
    source: str
    reason: str
    pages: int
    results: int
    seconds: float


def run_workers(
    sources: list[Source],
    registry: Path,
    redis_url: str,
    overrides: dict[str, str],
    until_idle: bool,
) -> list[WorkerSummary]:
    """One worker process crawling its share of the given portals; returns when they close."""
    from scrapy.crawler import CrawlerProcess

    from crawler.crawl.run import crawl_settings
    from spiders.portal import PortalSpider

    settings = crawl_settings(Path("-"), registry, overrides)
    settings.set("CLUSTER_REDIS_URL", redis_url, priority="cmdline")
    settings.set("CLUSTER_UNTIL_IDLE", until_idle, priority="cmdline")
    process = CrawlerProcess(settings, install_root_handler=True)
    crawlers = []
    for source in sources:
        crawler = process.create_crawler(PortalSpider)
        crawlers.append((source, crawler))
        process.crawl(crawler, source=source)
    started = time.monotonic()
    process.start()
    seconds = time.monotonic() - started
    return [
        WorkerSummary(
            source.slug,
            crawler.stats.get_value("finish_reason", "failed"),
            crawler.stats.get_value("response_received_count", 0),
            crawler.stats.get_value("item_scraped_count", 0),
            seconds,
        )
        for source, crawler in crawlers
    ]
