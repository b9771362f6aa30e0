"""Adding clips and their files to the catalogue.

A new file is kept relative to the longest media root mapped on this machine
that holds it, else by its absolute path (``docmanager.catalogue.roots``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from fractions import Fraction
from typing import Optional, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from docmanager.catalogue.roots import home_for
from docmanager.db.models import Clip, ClipFile, MediaFile, Volume
from docmanager.media.hashing import quick_hash, xxh64_file


@dataclass
class FileSpec:
    """A file as found on disk, with its identity."""

    path: bytes | str
    size: int
    mtime: Optional[datetime]
    xxh64: Optional[str]
    quick_hash: str

    @classmethod
    def from_path(cls, path, full_hash: bool = True) -> "FileSpec":
        st = os.stat(path)
        return cls(
            path=path,
            size=st.st_size,
            mtime=datetime.fromtimestamp(st.st_mtime, timezone.utc),
            xxh64=xxh64_file(path) if full_hash else None,
            quick_hash=quick_hash(path, st.st_size),
        )


def stored_path(path) -> tuple[str, Optional[bytes]]:
    """Text for the catalogue, plus the raw bytes when the name is not valid UTF-8 (absolute, no root)."""
    raw = os.fsencode(os.path.abspath(path))
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return raw.decode("utf-8", "surrogateescape").encode("utf-8", "backslashreplace").decode("utf-8"), raw


def readable_name(name: str | bytes) -> str:
    """A file name as a person should read it, whatever bytes it was made of.

    Names that are not UTF-8 mostly come from Chinese Windows systems (GBK);
    when the bytes decode as GB18030 that is what is shown (``采访.MTS``), else
    undecodable bytes become U+FFFD.  The exact bytes stay in ``path_bytes``.
    """
    raw = os.fsencode(name)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def clip_fields(info) -> dict:
    """Clip columns from a ``docmanager.media.probe.MediaInfo``."""
    rate = Fraction(info.frame_rate) if info.frame_rate else Fraction(25)
    if info.frame_count:
        frames = int(info.frame_count)
    else:
        frames = round(Fraction(str(info.duration_s or 0)) * rate)
    recorded = info.recorded_at.isoformat() if info.recorded_at else None
    return dict(
        rate_num=rate.numerator, rate_den=rate.denominator, duration_frames=frames,
        width=info.width, height=info.height, scan=info.scan, field_order=info.field_order,
        video_codec=info.video_codec, audio_codec=info.audio_codec, audio_channels=info.audio_channels,
        audio_rate=info.audio_rate, recorded_at=recorded, recorded_at_source=info.recorded_at_source,
        camera_make=info.camera_make, camera_model=info.camera_model, timecode_start=info.timecode_start,
    )


def find_media_file(session: Session, spec: FileSpec) -> Optional[MediaFile]:
    """A catalogued file with the same content (size + quick hash, confirmed by xxh64)."""
    for mf in session.scalars(select(MediaFile).where(MediaFile.size == spec.size,
                                                      MediaFile.quick_hash == spec.quick_hash)):
        if spec.xxh64 is None or mf.xxh64 is None or mf.xxh64 == spec.xxh64:
            return mf
    return None


def add_media_file(session: Session, spec: FileSpec, volume: Optional[Volume] = None) -> MediaFile:
    root_id, text, raw = home_for(session, spec.path)
    mf = MediaFile(root_id=root_id, path=text, path_bytes=raw, size=spec.size, mtime=spec.mtime, xxh64=spec.xxh64,
                   quick_hash=spec.quick_hash, state="online", volume=volume,
                   verified_at=datetime.now(timezone.utc) if spec.xxh64 else None)
    session.add(mf)
    return mf


def add_clip(session: Session, name: str, fields: dict, files: Sequence[MediaFile]) -> Clip:
    clip = Clip(name=name, **fields)
    clip.files = [ClipFile(position=i, media_file=mf) for i, mf in enumerate(files)]
    session.add(clip)
    session.flush()
    return clip
