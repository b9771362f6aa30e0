"""Schema versions and migrations (Alembic, driven from code).

Each migration's revision id is a zero-padded number (``0001``, ``0002`` ...).
On SQLite that number is also written to ``PRAGMA user_version``, so a file's
schema can be judged from its header before anything is opened for writing.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).with_name("migrations")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """What the models describe: everything but the search index (``search_*``, migration 0005),
    whose FTS5 tables and triggers exist only in SQL."""
    return not (type_ == "table" and name.startswith("search_"))


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@lru_cache(maxsize=1)
def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def head_version() -> int:
    """The newest schema version this DocManager knows."""
    return int(head_revision())


def known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection) -> None:
    """Bring the catalogue on ``connection`` to the newest schema."""
    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, "head")
