"""Copy a project's catalogue into another database: a solo SQLite project into a team's PostgreSQL, and back.

:func:`migrate_catalogue` takes an open project and a target:

* a ``postgresql://…`` URL: an empty database (or one holding an empty
  DocManager catalogue); the schema is made with the same Alembic migrations;
* a folder (new or empty): a new project folder with a SQLite catalogue, ready
  to open (the way back from a team database to one laptop);
* a ``….sqlite`` file path: a bare SQLite catalogue file.

Every table of the catalogue is copied row for row, in foreign-key order, in
one transaction on the target (nothing is left half-copied), with the ids
kept, so references, cut items and the activity log stay valid; on
PostgreSQL the id sequences are moved past the copied ids.  The transcript
search index is not copied but rebuilt on the target from the copied lines.
Afterwards the rows of every table are counted on both sides: the result is
``{"tables": {name: [rows_source, rows_target]}, "ok": all equal}``.

The source is read in one read transaction, so edits made meanwhile by
others are either wholly in the copy or not at all.  Media files are not
moved: the copy refers to the same paths (or media roots).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from sqlalchemy import func, insert, inspect, select, text
from sqlalchemy.engine import Engine

from docmanager.db import pg, schema, sqlite
from docmanager.db.models import Base
from docmanager.errors import ProjectError, RefusedError
from docmanager.jobs import as_cancel, as_progress

__all__ = ["migrate_catalogue"]

CHUNK = 1000


def _target_engine(target: str) -> tuple[Engine, str, Optional[Path]]:
    """(engine, kind, project folder made) for a target URL, folder or file."""
    if pg.is_postgres_url(target):
        url = pg.clean_url(target)
        engine = pg.make_engine(url)
        if pg.inspect_database(engine, url) is not None:
            with engine.connect() as conn:
                if _has_rows(conn):
                    engine.dispose()
                    raise RefusedError(f"the database {pg.display_url(url)} already holds a catalogue with "
                                       "clips or transcripts; copy into an empty database")
        return engine, "postgresql", None
    path = Path(os.path.abspath(os.path.expanduser(target)))
    if path.suffix.lower() in (".sqlite", ".sqlite3", ".db"):
        if path.exists():
            raise RefusedError("the target file exists; give a new file name", path)
        path.parent.mkdir(parents=True, exist_ok=True)
        sqlite.create_file(path)
        return _sqlite_engine(path), "sqlite", None
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise RefusedError("the target folder is not empty; give a new or empty folder", path)
    from docmanager.project import CATALOGUE_FILE, Project

    made = Project.create(path)
    made.close()
    engine = _sqlite_engine(path / CATALOGUE_FILE)
    with engine.begin() as conn:  # the new project's own settings make way for the copied ones
        conn.execute(Base.metadata.tables["settings"].delete())
    return engine, "sqlite", path


def _sqlite_engine(path: Path) -> Engine:
    from docmanager.project import Project

    return Project._sqlite_engine(path)


def _has_rows(conn) -> bool:
    tables = set(inspect(conn).get_table_names())
    for name in ("clips", "transcripts", "cuts"):
        if name in tables and conn.execute(select(func.count()).select_from(Base.metadata.tables[name])).scalar():
            return True
    return False


def _tables():
    return [t for t in Base.metadata.sorted_tables]


def migrate_catalogue(project, target: str, progress=None, cancel=None) -> dict:
    """Copy ``project``'s catalogue into ``target`` (see the module notes); returns the counts."""
    progress, cancelled = as_progress(progress), as_cancel(cancel)
    engine, kind, folder = _target_engine(target)
    try:
        with engine.begin() as conn:
            schema.upgrade(conn)
            if kind == "sqlite":
                sqlite.set_user_version(conn, schema.head_version())
        tables = _tables()
        counts: dict[str, list[int]] = {}
        with project.engine.connect() as src, engine.begin() as dst:
            src_total = sum(src.execute(select(func.count()).select_from(t)).scalar() or 0 for t in tables)
            done = 0
            for table in tables:
                if table.name == "settings":
                    dst.execute(table.delete())
                order = [c for c in table.primary_key.columns]
                rows = src.execute(select(table).order_by(*order))
                copied = 0
                while True:
                    chunk = rows.fetchmany(CHUNK)
                    if not chunk:
                        break
                    if cancelled():
                        raise RefusedError("the copy was cancelled; nothing was written to the target")
                    dst.execute(insert(table), [dict(r._mapping) for r in chunk])
                    copied += len(chunk)
                    done += len(chunk)
                    progress(done, src_total, f"Copying {table.name}")
                counts[table.name] = [copied, 0]
            if kind == "postgresql":
                for table in tables:
                    if "id" in table.columns and table.columns["id"].primary_key:
                        dst.execute(text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE((SELECT max(id) FROM \"{table.name}\"), 0) + 1, false)"))
            for table in tables:
                counts[table.name][1] = dst.execute(select(func.count()).select_from(table)).scalar() or 0
            for table in tables:
                counts[table.name][0] = src.execute(select(func.count()).select_from(table)).scalar() or 0
        indexed = _rebuild_search(engine)
    finally:
        engine.dispose()
    ok = all(a == b for a, b in counts.values())
    return {"target": pg.display_url(target) if kind == "postgresql" else str(folder or target),
            "kind": kind, "project_folder": str(folder) if folder else None,
            "tables": counts, "ok": ok, "search_index": indexed}


def _rebuild_search(engine: Engine) -> Optional[int]:
    """Index the copied transcript lines on the target (None where its search is not available)."""
    from sqlalchemy.orm import Session

    from docmanager.transcripts.search import rebuild_index

    try:
        with Session(engine) as session:
            count = rebuild_index(session)
            session.commit()
        return count
    except ProjectError:
        return None
