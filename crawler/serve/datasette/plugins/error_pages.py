"""Error pages answered as Datasette answers them when `rich` is not installed.

Datasette 0.65 prints each error with rich when rich is importable (typer brings it, through
frictionless, a dependency of the wacz tools), and its 404 handler calls rich outside an
`except` block, where rich raises: an unknown address then fails instead of answering 404.
Turning that printing off restores the plain 404 (and every other error page as it was).
"""

import datasette.handle_exception

datasette.handle_exception.rich = None
