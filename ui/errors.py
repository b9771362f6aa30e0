"""Errors from the core, as a person reads them: what happened and which file."""
from __future__ import annotations

import logging
from typing import Optional

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from docmanager.errors import DocManagerError

log = logging.getLogger(__name__)


def error_parts(exc: BaseException) -> tuple[str, Optional[str]]:
    """The message and the path (if any) of an error."""
    if isinstance(exc, DocManagerError):
        return exc.message, exc.path
    if isinstance(exc, OSError) and exc.filename:
        return exc.strerror or str(exc), str(exc.filename)
    text = QCoreApplication.translate("Errors", "Unexpected error: {error}")
    return text.format(error=f"{type(exc).__name__}: {exc}"), None


def error_text(exc: BaseException) -> str:
    """One text naming the path: ``message`` and, on its own line, ``File: path``."""
    message, path = error_parts(exc)
    if path:
        text = QCoreApplication.translate("Errors", "{message}\n\nFile: {path}")
        return text.format(message=message, path=path)
    return message


def show_error(parent: Optional[QWidget], title: str, exc: BaseException) -> None:
    """A warning box with the message and, below it, the path it is about."""
    if not isinstance(exc, (DocManagerError, OSError)):
        log.error("unexpected error", exc_info=exc)
    message, path = error_parts(exc)
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    if path:
        box.setInformativeText(QCoreApplication.translate("Errors", "File: {path}").format(path=path))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if parent is None:
        box.exec()
    else:
        # Window-modal and non-blocking: the event loop (and running tasks) go on.
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
