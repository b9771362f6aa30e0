"""Rotating backups of a SQLite catalogue, made with SQLite's online backup API.

A backup is taken when a project opens and after edits, at most every
``INTERVAL`` seconds.  Generations kept: the newest ``KEEP_RECENT``, the
newest of each hour for ``KEEP_HOURS`` hours, the newest of each day for
``KEEP_DAYS`` days.  Copies kept aside before a restore are never pruned.
"""
from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from docmanager.db import schema
from docmanager.db import sqlite as dbsqlite
from docmanager.errors import ProjectError, RefusedError
from docmanager.fsutil import remove_stale_partials

if TYPE_CHECKING:
    from docmanager.project import Project

INTERVAL = 600
KEEP_RECENT = 10
KEEP_HOURS = 48
KEEP_DAYS = 30
_NAME = re.compile(r"^(catalogue|pre-restore)-(\d{8}T\d{6}(?:\d{6})?Z)\.sqlite$")
# A backup being written (and SQLite's journal beside it): what a killed backup leaves.
_PARTIAL = r"(?:catalogue|pre-restore)-\d{8}T\d{6}(?:\d{6})?Z\.sqlite\.partial(?:-journal|-wal|-shm)?"


@dataclass(frozen=True)
class Backup:
    name: str
    path: Path
    at: datetime
    size: int
    kind: str  # "backup" or "pre-restore"

    def to_json(self) -> dict:
        return {"name": self.name, "path": str(self.path), "at": self.at.isoformat(timespec="seconds"),
                "size": self.size, "kind": self.kind}


def _stamp(now: datetime) -> str:
    return now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def _parse_stamp(text: str) -> datetime:
    fmt = "%Y%m%dT%H%M%S%fZ" if len(text) > 16 else "%Y%m%dT%H%M%SZ"
    return datetime.strptime(text, fmt).replace(tzinfo=timezone.utc)


def list_backups(project: "Project") -> list[Backup]:
    """Backups of the project, newest first."""
    out = []
    for entry in project.backups_dir.iterdir():
        m = _NAME.match(entry.name)
        if not m or not entry.is_file():
            continue
        kind = "backup" if m.group(1) == "catalogue" else "pre-restore"
        out.append(Backup(entry.name, entry, _parse_stamp(m.group(2)), entry.stat().st_size, kind))
    out.sort(key=lambda b: b.at, reverse=True)
    return out


def is_due(project: "Project", now: Optional[datetime] = None) -> bool:
    now = now or datetime.now(timezone.utc)
    newest = next((b for b in list_backups(project) if b.kind == "backup"), None)
    return newest is None or (now - newest.at).total_seconds() >= INTERVAL


def _copy_database(source: Path, target: Path) -> None:
    """Copy a live SQLite database (WAL included) with the backup API, then fsync."""
    src = sqlite3.connect(f"file:{dbsqlite._uri_path(source)}?mode=ro", uri=True,
                          timeout=dbsqlite.BUSY_TIMEOUT_MS / 1000)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with open(target, "rb") as fh:
        os.fsync(fh.fileno())


def _check_integrity(path: Path) -> Optional[str]:
    con = sqlite3.connect(f"file:{dbsqlite._uri_path(path)}?mode=ro", uri=True)
    try:
        result = con.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        con.close()
    return None if result == [("ok",)] else "; ".join(r[0] for r in result[:5])


def make_backup(project: "Project", now: Optional[datetime] = None, prefix: str = "catalogue") -> Path:
    """Copy the catalogue into ``backups/`` and prune old generations."""
    now = now or datetime.now(timezone.utc)
    source = project.catalogue_path
    if source is None:
        raise RefusedError("backups of a team catalogue are made by the database server")
    target = project.backups_dir / f"{prefix}-{_stamp(now)}.sqlite"
    partial = target.with_name(target.name + ".partial")
    # A backup killed in the middle left its temporary copy; once stale (see fsutil) it goes.
    remove_stale_partials(project.backups_dir, _PARTIAL)
    try:
        _copy_database(source, partial)
        problem = _check_integrity(partial)
        if problem:
            # Never let a damaged copy push good generations out.
            raise ProjectError(f"the catalogue failed its integrity check ({problem}); "
                               "no backup was rotated", source)
        os.replace(partial, target)
    finally:
        if partial.exists():
            partial.unlink()
    if prefix == "catalogue":
        prune(project, now)
    return target


def prune(project: "Project", now: Optional[datetime] = None) -> list[Path]:
    """Remove backups outside the kept generations. Returns what was removed."""
    now = now or datetime.now(timezone.utc)
    backups = [b for b in list_backups(project) if b.kind == "backup"]  # newest first
    keep: set[str] = {b.name for b in backups[:KEEP_RECENT]}
    hours: set[tuple] = set()
    days: set[tuple] = set()
    for b in backups:
        age = now - b.at
        hour = (b.at.year, b.at.month, b.at.day, b.at.hour)
        day = (b.at.year, b.at.month, b.at.day)
        if age <= timedelta(hours=KEEP_HOURS) and hour not in hours:
            hours.add(hour)
            keep.add(b.name)
        if age <= timedelta(days=KEEP_DAYS) and day not in days:
            days.add(day)
            keep.add(b.name)
    removed = []
    for b in backups:
        if b.name not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def find_backup(project: "Project", name: str) -> Backup:
    backups = list_backups(project)
    if name == "latest":
        for b in backups:
            if b.kind == "backup":
                return b
        raise RefusedError("there are no backups yet", project.backups_dir)
    for b in backups:
        if b.name == name or str(b.path) == name:
            return b
    raise RefusedError(f"no backup named {name}; see `docmanager backup list`", project.backups_dir)


def restore(project: "Project", name: str) -> dict:
    """Put a backup back as the catalogue, keeping the current catalogue aside first.

    The project's connections are closed; open the project again afterwards.
    """
    chosen = find_backup(project, name)
    header = dbsqlite.check_file(chosen.path, schema.head_version())
    problem = _check_integrity(chosen.path)
    if problem:
        raise ProjectError(f"this backup is damaged ({problem}); choose another", chosen.path)
    catalogue = project.catalogue_path
    project.close()
    aside = make_backup(project, prefix="pre-restore")
    src = sqlite3.connect(f"file:{dbsqlite._uri_path(chosen.path)}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(catalogue, timeout=dbsqlite.BUSY_TIMEOUT_MS / 1000)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = WAL")
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            dst.close()
    finally:
        src.close()
    return {"restored": chosen.name, "kept_aside": str(aside), "schema": header.user_version}
