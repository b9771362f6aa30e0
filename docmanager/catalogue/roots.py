"""Named media roots: the archive's folders, named in the catalogue, found on each machine.

A team shares one catalogue from several laptops, and each mounts the footage
archive somewhere else (``/Volumes/Archive A``, ``/media/lin/ARCHIVE_A``,
``D:\\``).  So a file's path is kept relative to a named **media root**
("Archive A", "Proxies"), and each machine says where that root is on it.

What lives where
----------------
* The catalogue (shared): ``media_roots`` names the roots; a file under one
  has ``media_files.root_id`` set and its ``path`` (``path_bytes`` for a name
  that is not UTF-8) relative to the root, with ``/`` between folders.  Files
  under no root keep absolute paths, as before roots existed.
* This machine (never shared): ``media-roots.json`` in the user's config
  folder (``platformdirs.user_config_dir("DocManager")``, or
  ``$DOCMANAGER_CONFIG_DIR``), ``{"format": 1, "catalogues": {ID: {"name",
  "roots": {NAME: FOLDER}}}}``.  ``ID`` is the catalogue's identity, the
  ``project_id`` setting (a uuid made with the project, or when first needed):
  two projects never share their folders, while two project folders joined to
  one team database, or a catalogue moved with ``docmanager migrate``, share
  theirs.  The file is rewritten whole, under a lock, through a temporary file
  that is fsynced and renamed over it.

How a file finds its folder
---------------------------
:func:`locate` (behind ``docmanager.ingest.verify.file_path``) needs nothing
but the ``MediaFile``: the session it was read in knows the catalogue, so
``object_session(mf)`` gives the roots' names and the catalogue's identity,
and with them this machine's folders.  They are read once per session (only
when a file under a root is asked for) and kept in ``session.info``; sessions
are short, so a root mapped meanwhile, by this process or another, is seen by
the next one.  Paths are therefore resolved while the file's session is
open, as every reader does (a read session's objects expire when it ends).

A file under a root that is not mapped here has no path here:
:class:`Location` says so (``path`` None, ``shown`` as ``[Archive A]/…``) and
``file_path`` raises :class:`UnmappedRootError`, a :class:`MediaReadError`
whose message names the root and the command that maps it.

New files (ingest, register, relink, ``roots set``) are stored under the
longest mapped root that holds them (:func:`home_for`), else absolute.
"""
from __future__ import annotations

import json
import logging
import os
import re
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Optional

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, object_session

from docmanager.db.models import MediaFile, MediaRoot, Setting
from docmanager.errors import DocManagerError, MediaReadError, NotFoundError, ProjectError, RefusedError
from docmanager.fsutil import fsync_dir

if TYPE_CHECKING:
    from docmanager.project import Project

log = logging.getLogger(__name__)

__all__ = [
    "CONFIG_ENV",
    "Location",
    "RootHere",
    "UnmappedRootError",
    "catalogue_id",
    "config_dir",
    "forget",
    "home_for",
    "list_roots",
    "locate",
    "machine_folders",
    "mapping_file",
    "roots_here",
    "set_root",
    "store_at",
    "unmapped_message",
]

#: Overrides the config folder (tests simulate two machines with it).
CONFIG_ENV = "DOCMANAGER_CONFIG_DIR"
MAPPING_NAME = "media-roots.json"
FORMAT = 1
#: The settings key of the catalogue's identity.
IDENTITY_KEY = "project_id"
#: ``session.info`` key of the roots as this machine sees them.
_CACHE = "docmanager.media_roots"


# ====================================================================== this machine's folders
def config_dir() -> Path:
    """This user's DocManager config folder (``$DOCMANAGER_CONFIG_DIR`` when set)."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser().absolute()
    import platformdirs

    return Path(platformdirs.user_config_dir("DocManager", appauthor=False))


def mapping_file() -> Path:
    """Where this machine keeps its media root folders."""
    return config_dir() / MAPPING_NAME


_read_lock = threading.Lock()
_read_cache: dict[str, tuple[tuple[int, int], dict]] = {}


def _read(path: Path, strict: bool) -> dict:
    """The mapping file's content ({} when there is none); a damaged one is refused when ``strict``."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        if strict:
            raise ProjectError(f"this machine's media root folders cannot be read ({exc.strerror})", path) from None
        log.warning("cannot read %s: %s", path, exc)
        return {}
    key = (st.st_mtime_ns, st.st_size)
    with _read_lock:
        hit = _read_cache.get(str(path))
    if hit is not None and hit[0] == key:
        return hit[1]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("catalogues", {}), dict):
            raise ValueError("not a DocManager media roots file")
    except (OSError, ValueError) as exc:
        if strict:
            raise ProjectError(f"this machine's media root folders cannot be read ({exc}); fix the file or move "
                               "it away and map the roots again", path) from None
        log.warning("cannot read %s: %s", path, exc)
        return {}
    with _read_lock:
        _read_cache[str(path)] = (key, data)
    return data


def machine_folders(catalogue: Optional[str], strict: bool = False) -> dict[str, str]:
    """{root name: folder} of one catalogue on this machine."""
    if not catalogue:
        return {}
    entry = _read(mapping_file(), strict).get("catalogues", {}).get(catalogue)
    roots = entry.get("roots") if isinstance(entry, dict) else None
    if not isinstance(roots, dict):
        return {}
    return {str(name): folder for name, folder in roots.items() if isinstance(folder, str) and folder}


_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_text(data: dict) -> str:
    """Readable JSON (Chinese as it is); a folder name that is not UTF-8 keeps its bytes as escapes."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One writer of the mapping file at a time (across processes where the system can lock files)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: the rename alone keeps the file whole
        yield
        return
    with open(path.with_name(path.name + ".lock"), "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _update_mapping(catalogue: str, label: str, change: Callable[[dict], None]) -> Path:
    """Change one catalogue's folders in the mapping file, atomically."""
    path = mapping_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProjectError(f"cannot make the config folder ({exc.strerror})", path.parent) from None
    with _locked(path):
        data = json.loads(json.dumps(_read(path, strict=True)))  # a private copy of the cached content
        data["format"] = FORMAT
        catalogues = data.setdefault("catalogues", {})
        entry = catalogues.get(catalogue)
        if not isinstance(entry, dict):
            entry = catalogues[catalogue] = {}
        entry["name"] = label
        if not isinstance(entry.get("roots"), dict):
            entry["roots"] = {}
        change(entry["roots"])
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(_json_text(data))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            try:
                tmp.unlink()
            except OSError:
                pass
            raise ProjectError(f"this machine's media root folders could not be saved ({exc.strerror})",
                               path) from None
        fsync_dir(path.parent, strict=False)
    with _read_lock:
        _read_cache.pop(str(path), None)
    return path


# ====================================================================== the catalogue's side
def catalogue_id(session: Session) -> Optional[str]:
    """The catalogue's identity (the ``project_id`` setting), or None when it has none yet."""
    return session.scalar(select(Setting.value).where(Setting.key == IDENTITY_KEY))


@dataclass(frozen=True)
class RootHere:
    """A media root as this machine sees it."""

    id: int
    name: str
    folder: Optional[str]  # absolute; None when the root is not mapped on this machine


def roots_here(session: Session) -> dict[int, RootHere]:
    """Every root of the catalogue by id, with its folder on this machine (read once per session)."""
    cached = session.info.get(_CACHE)
    if cached is None:
        rows = session.execute(select(MediaRoot.id, MediaRoot.name).order_by(MediaRoot.id)).all()
        folders = machine_folders(catalogue_id(session)) if rows else {}
        cached = {rid: RootHere(rid, name, folders.get(name)) for rid, name in rows}
        session.info[_CACHE] = cached
    return cached


def forget(session: Session) -> None:
    """Read the roots again at the next question (after they changed in this session)."""
    session.info.pop(_CACHE, None)


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unmapped_message(name: str) -> str:
    return (f"media root {_quoted(name)} is not mapped on this machine; say where it is with "
            f"`docmanager roots set {_quoted(name)} /path/to/its/folder`")


class UnmappedRootError(MediaReadError):
    """A file under a media root that has no folder on this machine."""

    def __init__(self, shown: str, root: str):
        self.root = root
        super().__init__(shown, unmapped_message(root))


@dataclass(frozen=True)
class Location:
    """Where a catalogued file is on this machine."""

    #: The file here, as the file system takes it (surrogate-escaped when not UTF-8);
    #: None when its root is not mapped on this machine.
    path: Optional[str]
    #: For people and JSON: ``path``, or ``[Archive A]/Interviews/a.mov`` when unmapped.
    shown: str
    root: Optional[str] = None
    relative: Optional[str] = None

    @property
    def problem(self) -> Optional[str]:
        """Why the file has no path here (None when it has one)."""
        return unmapped_message(self.root or "?") if self.path is None else None

    def require(self) -> str:
        if self.path is None:
            raise UnmappedRootError(self.shown, self.root or "?")
        return self.path


def _root_of(mf: MediaFile) -> Optional[RootHere]:
    session = object_session(mf)
    if session is None:
        raise DocManagerError(f"file {mf.id} is under a media root and was read outside its catalogue session; "
                              "its path is resolved while the session is open")
    return roots_here(session).get(mf.root_id)


def locate(mf: MediaFile) -> Location:
    """Where ``mf`` is on this machine (see the module docstring)."""
    stored = os.fsdecode(mf.path_bytes) if mf.path_bytes is not None else mf.path
    if mf.root_id is None:
        return Location(stored, stored)
    root = _root_of(mf)
    name = root.name if root is not None else f"#{mf.root_id}"
    if root is None or root.folder is None:
        return Location(None, f"[{name}]/{stored}", name, stored)
    path = os.path.join(root.folder, *stored.split("/"))
    return Location(path, path, name, stored)


# ====================================================================== storing paths
def _text_and_bytes(raw: bytes) -> tuple[str, Optional[bytes]]:
    """Text for the catalogue, plus the raw bytes when they are not valid UTF-8."""
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return raw.decode("utf-8", "surrogateescape").encode("utf-8", "backslashreplace").decode("utf-8"), raw


def _relative_under(path: bytes, folder: bytes) -> Optional[bytes]:
    """``path`` relative to ``folder`` with ``/`` between names, or None when it is not inside."""
    sep = os.sep.encode()
    prefix = folder.rstrip(sep) + sep
    if not path.startswith(prefix) or len(path) == len(prefix):
        return None
    rel = path[len(prefix):]
    return rel.replace(sep, b"/") if sep != b"/" else rel


def _forms(path: str) -> list[bytes]:
    """A path as given (absolute) and with its links resolved."""
    absolute = os.path.abspath(path)
    forms = [os.fsencode(absolute)]
    real = os.fsencode(os.path.realpath(absolute))
    if real not in forms:
        forms.append(real)
    return forms


def _best_root(roots, path: str) -> Optional[tuple[RootHere, bytes]]:
    """The mapped root with the longest folder holding ``path``, and the path relative to it."""
    best: Optional[tuple[int, RootHere, bytes]] = None
    files = _forms(path)
    for root in roots:
        if not root.folder:
            continue
        for folder in _forms(root.folder):
            for form in files:
                rel = _relative_under(form, folder)
                if rel is not None and (best is None or len(folder) > best[0]):
                    best = (len(folder), root, rel)
    return (best[1], best[2]) if best is not None else None


def home_for(session: Session, path) -> tuple[Optional[int], str, Optional[bytes]]:
    """How the catalogue should keep a file found at ``path`` on this machine.

    ``(root_id, text, raw)``: under the longest mapped root that holds it,
    relative to it; else ``root_id`` None and the absolute path.  ``raw`` is
    the exact bytes when the name is not valid UTF-8, else None.
    """
    absolute = os.path.abspath(os.fsdecode(path))
    best = _best_root(roots_here(session).values(), absolute)
    if best is None:
        text, raw = _text_and_bytes(os.fsencode(absolute))
        return None, text, raw
    root, rel = best
    text, raw = _text_and_bytes(rel)
    return root.id, text, raw


def store_at(session: Session, mf: MediaFile, path) -> None:
    """Point ``mf`` at ``path`` on this machine (relative to a mapped root when one holds it)."""
    mf.root_id, mf.path, mf.path_bytes = home_for(session, path)


# ====================================================================== commands
def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise RefusedError("give the media root a name, such as \"Archive A\"")
    if len(name) > 200:
        raise RefusedError("a media root's name is at most 200 characters")
    return name


def set_root(project: "Project", name: str, folder) -> dict:
    """``docmanager roots set NAME FOLDER``: name a root (if new) and say where it is on this machine.

    Creating the root is a change to the catalogue, checked against the
    acting user's role; mapping an existing root is this machine's business
    and anyone may do it.  Then every file catalogued with an absolute path
    inside FOLDER is kept relative to the root instead ("re-homed"); that is
    a change to the catalogue too, and when the role refuses it the mapping
    stands and the refusal is listed under ``failed``.
    """
    name = _clean_name(name)
    top = os.path.abspath(os.fsdecode(folder))
    if not os.path.isdir(top):
        raise RefusedError("no such folder; check the path and that the drive is mounted", top)
    _read(mapping_file(), strict=True)  # refuse a damaged mapping file before changing anything

    with project.session() as s:
        ident = catalogue_id(s)
        existing = s.scalar(select(MediaRoot).where(MediaRoot.name == name))
        root_id = existing.id if existing is not None else None
        here = roots_here(s)
    for other in here.values():
        if other.name != name and other.folder and os.path.abspath(other.folder) == top:
            raise RefusedError(f"this folder is already where media root {_quoted(other.name)} is on this machine; "
                               "one folder holds one root", top)
    created = False
    if root_id is None or ident is None:
        def _make(s: Session) -> tuple[int, str, bool]:
            made_id = catalogue_id(s)
            if made_id is None:
                made_id = str(uuid.uuid4())
                s.add(Setting(key=IDENTITY_KEY, value=made_id))
            root = s.scalar(select(MediaRoot).where(MediaRoot.name == name))
            new = root is None
            if new:
                root = MediaRoot(name=name)
                s.add(root)
            s.flush()
            return root.id, made_id, new

        root_id, ident, created = project.write(_make)

    saved = _update_mapping(ident, project.name, lambda roots: roots.__setitem__(name, top))

    failed: list[dict] = []
    rehomed = 0
    try:
        rehomed = project.write(lambda s: _rehome(s, top))
    except RefusedError as exc:
        failed.append({"path": top, "reason": f"the files inside keep their absolute paths: {exc.message}"})
    return {"root": name, "id": root_id, "folder": top, "created": created, "rehomed": rehomed,
            "mapping_file": str(saved), "failed": failed}


def unset_root(project: "Project", name: str) -> dict:
    """``docmanager roots unset NAME``: forget where the root is on this machine (the catalogue keeps it).

    Its files stay catalogued relative to it; here they are offline until the
    root is mapped again (to the same folder or the archive's new place).
    """
    name = _clean_name(name)
    _read(mapping_file(), strict=True)  # refuse a damaged mapping file before changing anything
    with project.session() as s:
        ident = catalogue_id(s)
        here = {root.name: root for root in roots_here(s).values()}
        root = here.get(name)
        files = s.scalar(select(func.count()).select_from(MediaFile).where(MediaFile.root_id == root.id)) \
            if root is not None else 0
    if root is None:
        raise NotFoundError(f"no media root {_quoted(name)}; the roots are "
                            f"{', '.join(_quoted(n) for n in sorted(here)) or 'none yet'}")
    saved = None
    if root.folder is not None and ident is not None:
        saved = _update_mapping(ident, project.name, lambda roots: roots.pop(name, None))
    return {"root": name, "id": root.id, "folder_was": root.folder, "files": files,
            "mapping_file": str(saved or mapping_file())}


def _rehome(session: Session, top: str) -> int:
    """Files with an absolute path inside ``top``: kept relative to the longest mapped root holding them."""
    forget(session)
    roots = roots_here(session).values()
    folders = _forms(top)
    prefixes = {_text_and_bytes(f.rstrip(os.sep.encode()) + os.sep.encode())[0] for f in folders}
    inside = or_(*(MediaFile.path.startswith(p, autoescape=True) for p in prefixes))
    count = 0
    for mf in session.scalars(select(MediaFile).where(MediaFile.root_id.is_(None), inside)):
        current = os.fsdecode(mf.path_bytes) if mf.path_bytes is not None else mf.path
        if not any(_relative_under(os.fsencode(current), f) is not None for f in folders):
            continue  # LIKE matched without regard to case; the path itself is elsewhere
        best = _best_root(roots, current)
        if best is None:
            continue
        root, rel = best
        mf.root_id = root.id
        mf.path, mf.path_bytes = _text_and_bytes(rel)
        count += 1
    return count


def list_roots(project: "Project") -> dict:
    """``docmanager roots list``: every root, its folder here (or None), whether it exists, its files."""
    with project.session() as s:
        ident = catalogue_id(s)
        machine_folders(ident, strict=True)  # a damaged file is named, not taken for "nothing mapped"
        here = roots_here(s)
        counts = dict(s.execute(select(MediaFile.root_id, func.count()).where(MediaFile.root_id.is_not(None))
                                .group_by(MediaFile.root_id)).all())
        absolute = s.scalar(select(func.count()).select_from(MediaFile).where(MediaFile.root_id.is_(None))) or 0
    roots = [{"id": r.id, "name": r.name, "folder": r.folder, "exists": bool(r.folder and os.path.isdir(r.folder)),
              "files": counts.get(r.id, 0)} for r in sorted(here.values(), key=lambda r: r.name.lower())]
    return {"roots": roots, "absolute_files": absolute, "mapping_file": str(mapping_file())}
