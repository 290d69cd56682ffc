"""Scrapy settings for archival crawls: polite by default, every value overridable with -s.

Custom settings (documented in the README):
ARCHIVE_DB       path of the archive file (default archive.db)
ARCHIVE_SOURCES  path of the portal registry (default sources.toml)
ARCHIVE_CONTACT  contact address put in the User-Agent
EXTRACT_WORKERS  processes reading pages (links, article) off the reactor; default: one per
                 CPU this process may use (0: inline, on the reactor)
ARCHIVE_FRONTIER_ON_DISK  keep the queue of pending requests on disk (a JOBDIR under
                 <archive dir>/frontier/<source>/, emptied before and removed after the
                 crawl), so a crawl of 200,000 pages does not hold them in memory (True)
ARCHIVE_FRONTIER_MEMORY  of those, how many per priority stay in memory, the newest: the
                 disk holds only what is beyond (2000; crawler/crawl/frontier.py)
ARCHIVE_WRITE_BATCH, ARCHIVE_WRITE_DELAY, ARCHIVE_WRITE_QUEUE
                 the archive writer commits a group when BATCH results wait or DELAY
                 seconds passed since the first (200, 0.5); QUEUE results may wait for it
                 before the crawl is held back (1000)
TEMPLATE_SAMPLE_PAGES, TEMPLATE_MIN_PAGES, TEMPLATE_MIN_SHARE
                 template learning: how many article pages of a crawl are sampled, how many
                 are needed to learn, and on what share of them a block must recur
DEDUP_THRESHOLD, DEDUP_SHINGLE, DEDUP_HASHES, DEDUP_BANDS, DEDUP_MIN_SHINGLES,
DEDUP_MAX_CANDIDATES, DEDUP_SEED
                 near-duplicate detection (docs/dedup.md); changing SHINGLE, HASHES, BANDS or
                 SEED needs `archive dedup --rebuild`
ARCHIVE_CAPTURE  write every response to a WARC file under <archive dir>/captures/ (default True)
ARCHIVE_REFRESH  fetch archived article URLs again even when the sitemap says they are
                 unchanged (default False; `archive crawl --refresh` sets it)
PROGRESS_INTERVAL  seconds between progress log lines when stderr is not a terminal
                 (default 60; 0 disables; on a terminal a live line is redrawn every second)
SCOPE_GUARD_ENABLED  refuse requests (links and redirects alike) off the source's domains or
                 onto private, loopback or link-local addresses (default True)
RETRY_BACKOFF_BASE   seconds before the first retry; doubles per attempt, with jitter (1.0)
RETRY_BACKOFF_MAX    longest wait before a retry, also the cap on Retry-After (60.0)
TRAP_URLS_PER_SHAPE  distinct URLs allowed per URL shape found in pages: digits and query
                 values blanked, so /lich/2024/01/01/ and /lich/2024/01/02/ count together;
                 0 disables (2000)
TRAP_MAX_URL_LENGTH  longer URLs found in pages are dropped; 0 disables (1024)
DEPTH_LIMIT      Scrapy's, counted in steps away from the listings (50): a listing's next
                 page (same URL shape, from a page listing articles), a WebForms postback
                 and an article link keep their page's depth; a deeper request is dropped
                 and recorded (`depth-limit`)
POSTBACK_MAX_PAGES   ASP.NET WebForms list pages asked for by posting the page's form back
                 (__doPostBack pagers), at most this many per crawl (500)
COMPLETENESS_WARN_SHARE  `archive status` warns when more than this share of the article URLs
                 a source's last run fetched were rejected as not articles (0.10)
RENDER_CHROMIUM  the Chromium that renders pages for sources with `render` (/usr/bin/chromium,
                 Debian's; never a downloaded browser)
RENDER_MAX_PAGES  browser pages open at once (2)
RENDER_TIMEOUT   seconds one rendered page may take, navigation and load-more together (30)
RENDER_CLICKS    "Xem thêm" clicks or scrolls per rendered listing (3); the endpoints the
                 page called are then followed as plain requests
RENDER_ENDPOINT_PAGES  pages of one load-more endpoint followed as plain requests (100)

CLUSTER_*        distributed crawls over Redis (crawler/cluster/config.py lists them all):
                 CLUSTER_REDIS_URL (set by `--redis`), CLUSTER_IDLE_SECONDS, CLUSTER_WORKER_TIMEOUT,
                 CLUSTER_SEEN_CAPACITY, CLUSTER_SEEN_ERROR, CLUSTER_SEEN_HOURS, …; a worker's
                 DOWNLOAD_DELAY becomes the cluster-wide per-host delay (CLUSTER_HOST_DELAY)

Limits on hostile responses use Scrapy's own settings: DOWNLOAD_MAXSIZE applies to the body
after decompression as well (a decompression bomb is cut off), and DOWNLOAD_TIMEOUT is the
total time for one response, so a server dripping bytes cannot hold a request open.
"""

import os

BOT_NAME = "vn-provincial-archive"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

ARCHIVE_DB = "archive.db"
ARCHIVE_SOURCES = "sources.toml"
ARCHIVE_CONTACT = "archive@vn-provincial-archive.org"
EXTRACT_WORKERS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
ARCHIVE_FRONTIER_ON_DISK = True
ARCHIVE_FRONTIER_MEMORY = 2000
SCHEDULER_DISK_QUEUE = "crawler.crawl.frontier.SpillingLifoQueue"  # used with a JOBDIR only
ARCHIVE_WRITE_BATCH = 200
ARCHIVE_WRITE_DELAY = 0.5
ARCHIVE_WRITE_QUEUE = 1000
TEMPLATE_SAMPLE_PAGES = 60
TEMPLATE_MIN_PAGES = 5
TEMPLATE_MIN_SHARE = 0.6
DEDUP_THRESHOLD = 0.4
DEDUP_SHINGLE = 3
DEDUP_HASHES = 128
DEDUP_BANDS = 32
DEDUP_MIN_SHINGLES = 30
DEDUP_MAX_CANDIDATES = 50
DEDUP_SEED = 1
ARCHIVE_CAPTURE = True
ARCHIVE_REFRESH = False
PROGRESS_INTERVAL = 60.0
USER_AGENT_TEMPLATE = "VNProvincialArchive/0.1 (archival crawler; +mailto:{contact})"

ROBOTSTXT_OBEY = True
DOWNLOAD_DELAY = 1.0
RANDOMIZE_DOWNLOAD_DELAY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 5
DEPTH_LIMIT = 50
COOKIES_ENABLED = False
# A page yields one item and a few requests: Scrapy's default of 100 parallel item slots costs
# a hundred cooperators per response on the reactor for nothing.
CONCURRENT_ITEMS = 16
# Scrapy's check re-reads a callback's source for every response when it is a bound method.
WARN_ON_GENERATOR_RETURN_VALUE = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"

SCOPE_GUARD_ENABLED = True
RETRY_BACKOFF_BASE = 1.0
RETRY_BACKOFF_MAX = 60.0
TRAP_URLS_PER_SHAPE = 2000
TRAP_MAX_URL_LENGTH = 1024
POSTBACK_MAX_PAGES = 500
COMPLETENESS_WARN_SHARE = 0.10
RENDER_CHROMIUM = "/usr/bin/chromium"
RENDER_MAX_PAGES = 2
RENDER_TIMEOUT = 30.0
RENDER_CLICKS = 3
RENDER_ENDPOINT_PAGES = 100

DOWNLOADER_MIDDLEWARES = {
    "crawler.crawl.middlewares.ScopeGuardMiddleware": 45,  # before Scrapy's offsite check (50)
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.crawl.middlewares.BackoffRetryMiddleware": 550,
    "crawler.crawl.middlewares.RedirectGuardMiddleware": 650,  # sees 3xx before RedirectMiddleware
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.crawl.middlewares.MetaRefreshMiddleware": 580,  # Scrapy's, reading only the head
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    "crawler.crawl.middlewares.ArchiveUserAgentMiddleware": 400,
    "crawler.crawl.middlewares.CrawlDelayMiddleware": 110,
    "crawler.crawl.analysis.PageAnalysisMiddleware": 500,
    "crawler.crawl.extensions.WarcCaptureMiddleware": 950,
    "crawler.crawl.render.RenderMiddleware": 960,  # last before the download handler
}
EXTENSIONS = {
    "crawler.crawl.extensions.CrawlProgress": 500,
}
SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "crawler.crawl.depth.ListingDepthMiddleware": 900,
    # after depth (900), before URL length (800)
    "crawler.crawl.middlewares.UrlTrapMiddleware": 850,
}
ITEM_PIPELINES = {
    "crawler.crawl.pipelines.ExtractPipeline": 300,
    "crawler.crawl.pipelines.ArchivePipeline": 800,
}

CLUSTER_REDIS_URL = ""
CLUSTER_PREFIX = "archive"
CLUSTER_WORKER_ID = ""
CLUSTER_IDLE_SECONDS = 60.0
CLUSTER_UNTIL_IDLE = False
CLUSTER_WORKER_TIMEOUT = 15.0
CLUSTER_HEARTBEAT = 2.0
CLUSTER_SEEN_CAPACITY = 10_000_000
CLUSTER_SEEN_ERROR = 0.000001
CLUSTER_SEEN_HOURS = 20.0
CLUSTER_ROBOTS_HOURS = 24.0
CLUSTER_STREAM_MAX = 100_000
CLUSTER_WARC_DIR = "."
CLUSTER_HOST_DELAY = 0.0

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
