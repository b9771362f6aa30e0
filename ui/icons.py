"""The app's icons: small SVGs in ``resources/icons``."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtGui import QIcon

ICONS_DIR = Path(__file__).resolve().parents[1] / "resources" / "icons"


@lru_cache(maxsize=None)
def icon(name: str) -> QIcon:
    """``resources/icons/NAME.svg`` as an icon (an empty icon when the file is missing)."""
    path = ICONS_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
