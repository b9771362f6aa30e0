"""Who may change what, and the activity log of who changed what.

Roles
-----
* ``editor``: the catalogue: clips, subjects, shoots, tags, markers,
  subclips, smart bins, ingest (files, cards, offloads), media roots;
* ``translator``: transcripts, translations, their tags, subtitle states;
* ``director``: cuts and their items (and approving a cut's subtitles);
* ``admin``: everything, including users and project settings.

While a project has no users, nothing is refused (one person on one laptop).
The first user added is an admin: ``user add`` on a project without users
first records the acting person as ``admin``.  After that, only an admin adds
users, and everyone acts as who they are: ``--user``, ``DOCMANAGER_USER`` or
the OS login; in a team catalogue the database login, which cannot be
pretended otherwise.

How it is enforced
------------------
The write sessions of a project carry a ``before_flush`` hook
(:func:`install`) that looks at every row the unit of work inserts, updates
or deletes and refuses, with :class:`~docmanager.errors.RefusedError` (exit
2 in the CLI), a change to a table outside the acting user's role, naming
the roles that may make it.  Nothing of the unit is written.  Some columns
are housekeeping anyone's DocManager keeps up to date (a clip's poster and
proxy, a file's last verification) and are allowed to all.  What the work
itself moves as a consequence (subtitle states following an edit, the
search index) is not the user's act and is not checked.

In a team catalogue each role is also a PostgreSQL role,
``<database>_<role>``, with privileges on exactly its tables
(:func:`pg_grant_roles`), and each user a login role in it: a client that
bypasses DocManager is refused by the server too.

The activity log
----------------
An ``after_flush`` hook writes one ``activity_log`` row per changed row:
when, who, insert/update/delete, the table and row, and the old and new
values of the columns that changed (all columns for inserts and deletes).
Transcript lines inserted by an import are summarised by the transcript's
own row rather than logged one by one.
"""
from __future__ import annotations

import base64
import getpass
import os
from datetime import date, datetime
from typing import Any, Iterable, Optional

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session

from docmanager.db.models import ROLES, ActivityEntry, Base, User, utcnow
from docmanager.errors import NotFoundError, RefusedError

__all__ = [
    "ROLES",
    "WRITES",
    "add_user",
    "list_users",
    "default_user",
    "role_of",
    "may_write",
    "check_role",
    "install",
    "log_entries",
    "pg_grant_roles",
]

EDITOR_TABLES = frozenset({
    "clips", "clip_subjects", "clip_tags", "clip_files", "subjects", "shoots", "tags", "markers", "subclips",
    "smart_bins", "media_files", "media_roots", "volumes", "offloads",
})
TRANSLATOR_TABLES = frozenset({"transcripts", "segments", "segment_tags", "tags", "subtitle_status",
                               "subtitle_history"})
DIRECTOR_TABLES = frozenset({"cuts", "cut_items", "subtitle_status", "subtitle_history"})
ADMIN_ONLY = frozenset({"users", "settings"})
#: Written by everyone's DocManager as a matter of course.
EVERYONE = frozenset({"activity_log", "search_index", "search_dirty"})

WRITES = {
    "editor": EDITOR_TABLES,
    "translator": TRANSLATOR_TABLES,
    "director": DIRECTOR_TABLES,
}
#: Columns any role may update: derived pictures and verification results.
HOUSEKEEPING = {
    "clips": frozenset({"poster_path", "filmstrip_path", "proxy_path"}),
    "media_files": frozenset({"state", "checked_at", "check_ok", "verified_at"}),
}
#: Rows of these tables are not logged one by one when inserted (an import's lines).
QUIET_INSERTS = frozenset({"segments", "segment_tags", "subtitle_history"})
NOT_LOGGED = frozenset({"activity_log", "subtitle_history"})

#: ``session.info`` key: ids of the activity log entries written in the session's transaction.
LOG_IDS = "docmanager.log_ids"

_ROLE_WORDS = {"editor": "an editor", "translator": "a translator", "director": "a director", "admin": "an admin"}


def default_user() -> Optional[str]:
    """Who is acting when nobody said: ``DOCMANAGER_USER``, else the OS login."""
    name = os.environ.get("DOCMANAGER_USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no user database (a container): nobody in particular
        return None


def may_write(role: Optional[str], table: str) -> bool:
    if role is None or role == "admin" or table in EVERYONE:
        return True
    return table in WRITES.get(role, frozenset())


def roles_for(table: str) -> list[str]:
    """The roles that may write ``table`` (admin last)."""
    return [role for role in ("editor", "translator", "director") if table in WRITES[role]] + ["admin"]


#: What each table holds, in the words of the people who use the app.
_TABLE_WORDS = {
    "settings": "the project's settings", "volumes": "cards and drives (ingest and offload)",
    "media_roots": "media roots", "media_files": "media files (ingest, offload, relink)",
    "offloads": "offloads", "clip_files": "clips' files (ingest)", "clips": "clips", "subjects": "subjects",
    "clip_subjects": "clips' subjects", "shoots": "shoots", "tags": "tags", "clip_tags": "clips' tags",
    "markers": "markers", "subclips": "subclips", "smart_bins": "smart bins", "transcripts": "transcripts",
    "segments": "transcript lines", "segment_tags": "transcript lines' tags", "cuts": "cuts",
    "cut_items": "cuts' items", "subtitle_status": "subtitle states", "subtitle_history": "subtitle states",
    "users": "users", "activity_log": "the activity log",
}


def _what(table: str) -> str:
    return _TABLE_WORDS.get(table, table.replace("_", " "))


def refusal(user: Optional[str], role: str, table: str) -> RefusedError:
    who = " or ".join(_ROLE_WORDS[r] for r in roles_for(table))
    return RefusedError(f"{user or 'this user'} is {_ROLE_WORDS[role]}; only {who} may change {_what(table)}")


# ====================================================================== users


def _users(session: Session) -> dict[str, str]:
    return dict(session.execute(select(User.name, User.role)).all())


def role_of(session: Session, user: Optional[str]) -> Optional[str]:
    """The acting user's role; None while the project has no users (nothing is refused)."""
    users = session.info.get("docmanager.users")
    if users is None:
        users = _users(session)
        session.info["docmanager.users"] = users
    if not users:
        return None
    if user is None or user not in users:
        raise RefusedError(f"{user or 'an unnamed user'} is not a user of this project; an admin adds people with "
                           "`docmanager user add NAME --role editor|translator|director|admin`")
    return users[user]


def check_role(session: Session, user: Optional[str], *roles: str) -> None:
    """Refuse unless the acting user has one of ``roles`` (or the project has no users)."""
    role = role_of(session, user)
    if role is None or role == "admin" or role in roles:
        return
    allowed = list(dict.fromkeys((*roles, "admin")))
    who = " or ".join(_ROLE_WORDS[r] for r in allowed)
    raise RefusedError(f"{user} is {_ROLE_WORDS[role]}; only {who} may do this")


def add_user(project, name: str, role: str) -> dict:
    """Add a person with a role. The first user of a project is the acting person, as admin."""
    name = (name or "").strip()
    if not name:
        raise RefusedError("give the person's name")
    if role not in ROLES:
        raise RefusedError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
    acting = project.user

    def _add(s: Session) -> dict:
        users = _users(s)
        made = []
        if not users:
            first = acting or name
            s.add(User(name=first, role="admin", created_by=acting))
            made.append((first, "admin"))
            users[first] = "admin"
        else:
            check_role(s, acting, "admin")
        if name in users:
            if users[name] != role and name != (made[0][0] if made else None):
                raise RefusedError(f"{name} is already a user ({users[name]}); change a role with "
                                   "`docmanager user set-role`")
        else:
            s.add(User(name=name, role=role, created_by=acting))
            made.append((name, role))
        s.flush()
        return {"added": [{"name": n, "role": r} for n, r in made], "users": list_users(s)}

    result = project.write(_add)
    if project.backend == "postgresql":
        pg_grant_roles(project, [u["name"] for u in result["added"]])
    return result


def set_role(project, name: str, role: str) -> dict:
    if role not in ROLES:
        raise RefusedError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")

    def _set(s: Session) -> dict:
        check_role(s, project.user, "admin")
        user = s.scalar(select(User).where(User.name == name))
        if user is None:
            raise NotFoundError(f"no user named {name!r}")
        if user.role == "admin" and role != "admin":
            admins = s.scalars(select(User).where(User.role == "admin")).all()
            if len(admins) == 1:
                raise RefusedError(f"{name} is the only admin; make someone else admin first")
        user.role = role
        return {"name": name, "role": role}

    result = project.write(_set)
    if project.backend == "postgresql":
        pg_grant_roles(project, [name])
    return result


def list_users(session: Session) -> list[dict]:
    return [{"name": u.name, "role": u.role, "created_at": u.created_at.isoformat(timespec="seconds"),
             "created_by": u.created_by}
            for u in session.scalars(select(User).order_by(User.name))]


# ====================================================================== hooks


def install(factory) -> None:
    """Attach the role check and the activity log to a ``sessionmaker`` (the project's writers)."""
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "after_begin", _forget_users)


def _forget_users(session: Session, transaction, _connection) -> None:
    session.info.pop("docmanager.users", None)
    if not transaction.nested:  # a SAVEPOINT is part of the transaction whose entries are being kept
        session.info.pop(LOG_IDS, None)


def _table(obj) -> Optional[str]:
    table = getattr(obj, "__table__", None)
    return table.name if table is not None else None


def _changed_columns(obj) -> set[str]:
    state = inspect(obj)
    return {attr.key for attr in state.mapper.column_attrs if state.attrs[attr.key].history.has_changes()}


def _busy(session: Session) -> bool:
    from docmanager.subtitles.status import _BUSY

    return bool(session.info.get(_BUSY))


def _acting(session: Session) -> Optional[str]:
    project = session.info.get("project")
    return getattr(project, "user", None)


def _before_flush(session: Session, _context, _instances) -> None:
    if _busy(session):
        return
    user = _acting(session)
    role = role_of(session, user)
    if role is None or role == "admin":
        return
    for obj in list(session.new) + list(session.deleted):
        table = _table(obj)
        if table and not may_write(role, table):
            raise refusal(user, role, table)
    for obj in session.dirty:
        table = _table(obj)
        if not table or may_write(role, table):
            continue
        changed = _changed_columns(obj)
        if not changed or changed <= HOUSEKEEPING.get(table, frozenset()):
            continue
        raise refusal(user, role, table)


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _values(obj, keys: Iterable[str]) -> dict:
    return {key: _plain(getattr(obj, key)) for key in keys}


def _row_id(obj) -> Optional[int]:
    identity = inspect(obj).identity
    if identity and len(identity) == 1 and isinstance(identity[0], int):
        return identity[0]
    return getattr(obj, "id", None) if isinstance(getattr(obj, "id", None), int) else None


def _after_flush(session: Session, _context) -> None:
    user = _acting(session)
    now = utcnow()
    rows = []
    for obj in session.new:
        table = _table(obj)
        if not table or table in NOT_LOGGED or table in QUIET_INSERTS:
            continue
        keys = [a.key for a in inspect(obj).mapper.column_attrs]
        rows.append({"at": now, "user": user, "action": "insert", "table_name": table, "row_id": _row_id(obj),
                     "old": None, "new": _values(obj, keys)})
    for obj in session.dirty:
        table = _table(obj)
        if not table or table in NOT_LOGGED:
            continue
        state = inspect(obj)
        old, new = {}, {}
        for attr in state.mapper.column_attrs:
            history = state.attrs[attr.key].history
            if not history.has_changes() or attr.key == "version":
                continue
            old[attr.key] = _plain(history.deleted[0]) if history.deleted else None
            new[attr.key] = _plain(history.added[0]) if history.added else None
        if new:
            rows.append({"at": now, "user": user, "action": "update", "table_name": table,
                         "row_id": _row_id(obj), "old": old, "new": new})
    for obj in session.deleted:
        table = _table(obj)
        if not table or table in NOT_LOGGED:
            continue
        keys = [a.key for a in inspect(obj).mapper.column_attrs]
        rows.append({"at": now, "user": user, "action": "delete", "table_name": table, "row_id": _row_id(obj),
                     "old": _values(obj, keys), "new": None})
    if rows:
        table = ActivityEntry.__table__
        written = session.connection().execute(insert(table).returning(table.c.id), rows).scalars().all()
        # Which entries this session wrote, so that a change feed can tell them from other people's.
        session.info.setdefault(LOG_IDS, []).extend(written)


def log_entries(session: Session, since: Optional[datetime] = None, user: Optional[str] = None,
                table: Optional[str] = None, row_id: Optional[int] = None, limit: int = 1000) -> list[dict]:
    """``docmanager log``: the newest changes first."""
    stmt = select(ActivityEntry).order_by(ActivityEntry.id.desc()).limit(limit)
    if since is not None:
        stmt = stmt.where(ActivityEntry.at >= since)
    if user is not None:
        stmt = stmt.where(ActivityEntry.user == user)
    if table is not None:
        stmt = stmt.where(ActivityEntry.table_name == table)
    if row_id is not None:
        stmt = stmt.where(ActivityEntry.row_id == row_id)
    return [{"at": e.at.isoformat(timespec="seconds"), "user": e.user, "action": e.action, "table": e.table_name,
             "row_id": e.row_id, "old": e.old, "new": e.new} for e in session.scalars(stmt)]


# ====================================================================== PostgreSQL roles


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def group_role(database: str, role: str) -> str:
    return f"{database}_{role}"


def pg_grant_roles(project, users: Iterable[str] = ()) -> None:
    """Make the PostgreSQL group roles of this database, their privileges, and a login role per user.

    Needs a database login allowed to create roles (the admin's).  Tables
    added later get their privileges the next time this runs (``user add``
    and ``docmanager user sync``).
    """
    from sqlalchemy import text

    tables = [t.name for t in Base.metadata.sorted_tables]
    with project.engine.begin() as conn:
        database = conn.exec_driver_sql("SELECT current_database()").scalar()
        existing = set(conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())
        all_tables = [t for t in existing if t != "alembic_version"]
        search = [t for t in existing if t.startswith("search_")]
        for role in ROLES:
            group = group_role(database, role)
            found = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": group}).scalar()
            if not found:
                conn.exec_driver_sql(f"CREATE ROLE {_quote(group)} NOLOGIN")
            conn.exec_driver_sql(f"GRANT CONNECT ON DATABASE {_quote(database)} TO {_quote(group)}")
            conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {_quote(group)}")
            conn.exec_driver_sql(f"REVOKE ALL ON {', '.join(_quote(t) for t in all_tables)} FROM {_quote(group)}")
            readable = sorted(existing)  # alembic_version too: opening a project reads the schema revision
            conn.exec_driver_sql(f"GRANT SELECT ON {', '.join(_quote(t) for t in readable)} TO {_quote(group)}")
            conn.exec_driver_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {_quote(group)}")
            writable = [t for t in tables if t in existing and may_write(role, t)] + search
            writable = sorted(set(writable) | {"activity_log"})
            conn.exec_driver_sql(f"GRANT INSERT, UPDATE, DELETE ON {', '.join(_quote(t) for t in writable)} "
                                 f"TO {_quote(group)}")
            if role != "admin":
                for table, columns in HOUSEKEEPING.items():
                    if table not in writable:
                        cols = ", ".join(_quote(c) for c in sorted(columns))
                        conn.exec_driver_sql(f"GRANT UPDATE ({cols}) ON {_quote(table)} TO {_quote(group)}")
        roles = dict(conn.execute(select(User.name, User.role)).all())
        for name in users:
            role = roles.get(name)
            if role is None:
                continue
            found = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).scalar()
            if not found:
                conn.exec_driver_sql(f"CREATE ROLE {_quote(name)} LOGIN")
            for other in ROLES:
                conn.exec_driver_sql(f"REVOKE {_quote(group_role(database, other))} FROM {_quote(name)}")
            conn.exec_driver_sql(f"GRANT {_quote(group_role(database, role))} TO {_quote(name)}")
