"""Screenshot of markers and subclips set from the player: docs/screenshots/markers_en.png.

    .venv/bin/python tools/screenshot_markers.py [--out docs/screenshots] [--project DIR]

Builds the sample catalogue of ``tools/screenshots.py`` with its generated
48-second interview and transcripts (or uses ``--project``, which must hold
that interview), gives the interview markers and subclips through the core,
opens the main window offscreen at 1400×850 on the interview's transcript,
sets In and Out in the player around one line, shows the Markers panel beside
the player and saves the window.  ``shoot_markers(project_dir, out,
settings_dir)`` does the last part for other code.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# (start ms, end ms or None, colour, note): notes an editor logs while watching the interview
MARKERS = [
    (2300, None, "red", "“taken at Taiyuan railway station”: the line for the opening"),
    (5900, None, "yellow", "He had just turned four: check the date with the police report"),
    (13000, 16900, "orange", "Turns to the window, long silence"),
    (31000, None, "green", "Posters: cut to the Yingze Street b-roll"),
    (35200, None, "blue", "DNA database: needs a caption"),
    (44500, None, "purple", "Mother's last line: ending?"),
]
# (in ms, out ms, name)
SUBCLIPS = [
    (8800, 17000, "The afternoon at the station"),
    (39100, 47200, "We will keep looking"),
]
IN_OUT = (21400, 29800)  # the In and Out points shown in the player: the police station lines


def add_ranges(project_dir: Path, clip_name: str) -> int:
    """The markers and subclips of the screenshot on the clip named ``clip_name``; returns its id."""
    from sqlalchemy import select

    from docmanager.catalogue.ranges import add_marker_frames, add_subclip_frames, range_clip
    from docmanager.db.models import Clip
    from docmanager.project import Project

    with Project.open(project_dir, backup=False) as project:
        with project.session() as s:
            clip_id = s.scalar(select(Clip.id).where(Clip.name == clip_name))
            if clip_id is None:
                raise SystemExit(f"no clip named {clip_name!r} in {project_dir}")
            clip = range_clip(s, clip_id)
        for start, end, colour, note in MARKERS:
            frame = clip.frame_at_ms(start)
            length = clip.frame_at_ms(end) - frame if end is not None else 0
            add_marker_frames(project, clip_id, frame, length, note, colour)
        for start, end, name in SUBCLIPS:
            add_subclip_frames(project, clip_id, clip.frame_at_ms(start), clip.frame_at_ms(end), name)
    return clip_id


def shoot_markers(project_dir: Path, out: Path, settings_dir: Path, clip_name: str | None = None) -> None:
    """The interview in the Transcript tab with In and Out set, its markers and subclips on the timeline
    and in the Markers panel."""
    import screenshots as shots  # tools/screenshots.py: tools/ is on sys.path
    clip_name = clip_name or shots.INTERVIEW_NAME
    window = shots._open_window(project_dir, "en", settings_dir, "markers")
    clip_id = shots._clip_named(window, clip_name)
    assert window.open_transcript(clip_id), "could not open the interview"
    player = window.player
    for _ in range(200):  # the file is opened off the UI thread
        if player.is_loaded() and player.duration_ms() > 0:
            break
        shots._settle(50)
    if not player.is_loaded():
        raise SystemExit("the interview's file did not load in the player")
    start, end = IN_OUT
    player.seek_ms(start)
    shots._settle(200)
    player.set_in()
    player.seek_ms(end)
    shots._settle(200)
    player.set_out()
    row = window.transcript_view.model.row_at_ms(end - 1500)
    if row is not None:
        window.transcript_view.select_row(row)
    player.seek_ms(end - 1500)
    window.side_tabs.setCurrentWidget(window.ranges_panel)
    sizes = window.splitter.sizes()  # the side pane a little wider, as an editor logging would drag it
    if len(sizes) == 3:
        window.splitter.setSizes([sizes[0], sizes[1] - 110, sizes[2] + 110])
    panel = window.ranges_panel
    if panel.model.rowCount() > 2:
        panel.table.selectRow(2)
    shots._settle(800)
    player.setFocus()
    window.statusBar().clearMessage()
    shots._settle()
    shots._save(window, out)
    window.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"), help="folder for the PNG")
    parser.add_argument("--project", help="a project holding the sample interview (it gets the markers)")
    args = parser.parse_args(argv)
    out = Path(args.out) / "markers_en.png"
    import screenshots as shots  # tools/screenshots.py: tools/ is on sys.path
    with tempfile.TemporaryDirectory(prefix="docmanager-markers-") as tmp:
        tmp_path = Path(tmp)
        if args.project:
            project_dir = Path(args.project)
        else:
            project_dir = shots.build_sample(tmp_path / "Sample project")
            shots.add_transcripts(project_dir, tmp_path / "subtitles")
        add_ranges(project_dir, shots.INTERVIEW_NAME)
        shoot_markers(project_dir, out, tmp_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
