"""Screenshots of the team views: docs/screenshots/activity_log_en.png, provenance_en.png, conflict_en.png
and read_only_translator_en.png.

    .venv/bin/python tools/screenshot_team.py [--out docs/screenshots] [--project DIR]

Builds the demo project (``docmanager demo``) in a temporary folder, or copies
``--project`` there, and gives it what a crew has a few weeks in: four people
with their roles (Li Na admin, Wang Fang translator, Sun Mei director, Zhao
Lin editor); a camcorder card (a take spanned over two ``.MTS`` files)
offloaded to two archive drives with its ASC MHL, and a verify of every file;
that take's Chinese lines and English translation, approved by the director
and put into the second version of the rough cut; an English line corrected,
a clip rated and a note written.

Then, with the main window offscreen at 1400×850 (English):

* ``activity_log_en.png``: the Activity Log dialog, the translator's
  correction selected so the pane below shows its old and new text;
* ``provenance_en.png``: the Cuts tab on the cut's second version with the
  offloaded take selected and the Provenance tab beside the time line open:
  its files, hashes, card, offload, MHL entry, last verify and the approved
  subtitle lines over it;
* ``conflict_en.png``: a note typed over one the editor wrote meanwhile on
  another laptop: the Keep Mine / Keep Theirs box with both values;
* ``read_only_translator_en.png``: the translator's window, the catalogue's
  controls greyed out and "Wang Fang · translator" in the status bar.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TAKE_ZH = [(0.3, 1.6, "我们每个周末都去火车站发传单。"), (1.9, 3.6, "有人说在广州见过他。")]
TAKE_EN = [(0.3, 1.6, "Every weekend we hand out flyers at the station."),
           (1.9, 3.6, "Someone said they saw him in Guangzhou.")]
DIALOG_SIZE = (1120, 640)


def _srt(path: Path, lines) -> Path:
    def ts(t: float) -> str:
        ms = round(t * 1000)
        return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"

    path.write_text("".join(f"{i}\n{ts(a)} --> {ts(b)}\n{text}\n\n" for i, (a, b, text) in enumerate(lines, 1)),
                    encoding="utf-8")
    return path


def prepare(project_dir: Path, work: Path) -> dict:
    """People, an offloaded card in the cut, a few edits by each, and a verify (see the module notes)."""
    from datetime import datetime, timedelta, timezone

    from sqlalchemy import select

    from docmanager.access import add_user
    from docmanager.catalogue.clips import set_clips
    from docmanager.cuts.model import add_item
    from docmanager.db.models import Clip, Cut
    from docmanager.ingest.ingest import ingest
    from docmanager.ingest.verify import verify
    from docmanager.media.avchd_card import TakeSpec, write_card_detailed
    from docmanager.project import Project
    from docmanager.subtitles.status import set_state
    from docmanager.transcripts.store import edit_segment, import_transcript, transcript_json

    card = work / "CANON_SD"
    write_card_detailed(card, [TakeSpec(seconds=4, files=2, label="Wang Guoqiang at Zhoukou station",
                                        recorded_at=datetime(2019, 6, 9, 7, 12, 5,
                                                             tzinfo=timezone(timedelta(hours=8))))])
    archives = [work / "Archive A", work / "Archive B"]
    for folder in archives:
        folder.mkdir(parents=True, exist_ok=True)
    project = Project.open(project_dir, backup=False)
    try:
        project.user = "Li Na"
        add_user(project, "Wang Fang", "translator")
        add_user(project, "Sun Mei", "director")
        add_user(project, "Zhao Lin", "editor")
        report = ingest(project, [card], copy_to=archives, label="Zhoukou card A", posters=False)
        if not report.ok:
            raise SystemExit(f"the card's offload failed: {report.failed}")
        take = report.data["clips_added"][0]
        verify(project)  # every file, the demo's and the card's, read again against its hash
        project.user = "Wang Fang"
        import_transcript(project, take, _srt(work / "take.zh.srt", TAKE_ZH), "zh")
        import_transcript(project, take, _srt(work / "take.en.srt", TAKE_EN), "en", translation_of="zh")
        with project.session() as s:
            lines = transcript_json(s, take, "zh")["segments"]
            english = transcript_json(s, take, "en")["segments"]
            cut = s.scalar(select(Cut.id).order_by(Cut.cut_version.desc(), Cut.id.desc()))
            window_clip = s.scalar(select(Clip.id).where(Clip.name.like("%window%")))
        edit_segment(project, english[1]["id"], text="Someone said they had seen him in Guangzhou.")
        project.user = "Sun Mei"
        set_state(project, clip_id=take, lang="en", state="approved", note="checked with Wang Guoqiang")
        item = add_item(project, cut, segment_ids=[lines[0]["id"], lines[1]["id"]], position=1)
        project.user = "Zhao Lin"
        if window_clip is not None:
            set_clips(project, [window_clip], rating=4,
                      notes="Rain on the glass; the mother waits by the window where she last saw her son.")
    finally:
        project.close()
    return {"cut": cut, "item": item, "take": take}


def shoot_log(shots, window, out: Path) -> None:
    """The Activity Log dialog over the project, the translator's correction selected."""
    from ui.views.activity_log import ActivityLogDialog

    dialog = ActivityLogDialog(window.project, window)
    dialog.resize(*DIALOG_SIZE)
    dialog.show()
    shots._wait(lambda: dialog.model.rowCount() > 0 and not dialog.is_loading())
    for row in range(dialog.model.rowCount()):
        entry = dialog.model.entry(row)
        if entry is not None and entry.table == "segments" and entry.action == "update":
            dialog.table.selectRow(row)
            break
    dialog.table.setFocus()
    shots._settle(400)
    shots._save(dialog, out, dialog.status.text())
    dialog.close()


def shoot_provenance(shots, window, made: dict, out: Path) -> None:
    """The Cuts tab, the offloaded take selected, its provenance in the tab beside the time line."""
    view = window.cuts_view
    sizes = window.splitter.sizes()  # the panel needs the room: the side panes a little narrower
    if len(sizes) == 3:
        window.splitter.setSizes([200, sum(sizes) - 200 - 270, 270])
    window.center.setCurrentWidget(view)
    shots._settle(300)
    if not view.select_cut(made["cut"]):
        raise SystemExit("the cut is not in the list")
    view.lower_tabs.setCurrentWidget(view.provenance)
    view.splitter.setSizes([180, 215, 355])
    view.select_item(made["item"])
    shots._wait(lambda: view.provenance.shown_item_id() == made["item"] and not view.provenance.is_loading())
    item = view.cut().item(made["item"])
    if item is not None:
        view.cut_player.seek_frame(item.record_in + 20)
    shots._wait(view.player.is_loaded)
    view.items.setFocus()
    window.statusBar().clearMessage()
    shots._settle(800)
    shots._save(window, out)


def shoot_conflict(shots, window, out: Path) -> None:
    """A note typed over one written meanwhile on another laptop: the Keep Mine / Keep Theirs box over the window."""
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication, QMessageBox

    from docmanager.catalogue.clips import set_clips
    from docmanager.project import Project

    window.center.setCurrentWidget(window.browser)
    clip = shots._clip_named(window, "Zhang Xiuying at the window")
    window.browser.select_ids([clip])
    shots._settle(500)
    window.live_timer.stop()  # the other laptop's note arrives between reading and typing
    with Project.open(window.project.root, backup=False) as other:
        other.user = "Zhao Lin"
        set_clips(other, [clip], notes="Her hands at 00:41 — use as cutaway under the phone call.")
    shot = {}

    def grab() -> None:
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.isVisible() and w.objectName() == "clipConflictBox")
        shots._settle(300)
        picture = window.grab()
        painter = QPainter(picture)
        painter.fillRect(picture.rect(), QColor(0, 0, 0, 70))
        face = box.grab()
        painter.drawPixmap(QPoint((picture.width() - face.width()) // 2, (picture.height() - face.height()) // 3),
                           face)
        painter.end()
        shot["picture"] = picture
        next(b for b in box.buttons() if b.objectName() == "keepTheirs").click()

    from PySide6.QtGui import QColor

    QTimer.singleShot(400, grab)
    window._on_notes_edited("Hands only: cutaway for the call with the police.")
    out.parent.mkdir(parents=True, exist_ok=True)
    if "picture" not in shot or not shot["picture"].save(str(out)):
        raise SystemExit(f"could not save {out}")
    print(f"saved {out}")
    window.live_timer.start()


def shoot_read_only(shots, project_dir: Path, tmp_path: Path, out: Path) -> None:
    """The translator's window: the catalogue read-only (greyed out), their role in the status bar."""
    os.environ["DOCMANAGER_USER"] = "Wang Fang"
    window = shots._open_window(project_dir, "en", tmp_path, "translator")
    clip = shots._clip_named(window, "Zhang Xiuying at the window")
    window.browser.select_ids([clip])
    window.statusBar().clearMessage()
    shots._settle(800)
    shots._save(window, out)
    window.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"), help="folder for the PNGs")
    parser.add_argument("--project", help="start from a copy of this project instead of building the demo")
    args = parser.parse_args(argv)
    out = Path(args.out)
    with tempfile.TemporaryDirectory(prefix="docmanager-team-") as tmp:
        tmp_path = Path(tmp)
        project_dir = tmp_path / "Demo"
        if args.project:
            shutil.copytree(args.project, project_dir)
        else:
            from docmanager.demo import create_demo

            report = create_demo(project_dir)
            if report.failed:
                raise SystemExit(f"the demo project failed: {report.failed}")
        made = prepare(project_dir, tmp_path / "media")
        import screenshots as shots  # tools/screenshots.py: tools/ is on sys.path
        os.environ["DOCMANAGER_USER"] = "Li Na"
        window = shots._open_window(project_dir, "en", tmp_path, "team")
        shoot_provenance(shots, window, made, out / "provenance_en.png")
        shoot_log(shots, window, out / "activity_log_en.png")
        shoot_conflict(shots, window, out / "conflict_en.png")
        window.close()
        shoot_read_only(shots, project_dir, tmp_path, out / "read_only_translator_en.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
