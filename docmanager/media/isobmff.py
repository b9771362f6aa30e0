"""A structural check of MP4/MOV files (ISO base media) before MediaInfo parses them.

MediaInfo trusts the counts and sizes written in a file.  In a damaged copy
(one flipped byte is enough) a count of sample-table entries or a chunk number
can claim billions where the file holds a few hundred: libmediainfo then
allocates for the claim, or walks every "chunk" up to it, for tens of seconds
to minutes of CPU per file, and an ingest of a card seems to hang.  The
``mediainfo`` program dies of ``std::bad_alloc`` on some.

:func:`problem` reads the box tree (only the ``moov`` box is read whole, and
only when it is of a sane size) and checks what such damage breaks:

* every box fits in its parent (and the top-level boxes in the file);
* every sample-table box's entry count fits in the bytes of its box
  (``stsz``, ``stz2``, ``stco``, ``co64``, ``stts``, ``ctts``, ``stsc``,
  ``stss``, ``stps``, ``sdtp`` aside, ``elst``, ``sgpd``, ``sbgp``);
* ``stsc`` names chunks that exist (its first-chunk numbers rise, and none
  is beyond the chunk count of ``stco``/``co64``).

A file that fails is truncated or damaged whichever tool reads it; the text
returned says which box and what it claims, for the refusal message.
"""
from __future__ import annotations

import struct
from typing import Any, Optional

__all__ = ["TOP_LEVEL", "problem"]

#: Top-level box types that mark an ISO base media file (MP4, MOV, M4V, 3GP).
TOP_LEVEL = frozenset({b"ftyp", b"wide", b"mdat", b"moov", b"free", b"skip", b"pnot", b"uuid", b"moof", b"styp"})
#: Boxes made only of boxes.
_CONTAINERS = frozenset({b"moov", b"trak", b"mdia", b"minf", b"stbl", b"dinf", b"edts", b"mvex", b"moof",
                         b"traf", b"mfra", b"tref", b"udta"})
#: A ``moov`` larger than this is not read whole (hours of footage give a few MiB).
MAX_MOOV = 256 * 1024 * 1024


def _label(kind: bytes) -> str:
    return kind.decode("latin-1") if kind.isalnum() else kind.hex()


def _boxes(data: bytes, start: int, end: int):
    """(offset, header length, size, kind) of each box in ``data[start:end]``; raises ValueError on overrun."""
    offset = start
    while offset + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, offset)
        head = 8
        if size == 1:
            if offset + 16 > end:
                raise ValueError(f"its '{_label(kind)}' box is cut short at offset {offset:,}")
            size, head = struct.unpack_from(">Q", data, offset + 8)[0], 16
        elif size == 0:
            size = end - offset
        if size < head or offset + size > end:
            raise ValueError(f"its '{_label(kind)}' box claims {size:,} bytes at offset {offset:,} "
                             f"where {end - offset:,} are left")
        yield offset, head, size, kind
        offset += size


def _count(body: bytes, at: int) -> int:
    return struct.unpack_from(">I", body, at)[0] if len(body) >= at + 4 else 0


def _table_problem(kind: bytes, body: bytes) -> Optional[str]:
    """Whether a sample-table box's entry count fits in its bytes (None when it does)."""
    if len(body) < 8:
        return None if kind not in (b"stsz", b"stco", b"co64", b"stts", b"ctts", b"stsc", b"stss") else \
            f"its '{_label(kind)}' box is cut short"
    version = body[0]
    if kind == b"stsz":
        sample_size, count = struct.unpack_from(">4xII", body) if len(body) >= 12 else (1, 0)
        need = 12 + (0 if sample_size else 4 * count)
    elif kind == b"stz2":
        field = body[7] if len(body) >= 8 else 32
        count = _count(body, 8)
        need = 12 + (count * field + 7) // 8
    elif kind in (b"stco", b"stss", b"stps"):
        count, need = _count(body, 4), 8 + 4 * _count(body, 4)
    elif kind in (b"co64", b"stts", b"ctts"):
        count, need = _count(body, 4), 8 + 8 * _count(body, 4)
    elif kind == b"stsc":
        count, need = _count(body, 4), 8 + 12 * _count(body, 4)
    elif kind == b"elst":
        count = _count(body, 4)
        need = 8 + count * (20 if version == 1 else 12)
    elif kind == b"sbgp":
        at = 12 if version == 1 else 8
        count, need = _count(body, at), at + 4 + 8 * _count(body, at)
    elif kind == b"sgpd":
        default_length = _count(body, 8) if version == 1 else 0
        at = 12 if version >= 1 else 8
        count = _count(body, at)
        entry = default_length if default_length else 4 if version == 1 else 1
        need = at + 4 + count * entry
    else:
        return None
    if need > len(body):
        return (f"its '{_label(kind)}' box claims {count:,} entries ({need:,} bytes) but holds "
                f"{len(body):,} bytes")
    return None


def _stbl_problem(tables: dict[bytes, bytes]) -> Optional[str]:
    """``stsc`` against the chunk count of ``stco``/``co64``, ``stts`` against ``stsz``, in one sample table."""
    stts, stsz = tables.get(b"stts"), tables.get(b"stsz")
    if stts is not None and stsz is not None and len(stsz) >= 12:
        samples = _count(stsz, 8)
        timed = sum(_count(stts, 8 + 8 * i) for i in range(_count(stts, 4)))
        if samples and timed > 2 * samples + 1000:  # encoders differ by a few samples; damage by millions
            return f"its 'stts' box times {timed:,} samples in a track of {samples:,}"
    stsc = tables.get(b"stsc")
    offsets = tables.get(b"stco", tables.get(b"co64"))
    if stsc is None or offsets is None:
        return None
    chunks = _count(offsets, 4)
    previous = 0
    for i in range(_count(stsc, 4)):
        first = _count(stsc, 8 + 12 * i)
        if first <= previous or first > max(chunks, 1):
            return (f"its 'stsc' box names chunk {first:,} (entry {i + 1}) in a track of {chunks:,} chunks")
        previous = first
    return None


def _walk(data: bytes, start: int, end: int, depth: int = 0) -> Optional[str]:
    tables: dict[bytes, bytes] = {}
    for offset, head, size, kind in _boxes(data, start, end):
        body = data[offset + head: offset + size]
        if kind in _CONTAINERS and depth < 16:
            found = _walk(data, offset + head, offset + size, depth + 1)
            if found:
                return found
            continue
        found = _table_problem(kind, body)
        if found:
            return found
        tables[kind] = body
    return _stbl_problem(tables)


def problem(handle: Any, size: int) -> Optional[str]:
    """What is broken in the structure of the ISO media file open as ``handle`` (None: nothing found).

    Files that are not ISO media (no known top-level box first) are not judged.
    """
    handle.seek(0)
    first = handle.read(8)
    if len(first) < 8 or first[4:8] not in TOP_LEVEL:
        return None
    offset = 0
    while offset + 8 <= size:
        handle.seek(offset)
        header = handle.read(16)
        box_size, kind = struct.unpack(">I4s", header[:8])
        head = 8
        if box_size == 1 and len(header) >= 16:
            box_size, head = struct.unpack(">Q", header[8:16])[0], 16
        elif box_size == 0:
            box_size = size - offset  # runs to the end of the file
        if box_size < head or offset + box_size > size:
            return (f"its '{_label(kind)}' box claims {box_size:,} bytes at offset {offset:,} of a "
                    f"{size:,}-byte file")
        if kind == b"moov" and box_size <= MAX_MOOV:
            handle.seek(offset + head)
            body = handle.read(box_size - head)
            try:
                found = _walk(body, 0, len(body))
            except ValueError as exc:
                found = str(exc)
            if found:
                return found
        offset += box_size
    return None
