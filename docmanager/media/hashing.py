"""File identity: xxh64 of the whole file and a quick fingerprint.

The quick fingerprint (size + xxh64 of the first and last MiB) finds a file
again after a move or on another mount without reading it all; a full xxh64
confirms it.  File names never identify footage (AVCHD names repeat).
"""
from __future__ import annotations

import os
from typing import Callable, Optional

import xxhash

CHUNK = 4 * 1024 * 1024
EDGE = 1024 * 1024


def xxh64_file(path, progress: Optional[Callable[[int], None]] = None,
               cancel: Optional[Callable[[], bool]] = None) -> str:
    """Hex xxh64 of a file's bytes; ``progress(bytes_read)`` after each chunk."""
    h = xxhash.xxh64()
    done = 0
    with open(path, "rb", buffering=0) as fh:
        while True:
            if cancel is not None and cancel():
                from docmanager.jobs import Cancelled

                raise Cancelled()
            chunk = fh.read(CHUNK)
            if not chunk:
                break
            h.update(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done)
    return h.hexdigest()


def quick_hash(path, size: Optional[int] = None) -> str:
    """xxh64 of the first and the last MiB (the whole file when smaller)."""
    size = os.stat(path).st_size if size is None else size
    h = xxhash.xxh64()
    with open(path, "rb") as fh:
        h.update(fh.read(EDGE))
        if size > EDGE:
            fh.seek(max(EDGE, size - EDGE))
            h.update(fh.read(EDGE))
    return h.hexdigest()
