"""Gives every Datasette connection the search functions, so canned queries can fold `:q`."""

from datasette import hookimpl

from crawler.serve.search import register_functions


@hookimpl
def prepare_connection(conn):
    register_functions(conn)
