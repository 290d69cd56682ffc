"""Offline sample portals: fictional provincial news sites served locally for crawl tests."""
