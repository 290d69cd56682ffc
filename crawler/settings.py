"""Scrapy settings for archival crawls: polite by default, every value overridable with -s.

Custom settings (documented in the README):
ARCHIVE_DB       path of the archive file (default archive.db)
ARCHIVE_SOURCES  path of the portal registry (default sources.toml)
ARCHIVE_CONTACT  contact address put in the User-Agent
SCOPE_GUARD_ENABLED  refuse requests (links and redirects alike) off the source's domains or
                 onto private, loopback or link-local addresses (default True)
RETRY_BACKOFF_BASE   seconds before the first retry; doubles per attempt, with jitter (1.0)
RETRY_BACKOFF_MAX    longest wait before a retry, also the cap on Retry-After (60.0)
TRAP_URLS_PER_SHAPE  distinct URLs allowed per URL shape found in pages: digits and query
                 values blanked, so /lich/2024/01/01/ and /lich/2024/01/02/ count together;
                 0 disables (2000)
TRAP_MAX_URL_LENGTH  longer URLs found in pages are dropped; 0 disables (1024)

Limits on hostile responses use Scrapy's own settings: DOWNLOAD_MAXSIZE applies to the body
after decompression as well (a decompression bomb is cut off), and DOWNLOAD_TIMEOUT is the
total time for one response, so a server dripping bytes cannot hold a request open.
"""

BOT_NAME = "vn-provincial-archive"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

ARCHIVE_DB = "archive.db"
ARCHIVE_SOURCES = "sources.toml"
ARCHIVE_CONTACT = "archive@vn-provincial-archive.org"
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
HTTPERROR_ALLOW_ALL = False
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"

SCOPE_GUARD_ENABLED = True
RETRY_BACKOFF_BASE = 1.0
RETRY_BACKOFF_MAX = 60.0
TRAP_URLS_PER_SHAPE = 2000
TRAP_MAX_URL_LENGTH = 1024

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.ScopeGuardMiddleware": 45,  # before Scrapy's offsite check (50)
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    "crawler.middlewares.RedirectGuardMiddleware": 650,  # sees 3xx before RedirectMiddleware
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    "crawler.middlewares.ArchiveUserAgentMiddleware": 400,
    "crawler.middlewares.CrawlDelayMiddleware": 110,
}
SPIDER_MIDDLEWARES = {
    "crawler.middlewares.UrlTrapMiddleware": 850,  # after depth (900), before URL length (800)
}
ITEM_PIPELINES = {
    "crawler.pipelines.ExtractPipeline": 300,
    "crawler.pipelines.ArchivePipeline": 800,
}

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
