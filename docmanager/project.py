"""A DocManager project: a folder holding the catalogue and its working files.

::

    MyFilm/
      docmanager-project.json   what this folder is: name, database kind (and URL for a team)
      catalogue.sqlite          the catalogue (solo mode), SQLite in WAL mode
      thumbnails/ proxies/ media/ exports/
      backups/                  rotating copies of the catalogue

``Project.create`` makes one, ``Project.open`` opens one; both refuse rather
than overwrite.  All writes go through ``project.transaction()``: one short
unit of work at a time, retried when the database is busy.
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator, Optional, TypeVar

from sqlalchemy import create_engine, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from docmanager.db import pg, schema, sqlite
from docmanager.db.models import Setting
from docmanager.errors import ConflictError, ProjectError
from docmanager.fsutil import fsync_dir

PROJECT_FILE = "docmanager-project.json"
CATALOGUE_FILE = "catalogue.sqlite"
FOLDERS = ("thumbnails", "proxies", "media", "exports", "backups")
FORMAT = 1
# Files whose presence means a folder already holds some database.
DATABASE_SUFFIXES = (".sqlite", ".sqlite3", ".db", ".db3")

T = TypeVar("T")


def _is_database_file(path: Path) -> bool:
    if path.suffix.lower() in DATABASE_SUFFIXES:
        return True
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == sqlite.SQLITE_MAGIC
    except OSError:
        return False


def _atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent, strict=False)


def _is_retryable(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return any(s in text for s in ("database is locked", "database is busy", "could not serialize",
                                   "deadlock detected", "serialization failure"))


def _storage_problem(exc: BaseException) -> str:
    """A person's sentence for a database error that is not a conflict."""
    text = str(getattr(exc, "orig", exc))
    low = text.lower()
    if "full" in low:
        return "the disk holding the catalogue is full; this change was not saved. Free some space and try again"
    if "readonly" in low or "read-only" in low:
        return "the catalogue is read-only here; this change was not saved. Check the folder's permissions"
    if "disk i/o" in low or "unable to open" in low:
        return ("the catalogue could not be read or written (the drive may have been removed); "
                "this change was not saved. Reconnect the drive and try again")
    return f"the catalogue refused the change ({text}); nothing was saved"


class Project:
    """An open project. Use ``Project.open`` / ``Project.create``; close when done."""

    def __init__(self, root: Path, info: dict, engine: Engine):
        self.root = root
        self.info = info
        self.engine = engine
        self._read_sessions = sessionmaker(engine, expire_on_commit=False, info={"project": self})
        self._write_sessions = sessionmaker(
            engine.execution_options(docmanager_write=True), expire_on_commit=False, info={"project": self}
        )
        # Subtitle states follow the work done in each write (docmanager.subtitles.status).
        from docmanager.subtitles.status import install as _install_status_hooks

        _install_status_hooks(self._write_sessions)
        # Roles are checked and every change is logged in the same writes (docmanager.access).
        from docmanager import access

        access.install(self._write_sessions)
        self._write_lock = threading.RLock()
        self._last_backup_check = 0.0
        self._local_writes = 0
        self._watch = None  # a sqlite3 connection (data_version) or a psycopg one (LISTEN)
        self._watch_lock = threading.Lock()
        # Derived data keyed by data_token(): stale entries are simply never asked for again.
        self.memo: dict = {}
        # Called after each committed write; the app swaps in a background runner.
        self.on_backup_due: Optional[Callable[["Project"], None]] = None
        from docmanager.access import default_user

        # Who is acting: in a team catalogue the database login, otherwise DOCMANAGER_USER or the OS login.
        self.user: Optional[str] = self.db_login or default_user()
        self._notify_count = 0
        self._changed_tables: set[str] = set()

    # ----------------------------------------------------------------- paths
    @property
    def name(self) -> str:
        return self.info.get("name") or self.root.name

    @property
    def backend(self) -> str:
        return self.info.get("db", "sqlite")

    @property
    def db_login(self) -> Optional[str]:
        """The database login of a team catalogue (None on SQLite)."""
        if self.backend != "postgresql" or not self.info.get("url"):
            return None
        from sqlalchemy.engine import make_url

        return make_url(self.info["url"].replace("postgres://", "postgresql://", 1)).username

    @property
    def catalogue_path(self) -> Optional[Path]:
        return self.root / CATALOGUE_FILE if self.backend == "sqlite" else None

    def folder(self, name: str) -> Path:
        path = self.root / name
        path.mkdir(exist_ok=True)
        return path

    @property
    def thumbnails_dir(self) -> Path:
        return self.folder("thumbnails")

    @property
    def proxies_dir(self) -> Path:
        return self.folder("proxies")

    @property
    def media_dir(self) -> Path:
        return self.folder("media")

    @property
    def backups_dir(self) -> Path:
        return self.folder("backups")

    # ------------------------------------------------------------- lifecycle
    @classmethod
    def create(cls, root: os.PathLike | str, name: Optional[str] = None,
               db_url: Optional[str] = None) -> "Project":
        """Make a new project folder. Refuses a folder that holds a project or a database."""
        root = Path(root).absolute()
        if root.exists() and not root.is_dir():
            raise ProjectError("exists and is not a folder", root)
        if (root / PROJECT_FILE).exists():
            raise ProjectError("already holds a DocManager project; open it instead", root)
        if root.is_dir():
            for entry in root.iterdir():
                if entry.name.startswith(CATALOGUE_FILE + ".creating"):
                    continue  # our own leftover from an interrupted init
                if entry.is_file() and _is_database_file(entry):
                    raise ProjectError(
                        f"already holds a database file ({entry.name}); choose an empty folder", root
                    )
        if db_url:
            return cls._create_team(root, name, db_url)
        root.mkdir(parents=True, exist_ok=True)
        for folder in FOLDERS:
            (root / folder).mkdir(exist_ok=True)
        info = {
            "format": FORMAT,
            "name": name or root.name,
            "db": "sqlite",
            "id": str(uuid.uuid4()),
            "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        # Build the catalogue under a temporary name; it gets its real name
        # only once complete, so an interrupted init leaves no half catalogue.
        creating = root / (CATALOGUE_FILE + ".creating")
        for leftover in root.glob(CATALOGUE_FILE + ".creating*"):
            leftover.unlink()
        sqlite.create_file(creating)
        engine = cls._sqlite_engine(creating)
        try:
            cls._migrate(engine, is_sqlite=True)
            with engine.begin() as conn:
                conn.execute(Setting.__table__.insert(), [
                    {"key": "name", "value": info["name"]},
                    {"key": "project_id", "value": info["id"]},
                    {"key": "created_at", "value": info["created_at"]},
                ])
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except BaseException:
            engine.dispose()
            for leftover in root.glob(CATALOGUE_FILE + ".creating*"):
                leftover.unlink()
            raise
        engine.dispose()
        for suffix in ("-wal", "-shm"):
            extra = Path(str(creating) + suffix)
            if extra.exists():
                extra.unlink()
        os.replace(creating, root / CATALOGUE_FILE)
        _atomic_write_text(root / PROJECT_FILE, json.dumps(info, indent=2, ensure_ascii=False) + "\n")
        return cls.open(root, backup=False)

    @classmethod
    def open(cls, root: os.PathLike | str, backup: bool = True) -> "Project":
        """Open an existing project, checking the catalogue before touching it."""
        root = Path(root).absolute()
        if not root.is_dir():
            raise ProjectError("no such project folder", root)
        info_path = root / PROJECT_FILE
        catalogue = root / CATALOGUE_FILE
        if info_path.exists():
            try:
                info = json.loads(info_path.read_text(encoding="utf-8"))
                if not isinstance(info, dict):
                    raise ValueError("not an object")
            except (ValueError, OSError) as exc:
                raise ProjectError(f"the project file is unreadable ({exc})", info_path) from None
            if info.get("format", 1) > FORMAT:
                raise ProjectError("the project was made by a newer DocManager; upgrade to open it", info_path)
        elif catalogue.exists():
            info = {"format": FORMAT, "name": root.name, "db": "sqlite"}
        else:
            raise ProjectError(
                "not a DocManager project (no docmanager-project.json); "
                "create one with `docmanager init`", root
            )
        from docmanager.fsutil import remove_stale_partials_in_project
        remove_stale_partials_in_project(root)  # temporary files that killed jobs left, once stale
        if info.get("db", "sqlite") == "postgresql":
            return cls._open_team(root, info)
        if info.get("db", "sqlite") != "sqlite":
            raise ProjectError(f"unknown catalogue database {info.get('db')!r} in the project file", info_path)
        header = sqlite.check_file(catalogue, schema.head_version())
        engine = cls._sqlite_engine(catalogue)
        try:
            if header.user_version < schema.head_version():
                cls._migrate(engine, is_sqlite=True)
        except Exception:
            engine.dispose()
            raise
        project = cls(root, info, engine)
        if backup:
            project.maybe_backup()
        return project

    # ------------------------------------------------------ team catalogues
    @classmethod
    def _create_team(cls, root: Path, name: Optional[str], db_url: str) -> "Project":
        """A project folder whose catalogue is (or joins) a PostgreSQL database."""
        url = pg.clean_url(db_url, root)
        root.mkdir(parents=True, exist_ok=True)
        for folder in FOLDERS:
            (root / folder).mkdir(exist_ok=True)
        engine = pg.make_engine(url)
        try:
            existing = pg.inspect_database(engine, url)
            cls._migrate(engine, is_sqlite=False)
            with engine.begin() as conn:
                settings = dict(conn.execute(select(Setting.key, Setting.value)).all())
                if existing is None or "project_id" not in settings:
                    settings = {
                        "name": name or root.name,
                        "project_id": str(uuid.uuid4()),
                        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    }
                    conn.execute(Setting.__table__.insert(), [{"key": k, "value": v} for k, v in settings.items()])
        finally:
            engine.dispose()
        info = {
            "format": FORMAT,
            "name": settings.get("name") or name or root.name,
            "db": "postgresql",
            "url": url,
            "id": settings["project_id"],
            "created_at": settings.get("created_at"),
        }
        _atomic_write_text(root / PROJECT_FILE, json.dumps(info, indent=2, ensure_ascii=False) + "\n")
        return cls.open(root, backup=False)

    @classmethod
    def _open_team(cls, root: Path, info: dict) -> "Project":
        url = info.get("url")
        if not url:
            raise ProjectError("the project file names no database URL", root / PROJECT_FILE)
        engine = pg.make_engine(url)
        try:
            if pg.inspect_database(engine, url) is None:
                raise ProjectError(f"the team database {pg.display_url(url)} holds no DocManager catalogue; "
                                   "was it emptied or replaced?", root / PROJECT_FILE)
            with engine.connect() as conn:
                revision = schema.current_revision(conn)
            if revision != schema.head_revision():
                cls._migrate(engine, is_sqlite=False)
        except Exception:
            engine.dispose()
            raise
        return cls(root, info, engine)

    @staticmethod
    def _sqlite_engine(path: Path) -> Engine:
        engine = create_engine(
            f"sqlite+pysqlite:///{os.fsdecode(path)}",
            connect_args={"timeout": sqlite.BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        sqlite.install_pragmas(engine)
        return engine

    @staticmethod
    def _migrate(engine: Engine, is_sqlite: bool) -> None:
        with engine.connect() as conn:
            revision = schema.current_revision(conn)
            if revision is not None and revision not in schema.known_revisions():
                raise ProjectError(
                    f"the catalogue has schema revision {revision}, unknown to this DocManager; "
                    "upgrade DocManager to open it", engine.url.database
                )
        with engine.begin() as conn:
            schema.upgrade(conn)
            if is_sqlite:
                sqlite.set_user_version(conn, schema.head_version())

    def close(self) -> None:
        with self._watch_lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
        self.memo.clear()
        self.engine.dispose()

    def data_token(self) -> tuple[int, int]:
        """A value that changes whenever the catalogue may have changed, by anyone.

        SQLite's ``PRAGMA data_version`` on a connection of its own changes when
        any other connection (another process, or this one's pool) commits; on
        PostgreSQL a connection of its own listens on ``docmanager_changes``
        (migration 0008) and counts the notifications other sessions' commits
        send.  The local write counter covers this process's own transactions.
        """
        if self.backend != "sqlite":
            return (self._notifications(), self._local_writes)
        with self._watch_lock:
            if self._watch is None:
                self._watch = sqlite.open_readonly(self.catalogue_path, check_same_thread=False, watch=True)
            version = self._watch.execute("PRAGMA data_version").fetchone()[0]
        return (version, self._local_writes)

    def changed_tables(self) -> set[str]:
        """Tables other sessions changed since the last call (PostgreSQL; empty on SQLite)."""
        with self._watch_lock:
            self._notifications_locked()
            tables, self._changed_tables = self._changed_tables, set()
        return tables

    def _notifications(self) -> int:
        with self._watch_lock:
            return self._notifications_locked()

    def _notifications_locked(self) -> int:
        import psycopg

        if self._watch is None:
            from sqlalchemy.engine import make_url

            url = make_url(self.info["url"].replace("postgres://", "postgresql://", 1))
            params = {k: v for k, v in {"host": url.host, "port": url.port, "user": url.username,
                                        "dbname": url.database}.items() if v is not None}
            try:
                self._watch = psycopg.connect(autocommit=True, application_name="DocManager watch",
                                              connect_timeout=10, **params, **dict(url.query))
                self._watch.execute("LISTEN docmanager_changes")
            except psycopg.Error:
                self._watch = None
                self._notify_count += 1  # cannot listen: treat every call as a possible change
                return self._notify_count
        try:
            for note in self._watch.notifies(timeout=0):
                self._notify_count += 1
                self._changed_tables.add(note.payload)
        except psycopg.Error:  # the server went away: listen again next time, assume a change
            try:
                self._watch.close()
            finally:
                self._watch = None
            self._notify_count += 1
        return self._notify_count

    def memoized(self, key, compute: Callable[[], T]) -> T:
        """``compute()`` once per catalogue state; recomputed after any change."""
        token = self.data_token()
        hit = self.memo.get(key)
        if hit is not None and hit[0] == token:
            return hit[1]
        value = compute()
        if len(self.memo) > 32:
            self.memo.clear()
        self.memo[key] = (token, value)
        return value

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---------------------------------------------------------- transactions
    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session; do not write through it."""
        session = self._read_sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed at the end, rolled back on error.

        A row changed by someone else since it was read raises ConflictError
        and nothing of the unit is written.
        """
        with self._write_lock:
            session = self._write_sessions()
            try:
                yield session
                session.commit()
            except OperationalError as exc:
                session.rollback()
                if _is_retryable(exc):
                    raise
                raise ProjectError(_storage_problem(exc), self.catalogue_path or self.root) from exc
            except StaleDataError as exc:
                session.rollback()
                raise ConflictError(
                    "someone else changed this since you read it; nothing was written. "
                    f"Reload and try again ({exc})"
                ) from None
            except BaseException:
                session.rollback()
                raise
            finally:
                session.close()
                self._local_writes += 1
        self._after_write()

    def on_commit(self, fn: Callable[[Session], None]) -> None:
        """Call ``fn(session)`` after each write of this project commits (in the writing thread)."""
        from sqlalchemy import event

        event.listen(self._write_sessions, "after_commit", fn)

    def write(self, fn: Callable[[Session], T], retries: int = 5) -> T:
        """Run ``fn(session)`` in a transaction, retrying when the database is busy."""
        delay = 0.05
        for attempt in range(retries + 1):
            try:
                with self.transaction() as session:
                    return fn(session)
            except OperationalError as exc:
                if attempt == retries or not _is_retryable(exc):
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
        raise AssertionError("unreachable")

    # -------------------------------------------------------------- settings
    def get_setting(self, key: str, default: Optional[str] = None) -> Optional[str]:
        with self.session() as s:
            value = s.scalar(select(Setting.value).where(Setting.key == key))
        return default if value is None else value

    def set_setting(self, key: str, value: Optional[str]) -> None:
        def _set(s: Session) -> None:
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=value))
            else:
                row.value = value
        self.write(_set)

    # --------------------------------------------------------------- backups
    def maybe_backup(self) -> Optional[Path]:
        """Back up the catalogue if the newest backup is older than the interval."""
        from docmanager import backup

        self._last_backup_check = time.monotonic()
        if self.backend != "sqlite":
            return None
        if not backup.is_due(self):
            return None
        return backup.make_backup(self)

    def _after_write(self) -> None:
        from docmanager import backup

        if time.monotonic() - self._last_backup_check < 30:
            return  # checked recently; keep the hot path free of file system calls
        self._last_backup_check = time.monotonic()
        if self.backend != "sqlite" or not backup.is_due(self):
            return
        if self.on_backup_due is not None:
            self.on_backup_due(self)
        else:
            backup.make_backup(self)


def find_project(path: Optional[str]) -> Path:
    """The project folder named on the command line or in DOCMANAGER_PROJECT."""
    path = path or os.environ.get("DOCMANAGER_PROJECT")
    if not path:
        raise ProjectError("no project given: use --project DIR or set DOCMANAGER_PROJECT")
    return Path(path)
