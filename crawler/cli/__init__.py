"""`archive`: a thin command line over the crawl, extract, store, ops and serve packages.

`main` is the click group (crawler/cli/common.py); each module below adds its commands to it.
"""

# the command modules register their commands on import
from crawler.cli import cluster, crawling, curation, maintenance, reading  # noqa: F401
from crawler.cli.common import main

__all__ = ["main"]
