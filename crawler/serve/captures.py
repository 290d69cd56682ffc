"""One capture record read back for the article page: the gzip member as it lies in the WARC."""

from pathlib import Path

from warcio.archiveiterator import ArchiveIterator


def capture_record(archive_dir: Path, warc_file: str, offset: int) -> bytes | None:
    """The bytes of the record at `offset` in `warc_file` (relative to the archive's folder).

    None when the file is missing or the path leads outside the archive's folder.
    """
    base = archive_dir.resolve()
    path = (base / warc_file).resolve()
    if not path.is_relative_to(base) or not path.is_file():
        return None
    with open(path, "rb") as handle:
        handle.seek(offset)
        iterator = ArchiveIterator(handle)
        record = next(iter(iterator), None)
        if record is None:
            return None
        iterator.read_to_end(record)
        length = iterator.get_record_length()
        handle.seek(offset)
        return handle.read(length)
