"""The baseline a user writes in ten minutes: Scrapy, trafilatura in the callback, sqlite-utils.

    scrapy runspider benchmarks/plain_spider.py -a start=http://127.0.0.1:8000/ -a db=plain.db

It walks the section listings from the home page, extracts every article page with
`trafilatura.extract(with_metadata=True)` on the reactor, and inserts one row per article.
"""

import json
import re

import scrapy
import sqlite_utils
import trafilatura

ARTICLE = re.compile(r"-\d+\.html$")


class PlainSpider(scrapy.Spider):
    name = "plain"

    def __init__(self, start: str, db: str, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.start_url = start
        self.table = sqlite_utils.Database(db)["articles"]

    async def start(self):
        yield scrapy.Request(self.start_url, self.parse)

    def parse(self, response):
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href)
            if ARTICLE.search(url):
                yield scrapy.Request(url, self.parse_article)
            elif "/chuyen-muc/" in url:
                yield scrapy.Request(url, self.parse)

    def parse_article(self, response):
        found = trafilatura.extract(
            response.text, url=response.url, with_metadata=True, output_format="json"
        )
        if found:
            row = json.loads(found)
            row["url"] = response.url
            self.table.insert(row, pk="url", replace=True, alter=True)
