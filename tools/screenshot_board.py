"""Screenshots of the Subtitles tab: docs/screenshots/subtitle_board_en.png and subtitle_board_zh.png.

    .venv/bin/python tools/screenshot_board.py [--out docs/screenshots] [--project DIR]

Builds the demo project (``docmanager demo``: interviews with transcripts and
translations, b-roll marked not needed, one interview approved, a cut whose
second version dropped back to reviewed) in a temporary folder, or uses
``--project``.  Each language is shot in a process of its own (the
translation is loaded when the app starts): the main window offscreen at
1400×850 on the Subtitles tab, the second version of the cut selected in
English so the QC panel lists its findings.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NAMES = {"en": "subtitle_board_en.png", "zh_CN": "subtitle_board_zh.png"}


def _screenshots():
    """tools/screenshots.py (the window and the settling it uses)."""
    spec = importlib.util.spec_from_file_location("docmanager_screenshots", ROOT / "tools" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def shoot_board(project_dir: Path, language: str, out: Path, settings_dir: Path) -> None:
    """The Subtitles tab with the cut's second version selected in English and its QC findings below."""
    from sqlalchemy import select

    from docmanager.db.models import Cut
    from docmanager.project import Project

    with Project.open(project_dir, backup=False) as project, project.session() as s:
        cut_id = s.scalar(select(Cut.id).order_by(Cut.cut_version.desc(), Cut.id.desc()))
    shots = _screenshots()
    window = shots._open_window(project_dir, language, settings_dir, f"board-{language}")
    sizes = window.splitter.sizes()  # the board needs the room: the side pane a little narrower
    if len(sizes) == 3:
        window.splitter.setSizes([220, sum(sizes) - 220 - 290, 290])
    board = window.subtitle_board
    window.center.setCurrentWidget(board)
    shots._settle(300)
    if cut_id is not None and not board.select_cell("cut", cut_id, "en"):
        raise SystemExit("the cut is not on the board")
    board.tree.setFocus()
    window.statusBar().clearMessage()
    shots._settle(500)
    shots._save(window, out)
    window.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"), help="folder for the PNGs")
    parser.add_argument("--project", help="use this project instead of building the demo")
    parser.add_argument("--language", choices=tuple(NAMES), help=argparse.SUPPRESS)
    parser.add_argument("--settings", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    out = Path(args.out)
    if args.language:  # one language, in this process
        shoot_board(Path(args.project), args.language, out / NAMES[args.language], Path(args.settings))
        return 0
    with tempfile.TemporaryDirectory(prefix="docmanager-board-") as tmp:
        tmp_path = Path(tmp)
        if args.project:
            project_dir = Path(args.project)
        else:
            from docmanager.demo import create_demo

            project_dir = tmp_path / "Demo"
            report = create_demo(project_dir)
            if report.failed:
                raise SystemExit(f"the demo project failed: {report.failed}")
        for language in NAMES:
            subprocess.run([sys.executable, __file__, "--out", str(out), "--project", str(project_dir),
                            "--language", language, "--settings", str(tmp_path)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
