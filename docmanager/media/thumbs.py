"""Poster frames: one small JPEG per clip, for tables and inspectors."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from docmanager.media.ffmpeg import run_ffmpeg

POSTER_WIDTH = 320


def poster_filter(interlaced: bool, width: int = POSTER_WIDTH) -> str:
    # Deinterlace first: a scaled interlaced frame shows combing on every movement.
    scale = f"scale={width}:-2:flags=bicubic"
    return f"yadif=mode=0,{scale}" if interlaced else scale


def make_poster(source, dest: Path, at_seconds: float = 1.0, interlaced: bool = False,
                cancel=None) -> Path:
    """Write a JPEG of the frame at ``at_seconds`` (seeking before the input, fast)."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.stem + ".partial" + dest.suffix)
    try:
        run_ffmpeg(["-ss", f"{max(0.0, at_seconds):.3f}", "-i", os.fsdecode(source), "-frames:v", "1",
                    "-vf", poster_filter(interlaced), "-q:v", "4", "-f", "image2", str(partial)],
                   cancel=cancel, path=source, message="Poster frame")
        os.replace(partial, dest)
    finally:
        if partial.exists():
            partial.unlink()
    return dest


def poster_time(duration_s: Optional[float]) -> float:
    """A representative moment: a third of the way in, at most 10 s."""
    if not duration_s:
        return 0.0
    return min(duration_s / 3, 10.0)
