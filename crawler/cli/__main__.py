"""`python -m crawler.cli`: the `archive` command."""

from crawler.cli import main

main()
