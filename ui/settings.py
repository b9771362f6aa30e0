"""The app's own settings (QSettings): recent projects, language, window layout."""
from __future__ import annotations

import os
from typing import Any, Optional

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10
LANGUAGES = ("system", "en", "zh_CN")


class AppSettings:
    """Typed access to the QSettings the app keeps between runs."""

    def __init__(self, store: Optional[QSettings] = None) -> None:
        self.store = store if store is not None else QSettings()

    # --------------------------------------------------------------- recent
    def recent_projects(self) -> list[str]:
        value = self.store.value("recentProjects", [])
        if isinstance(value, str):  # one entry comes back as a plain string from some back ends
            value = [value]
        return [str(v) for v in (value or []) if v]

    def add_recent(self, path: os.PathLike | str) -> None:
        path = os.fspath(path)
        recent = [p for p in self.recent_projects() if os.path.normpath(p) != os.path.normpath(path)]
        self.store.setValue("recentProjects", [path, *recent][:MAX_RECENT])

    def remove_recent(self, path: os.PathLike | str) -> None:
        path = os.path.normpath(os.fspath(path))
        self.store.setValue("recentProjects", [p for p in self.recent_projects() if os.path.normpath(p) != path])

    def clear_recent(self) -> None:
        self.store.setValue("recentProjects", [])

    def last_project(self) -> Optional[str]:
        recent = self.recent_projects()
        return recent[0] if recent else None

    # ------------------------------------------------------------- language
    def language(self) -> str:
        value = str(self.store.value("language", "system") or "system")
        return value if value in LANGUAGES else "system"

    def set_language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language setting {value!r}")
        self.store.setValue("language", value)

    # --------------------------------------------------------------- layout
    def bytes_value(self, key: str) -> Optional[QByteArray]:
        value = self.store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_value(self, key: str, value: Any) -> None:
        self.store.setValue(key, value)

    def sync(self) -> None:
        self.store.sync()
