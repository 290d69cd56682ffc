"""`archive`: a thin command line over the crawl, extract, store, ops and serve packages.

`main` is the click group (crawler/cli/common.py); each module below adds its commands to it.
"""

from crawler.cli import crawling, curation, maintenance, reading  # noqa: F401  (they register)
from crawler.cli.common import main

__all__ = ["main"]
