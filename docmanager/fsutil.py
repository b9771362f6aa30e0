"""Small file-system helpers shared by everything that must survive a crash."""
from __future__ import annotations

import os


def fsync_dir(path, strict: bool = True) -> None:
    """Flush a folder's entries (a rename or a new file in it) to the disk.

    With ``strict=False`` a file system that cannot do it (some network or
    FAT mounts) is tolerated: the data itself was fsynced already.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        if strict:
            raise
        return
    try:
        os.fsync(fd)
    except OSError:
        if strict:
            raise
    finally:
        os.close(fd)
