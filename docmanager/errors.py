"""Errors that carry the path they are about and what to do next.

Every error a user can meet names the file (or project) concerned, so the CLI
can put it in ``{"error": {"message", "path"}}`` and the app in a dialog.
"""
from __future__ import annotations

import os
from typing import Optional, Union

PathLike = Union[str, bytes, os.PathLike]


def display_path(path: Optional[PathLike]) -> Optional[str]:
    """A printable form of a path; bytes that are not UTF-8 keep their escapes."""
    if path is None:
        return None
    return os.fsdecode(path)


class DocManagerError(Exception):
    """Base class: a message for a person, and the path it is about (if any)."""

    def __init__(self, message: str, path: Optional[PathLike] = None):
        self.message = message
        self.path = display_path(path)
        super().__init__(f"{self.path}: {message}" if self.path else message)


class ProjectError(DocManagerError):
    """A project folder or catalogue that cannot be opened or created as asked."""


class RefusedError(DocManagerError):
    """An action that is refused (bad arguments, unknown names, not allowed)."""


class NotFoundError(RefusedError):
    """A referenced row (clip, subject, shoot, ...) does not exist."""


class ConflictError(DocManagerError):
    """Someone else changed the row since it was read; nothing was written."""


class MediaReadError(DocManagerError):
    """A media file that cannot be read, with the reason."""

    def __init__(self, path: PathLike, reason: str):
        self.reason = reason
        super().__init__(reason, path)
