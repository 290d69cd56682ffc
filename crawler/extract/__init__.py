"""Extract: bytes of a fetched page in, one article (or the reason it is not one) out.

The public entry point is `extract_article` (or `extract_document` of a page `read_document`
decoded and parsed already); the rest of the package is one module per concern
(decoding, Vietnamese text, boilerplate, templates, metadata, headline, dates, byline, lead,
body, rejection).
"""

from crawler.extract.article import extract_article, extract_document
from crawler.extract.dates import parse_vietnamese_date
from crawler.extract.decoding import NotAnArticle, UndecodablePage
from crawler.extract.document import Document, read_document
from crawler.extract.model import Extracted, ExtractOptions

__all__ = [
    "Document",
    "ExtractOptions",
    "Extracted",
    "NotAnArticle",
    "UndecodablePage",
    "extract_article",
    "extract_document",
    "parse_vietnamese_date",
    "read_document",
]
