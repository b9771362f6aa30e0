"""Backups as a job, so the app can make them on its thread pool like any long work."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from docmanager import backup
from docmanager.jobs import CancelToken, Report, as_cancel, as_progress

if TYPE_CHECKING:
    from docmanager.jobs import ProgressFn
    from docmanager.project import Project


def backup_job(project: "Project", *, only_if_due: bool = True, progress: Optional["ProgressFn"] = None,
               cancel: Optional[CancelToken] = None) -> Report:
    """Copy the catalogue into ``backups/`` (when one is due, with ``only_if_due``).

    ``report.done`` holds the new backup's path; it is empty when none was due.
    A failed copy raises the ``DocManagerError`` from ``backup.make_backup``.
    """
    progress = as_progress(progress)
    cancel = as_cancel(cancel)
    report = Report("Backup")
    if project.backend != "sqlite":
        return report
    if cancel():
        report.cancelled = True
        return report
    if only_if_due and not backup.is_due(project):
        progress(1, 1, "No backup due")
        return report
    progress(0, 1, "Backing up the catalogue")
    path = backup.make_backup(project)
    report.done.append(str(path))
    report.data["path"] = str(path)
    progress(1, 1, "Backup made")
    return report
