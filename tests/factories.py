"""Catalogue rows for tests that are about the catalogue, not about media."""
from __future__ import annotations

from datetime import datetime, timezone

from docmanager.catalogue.register import FileSpec, add_clip, add_media_file


def add_plain_clip(project, name: str, *, seconds: int = 10, rate=(25, 1), interlaced=False,
                   recorded_at="2019-05-02T10:00:00+08:00", files: int = 1) -> int:
    """A clip whose files are catalogued but not on disk (state stays 'online' until verified)."""

    def _add(s):
        mfs = [add_media_file(s, FileSpec(path=f"/archive/{name}/{i:05d}.MTS", size=1000 + i,
                                          mtime=datetime(2019, 5, 2, tzinfo=timezone.utc),
                                          xxh64=f"{abs(hash((name, i))):016x}"[:16],
                                          quick_hash=f"{abs(hash((name, i, 'q'))):016x}"[:16]))
               for i in range(files)]
        fields = dict(rate_num=rate[0], rate_den=rate[1], duration_frames=seconds * rate[0] // rate[1],
                      width=1920, height=1080, scan="interlaced" if interlaced else "progressive",
                      field_order="tff" if interlaced else None, recorded_at=recorded_at,
                      video_codec="AVC")
        return add_clip(s, name, fields, mfs).id

    return project.write(_add)
