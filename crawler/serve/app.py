"""`archive serve`: the archive in Datasette, read-only, with our metadata and plugins.

Configuration lives in the `crawler/serve/datasette/` config directory (metadata.yml, settings.json,
plugins/, templates/). The file is opened as a mutable database, so Datasette reads through
`?mode=ro` connections and sees what a running crawl writes; nothing in the configuration
writes (no writable canned queries, and Datasette 0.65 has no write API).
"""

import argparse
from pathlib import Path

import uvicorn
from datasette.app import Datasette
from datasette.database import Database

CONFIG_DIR = Path(__file__).parent / "datasette"
DATABASE = "archive"  # metadata.yml and the plugins refer to the database by this name


def datasette_for(db_path: str | Path) -> Datasette:
    """A Datasette serving `db_path` as database "archive", read-only."""
    path = Path(db_path).resolve()
    if not path.exists():
        raise FileNotFoundError(f"no archive at {path}")
    datasette = Datasette(config_dir=CONFIG_DIR)
    datasette.remove_database("_memory")
    datasette.add_database(Database(datasette, path=str(path), is_mutable=True), name=DATABASE)
    return datasette


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Run the archive's Datasette until interrupted; localhost only unless told otherwise."""
    uvicorn.run(datasette_for(db_path).app(), host=host, port=port, log_level="info")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve an archive read-only in Datasette")
    parser.add_argument("--db", default="archive.db", help="archive file (default archive.db)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args(argv)
    serve(args.db, host=args.host, port=args.port)


if __name__ == "__main__":
    main()
