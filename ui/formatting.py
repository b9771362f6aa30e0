"""How clip values read on screen: durations, frame rates, sizes, dates, ratings.

Plain functions over plain values, so views and tests share one spelling.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from fractions import Fraction
from typing import Optional

STAR = "★"
NO_STAR = "☆"


def duration_text(seconds: float) -> str:
    """``1:02:03`` from an hour on, ``4:05.250`` below (minutes, seconds and milliseconds)."""
    if seconds is None:
        return ""
    millis = int(round(max(seconds, 0.0) * 1000))
    if millis >= 3600 * 1000:
        total = int(round(millis / 1000))
        hours, rest = divmod(total, 3600)
        minutes, secs = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{secs:02d}"
    minutes, rest = divmod(millis, 60 * 1000)
    secs, ms = divmod(rest, 1000)
    return f"{minutes}:{secs:02d}.{ms:03d}"


def _decimal(rate: Fraction) -> str:
    if rate.denominator == 1:
        return str(rate.numerator)
    text = f"{float(rate):.3f}".rstrip("0").rstrip(".")
    return text


def rate_text(frame_rate: str, scan: Optional[str] = None) -> str:
    """``25``, ``29.97`` (30000/1001), and ``25 (50i)`` for interlaced video."""
    if not frame_rate:
        return ""
    try:
        rate = Fraction(frame_rate)
    except (ValueError, ZeroDivisionError):
        return frame_rate
    text = _decimal(rate)
    if scan == "interlaced":
        text += f" ({_decimal(rate * 2)}i)"
    return text


def size_text(width: Optional[int], height: Optional[int]) -> str:
    if not width or not height:
        return ""
    return f"{width}×{height}"


def _offset_text(delta: Optional[timedelta]) -> str:
    if delta is None:
        return ""
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{mins:02d}" if mins else "")


def recorded_text(iso: Optional[str], seconds: bool = True) -> str:
    """``2019-05-02 10:14:03 UTC+8``: the moment in the clip's own offset, as the camera saw it."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    text = moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    offset = _offset_text(moment.utcoffset())
    return f"{text} {offset}" if offset else text


def rating_text(rating: Optional[int], hollow: bool = False) -> str:
    """``★★★`` for 3 (``★★★☆☆`` with ``hollow``); empty for unrated."""
    if not rating:
        return NO_STAR * 5 if hollow else ""
    return STAR * rating + (NO_STAR * (5 - rating) if hollow else "")


def subject_label(name: str, name_zh: Optional[str]) -> str:
    """``Liu Jingjun 刘静军``; just the name when there is no Chinese name or it is the same."""
    if name_zh and name_zh != name:
        return f"{name} {name_zh}"
    return name


def count_label(label: str, count: int) -> str:
    return f"{label} ({count:,})"


def file_size_text(size: Optional[int]) -> str:
    if size is None:
        return ""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} TB"
