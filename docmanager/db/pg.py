"""Team catalogues on PostgreSQL (psycopg 3): URLs, engines, and what a database already holds.

The project folder records the database URL, never a password: a URL with
one is refused, and the password comes from where libpq looks for it
(``~/.pgpass``, a service file named with ``?service=…``, or ``PGPASSWORD``).
``postgresql://`` and ``postgres://`` URLs are used through the psycopg 3
driver.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from docmanager.errors import ProjectError

__all__ = ["clean_url", "display_url", "make_engine", "inspect_database", "is_postgres_url"]

#: Tables every DocManager catalogue has (a database with other tables only is someone else's).
_OURS = {"alembic_version", "settings"}


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgresql+psycopg://", "postgres://"))


def clean_url(url: str, where: Optional[Path] = None) -> str:
    """The URL to record: checked, without a password (refused when it has one)."""
    url = (url or "").strip()
    if not is_postgres_url(url):
        raise ProjectError(f"unsupported database URL {url!r}: a team catalogue needs a postgresql:// URL "
                           "(for example postgresql://editor@server/film)", where)
    try:
        parts = make_url(url.replace("postgres://", "postgresql://", 1))
    except ArgumentError as exc:
        raise ProjectError(f"the database URL cannot be read: {exc}", where) from None
    if parts.password:
        raise ProjectError("the database URL holds a password, and the project folder would keep it for anyone "
                           "to read; put the password in ~/.pgpass (or PGPASSWORD, or a service file) and give "
                           "the URL without it", where)
    if not parts.database:
        raise ProjectError("the database URL names no database (…/DATABASE at its end)", where)
    return url


def display_url(url: str) -> str:
    """host:port/database, for messages."""
    parts = urlsplit(url)
    return f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path}"


def make_engine(url: str) -> Engine:
    driver_url = make_url(url.replace("postgres://", "postgresql://", 1)).set(drivername="postgresql+psycopg")
    return create_engine(driver_url, pool_pre_ping=True, pool_size=5, max_overflow=5,
                         connect_args={"application_name": "DocManager", "connect_timeout": 10})


def inspect_database(engine: Engine, url: str) -> Optional[str]:
    """None for an empty database, "docmanager" for a catalogue; refuses a database holding other things."""
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        raise ProjectError(f"cannot reach the team database {display_url(url)}: {reason}. Is the server running, "
                           "and may this login connect (pg_hba.conf, ~/.pgpass)?") from None
    if not tables:
        return None
    if _OURS <= tables:
        return "docmanager"
    raise ProjectError(f"the database {display_url(url)} already holds other tables "
                       f"({', '.join(sorted(tables)[:5])}…); give DocManager a database of its own")
