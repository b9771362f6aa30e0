"""Screenshot of the Media Roots dialog: docs/screenshots/media_roots_en.png.

    .venv/bin/python tools/screenshot_roots.py [--out docs/screenshots]

Builds, in a temporary folder, a catalogue of the sample clips of
``tools/screenshots.py`` whose files are on two archive drives: the editor's
laptop (its own config folder) names them as the media roots "Archive A"
(the spring shoots) and "Archive B" (the autumn ones) and catalogues the
files under them.  Then a second laptop, which mounts only Archive A, at its
own place, maps that root and opens the main window offscreen (English) with
the Media Roots dialog over it: Archive A mapped and there, Archive B "not
mapped here" and selected, ready for Map to Folder….  The dialog is saved.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DIALOG_SIZE = (900, 320)
#: Clips recorded before this day are on Archive A, the others on Archive B.
SPLIT_DAY = "2019-09-01"


def build(shots, project_dir: Path, work: Path) -> Path:
    """The catalogue as the editor's laptop left it; returns the second laptop's Archive A folder."""
    from docmanager.catalogue.register import FileSpec, add_clip, add_media_file
    from docmanager.catalogue.roots import CONFIG_ENV, set_root
    from docmanager.project import Project

    drives = {"Archive A": work / "editor-laptop" / "ARCHIVE_A", "Archive B": work / "editor-laptop" / "ARCHIVE_B"}
    for folder in drives.values():
        folder.mkdir(parents=True)
    os.environ[CONFIG_ENV] = str(work / "editor-laptop" / "config")
    project = Project.create(project_dir, name="Looking for the lost children")
    try:
        for name, folder in drives.items():
            set_root(project, name, folder)
        for number, (name, seconds, rate, interlaced, recorded, *_rest) in enumerate(shots.CLIPS):
            drive = drives["Archive A" if recorded[:10] < SPLIT_DAY else "Archive B"]
            card = "AVCHD/BDMV/STREAM" if interlaced else "DCIM/100CANON"
            ext = "MTS" if interlaced else "MP4"
            path = drive / "2019" / recorded[:10] / card / f"{number:05d}.{ext}"

            def _add(s, name=name, seconds=seconds, rate=rate, interlaced=interlaced, recorded=recorded,
                     path=path, number=number):
                mf = add_media_file(s, FileSpec(path=str(path), size=int(seconds * 3_000_000),
                                                mtime=datetime(2019, 5, 2, tzinfo=timezone.utc),
                                                xxh64=f"{number + 1:016x}", quick_hash=f"{number + 1:032x}"))
                fields = dict(rate_num=rate[0], rate_den=rate[1], duration_frames=round(seconds * rate[0] / rate[1]),
                              width=1920, height=1080, scan="interlaced" if interlaced else "progressive",
                              recorded_at=recorded, video_codec="AVC")
                return add_clip(s, name, fields, [mf]).id

            project.write(_add)
    finally:
        project.close()

    # The second laptop: its own config folder, Archive A mounted at its own place, Archive B not here.
    here = work / "Volumes" / "Archive A"
    here.mkdir(parents=True)
    os.environ[CONFIG_ENV] = str(work / "config")
    with Project.open(project_dir, backup=False) as project:
        set_root(project, "Archive A", here)
    return here


def shoot_roots(shots, window, out: Path) -> None:
    """The Media Roots dialog over the window, the unmapped root selected."""
    from ui.views.roots import MediaRootsDialog

    dialog = MediaRootsDialog(window.project, window)
    dialog.resize(*DIALOG_SIZE)
    dialog.show()
    shots._wait(lambda: bool(dialog.roots()) and not dialog.is_busy())
    if dialog.selected_root() != "Archive B":
        raise SystemExit(f"the unmapped root is not selected: {dialog.roots()}")
    dialog.table.setFocus()
    shots._settle(400)
    shots._save(dialog, out, dialog.status.text())
    dialog.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"), help="folder for the PNG")
    args = parser.parse_args(argv)
    out = Path(args.out)
    with tempfile.TemporaryDirectory(prefix="docmanager-roots-") as tmp:
        tmp_path = Path(tmp)
        import screenshots as shots  # tools/screenshots.py: tools/ is on sys.path
        build(shots, tmp_path / "Lost children", tmp_path)
        window = shots._open_window(tmp_path / "Lost children", "en", tmp_path, "roots")
        shoot_roots(shots, window, out / "media_roots_en.png")
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
