"""SQLite specifics: the file's identity, safe opening, pragmas.

A catalogue file is stamped with ``PRAGMA application_id`` (``DOCM``) and the
schema version in ``PRAGMA user_version``.  Before DocManager writes to a file
it reads the 100-byte header itself and refuses anything that is empty, not a
SQLite database, another application's database, or newer than it knows.
A refused file is never opened for writing, so it stays byte-for-byte as it was.
"""
from __future__ import annotations

import os
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine

from docmanager.errors import ProjectError

APPLICATION_ID = 0x444F434D  # "DOCM"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class Header:
    application_id: int
    user_version: int
    page_size: int


def read_header(path: Path) -> Header:
    """Read and judge a catalogue file's header without opening it in SQLite."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(100)
    except FileNotFoundError:
        raise ProjectError("the catalogue file is missing", path) from None
    except OSError as exc:
        raise ProjectError(f"the catalogue file cannot be read ({exc.strerror})", path) from None
    if size == 0:
        raise ProjectError(
            "the catalogue file is empty (0 bytes); it was left untouched. "
            "Restore a backup with `docmanager backup restore`, or move the file away.",
            path,
        )
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise ProjectError(
            "not a SQLite database: the catalogue file is damaged or of another kind; "
            "it was left untouched. Restore a backup with `docmanager backup restore`.",
            path,
        )
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    user_version, application_id = struct.unpack(">I", head[60:64])[0], struct.unpack(">I", head[68:72])[0]
    return Header(application_id=application_id, user_version=user_version, page_size=page_size)


def check_file(path: Path, newest_known: int) -> Header:
    """Refuse files that are not DocManager catalogues this version can open.

    The header bytes are checked first; then the database is opened read-only
    (WAL contents included) and its identity, version and structure confirmed.
    """
    read_header(path)  # empty / not SQLite
    try:
        con = open_readonly(path)
    except sqlite3.Error as exc:
        raise ProjectError(f"the catalogue cannot be opened: {exc}", path) from None
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise ProjectError(
                f"this SQLite database belongs to another application "
                f"(application_id 0x{app_id & 0xFFFFFFFF:08X}), not to DocManager; it was left untouched",
                path,
            )
        if version > newest_known:
            raise ProjectError(
                f"the catalogue was written by a newer DocManager (schema {version}; this one knows up to "
                f"{newest_known}); it was left untouched. Upgrade DocManager to open it.",
                path,
            )
        # Reading the schema touches page 1 and every table's root page.
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if version:
            con.execute("SELECT count(*) FROM settings").fetchone()
        return Header(application_id=app_id, user_version=version, page_size=0)
    except sqlite3.DatabaseError as exc:
        raise ProjectError(
            f"the catalogue file is corrupt ({exc}); it was left untouched. "
            "Restore a backup with `docmanager backup restore`.",
            path,
        ) from None
    finally:
        con.close()


def open_readonly(path: Path, check_same_thread: bool = True, watch: bool = False) -> sqlite3.Connection:
    """Open a database for reading without creating or changing any file.

    With no ``-wal`` file beside it the database is opened as immutable, so
    not even a ``-shm`` file is made; otherwise read-only, WAL included.
    ``watch=True`` is for a connection that must see later changes (never immutable).
    """
    wal = Path(os.fsdecode(path) + "-wal")
    mode = "mode=ro" if watch or wal.exists() else "immutable=1"
    return sqlite3.connect(f"file:{_uri_path(path)}?{mode}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                           check_same_thread=check_same_thread)


def _uri_path(path: Path) -> str:
    from urllib.parse import quote

    return quote(os.fsdecode(Path(path).absolute()))


def create_file(path: Path) -> None:
    """Create an empty catalogue file stamped as DocManager's, in WAL mode."""
    con = sqlite3.connect(path)
    try:
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute("PRAGMA journal_mode = WAL")
        con.commit()
    finally:
        con.close()


def set_user_version(connection, version: int) -> None:
    connection.exec_driver_sql(f"PRAGMA user_version = {int(version)}")


def install_pragmas(engine: Engine) -> None:
    """WAL, synchronous=FULL, foreign keys, busy timeout; explicit BEGINs.

    pysqlite's own transaction handling is switched off so that SQLAlchemy's
    ``begin`` decides: writers start with ``BEGIN IMMEDIATE`` (take the write
    lock up front, no deadlock on upgrade), readers with a plain ``BEGIN``.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        if conn.get_execution_options().get("docmanager_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")
