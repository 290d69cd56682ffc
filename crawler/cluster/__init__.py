"""The Redis side of a distributed crawl, in plain redis-py (no Scrapy here).

Workers on any machine share, through one Redis: the frontier (a priority queue per portal,
with the requests each worker holds leased until their results are pushed), the seen-set
(a rotating Bloom filter), per-host politeness (the next moment a host may be asked again,
and its robots.txt), their heartbeats, and the stream of results that `archive ingest`, the one
archive writer, drains. `keys` names every key; each other module owns one concern.
"""
