"""The command line: every core action as a command (see shared/docs/CLI.md).

Conventions: ``--project DIR`` (or DOCMANAGER_PROJECT) before the command;
``--json`` anywhere after it puts exactly one JSON document on stdout.
Exit status 0 all done, 1 done with failed items, 2 refused, 3 conflict
(someone changed the row since it was read; nothing was written).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from fractions import Fraction
from typing import Any, Callable, Optional

from docmanager import __version__
from docmanager.errors import ConflictError, DocManagerError, RefusedError
from docmanager.jobs import Report

EXIT_OK, EXIT_PARTIAL, EXIT_REFUSED, EXIT_CONFLICT = 0, 1, 2, 3


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """argparse that reports usage errors through our error shape, exit 2."""

    def error(self, message: str):  # noqa: D401 - argparse hook
        raise UsageError(f"{self.prog}: {message}")


class Context:
    """What a command needs: parsed arguments and the project, opened lazily."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.json = bool(getattr(args, "json", False))
        self._project = None

    @property
    def project(self):
        if self._project is None:
            from docmanager.project import Project, find_project

            self._project = Project.open(find_project(self.args.project))
            # In a team catalogue the database login says who is acting; --user cannot pretend otherwise.
            self._project.user = (self._project.db_login or self.args.user or os.environ.get("DOCMANAGER_USER")
                                  or _login())
        return self._project

    def close(self) -> None:
        if self._project is not None:
            self._project.close()

    def progress(self, done: float, total: float, message: str = "") -> None:
        if sys.stderr.isatty():
            pct = f"{100 * done / total:5.1f}%" if total else ""
            print(f"\r{pct} {message[:70]:<70}", end="", file=sys.stderr, flush=True)


def _login() -> str:
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # pragma: no cover - no user database
        return "unknown"


# ------------------------------------------------------------------ output
_SURROGATE = re.compile("[\ud800-\udfff]")


def to_json(data: Any, indent: Optional[int] = 2) -> str:
    """JSON text that is always valid UTF-8.

    Chinese stays readable; the lone surrogates that stand for the bytes of a
    file name that is not UTF-8 (``surrogateescape``) are written as ``\\udcb2``
    escapes, which JSON readers turn back into the same string.
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _printable(text: str) -> str:
    """Text for a terminal: the bytes of a file name that is not UTF-8 are shown as ``\\xb2`` escapes."""
    return _SURROGATE.sub(lambda m: (f"\\x{ord(m.group()) - 0xdc00:02x}" if ord(m.group()) >= 0xdc80
                                     else f"\\u{ord(m.group()):04x}"), text)


def emit(ctx: Context, data: Any, text: Optional[Callable[[Any], str] | str] = None) -> None:
    if ctx.json:
        sys.stdout.write(to_json(data))
        sys.stdout.write("\n")
    elif text is not None:
        out = text(data) if callable(text) else text
        if out:
            print(_printable(out))
    else:
        print(to_json(data))


def emit_report(ctx: Context, report: Report, data: dict, text: str) -> int:
    data = dict(data)
    data.setdefault("failed", [f.to_json() for f in report.failed])
    if report.cancelled:
        data["cancelled"] = True
    emit(ctx, data, lambda d: text + "".join(
        f"\n  failed: {f['path']}: {f['reason']}" for f in d["failed"]))
    return report.exit_status


def _fmt_duration(seconds: float) -> str:
    m, s = divmod(seconds, 60)
    h, m = divmod(int(m), 60)
    return f"{h:d}:{m:02d}:{s:06.3f}" if h else f"{m:d}:{s:06.3f}"


def _clip_line(c: dict) -> str:
    subj = ", ".join(c["subjects"]) or "-"
    tags = ", ".join(c["tags"])
    stars = "★" * c["rating"] if c["rating"] else ""
    return (f"{c['id']:>5}  {c['name'][:28]:<28} {_fmt_duration(c['duration']):>10}  {c['frame_rate']:>9}  "
            f"{c['width'] or '?'}x{c['height'] or '?'} {(c['scan'] or '')[:1]}  {c['recorded_at'] or '-':<25}  "
            f"{subj}  [{c['shoot'] or '-'}] {tags} {stars}".rstrip())


# ---------------------------------------------------------------- commands
def cmd_init(ctx: Context) -> int:
    from docmanager.project import Project

    project = Project.create(ctx.args.dir, name=ctx.args.name, db_url=ctx.args.db)
    try:
        data = {"project": str(project.root), "name": project.name, "db": project.backend}
    finally:
        project.close()
    emit(ctx, data, lambda d: f"Created project {d['name']} in {d['project']}")
    return EXIT_OK


def cmd_demo(ctx: Context) -> int:
    from docmanager import demo

    report = demo.create_demo(ctx.args.dir, progress=ctx.progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    data = {"project": report.data["project"], "clips": report.data["clips"],
            "subjects": report.data["subjects"], "shoots": report.data["shoots"]}
    return emit_report(ctx, report, data, f"Demo project with {len(data['clips'])} clips in {data['project']}")


def _clip_query(args):
    from docmanager.catalogue.clips import ClipQuery

    return ClipQuery(subject=args.subject, shoot=args.shoot, tag=args.tag, text=args.text, state=args.state,
                     sort=args.sort, descending=args.desc)


def cmd_clips(ctx: Context) -> int:
    from docmanager.catalogue.clips import list_clips_json

    with ctx.project.session() as s:
        clips = list_clips_json(s, _clip_query(ctx.args))
    emit(ctx, clips, lambda cs: "\n".join(_clip_line(c) for c in cs) or "No clips.")
    return EXIT_OK


def cmd_clip_show(ctx: Context) -> int:
    from docmanager.catalogue.clips import clip_json, frames_to_seconds, get_clip

    with ctx.project.session() as s:
        clip = get_clip(s, ctx.args.id, detail=True)
        data = clip_json(clip)
        num, den = clip.rate_num, clip.rate_den
        data["markers"] = [{"id": m.id, "at": frames_to_seconds(m.frame, num, den),
                            "duration": frames_to_seconds(m.duration_frames, num, den),
                            "colour": m.colour, "note": m.note} for m in clip.markers]
        data["subclips"] = [{"id": sc.id, "name": sc.name, "in": frames_to_seconds(sc.in_frame, num, den),
                             "out": frames_to_seconds(sc.out_frame, num, den)} for sc in clip.subclips]
        from docmanager.transcripts.store import transcripts_of_clip

        data["transcripts"] = [t.to_json() for t in transcripts_of_clip(s, clip.id)]

    def text(d):
        lines = [_clip_line(d)]
        for f in d["files"]:
            lines.append(f"       file: {f['path']} ({f['size']} bytes, xxh64 {f['xxh64']}, {f['state']})")
        if d["camera"]:
            lines.append(f"       camera: {d['camera']['make'] or ''} {d['camera']['model'] or ''}".rstrip())
        for m in d["markers"]:
            lines.append(f"       marker {m['id']} at {m['at']}: {m['note']}")
        for sc in d["subclips"]:
            lines.append(f"       subclip {sc['id']} {sc['name']}: {sc['in']}–{sc['out']}")
        return "\n".join(lines)

    emit(ctx, data, text)
    return EXIT_OK


def cmd_clip_set(ctx: Context) -> int:
    from docmanager.catalogue.clips import clip_json, get_clip, set_clips

    a = ctx.args
    kwargs: dict[str, Any] = dict(add_subjects=a.subject or (), remove_subjects=a.remove_subject or (),
                                  add_tags=a.tag or (), remove_tags=a.remove_tag or (), rating=a.rating)
    if a.shoot is not None:
        kwargs["shoot"] = a.shoot
    if a.no_shoot:
        kwargs["shoot"] = None
    if a.notes is not None:
        kwargs["notes"] = a.notes
    if a.clear_subjects:
        kwargs["subjects"] = []
    if a.clear_tags:
        kwargs["tags"] = []
    if a.expect_version:
        if len(a.expect_version) != len(a.ids):
            raise UsageError(f"docmanager clip set: give one --expect-version per clip, in the order of the ids "
                             f"({len(a.ids)} ids, {len(a.expect_version)} versions)")
        kwargs["expected_versions"] = dict(zip(a.ids, a.expect_version))
    ids = set_clips(ctx.project, a.ids, **kwargs)
    with ctx.project.session() as s:
        clips = [clip_json(get_clip(s, i)) for i in ids]
    data = clips[0] if len(clips) == 1 else {"clips": clips}
    emit(ctx, data, lambda d: "\n".join(_clip_line(c) for c in clips))
    return EXIT_OK


def cmd_subject_add(ctx: Context) -> int:
    from docmanager.catalogue.people import add_subject

    a = ctx.args
    sid = add_subject(ctx.project, a.name, name_zh=a.zh, pinyin=a.pinyin, flags=a.flag or (), notes=a.notes)
    data = {"subject_id": sid, "id": sid, "name": a.name, "zh": a.zh, "pinyin": a.pinyin,
            "flags": list(dict.fromkeys(a.flag or []))}
    emit(ctx, data, lambda d: f"Subject {d['id']}: {d['name']}" + (f" ({d['zh']})" if d["zh"] else ""))
    return EXIT_OK


def cmd_subject_list(ctx: Context) -> int:
    from docmanager.catalogue.clips import facets
    from docmanager.catalogue.people import subject_json
    from docmanager.db.models import Subject
    from sqlalchemy import select

    with ctx.project.session() as s:
        counts = {n.id: n.count for n in facets(s).subjects}
        rows = [subject_json(x, counts.get(x.id, 0)) for x in s.scalars(select(Subject).order_by(Subject.name))]
    emit(ctx, {"subjects": rows}, lambda d: "\n".join(
        f"{r['id']:>4}  {r['name']}  {r['zh'] or ''}  {r['pinyin'] or ''}  ({r['clips']} clips)"
        + (f"  flags: {', '.join(r['flags'])}" if r["flags"] else "") for r in d["subjects"]) or "No subjects.")
    return EXIT_OK


def cmd_shoot_add(ctx: Context) -> int:
    from docmanager.catalogue.people import add_shoot

    a = ctx.args
    sid = add_shoot(ctx.project, a.name, date=a.date, place=a.place, crew=a.crew, utc_offset=a.utc_offset,
                    notes=a.notes)
    data = {"shoot_id": sid, "id": sid, "name": a.name, "date": a.date, "place": a.place, "crew": a.crew}
    emit(ctx, data, lambda d: f"Shoot {d['id']}: {d['name']}")
    return EXIT_OK


def cmd_shoot_list(ctx: Context) -> int:
    from docmanager.catalogue.clips import facets
    from docmanager.catalogue.people import shoot_json
    from docmanager.db.models import Shoot
    from sqlalchemy import select

    with ctx.project.session() as s:
        counts = {n.id: n.count for n in facets(s).shoots}
        rows = [shoot_json(x, counts.get(x.id, 0)) for x in s.scalars(select(Shoot).order_by(Shoot.date, Shoot.name))]
    emit(ctx, {"shoots": rows}, lambda d: "\n".join(
        f"{r['id']:>4}  {r['date'] or '':<10}  {r['name']}  {r['place'] or ''}  ({r['clips']} clips)"
        for r in d["shoots"]) or "No shoots.")
    return EXIT_OK


def cmd_tags(ctx: Context) -> int:
    from docmanager.catalogue.clips import facets

    with ctx.project.session() as s:
        rows = [{"id": t.id, "name": t.name, "clips": t.count} for t in facets(s).tags]
    emit(ctx, {"tags": rows}, lambda d: "\n".join(f"{r['name']} ({r['clips']})" for r in d["tags"]) or "No tags.")
    return EXIT_OK


def cmd_backup_list(ctx: Context) -> int:
    from docmanager import backup

    rows = [b.to_json() for b in backup.list_backups(ctx.project)]
    emit(ctx, {"backups": rows}, lambda d: "\n".join(
        f"{r['at']}  {r['name']}  {r['size']:>10} bytes  {r['kind']}" for r in d["backups"]) or "No backups.")
    return EXIT_OK


def cmd_backup_now(ctx: Context) -> int:
    from docmanager import backup

    path = backup.make_backup(ctx.project)
    emit(ctx, {"backup": str(path)}, lambda d: f"Backed up to {d['backup']}")
    return EXIT_OK


def cmd_backup_restore(ctx: Context) -> int:
    from docmanager import backup

    result = backup.restore(ctx.project, ctx.args.name)
    ctx._project = None  # closed by restore
    emit(ctx, result, lambda d: f"Restored {d['restored']}; the previous catalogue is kept at {d['kept_aside']}")
    return EXIT_OK


def cmd_ingest(ctx: Context) -> int:
    from docmanager.ingest.ingest import ingest

    a = ctx.args
    report = ingest(ctx.project, a.sources, copy_to=a.copy_to or (), subjects=a.subject or (), shoot=a.shoot,
                    label=a.label, posters=not a.no_posters, progress=ctx.progress)
    _end_progress()
    d = report.data
    data = {"clips_added": d["clips_added"], "clips_known": d["clips_known"], "files": d["files"],
            "bytes": d["bytes"], "failed": [f.to_json() for f in report.failed], "mhl": d["mhl"],
            "destinations": d["destinations"]}
    for extra in ("files_copied", "bytes_copied", "warnings"):
        if extra in d:
            data[extra] = d[extra]
    text = (f"{len(data['clips_added'])} clips added, {len(data['clips_known'])} already known, "
            f"{data['files']} files ({data['bytes'] / 1e6:.1f} MB)")
    if data["destinations"]:
        text += "\n  copied to: " + ", ".join(data["destinations"])
    return emit_report(ctx, report, data, text)


def cmd_verify(ctx: Context) -> int:
    from docmanager.ingest.verify import verify

    report = verify(ctx.project, progress=ctx.progress)
    _end_progress()
    d = report.data
    data = {"checked": d["checked"], "ok": d["ok"], "missing": d["missing"], "changed": d["changed"],
            "unmapped_roots": d.get("unmapped_roots", []), "failed": [f.to_json() for f in report.failed],
            "copies": d.get("copies", []), "damaged": d.get("damaged", [])}
    bad_copies = [c for c in data["copies"] if c["state"] in ("changed", "missing")]
    good = {x["path"]: x["good_copy"] for x in data["damaged"]}

    def restore(path: str) -> str:
        if good.get(path):
            copy = good[path]
            if path in data["missing"]:
                return (f"\n    restore it from {copy}, or `docmanager relink {os.path.dirname(copy)}` to use "
                        "that copy instead")
            return f"\n    restore it from {copy} (copy it over the damaged file)"
        if path not in good:
            return ""
        away = sorted({c["destination"] for c in data["copies"] if c["of"] == path and c["state"] == "not_connected"})
        if away:
            return f"\n    no intact copy found; connect {', '.join(away)} and verify again to check its copy there"
        return "\n    no intact copy found; restore it from a backup"

    unplugged: dict[str, int] = {}
    for c in data["copies"]:
        if c["state"] == "not_connected":
            unplugged[c["destination"]] = unplugged.get(c["destination"], 0) + 1
    checked_copies = sum(1 for c in data["copies"] if c["state"] not in ("not_connected", "unreadable"))
    text = f"{data['checked']} files checked, {data['ok']} ok" + (
        f"; {checked_copies} backup copies checked, {sum(1 for c in data['copies'] if c['state'] == 'ok')} ok"
        if data["copies"] else "") + "".join(
        f"\n  missing: {p}{restore(p)}" for p in data["missing"]) + "".join(
        f"\n  CHANGED: {p}{restore(p)}" for p in data["changed"]) + "".join(
        f"\n  {'CHANGED' if c['state'] == 'changed' else 'missing'} backup copy: {c['path']} (a copy of {c['of']})"
        for c in bad_copies) + "".join(
        f"\n  {n} backup copies not checked: destination not connected: {root}" for root, n in unplugged.items()
    ) + "".join(f"\n  {r['files']} files offline here: {r['message']}" for r in data["unmapped_roots"])
    emit_report(ctx, report, data, text)
    return EXIT_PARTIAL if (data["missing"] or data["changed"] or bad_copies or report.failed) else EXIT_OK


def cmd_roots_set(ctx: Context) -> int:
    from docmanager.catalogue.roots import set_root

    result = set_root(ctx.project, ctx.args.name, ctx.args.folder)
    text = (f"Media root \"{result['root']}\"{' (new)' if result['created'] else ''} is {result['folder']} "
            f"on this machine; {result['rehomed']} files re-homed under it")
    emit(ctx, result, lambda d: text + "".join(f"\n  failed: {f['path']}: {f['reason']}" for f in d["failed"]))
    return EXIT_PARTIAL if result["failed"] else EXIT_OK


def cmd_roots_unset(ctx: Context) -> int:
    from docmanager.catalogue.roots import unset_root

    result = unset_root(ctx.project, ctx.args.name)
    emit(ctx, result, lambda d: (f"Media root \"{d['root']}\" is no longer mapped on this machine (it was "
                                 f"{d['folder_was']}); its {d['files']} files are offline here until it is "
                                 "mapped again") if d["folder_was"] else
         f"Media root \"{d['root']}\" was not mapped on this machine; nothing changed")
    return EXIT_OK


def cmd_roots_list(ctx: Context) -> int:
    from docmanager.catalogue.roots import list_roots

    data = list_roots(ctx.project)

    def text(d):
        lines = [f"{r['name']:<24} {r['folder'] or '(not mapped on this machine)'}"
                 + ("" if r["exists"] or not r["folder"] else "  (not found)") + f"  {r['files']} files"
                 for r in d["roots"]]
        if d["absolute_files"]:
            lines.append(f"{d['absolute_files']} files under no root (absolute paths)")
        return "\n".join(lines) or "No media roots."

    emit(ctx, data, text)
    return EXIT_OK


def cmd_relink(ctx: Context) -> int:
    from docmanager.ingest.verify import relink

    report = relink(ctx.project, ctx.args.folder, progress=ctx.progress)
    _end_progress()
    d = report.data
    data = {"relinked": d["relinked"], "ambiguous": d["ambiguous"], "still_offline": d["still_offline"],
            "failed": [f.to_json() for f in report.failed]}
    text = f"{data['relinked']} files relinked, {data['still_offline']} still offline" + "".join(
        f"\n  ambiguous: {a['file']} could be any of: {', '.join(a['candidates'])}" for a in data["ambiguous"])
    return emit_report(ctx, report, data, text)


def cmd_transcript_import(ctx: Context) -> int:
    from docmanager.transcripts.store import import_transcript

    a = ctx.args
    result = import_transcript(ctx.project, a.clip, a.file, a.lang, translation_of=a.translation_of)
    data = result.to_json()
    text = (f"Imported {data['segments']} segments ({result.format}, {data['encoding']}) as transcript "
            f"{data['transcript_id']}" + "".join(f"\n  line {p.line}: {p.message}" for p in result.problems)
            + "".join(f"\n  not aligned: line {u.line}: {u.reason}" for u in result.unaligned))
    emit(ctx, data, text)
    return EXIT_OK


def cmd_transcript_show(ctx: Context) -> int:
    from docmanager.transcripts.store import transcript_json

    with ctx.project.session() as s:
        data = transcript_json(s, ctx.args.clip, lang=ctx.args.lang)

    def text(d):
        lines = []
        for seg in d["segments"]:
            when = f"{seg['start']:>8.3f}" if seg["start"] is not None else " " * 8
            who = f"{seg['speaker']}: " if seg.get("speaker") else ""
            lines.append(f"{seg['id']:>6} {when}  {who}{seg['text']}" + (f"  [{', '.join(seg['tags'])}]"
                                                                        if seg["tags"] else ""))
            if seg.get("translation"):
                lines.append(f"{'':>16}{seg['translation']['text']}")
        return "\n".join(lines) or "No transcript."

    emit(ctx, data, text)
    return EXIT_OK


def cmd_transcript_check(ctx: Context) -> int:
    from docmanager.transcripts.glossary import check_names, glossary

    with ctx.project.session() as s:
        findings = check_names(s, ctx.args.clip, lang=ctx.args.lang)
        names = glossary(s, ctx.args.clip)
    data = {"glossary": [{"english": g.english, "zh": g.chinese, "pinyin": g.pinyin} for g in names],
            "findings": [{"segment_id": f.segment_id, "source_segment_id": f.source_segment_id, "clip_id": f.clip_id,
                          "lang": f.lang, "line": f.position, "problem": f.problem, "text": f.text}
                         for f in findings]}
    emit(ctx, data, lambda d: "\n".join(f"clip {f['clip_id']} line {f['line']}: {f['problem']}: {f['text']}"
                                         for f in d["findings"]) or "Every name is spelled as in the glossary.")
    return EXIT_PARTIAL if findings else EXIT_OK


def cmd_transcript_pack(ctx: Context) -> int:
    from docmanager.transcripts.roundtrip import export_pack

    folder = export_pack(ctx.project, ctx.args.clip, ctx.args.folder, lang=ctx.args.lang)
    files = sorted(str(p) for p in folder.iterdir())
    emit(ctx, {"folder": str(folder), "files": files}, lambda d: f"Translator's pack in {d['folder']}:\n  "
                                                                + "\n  ".join(d["files"]))
    return EXIT_OK


def cmd_transcript_sheet(ctx: Context) -> int:
    from docmanager.transcripts.roundtrip import import_sheet

    result = import_sheet(ctx.project, ctx.args.clip, ctx.args.sheet, lang=ctx.args.lang)
    data = result.to_json()
    emit(ctx, data, lambda d: f"{len(d.get('updated', []))} lines updated, {d.get('unchanged', 0)} unchanged"
                              + "".join(f"\n  conflict: {c}" for c in d.get("conflicts", [])))
    return EXIT_PARTIAL if result.conflicts else EXIT_OK


def cmd_segment_tag(ctx: Context) -> int:
    from docmanager.transcripts.store import tag_segment

    tag_segment(ctx.project, ctx.args.segment, ctx.args.tag)
    data = {"segment_id": ctx.args.segment, "tag": ctx.args.tag}
    emit(ctx, data, lambda d: f"Segment {d['segment_id']} tagged {d['tag']}")
    return EXIT_OK


def _line_edit(what: str, fn: Callable[[], Any]) -> Any:
    """Run a line edit; a refusal names the line(s) and says that nothing was changed."""
    from docmanager.errors import NotFoundError

    try:
        return fn()
    except NotFoundError as exc:
        raise NotFoundError(f"{what}: {exc.message}; `transcript show CLIP --json` gives the ids of a clip's "
                            "lines. Nothing was changed", exc.path) from None
    except RefusedError as exc:
        raise RefusedError(f"{what}: {exc.message}. Nothing was changed", exc.path) from None


def _line_ms(seconds: Optional[float], flag: str) -> Optional[int]:
    if seconds is None:
        return None
    if seconds < 0:
        raise UsageError(f"docmanager segment: {flag} is a time in the clip, 0 seconds or more (not {seconds:g})")
    return int(round(seconds * 1000))


def _line_text(d: dict) -> str:
    when = (f"{d['start']:.3f}–{d['end']:.3f} s  " if d["start"] is not None and d["end"] is not None
            else f"{d['start']:.3f} s  " if d["start"] is not None else "")
    who = f"{d['speaker']}: " if d.get("speaker") else ""
    return f"Line {d['id']} (version {d['version']}): {when}{who}{d['text']}"


def _segment_json(ctx: Context, segment_id: int) -> dict:
    from docmanager.transcripts.store import segment_json

    with ctx.project.session() as s:
        return segment_json(s, segment_id)


def cmd_segment_edit(ctx: Context) -> int:
    from docmanager.transcripts.store import KEEP, edit_segment

    a = ctx.args
    given = (("text", a.text), ("speaker", a.speaker), ("note", a.note),
             ("start_ms", _line_ms(a.start, "--start")), ("end_ms", _line_ms(a.end, "--end")))
    if all(v is None for _k, v in given):
        raise UsageError(f"docmanager segment edit: say what to change in line {a.segment}: --text, --speaker, "
                         "--note, --start or --end")
    # An empty --speaker or --note clears it.
    fields = {k: KEEP if v is None else (v or None) if k in ("speaker", "note") else v for k, v in given}
    _line_edit(f"line {a.segment} not edited",
               lambda: edit_segment(ctx.project, a.segment, expected_version=a.expect_version, **fields))
    emit(ctx, _segment_json(ctx, a.segment), _line_text)
    return EXIT_OK


def cmd_segment_split(ctx: Context) -> int:
    from docmanager.transcripts.store import split_segment

    a = ctx.args
    what = f"line {a.segment} not split"
    line = _line_edit(what, lambda: _segment_json(ctx, a.segment))
    length = len(line["text"] or "")
    if length < 2:
        raise RefusedError(f"{what}: its text ({line['text']!r}) is too short to split; edit it instead")
    if not 0 < a.at_char < length:
        raise RefusedError(f"{what}: --at-char {a.at_char} is not inside its text of {length} characters; "
                           f"give a character between 1 and {length - 1} (the second line starts with it)")
    at_ms = _line_ms(a.at, "--at")
    start, end = line["start"], line["end"]
    if at_ms is not None and start is not None and not (start * 1000 < at_ms and (end is None or at_ms < end * 1000)):
        span = f"{start:.3f} to {end:.3f} s" if end is not None else f"from {start:.3f} s"
        raise RefusedError(f"{what}: --at {a.at:g} s is not inside the line (it runs {span}); give a time "
                           "inside it, or leave out --at to split at the time matching --at-char")
    first, second = _line_edit(what, lambda: split_segment(ctx.project, a.segment, a.at_char, at_ms,
                                                           expected_version=a.expect_version))
    data = {"segments": [_segment_json(ctx, first), _segment_json(ctx, second)]}
    emit(ctx, data, lambda d: "\n".join(_line_text(x) for x in d["segments"]))
    return EXIT_OK


def cmd_segment_merge(ctx: Context) -> int:
    from docmanager.transcripts.store import merge_lines

    a = ctx.args
    names = ", ".join(str(i) for i in a.segments)
    if len(a.segments) < 2:
        raise UsageError(f"docmanager segment merge: give line {names} and the line(s) after it to merge into it")
    if a.expect_version and len(a.expect_version) != len(a.segments):
        raise UsageError(f"docmanager segment merge: give one --expect-version per line, in the order of the ids "
                         f"({len(a.segments)} ids, {len(a.expect_version)} versions)")
    kept = _line_edit(f"lines {names} not merged",
                      lambda: merge_lines(ctx.project, a.segments, expected_versions=a.expect_version or None))
    emit(ctx, _segment_json(ctx, kept), _line_text)
    return EXIT_OK


def cmd_segment_untag(ctx: Context) -> int:
    from docmanager.transcripts.store import untag_segment

    a = ctx.args
    removed = _line_edit(f"line {a.segment} not untagged", lambda: untag_segment(ctx.project, a.segment, a.tag))
    data = {"segment_id": a.segment, "tag": a.tag, "removed": removed,
            "tags": _segment_json(ctx, a.segment)["tags"]}
    emit(ctx, data, lambda d: f"Segment {d['segment_id']} untagged {d['tag']}" if d["removed"] else (
        f"Line {d['segment_id']} has no tag {d['tag']!r}; nothing was changed (its tags: "
        f"{', '.join(d['tags']) or 'none'})"))
    return EXIT_OK


def cmd_search(ctx: Context) -> int:
    from docmanager.transcripts.search import search

    a = ctx.args
    with ctx.project.session() as s:
        hits = search(s, a.query, lang=a.lang, tag=a.tag, subject=a.subject, shoot=a.shoot, limit=a.limit)
    data = {"hits": [{"segment_id": h.segment_id, "clip_id": h.clip_id, "lang": h.lang, "start": h.start,
                      "end": h.end, "text": h.text, "speaker": h.speaker} for h in hits],
            "truncated": hits.truncated, "limit": hits.limit}
    emit(ctx, data, lambda d: ("\n".join(
        f"clip {h['clip_id']:>5} {h['start'] if h['start'] is not None else '':>9}  [{h['lang']}] {h['text']}"
        for h in d["hits"]) or "Nothing found.") + (
        f"\nMore lines match; these are the first {d['limit']}. Narrow the search, or show more with "
        f"--limit N." if d["truncated"] else ""))
    return EXIT_OK


def cmd_thumbnails(ctx: Context) -> int:
    from docmanager.media.derived import make_thumbnails

    report = make_thumbnails(ctx.project, ctx.args.ids or None, force=ctx.args.force, progress=ctx.progress)
    _end_progress()
    data = {"clips": report.data.get("clips", []), "skipped": report.data.get("skipped", []),
            "failed": [f.to_json() for f in report.failed]}
    return emit_report(ctx, report, data, f"Thumbnails for {len(data['clips'])} clips")


def cmd_proxies(ctx: Context) -> int:
    from docmanager.media.derived import make_proxies

    report = make_proxies(ctx.project, ctx.args.ids or None, force=ctx.args.force, progress=ctx.progress)
    _end_progress()
    data = {"clips": report.data.get("clips", []), "skipped": report.data.get("skipped", []),
            "failed": [f.to_json() for f in report.failed]}
    return emit_report(ctx, report, data, f"Proxies for {len(data['clips'])} clips")


def _bin_filters(a) -> dict:
    return {"subject": a.subject, "shoot": a.shoot, "tag": a.tag, "text": a.text, "state": a.state,
            "min_rating": a.min_rating, "segment_tag": a.segment_tag}


def cmd_bin_add(ctx: Context) -> int:
    from docmanager.catalogue.bins import add_bin

    bid = add_bin(ctx.project, ctx.args.name, **_bin_filters(ctx.args))
    emit(ctx, {"bin_id": bid, "name": ctx.args.name}, lambda d: f"Smart bin {d['bin_id']}: {d['name']}")
    return EXIT_OK


def cmd_bin_list(ctx: Context) -> int:
    from docmanager.catalogue.bins import list_bins
    from docmanager.catalogue.clips import clip_ids

    with ctx.project.session() as s:
        rows = [b.to_json(len(clip_ids(s, b.query))) for b in list_bins(s)]
    emit(ctx, {"bins": rows}, lambda d: "\n".join(f"{b['id']:>4}  {b['name']}  ({b['clips']} clips)  {b['query']}"
                                                 for b in d["bins"]) or "No smart bins.")
    return EXIT_OK


def cmd_bin_show(ctx: Context) -> int:
    from docmanager.catalogue.bins import find_bin
    from docmanager.catalogue.clips import list_clips_json

    with ctx.project.session() as s:
        b = find_bin(s, ctx.args.name)
        clips = list_clips_json(s, b.query)
    emit(ctx, dict(b.to_json(len(clips)), items=clips), lambda d: "\n".join(_clip_line(c) for c in d["items"])
         or "No clips in this bin.")
    return EXIT_OK


def cmd_bin_remove(ctx: Context) -> int:
    from docmanager.catalogue.bins import remove_bin

    remove_bin(ctx.project, ctx.args.name)
    emit(ctx, {"removed": ctx.args.name}, lambda d: f"Removed smart bin {d['removed']}")
    return EXIT_OK


def cmd_marker_add(ctx: Context) -> int:
    from docmanager.catalogue.ranges import add_marker, markers_of

    a = ctx.args
    mid = add_marker(ctx.project, a.clip, a.at, note=a.note, duration=a.duration or 0.0, colour=a.colour)
    with ctx.project.session() as s:
        row = next(m for m in markers_of(s, a.clip) if m.id == mid)
    data = dict(row.to_json(), marker_id=mid)
    emit(ctx, data, lambda d: f"Marker {d['id']} on clip {d['clip_id']} at {d['at']} s: {d['note']}")
    return EXIT_OK


def cmd_subclip_add(ctx: Context) -> int:
    from docmanager.catalogue.ranges import add_subclip, subclips_of

    a = ctx.args
    sid = add_subclip(ctx.project, a.clip, getattr(a, "in"), a.out, a.name)
    with ctx.project.session() as s:
        row = next(x for x in subclips_of(s, a.clip) if x.id == sid)
    data = dict(row.to_json(), subclip_id=sid)
    emit(ctx, data, lambda d: f"Subclip {d['id']} “{d['name']}” of clip {d['clip_id']}: {d['in']}–{d['out']} s")
    return EXIT_OK


def _cut_id(ctx: Context, ref: str) -> int:
    from docmanager.cuts.model import find_cut

    with ctx.project.session() as s:
        return find_cut(s, ref).id


def cmd_cut_new(ctx: Context) -> int:
    from docmanager.catalogue.clips import rate_text
    from docmanager.cuts.model import new_cut, parse_cut_rate

    a = ctx.args
    cut_id = new_cut(ctx.project, a.name, rate=a.rate, handles_ms=int(round((a.handles or 0) * 1000)))
    rate = parse_cut_rate(a.rate)  # as `cut show` writes it
    emit(ctx, {"cut_id": cut_id, "name": a.name, "rate": rate_text(rate.numerator, rate.denominator)},
         lambda d: f"Cut {d['cut_id']}: {d['name']}")
    return EXIT_OK


def cmd_cut_add(ctx: Context) -> int:
    from docmanager.cuts.model import add_item, cut_json

    a = ctx.args
    cut_id = _cut_id(ctx, a.cut)
    if sum(x is not None for x in (a.clip, a.segment, a.subclip)) != 1:
        raise UsageError("docmanager cut add: give exactly one of --clip, --segment or --subclip")
    kwargs: dict[str, Any] = {"track": a.track}
    if a.clip is not None:
        kwargs.update(clip_id=a.clip, in_s=getattr(a, "in"), out_s=a.out)
    elif a.segment is not None:
        kwargs.update(segment_ids=a.segment)
    else:
        kwargs.update(subclip_id=a.subclip)
    item_id = add_item(ctx.project, cut_id, **kwargs)
    with ctx.project.session() as s:
        data = cut_json(s, cut_id)
    data["item_id"] = item_id
    emit(ctx, data, lambda d: f"Added item {d['item_id']} to cut {d['id']} ({len(d['items'])} items, "
                              f"{d['duration']} s)")
    return EXIT_OK


def cmd_cut_show(ctx: Context) -> int:
    from docmanager.cuts.model import cut_json

    with ctx.project.session() as s:
        data = cut_json(s, _cut_id(ctx, ctx.args.cut))

    def text(d):
        lines = [f"Cut {d['id']} {d['name']} ({d['rate']} fps, {d['duration']} s)"]
        for i in d["items"]:
            lines.append(f"  {i['track']:<3} {i['record_in']:>9.3f}  clip {i['clip_id']:>5}  {i['in']:>9.3f}–"
                         f"{i['out']:<9.3f} {i.get('name') or ''}")
        lines += [f"  ! {w}" for w in d["warnings"]]
        return "\n".join(lines)

    emit(ctx, data, text)
    return EXIT_OK


def cmd_cut_export(ctx: Context) -> int:
    from docmanager.cuts.export import export_cut

    result = export_cut(ctx.project, _cut_id(ctx, ctx.args.cut), ctx.args.out, format=ctx.args.format)
    data = result.to_json() if hasattr(result, "to_json") else {
        "path": str(result.path), "format": result.format, "items": result.items,
        "check": {"reread": result.check.reread, "losses": list(result.check.losses)}}
    data["path"] = os.path.abspath(data["path"])
    emit(ctx, data, lambda d: f"Wrote {d['path']} ({d['format']}, {d['items']} items); read back: "
                              f"{'ok' if d['check']['reread'] else 'FAILED'}"
                              + "".join(f"\n  lost: {x}" for x in d["check"]["losses"]))
    return EXIT_OK if data["check"]["reread"] else EXIT_PARTIAL


def cmd_cut_screener(ctx: Context) -> int:
    from docmanager.cuts.deliver import render_cut_screener

    a = ctx.args
    report = render_cut_screener(ctx.project, _cut_id(ctx, a.cut), a.out, lang=a.lang, second_lang=a.second_lang,
                                 mark=a.mark, progress=ctx.progress)
    _end_progress()
    data = {key: report.data.get(key) for key in ("path", "cut_id", "lang", "frames", "rate", "duration_s",
                                                  "size", "subtitle_lines", "subtitles", "offline", "render_s")}
    data["path"] = os.path.abspath(a.out)
    data["written"] = bool(report.done)
    data["failed"] = [f.to_json() for f in report.failed]
    return emit_report(ctx, report, data, f"Screener {data['path']}: {data['frames']} frames, "
                                          f"{data['subtitles']} subtitles burnt in")


def cmd_cut_sheet(ctx: Context) -> int:
    from docmanager.cuts.deliver import cut_contact_sheet

    a = ctx.args
    report = cut_contact_sheet(ctx.project, _cut_id(ctx, a.cut), a.out, columns=a.columns, progress=ctx.progress)
    _end_progress()
    data = {"path": os.path.abspath(a.out), "frames": report.data.get("frames", 0),
            "written": bool(report.done), "notes": report.data.get("notes", []),
            "failed": [f.to_json() for f in report.failed]}
    return emit_report(ctx, report, data, f"Contact sheet {data['path']}: {data['frames']} frames")


STATE_CHOICES = ("untranscribed", "transcribed", "translated", "reviewed", "approved", "timed", "delivered",
                 "not-needed")


def cmd_subtitles_status(ctx: Context) -> int:
    from docmanager.subtitles.status import status_rows

    a = ctx.args
    cut_id = _cut_id(ctx, a.cut) if a.cut is not None else None
    with ctx.project.session() as s:
        rows = status_rows(s, clip_id=a.clip, cut_id=cut_id, lang=a.lang)
    if a.state:
        rows = [r for r in rows if r["state"] == a.state]

    def text(d):
        lines = []
        for r in d["rows"]:
            what = f"clip {r['clip_id']}" if "clip_id" in r else f"cut {r['cut_id']}"
            who = f"  {r['by']} {r['updated_at']}" if r["by"] or r["updated_at"] else ""
            lines.append(f"{what:<10} {r['lang']:<8} {r['state']:<14}{who}"
                         + (f"  ({r['changed']})" if r.get("changed") else ""))
        return "\n".join(lines) or "No clips or cuts."

    emit(ctx, {"rows": rows}, text)
    return EXIT_OK


def cmd_subtitles_set(ctx: Context) -> int:
    from docmanager.subtitles.status import set_state

    a = ctx.args
    if (a.clip is None) == (a.cut is None):
        raise UsageError("docmanager subtitles set: give --clip ID or --cut ID")
    cut_id = _cut_id(ctx, a.cut) if a.cut is not None else None
    row = set_state(ctx.project, clip_id=a.clip, cut_id=cut_id, lang=a.lang, state=a.state, note=a.note)
    emit(ctx, row, lambda d: f"{'clip ' + str(d['clip_id']) if 'clip_id' in d else 'cut ' + str(d['cut_id'])} "
                             f"{d['lang']}: {d['state']} (by {d['by']}, {d['updated_at']})")
    return EXIT_OK


def _qc_json(findings) -> list[dict]:
    return [f.to_json() for f in findings]


def cmd_subtitles_export(ctx: Context) -> int:
    from dataclasses import replace

    from docmanager.subtitles.export import clip_subtitle_lines, cut_subtitle_lines, write_subtitles
    from docmanager.subtitles.qc import check_subtitles, project_limits, project_names

    a = ctx.args
    with ctx.project.session() as s:
        if a.clip:
            from docmanager.catalogue.clips import get_clip

            clip = get_clip(s, int(a.cut))
            lines = clip_subtitle_lines(s, clip.id, a.lang, second_lang=a.second_lang)
            rate, title, key = Fraction(clip.rate_num, clip.rate_den), clip.name, {"clip_id": clip.id}
        else:
            from docmanager.cuts.model import cut_rate, get_cut

            cut = get_cut(s, _cut_id(ctx, a.cut))
            lines = cut_subtitle_lines(s, cut.id, a.lang, second_lang=a.second_lang, track=a.track)
            rate, title, key = cut_rate(cut), f"{cut.name} v{cut.cut_version}", {"cut_id": cut.id}
        if not lines:  # an empty file handed on would pass for subtitles
            from docmanager.subtitles.export import subtitle_languages
            from docmanager.transcripts.store import transcripts_of_clip

            langs = ([t.lang for t in transcripts_of_clip(s, clip.id)] if a.clip else
                     subtitle_languages(s, cut.id))
            what = f"clip {clip.id} ({clip.name})" if a.clip else f"cut {cut.id} ({title})"
            raise RefusedError(f"{what} has no {a.lang} lines to subtitle; nothing was written. Its lines are in "
                               f"{', '.join(dict.fromkeys(langs)) or 'no language yet'}; import or translate "
                               f"them first", a.out)
        findings = check_subtitles(s, lines, a.lang, clip_id=key.get("clip_id"), cut_id=key.get("cut_id"),
                                   track=a.track if not a.clip else None,
                                   limits=replace(project_limits(s), rate=rate), names=project_names(s))
    path = write_subtitles(lines, a.out, lang=a.lang, second_lang=a.second_lang, title=title)
    data = {**key, "path": os.path.abspath(path), "lang": a.lang, "lines": len(lines),
            "subtitles": [line.to_json(i) for i, line in enumerate(lines, 1)], "qc": _qc_json(findings)}
    emit(ctx, data, lambda d: f"Wrote {d['path']} ({d['lines']} subtitles)" + "".join(
        f"\n  {q['index']:>4}  {q['problem']}: {q['message']}" for q in d["qc"]))
    return EXIT_OK


def cmd_subtitles_qc(ctx: Context) -> int:
    from docmanager.subtitles.qc import check_lines, limits_from_text, project_limits, project_names
    from docmanager.transcripts.readers import read_file

    a = ctx.args
    names, limits = [], limits_from_text(None)
    if a.project or os.environ.get("DOCMANAGER_PROJECT"):
        with ctx.project.session() as s:
            names, limits = project_names(s), project_limits(s)
    limits = limits_from_text(a.limits, limits)
    if a.rate:
        from dataclasses import replace

        from docmanager.catalogue.clips import parse_rate

        limits = replace(limits, rate=parse_rate(a.rate))
    read = read_file(a.file)
    findings = check_lines(read.segments, limits=limits, names=names)
    data = {"path": os.path.abspath(a.file), "encoding": read.encoding, "format": read.format,
            "lines": len(read.segments), "qc": _qc_json(findings), "limits": limits.to_json()}
    emit(ctx, data, lambda d: f"{d['path']}: {d['lines']} subtitles, {len(d['qc'])} findings" + "".join(
        f"\n  {q['index']:>4}  {q['problem']}: {q['message']}" for q in d["qc"]))
    return EXIT_OK if not findings else EXIT_PARTIAL


def cmd_migrate(ctx: Context) -> int:
    from docmanager.migrate import migrate_catalogue

    result = migrate_catalogue(ctx.project, ctx.args.to, progress=ctx.progress)
    _end_progress()

    def text(d):
        lines = [f"Copied the catalogue to {d['target']}: " + ("all rows match" if d["ok"] else "COUNTS DIFFER")]
        lines += [f"  {name:<18} {a:>8} {b:>8}" + ("" if a == b else "  !") for name, (a, b) in d["tables"].items()]
        if d["project_folder"]:
            lines.append(f"Open it with: docmanager --project {d['project_folder']} …")
        elif d["kind"] == "postgresql":
            lines.append("Each laptop joins it with: docmanager init FOLDER --db URL")
        return "\n".join(lines)

    emit(ctx, result, text)
    return EXIT_OK if result["ok"] else EXIT_PARTIAL


def cmd_user_add(ctx: Context) -> int:
    from docmanager.access import add_user

    data = add_user(ctx.project, ctx.args.name, ctx.args.role)
    emit(ctx, data, lambda d: "\n".join(f"Added {u['name']} ({u['role']})" for u in d["added"]) or "No change.")
    return EXIT_OK


def cmd_user_set_role(ctx: Context) -> int:
    from docmanager.access import set_role

    data = set_role(ctx.project, ctx.args.name, ctx.args.role)
    emit(ctx, data, lambda d: f"{d['name']} is now {d['role']}")
    return EXIT_OK


def cmd_user_list(ctx: Context) -> int:
    from docmanager.access import list_users

    with ctx.project.session() as s:
        users = list_users(s)
    emit(ctx, {"users": users}, lambda d: "\n".join(f"{u['name']:<24} {u['role']}" for u in d["users"])
         or "No users: everyone may do everything.")
    return EXIT_OK


def cmd_log(ctx: Context) -> int:
    from datetime import datetime, timezone

    from docmanager.access import log_entries

    a = ctx.args
    since = None
    if a.since:
        try:
            since = datetime.fromisoformat(a.since)
        except ValueError:
            raise UsageError(f"docmanager log: --since needs an ISO date or time, not {a.since!r}") from None
        if since.tzinfo is None:
            since = since.replace(tzinfo=timezone.utc)
    with ctx.project.session() as s:
        entries = log_entries(s, since=since, user=a.user_filter, table=a.table, limit=a.limit)
    emit(ctx, {"entries": entries}, lambda d: "\n".join(
        f"{e['at']}  {e['user'] or '-':<16} {e['action']:<6} {e['table']} {e['row_id'] or ''}  {e['new'] or e['old']}"
        for e in d["entries"]) or "No changes.")
    return EXIT_OK


def cmd_provenance(ctx: Context) -> int:
    from docmanager.cuts.provenance import provenance

    with ctx.project.session() as s:
        data = provenance(s, _cut_id(ctx, ctx.args.cut))

    def text(d):
        lines = [f"Cut {d['cut_id']} {d['name']} v{d['cut_version']}"]
        for i in d["items"]:
            lines.append(f"  {i['track']:<3} {i['record_in']:>9.3f}  clip {i['clip_id']} {i['clip_name']}  "
                         f"{i['in']:.3f}–{i['out']:.3f}")
            for f in i["files"]:
                ok = {True: "verified ok", False: "CHANGED", None: "never verified"}[f["verified_ok"]]
                lines.append(f"      {f['path']}  xxh64 {f['xxh64']}  from {f['volume'] or '?'}  "
                             f"offloaded {f['offloaded_at'] or '-'}  {ok}")
        for sub in d["subtitles"]:
            who = f"approved by {sub['approved_by']} {sub['approved_at']}" if sub["approved_by"] else "not approved"
            lines.append(f"  [{sub['lang']}] {sub['index']:>3}  line {sub['segment_id']}  {who}")
        return "\n".join(lines)

    emit(ctx, data, text)
    return EXIT_OK


def cmd_still(ctx: Context) -> int:
    from docmanager.catalogue.clips import get_clip
    from docmanager.cuts.model import clip_media
    from docmanager.cuts.stills import export_still
    from docmanager.errors import RefusedError
    from docmanager.ingest.verify import file_path

    a = ctx.args
    with ctx.project.session() as s:
        clip = get_clip(s, a.clip)
        media = clip_media(clip)
        if media is None:
            raise RefusedError(f"clip {a.clip} has no media file")
        source, interlaced = file_path(media), clip.scan == "interlaced"
    path = export_still(source, a.at, a.out, interlaced=interlaced, width=a.width)
    emit(ctx, {"path": os.path.abspath(path), "clip_id": a.clip, "at": a.at}, lambda d: f"Wrote {d['path']}")
    return EXIT_OK


def _end_progress() -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)


# ------------------------------------------------------------------ parser
def build_parser() -> Parser:
    common = Parser(add_help=False)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print exactly one JSON document on stdout")

    p = Parser(prog="docmanager", description="DocManager: footage, people, transcripts, cuts and subtitles "
                                              "of a documentary in one catalogue.")
    p.add_argument("--version", action="version", version=f"docmanager {__version__}")
    p.add_argument("--project", metavar="DIR", help="the project folder (or env DOCMANAGER_PROJECT)")
    p.add_argument("--user", metavar="NAME", help="who is acting (or env DOCMANAGER_USER, else the login name)")
    p.add_argument("--json", action="store_true", default=False, help="print exactly one JSON document")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(name, fn, help, parent=sub):
        cp = parent.add_parser(name, help=help, description=help, parents=[common])
        cp.set_defaults(func=fn)
        return cp

    c = command("init", cmd_init, "create a project folder")
    c.add_argument("dir")
    c.add_argument("--name")
    c.add_argument("--db", metavar="URL", help="a PostgreSQL URL for a team catalogue")

    c = command("demo", cmd_demo, "create a project with generated demo footage")
    c.add_argument("dir")

    c = command("clips", cmd_clips, "list clips")
    c.add_argument("--subject")
    c.add_argument("--shoot")
    c.add_argument("--tag")
    c.add_argument("--text", metavar="Q")
    c.add_argument("--state", choices=["online", "offline", "changed", "corrupt"])
    c.add_argument("--sort", default="recorded_at",
                   choices=["name", "duration", "frame_rate", "size", "recorded_at", "shoot", "rating", "added", "id"])
    c.add_argument("--desc", action="store_true", help="sort descending")

    clip = sub.add_parser("clip", help="one clip: show, set").add_subparsers(dest="clip_command", metavar="ACTION",
                                                                               parser_class=Parser, required=True)
    c = command("show", cmd_clip_show, "show one clip", clip)
    c.add_argument("id", type=int)
    c = command("set", cmd_clip_set, "change clips' subjects, shoot, tags, rating", clip)
    c.add_argument("ids", type=int, nargs="+", metavar="ID")
    c.add_argument("--subject", action="append", metavar="NAME", help="add a subject (repeatable)")
    c.add_argument("--remove-subject", action="append", metavar="NAME")
    c.add_argument("--clear-subjects", action="store_true", help="remove all subjects first")
    c.add_argument("--shoot", metavar="NAME")
    c.add_argument("--no-shoot", action="store_true", help="clear the shoot")
    c.add_argument("--tag", action="append", metavar="TAG", help="add a tag (repeatable)")
    c.add_argument("--remove-tag", action="append", metavar="TAG")
    c.add_argument("--clear-tags", action="store_true", help="remove all tags first")
    c.add_argument("--rating", type=int, choices=range(0, 6), metavar="N")
    c.add_argument("--notes")
    c.add_argument("--expect-version", type=int, action="append", metavar="N",
                   help="write only if the clip is still at version N (from `clip show --json`), else exit 3; "
                        "one per ID, in order")

    subject = sub.add_parser("subject", help="people and families").add_subparsers(
        dest="subject_command", metavar="ACTION", parser_class=Parser, required=True)
    c = command("add", cmd_subject_add, "add a subject", subject)
    c.add_argument("name")
    c.add_argument("--zh", metavar="NAME", help="the name in Chinese characters")
    c.add_argument("--pinyin")
    c.add_argument("--flag", action="append", choices=["minor", "no-face", "no-name", "consent-pending", "pseudonym"])
    c.add_argument("--notes")
    command("list", cmd_subject_list, "list subjects", subject)

    shoot = sub.add_parser("shoot", help="days of filming").add_subparsers(
        dest="shoot_command", metavar="ACTION", parser_class=Parser, required=True)
    c = command("add", cmd_shoot_add, "add a shoot", shoot)
    c.add_argument("name")
    c.add_argument("--date", metavar="YYYY-MM-DD")
    c.add_argument("--place")
    c.add_argument("--crew")
    c.add_argument("--utc-offset", metavar="+HH:MM", help="the local time zone of the shoot")
    c.add_argument("--notes")
    command("list", cmd_shoot_list, "list shoots", shoot)

    command("tags", cmd_tags, "list tags with their clip counts")

    c = command("ingest", cmd_ingest, "find clips under cards, folders or files and catalogue them "
                                      "(optionally copying them verified)")
    c.add_argument("sources", nargs="+", metavar="SOURCE")
    c.add_argument("--copy-to", action="append", metavar="DEST", help="copy into DEST/LABEL/ (repeatable)")
    c.add_argument("--subject", action="append", metavar="NAME", help="give the new clips this subject")
    c.add_argument("--shoot", metavar="NAME", help="give the new clips this shoot")
    c.add_argument("--label", help="the copies' folder name under each destination (default: the source's name)")
    c.add_argument("--no-posters", action="store_true", help="do not make poster frames now")

    tr = sub.add_parser("transcript", help="interview transcripts and translations").add_subparsers(
        dest="transcript_command", metavar="ACTION", parser_class=Parser, required=True)
    c = command("import", cmd_transcript_import, "import a transcript or translation (.srt .vtt .ass .txt .docx)", tr)
    c.add_argument("clip", type=int, metavar="CLIP")
    c.add_argument("file", metavar="FILE")
    c.add_argument("--lang", required=True, help="its language: zh, en ...")
    c.add_argument("--translation-of", metavar="LANG", help="the language of the transcript it translates")
    c = command("show", cmd_transcript_show, "show a clip's transcript with its translation", tr)
    c.add_argument("clip", type=int, metavar="CLIP")
    c.add_argument("--lang")

    c = command("check", cmd_transcript_check, "list translation lines that spell a subject's name differently "
                                               "from the glossary", tr)
    c.add_argument("clip", type=int, nargs="?", metavar="CLIP", help="one clip (default: every clip)")
    c.add_argument("--lang", help="only translations into this language")

    c = command("pack", cmd_transcript_pack, "write a translator's pack: media, SRTs, glossary, sheet", tr)
    c.add_argument("clip", type=int, metavar="CLIP")
    c.add_argument("folder", metavar="FOLDER")
    c.add_argument("--lang", default="en", help="the translation the sheet collects (default en)")
    c = command("sheet", cmd_transcript_sheet, "merge a translator's returned sheet back, line by line", tr)
    c.add_argument("clip", type=int, metavar="CLIP")
    c.add_argument("sheet", metavar="SHEET", help="the sheet.csv from the pack, edited")
    c.add_argument("--lang", default="en")

    seg = sub.add_parser("segment", help="transcript segments").add_subparsers(
        dest="segment_command", metavar="ACTION", parser_class=Parser, required=True)
    c = command("tag", cmd_segment_tag, "tag a transcript segment", seg)
    c.add_argument("segment", type=int, metavar="SEGMENT_ID")
    c.add_argument("tag", metavar="TAG")
    c = command("untag", cmd_segment_untag, "remove a tag from a transcript segment", seg)
    c.add_argument("segment", type=int, metavar="SEGMENT_ID")
    c.add_argument("tag", metavar="TAG")
    c = command("edit", cmd_segment_edit, "change a transcript line's text, speaker, note or times", seg)
    c.add_argument("segment", type=int, metavar="SEGMENT_ID")
    c.add_argument("--text", help="the line's new text")
    c.add_argument("--speaker", metavar="NAME", help="who speaks it (\"\" clears it)")
    c.add_argument("--note", help="a note on the line (\"\" clears it)")
    c.add_argument("--start", type=float, metavar="SECONDS", help="when it starts in the clip")
    c.add_argument("--end", type=float, metavar="SECONDS", help="when it ends in the clip")
    c.add_argument("--expect-version", type=int, metavar="N",
                   help="write only if the line is still at version N (from `transcript show --json`), else exit 3")
    c = command("split", cmd_segment_split, "split a transcript line in two", seg)
    c.add_argument("segment", type=int, metavar="SEGMENT_ID")
    c.add_argument("--at-char", type=int, required=True, metavar="N",
                   help="the second line's text starts at character N of the text (0 is the first)")
    c.add_argument("--at", type=float, metavar="SECONDS",
                   help="the time the second line starts (default: in proportion to --at-char)")
    c.add_argument("--expect-version", type=int, metavar="N",
                   help="write only if the line is still at version N (from `transcript show --json`), else exit 3")
    c = command("merge", cmd_segment_merge, "merge transcript lines, each the next after the one before, "
                                            "into the first", seg)
    c.add_argument("segments", type=int, nargs="+", metavar="SEGMENT_ID")
    c.add_argument("--expect-version", type=int, action="append", metavar="N",
                   help="write only if the lines are still at these versions, else exit 3; one per ID, in order")

    c = command("search", cmd_search, "search transcripts and translations (Chinese, pinyin, English)")
    c.add_argument("query")
    c.add_argument("--lang")
    c.add_argument("--tag")
    c.add_argument("--subject", metavar="NAME")
    c.add_argument("--shoot", metavar="NAME")
    c.add_argument("--limit", type=int, default=200)

    c = command("thumbnails", cmd_thumbnails, "make poster frames and filmstrips (clips without them, or IDs)")
    c.add_argument("ids", type=int, nargs="*", metavar="ID")
    c.add_argument("--force", action="store_true", help="make them again even where they exist")
    c = command("proxies", cmd_proxies, "make 960x540 H.264 proxies for weak laptops (clips without one, or IDs)")
    c.add_argument("ids", type=int, nargs="*", metavar="ID")
    c.add_argument("--force", action="store_true", help="make them again even where they exist")

    mk = sub.add_parser("marker", help="markers on clips").add_subparsers(
        dest="marker_command", metavar="ACTION", parser_class=Parser, required=True)
    c = command("add", cmd_marker_add, "put a marker on a clip (a point, or a range with --duration)", mk)
    c.add_argument("clip", type=int, metavar="CLIP")
    c.add_argument("--at", type=float, required=True, metavar="SECONDS")
    c.add_argument("--duration", type=float, metavar="SECONDS")
    c.add_argument("--note", required=True)
    c.add_argument("--colour", default="red", choices=["red", "orange", "yellow", "green", "cyan", "blue",
                                                       "purple", "pink", "white", "black"])
    sc = sub.add_parser("subclip", help="named ranges of clips").add_subparsers(
        dest="subclip_command", metavar="ACTION", parser_class=Parser, required=True)
    c = command("add", cmd_subclip_add, "name a range of a clip", sc)
    c.add_argument("clip", type=int, metavar="CLIP")
    c.add_argument("--in", type=float, required=True, metavar="SECONDS", dest="in")
    c.add_argument("--out", type=float, required=True, metavar="SECONDS")
    c.add_argument("--name", required=True)

    cut = sub.add_parser("cut", help="rough cuts: new, add, show, export").add_subparsers(
        dest="cut_command", metavar="ACTION", parser_class=Parser, required=True)
    c = command("new", cmd_cut_new, "start a rough cut", cut)
    c.add_argument("name")
    c.add_argument("--rate", default="25", help="25, 50i, 30000/1001 (29.97) ...")
    c.add_argument("--handles", type=float, metavar="SECONDS", help="media kept around transcript lines")
    c = command("add", cmd_cut_add, "add a clip range, transcript line(s) or a subclip to a cut", cut)
    c.add_argument("cut", metavar="CUT", help="its id or name")
    c.add_argument("--clip", type=int, metavar="ID")
    c.add_argument("--in", type=float, metavar="SECONDS", dest="in")
    c.add_argument("--out", type=float, metavar="SECONDS")
    c.add_argument("--segment", type=int, action="extend", nargs="+", metavar="SEGMENT_ID",
                   help="transcript lines of one clip (--segment 12 13 14, or --segment repeated)")
    c.add_argument("--subclip", type=int, metavar="ID")
    c.add_argument("--track", default="V1")
    c = command("show", cmd_cut_show, "a cut's items, record positions and warnings", cut)
    c.add_argument("cut", metavar="CUT", help="its id or name")
    c = command("export", cmd_cut_export, "write the cut for an NLE and read it back to check it", cut)
    c.add_argument("cut", metavar="CUT", help="its id or name")
    c.add_argument("out", metavar="OUT")
    c.add_argument("--format", choices=["otio_json", "otioz", "fcp_xml", "fcpx_xml", "cmx_3600", "aaf"])
    c = command("screener", cmd_cut_screener,
                "render the cut to a 720p H.264 screener with burnt-in subtitles and a SCREENER mark", cut)
    c.add_argument("cut", metavar="CUT", help="its id or name")
    c.add_argument("out", metavar="OUT", help="an .mp4 (or .mov) file")
    c.add_argument("--lang", metavar="LANG", help="subtitles to burn in (zh, en ...); none when not given")
    c.add_argument("--second-lang", metavar="LANG", help="a second language below the first (bilingual)")
    c.add_argument("--mark", default="SCREENER", help="the watermark text ('' for none)")
    c = command("sheet", cmd_cut_sheet, "a contact sheet of the frames at the cut's markers", cut)
    c.add_argument("cut", metavar="CUT", help="its id or name")
    c.add_argument("out", metavar="OUT", help="a .png, .jpg or .pdf file")
    c.add_argument("--columns", type=int, default=4)

    users = sub.add_parser("user", help="the crew and their roles").add_subparsers(
        dest="user_command", metavar="ACTION", parser_class=Parser, required=True)
    c = command("add", cmd_user_add, "add a person with a role (the first user of a project is an admin)", users)
    c.add_argument("name")
    c.add_argument("--role", required=True, choices=["editor", "translator", "director", "admin"])
    c = command("set-role", cmd_user_set_role, "change a person's role (admins only)", users)
    c.add_argument("name")
    c.add_argument("--role", required=True, choices=["editor", "translator", "director", "admin"])
    command("list", cmd_user_list, "the crew and their roles", users)

    c = command("log", cmd_log, "who changed what and when")
    c.add_argument("--since", metavar="ISO", help="from this date or time on (UTC unless it says otherwise)")
    c.add_argument("--user", dest="user_filter", metavar="NAME", help="only this person's changes")
    c.add_argument("--table", metavar="TABLE", help="only changes to this table (clips, segments, cuts …)")
    c.add_argument("--limit", type=int, default=1000)

    c = command("migrate", cmd_migrate, "copy the catalogue into a team database (or back into a SQLite project)")
    c.add_argument("--to", required=True, metavar="URL|FOLDER",
                   help="postgresql://user@host/db, a new project folder, or a .sqlite file")

    c = command("provenance", cmd_provenance,
                "chain of custody of a cut: files, hashes, cards, offloads, MHL, verification, approvals")
    c.add_argument("cut", metavar="CUT", help="its id or name")

    subs = sub.add_parser("subtitles", help="subtitle status, QC and export").add_subparsers(
        dest="subtitles_command", metavar="ACTION", parser_class=Parser, required=True)
    c = command("status", cmd_subtitles_status, "where each clip's and cut's subtitles stand, per language", subs)
    c.add_argument("--clip", type=int, metavar="ID")
    c.add_argument("--cut", metavar="ID", help="a cut's id or name")
    c.add_argument("--lang", metavar="LANG")
    c.add_argument("--state", choices=STATE_CHOICES, help="only rows in this state")
    c = command("set", cmd_subtitles_set, "move a clip's or cut's subtitles to a state", subs)
    c.add_argument("--clip", type=int, metavar="ID")
    c.add_argument("--cut", metavar="ID", help="a cut's id or name")
    c.add_argument("--lang", required=True, metavar="LANG")
    c.add_argument("--state", required=True, choices=STATE_CHOICES)
    c.add_argument("--note", metavar="TEXT", help="why (needed when going back)")
    c = command("export", cmd_subtitles_export, "subtitles conformed to a cut (or of a clip) as .srt .vtt .ass", subs)
    c.add_argument("cut", metavar="CUT", help="a cut's id or name (a clip's id with --clip)")
    c.add_argument("--lang", required=True, metavar="LANG")
    c.add_argument("--second-lang", metavar="LANG", help="bilingual: this language below the first")
    c.add_argument("--out", required=True, metavar="FILE")
    c.add_argument("--clip", action="store_true", help="CUT is a clip id: the clip's own subtitles")
    c.add_argument("--track", metavar="NAME", help="the cut track the subtitles follow (default: first video)")
    c = command("qc", cmd_subtitles_qc, "check a subtitle file: speed, line length, timing, names", subs)
    c.add_argument("file", metavar="FILE")
    c.add_argument("--limits", metavar="K=V,...", help="e.g. cps_latin=20,line_latin=37")
    c.add_argument("--rate", metavar="RATE", help="frame rate for the two-frame gap rule (default 25)")

    c = command("still", cmd_still, "export the frame of a clip at a time as PNG or JPEG (for donors, press)")
    c.add_argument("clip", type=int, metavar="CLIP")
    c.add_argument("--at", type=float, required=True, metavar="SECONDS")
    c.add_argument("out", metavar="OUT", help="a .png or .jpg file")
    c.add_argument("--width", type=int, help="scale to this width (default: full size)")

    bins = sub.add_parser("bin", help="smart bins: saved clip queries").add_subparsers(
        dest="bin_command", metavar="ACTION", parser_class=Parser, required=True)
    c = command("add", cmd_bin_add, "save a smart bin", bins)
    c.add_argument("name")
    c.add_argument("--subject")
    c.add_argument("--shoot")
    c.add_argument("--tag")
    c.add_argument("--text")
    c.add_argument("--state", choices=["online", "offline", "changed", "corrupt"])
    c.add_argument("--min-rating", type=int, choices=range(1, 6), metavar="N")
    c.add_argument("--segment-tag", metavar="TAG", help="clips with a transcript line tagged TAG")
    command("list", cmd_bin_list, "list smart bins with their clip counts", bins)
    c = command("show", cmd_bin_show, "the clips in a smart bin now", bins)
    c.add_argument("name", help="its name or id")
    c = command("remove", cmd_bin_remove, "delete a smart bin (its clips stay)", bins)
    c.add_argument("name", help="its name or id")

    rts = sub.add_parser("roots", help="named media roots and where they are on this machine").add_subparsers(
        dest="roots_command", metavar="ACTION", parser_class=Parser, required=True)
    c = command("set", cmd_roots_set, "name a media root (if new) and say where it is on this machine; files "
                                      "catalogued inside FOLDER are kept relative to it", rts)
    c.add_argument("name", metavar="NAME", help='the root\'s name, such as "Archive A"')
    c.add_argument("folder", metavar="FOLDER", help="where the root is on this machine")
    command("list", cmd_roots_list, "media roots, their folders on this machine and their files", rts)
    c = command("unset", cmd_roots_unset, "forget where a media root is on this machine (the catalogue keeps "
                                          "the root and its files)", rts)
    c.add_argument("name", metavar="NAME", help="the root's name")

    command("verify", cmd_verify, "re-hash every catalogued file and its offload copies; report missing and changed "
            "ones")
    c = command("relink", cmd_relink, "reconnect offline files found under FOLDER by their content")
    c.add_argument("folder")

    bk = sub.add_parser("backup", help="catalogue backups").add_subparsers(
        dest="backup_command", metavar="ACTION", parser_class=Parser, required=True)
    command("list", cmd_backup_list, "list backups, newest first", bk)
    command("now", cmd_backup_now, "back up the catalogue now", bk)
    c = command("restore", cmd_backup_restore, "restore a backup (the current catalogue is kept aside)", bk)
    c.add_argument("name", nargs="?", default="latest", help="a name from `backup list`, or latest")
    return p


def _wants_json(argv: list[str]) -> bool:
    return "--json" in argv


def main(argv: Optional[list[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    want_json = _wants_json(argv)
    ctx: Optional[Context] = None
    try:
        args = build_parser().parse_args(argv)
        if getattr(args, "func", None) is None:
            raise UsageError("docmanager: no command given; see `docmanager --help`")
        ctx = Context(args)
        ctx.json = want_json
        return args.func(ctx)
    except UsageError as exc:
        return _fail(want_json, str(exc), None)
    except ConflictError as exc:
        return _fail(want_json, exc.message, exc.path, EXIT_CONFLICT)
    except DocManagerError as exc:
        return _fail(want_json, exc.message, exc.path)
    except KeyboardInterrupt:
        return _fail(want_json, "interrupted", None, EXIT_PARTIAL)
    except BrokenPipeError:
        # The reader went away (``docmanager clips | head``): stop quietly, like other Unix tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug: say so plainly, keep the traceback for the report
        import traceback

        traceback.print_exc(file=sys.stderr)
        return _fail(want_json, f"unexpected error ({type(exc).__name__}: {exc}); nothing more was done. "
                                "Please report this with the text above", None)
    finally:
        if ctx is not None:
            ctx.close()


def _fail(want_json: bool, message: str, path: Optional[str], status: int = EXIT_REFUSED) -> int:
    if path and not os.path.isabs(path) and not path.startswith("[") and "://" not in path:
        path = os.path.abspath(path)  # as typed, relative to here: JSON paths are absolute (a root's are "[ROOT]/…")
    if want_json:
        sys.stdout.write(to_json({"error": {"message": message, "path": path}}, indent=None))
        sys.stdout.write("\n")
    else:
        print(_printable(f"docmanager: {path + ': ' if path else ''}{message}"), file=sys.stderr)
    return status


def run() -> None:  # console script entry point
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
