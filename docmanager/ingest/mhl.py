"""ASC MHL v2.0 histories in each offloaded copy, written with the ``ascmhl`` library.

Layout.  Every copy root gets its own history: an offloaded card folder
``DEST/LABEL/CARD1`` holds ``DEST/LABEL/CARD1/ascmhl/`` with the generation files
(``0001_CARD1_<date>.mhl`` ...) and ``ascmhl_chain.xml``; files offloaded on their
own (not as a card folder) share one history in ``DEST/LABEL``.  That is what
``ascmhl verify DEST/LABEL/CARD1`` (``ascmhl-debug verify`` in ascmhl 1.2) and
``ascmhl create`` expect: the history root is the folder whose files it lists,
and a copy moved elsewhere keeps its history with it.

Generations.  One offload adds ONE generation per copy root, with process type
``transfer`` and the creator ``DocManager <version>``.  It lists every file that
this offload copied and read back (``action="original"`` the first time a path
is recorded, ``"verified"`` when an earlier generation already had the same
xxh64) and every file already present that it re-hashed and found equal to the
source.  Files that were already recorded and were not read again are not
listed: in ASC MHL practice a generation documents hashes actually computed,
so an offload that copies and re-hashes nothing adds no generation at all.

Directory hashes (content and structure, like ``ascmhl create``) are added only
when the generation sees the whole copy root: every file under it was copied,
re-hashed or found recorded in this offload.  ``ascmhl verify --directory_hash``
compares a folder with every directory hash any generation recorded for it, so
hashes of a half-finished copy would make that check fail for ever after.

Limits of the format.  ASC MHL paths are XML text and cannot hold a file name
that is not valid UTF-8 (say ``b'\\xb2\\xc9\\xb7\\xc3.MTS'``, GBK from a Chinese
Windows PC).  Such files are still copied byte for byte and read back; the
generation lists them in its ``<comment>`` (with ``\\xNN`` escapes and their
xxh64) and ignores them with a narrow pattern, so ``ascmhl verify`` does not
report them as unknown.  Temporary ``*.docmanager-partial`` files are ignored
too.

Writing a generation is made safe against a crash: the chain file is saved
first, and a commit interrupted half-way is rolled back when the history is
next opened.
"""
from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

from ascmhl import chain_xml_parser, hasher, utils
from ascmhl.__version__ import ascmhl_chainfile_name, ascmhl_file_extension, ascmhl_folder_name
from ascmhl.generator import MHLGenerationCreationSession
from ascmhl.hasher import DirectoryHashContext
from ascmhl.hashlist import MHLAuthor, MHLCreatorInfo, MHLProcess, MHLProcessInfo, MHLTool
from ascmhl.history import MHLHistory
from ascmhl.ignore import MHLIgnoreSpec
from ascmhl.traverse import post_order_lexicographic

import docmanager
from docmanager.errors import DocManagerError
from docmanager.fsutil import fsync_dir

# ascmhl builds its ignore specs with pathspec's "gitwildmatch", which newer pathspec
# versions deprecate; the warning is about ascmhl, not about anything a user can fix.
warnings.filterwarnings("ignore", message=r"GitWildMatchPattern", category=DeprecationWarning)

HASH_FORMAT = "xxh64"
TOOL_NAME = "DocManager"
PROCESS_TYPE = "transfer"
PARTIAL_SUFFIX = ".docmanager-partial"
PARTIAL_PATTERN = "*" + PARTIAL_SUFFIX
_CHAIN_BACKUP = ascmhl_chainfile_name + ".docmanager-previous"
_NO_CHAIN = b""  # backup content meaning "there was no chain file before this commit"
# A character class matching every surrogate that ``surrogateescape`` makes of a
# byte that is not UTF-8 (U+DC80..U+DCFF); its ends are characters XML allows.
_UNDECODABLE = "[\ud7ff-\ue000]"
_GLOB_SPECIAL = set("*?[]\\!#")


class MHLError(DocManagerError):
    """An ASC MHL history that cannot be read or written."""


@dataclass(frozen=True)
class RecordedHash:
    """What a history says about one file: its xxh64, size and when it was hashed."""

    xxh64: str
    size: Optional[int]
    hashed_at: Optional[dt.datetime]


def is_utf8(path: str) -> bool:
    """True when a (surrogate-escaped) path is valid UTF-8, so XML can hold it."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def escaped(path: str) -> str:
    """A printable, XML-safe form of a path: undecodable bytes become ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def ignore_pattern_for(relative_path: str) -> str:
    """A narrow ignore pattern for a path that is not UTF-8 (relative to the history root).

    Each undecodable byte becomes a class that only matches such bytes, the rest
    is literal.  ascmhl matches patterns against absolute paths, hence ``/**/``.
    """
    out = []
    for ch in relative_path.replace(os.sep, "/"):
        if "\udc80" <= ch <= "\udcff":
            out.append(_UNDECODABLE)
        elif ch in _GLOB_SPECIAL:
            out.append("\\" + ch)
        else:
            out.append(ch)
    text = "".join(out)
    if text.endswith(" "):
        text = text[:-1] + "\\ "
    return "/**/" + text


def _local_naive(moment: dt.datetime) -> dt.datetime:
    """ascmhl writes naive datetimes with the local UTC offset: give it local time."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone().replace(tzinfo=None)




def _fsync_file(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def recover_interrupted_commit(root: str) -> bool:
    """Roll back a generation whose writing was interrupted (crash, pulled drive).

    Returns True when something was rolled back.  A commit saves the chain file
    as ``ascmhl_chain.xml.docmanager-previous`` before writing; if that file is
    still there, the chain is restored from it and generation files the restored
    chain does not list are removed.
    """
    folder = os.path.join(root, ascmhl_folder_name)
    backup = os.path.join(folder, _CHAIN_BACKUP)
    if not os.path.exists(backup):
        return False
    chain_path = os.path.join(folder, ascmhl_chainfile_name)
    with open(backup, "rb") as fh:
        previous = fh.read()
    if previous == _NO_CHAIN:
        if os.path.exists(chain_path):
            os.unlink(chain_path)
        listed: set[str] = set()
    else:
        tmp = chain_path + PARTIAL_SUFFIX
        with open(tmp, "wb") as fh:
            fh.write(previous)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, chain_path)
        listed = {g.ascmhl_filename for g in chain_xml_parser.parse(chain_path).generations}
    for name in os.listdir(folder):
        if name.endswith(ascmhl_file_extension) and name not in listed:
            os.unlink(os.path.join(folder, name))
    os.unlink(backup)
    if not os.listdir(folder):
        os.rmdir(folder)
        fsync_dir(root)
    else:
        fsync_dir(folder)
    return True


@dataclass
class _Entry:
    path: str
    size: int
    mtime: dt.datetime
    xxh64: str
    hashed_at: dt.datetime


class CopyHistory:
    """The ASC MHL history of one copy root, and the generation this offload adds to it.

    ``recorded(path)`` answers what earlier generations say about a file;
    ``add(...)`` notes a file this offload copied or re-hashed;
    ``commit(...)`` writes the new generation (if there is anything to write).
    """

    def __init__(self, root: os.PathLike | str):
        self.root = os.path.abspath(os.fspath(root))
        self._entries: list[_Entry] = []
        self._unrecordable: list[tuple[str, str, bool]] = []  # (relative path, xxh64, needs a generation)
        try:
            recover_interrupted_commit(self.root)
            self._history = MHLHistory.load_from_path(self.root)
        except Exception as exc:  # ascmhl raises click, lxml and OS errors alike
            raise MHLError(
                f"the ASC MHL history here cannot be read ({exc}); move the {ascmhl_folder_name} folder "
                f"aside and run the same ingest again", os.path.join(self.root, ascmhl_folder_name)) from exc

    @property
    def folder(self) -> Path:
        """The ``ascmhl`` folder of this history."""
        return Path(self.root, ascmhl_folder_name)

    @property
    def generation_count(self) -> int:
        return self._history.latest_generation_number()

    @property
    def pending(self) -> int:
        """How many files call for a new generation (0: commit() writes nothing)."""
        return len(self._entries) + sum(1 for *_, needed in self._unrecordable if needed)

    def relative(self, path: os.PathLike | str) -> str:
        return os.path.relpath(os.fspath(path), self.root)

    def recorded(self, path: os.PathLike | str) -> Optional[RecordedHash]:
        """The xxh64 earlier generations recorded for ``path`` (a file under the root), if any."""
        rel = self.relative(path)
        if not is_utf8(rel):
            return None
        history, rel_in_history = self._history.find_history_for_path(rel)
        entry = history.find_first_hash_entry_for_path(rel_in_history, HASH_FORMAT)
        if entry is None:
            return None
        size = entry.media_hash.file_size if getattr(entry, "media_hash", None) is not None else None
        return RecordedHash(entry.hash_string, size, entry.hash_date)

    def add(self, path: os.PathLike | str, *, size: int, mtime: dt.datetime, xxh64: str,
            hashed_at: dt.datetime, copied: bool = True) -> bool:
        """Note a file whose xxh64 this offload computed from the copy itself.

        Returns False when the name cannot be written in ASC MHL (not UTF-8): the
        file is then listed in the generation's comment and ignored by ascmhl.
        Such a file only calls for a new generation when it was ``copied`` or
        the history does not ignore it yet.
        """
        path = os.path.abspath(os.fspath(path))
        rel = self.relative(path)
        if not is_utf8(rel):
            known = ignore_pattern_for(rel) in (self._history.latest_ignore_patterns() or [])
            self._unrecordable.append((rel, xxh64, copied or not known))
            return False
        self._entries.append(_Entry(path, size, _local_naive(mtime), xxh64, _local_naive(hashed_at)))
        return True

    def _ignore_spec(self) -> MHLIgnoreSpec:
        extra = [PARTIAL_PATTERN] + [ignore_pattern_for(rel) for rel, *_ in self._unrecordable]
        return MHLIgnoreSpec(self._history.latest_ignore_patterns(), extra)

    def _append_file(self, session: MHLGenerationCreationSession, entry: _Entry) -> None:
        rel = self.relative(entry.path)
        history, rel_in_history = self._history.find_history_for_path(rel)
        formats = history.find_existing_hash_formats_for_path(rel_in_history)
        original = history.find_original_hash_entry_for_path(rel_in_history)
        if original is not None and HASH_FORMAT not in formats:
            # Recorded before in another format only: verify in that format too, as
            # ASC MHL requires before a new format may be added.
            lookup = {original.hash_format: hasher.hash_file(entry.path, original.hash_format),
                      HASH_FORMAT: entry.xxh64}
            session.append_multiple_format_file_hashes(entry.path, entry.size, lookup, entry.mtime,
                                                       hash_date=entry.hashed_at)
        else:
            session.append_file_hash(entry.path, entry.size, entry.mtime, HASH_FORMAT, entry.xxh64,
                                     hash_date=entry.hashed_at)

    def _append_directory_hashes(self, session: MHLGenerationCreationSession, spec: MHLIgnoreSpec,
                                 tree_hashes: Mapping[str, str]) -> bool:
        """Add content and structure hashes of every folder, when the tree is fully known."""
        if not is_utf8(self.root):
            return False
        walk = list(post_order_lexicographic(self.root, spec.get_path_spec()))
        for folder, children in walk:
            for name, is_dir in children:
                path = os.path.join(folder, name)
                if not is_utf8(name) or (not is_dir and path not in tree_hashes):
                    return False
        contents: dict[str, str] = {}
        structures: dict[str, str] = {}
        for folder, children in walk:
            context = DirectoryHashContext(HASH_FORMAT)
            for name, is_dir in children:
                path = os.path.join(folder, name)
                if is_dir:
                    context.append_directory_hashes(path, contents.pop(path), structures.pop(path))
                else:
                    context.append_file_hash(path, tree_hashes[path])
            contents[folder] = context.final_content_hash_str()
            structures[folder] = context.final_structure_hash_str()
            modified = dt.datetime.fromtimestamp(os.path.getmtime(folder))
            session.append_multiple_format_directory_hashes(
                folder, modified, {HASH_FORMAT: contents[folder]}, {HASH_FORMAT: structures[folder]})
        return True

    def commit(self, *, comment: Optional[str] = None, author: Optional[str] = None,
               tree_hashes: Optional[Mapping[str, str]] = None) -> list[Path]:
        """Write one new generation with the files added; return the new generation file(s).

        Nothing is written (and ``[]`` returned) when no file was added.
        ``tree_hashes`` maps the absolute path of every file known to be in the
        copy root to its xxh64; when it covers the whole tree, directory hashes
        are recorded too.
        """
        if not self.pending:
            self._entries.clear()
            self._unrecordable.clear()
            return []
        if not is_utf8(self.root):
            raise MHLError("an ASC MHL history cannot be written in a folder whose name is not valid UTF-8; "
                           "the files were copied and verified, but this copy has no MHL", self.root)
        spec = self._ignore_spec()
        session = MHLGenerationCreationSession(self._history, spec)
        ignored = spec.get_path_spec()
        for entry in self._entries:
            if not ignored.match_file(entry.path):
                self._append_file(session, entry)
        if tree_hashes is not None:
            self._append_directory_hashes(session, spec, tree_hashes)
        # Make sure the root history gets a generation even if only unrecordable files were copied.
        _ = session.new_hash_lists[self._history]

        creator = MHLCreatorInfo()
        creator.tool = MHLTool(TOOL_NAME, docmanager.__version__)
        creator.creation_date = utils.datetime_now_isostring()
        creator.host_name = platform.node()
        if author:
            creator.authors.append(MHLAuthor(author, role="offload"))
        notes = [comment] if comment else []
        if self._unrecordable:
            notes.append("Verified by DocManager but not listed in <hashes> because the name is not valid "
                         "UTF-8 (ASC MHL paths are XML text); undecodable bytes are shown as \\xNN:")
            notes.extend(f"{HASH_FORMAT} {digest} {escaped(rel)}" for rel, digest, _ in self._unrecordable)
        creator.comment = "\n".join(notes) if notes else None
        process = MHLProcessInfo()
        process.process = MHLProcess(PROCESS_TYPE)

        self._commit_safely(session, creator, process)
        written = [Path(hash_list.file_path) for hash_list in session.new_hash_lists.values()
                   if hash_list.file_path]
        self._entries.clear()
        self._unrecordable.clear()
        return written

    def _commit_safely(self, session: MHLGenerationCreationSession, creator: MHLCreatorInfo,
                       process: MHLProcessInfo) -> None:
        """Commit with the previous chain saved aside, so a crash half-way can be rolled back."""
        folder = str(self.folder)
        created = not os.path.isdir(folder)
        os.makedirs(folder, exist_ok=True)
        if created:
            fsync_dir(self.root)
        chain_path = os.path.join(folder, ascmhl_chainfile_name)
        backup = os.path.join(folder, _CHAIN_BACKUP)
        tmp = backup + PARTIAL_SUFFIX
        if os.path.exists(chain_path):
            shutil.copyfile(chain_path, tmp)
        else:
            with open(tmp, "wb") as fh:
                fh.write(_NO_CHAIN)
        _fsync_file(tmp)
        os.replace(tmp, backup)
        fsync_dir(folder)
        try:
            session.commit(creator, process)
            for name in os.listdir(folder):
                if name.endswith(ascmhl_file_extension) or name == ascmhl_chainfile_name:
                    _fsync_file(os.path.join(folder, name))
            os.unlink(backup)
            fsync_dir(folder)
        except BaseException as exc:
            try:
                recover_interrupted_commit(self.root)
                self._history = MHLHistory.load_from_path(self.root)
            except Exception:
                pass  # the backup stays; the next open rolls back
            if isinstance(exc, Exception):
                raise MHLError(f"could not write the ASC MHL history ({exc}); the files were copied and "
                               f"verified; free space or reconnect the drive and run the same ingest again",
                               folder) from exc
            raise
