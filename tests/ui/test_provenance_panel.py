"""The Provenance tab of the Cuts tab over a copy of the demo project: the selected item's clip, files and approvals."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from docmanager.db.models import Clip, Cut
from docmanager.ingest.verify import verify
from docmanager.project import Project

TIMEOUT_MS = 30_000
PART_2 = "Liu Jingjun – interview, part 2"  # its English subtitles were approved by Sun Mei


def catalogue(project_dir: Path) -> dict:
    """The second version of the demo's cut, and the clip PART_2 with its files' hashes, as on disk."""
    with Project.open(project_dir, backup=False) as project, project.session() as s:
        cut = s.scalar(select(Cut.id).order_by(Cut.cut_version.desc(), Cut.id.desc()))
        clip = s.scalar(select(Clip).where(Clip.name == PART_2))
        return {"cut": cut, "clip": clip.id, "hashes": [cf.media_file.xxh64 for cf in clip.files],
                "paths": [cf.media_file.path for cf in clip.files]}


@pytest.fixture
def cuts(qtbot, make_window, demo_project):
    window = make_window(demo_project)
    view = window.cuts_view
    window.center.setCurrentWidget(view)
    known = catalogue(demo_project)
    assert view.select_cut(known["cut"])
    return window, view, known


def item_of(view, clip_id: int):
    return next(item for item in view.cut().items if item.clip_id == clip_id)


def shown(qtbot, panel, item_id: int) -> None:
    qtbot.waitUntil(lambda: panel.shown_item_id() == item_id and not panel.is_loading(), timeout=TIMEOUT_MS)


def test_the_selected_item_is_traced_to_its_clip_files_and_approver(qtbot, cuts):
    window, view, known = cuts
    panel = view.provenance
    item = item_of(view, known["clip"])
    view.select_item(item.id)
    assert not panel.isVisible() and panel.shown_item_id() is None  # the time line's tab is in front: no read
    view.lower_tabs.setCurrentWidget(panel)
    shown(qtbot, panel, item.id)

    assert f"clip {known['clip']} “{PART_2}”" in panel.clip_text()
    assert panel.clip_text().startswith("Source 00:00:00:00 – 00:00:02:10")  # time code of the clip
    assert panel.title.text().startswith(f"Item {item.id} of Assembly v2 · V1 · ")
    assert panel.file_hashes() == known["hashes"] and all(known["hashes"])
    rows = panel.file_texts(0)
    assert rows["Path"] == known["paths"][0]
    assert rows["Card"] == "none: catalogued where it lies"  # the demo's files were not offloaded
    assert rows["Verified"].startswith("hashed ") and rows["MHL"] == "no MHL records this file"
    assert known["hashes"][0] in panel.files.topLevelItem(0).text(0)

    lines = panel.subtitle_lines()
    assert {line["lang"] for line in lines} == {"zh", "en"}
    english = [line for line in lines if line["lang"] == "en"]
    assert english and all(line["approved_by"] == "Sun Mei" and line["approved_at"] for line in english)
    assert [r for r in panel.subtitle_rows() if r[0].startswith("en ")][0][2].startswith("Sun Mei, ")
    assert [r for r in panel.subtitle_rows() if r[0].startswith("zh ")][0][2] == "not approved"
    assert english[0]["text"] == "The police said they would check the DNA database."


def test_it_follows_the_selection_edits_and_a_verify(qtbot, cuts, demo_project):
    window, view, known = cuts
    panel = view.provenance
    view.lower_tabs.setCurrentWidget(panel)
    first, second = view.cut().items[0], item_of(view, known["clip"])
    view.select_item(first.id)
    shown(qtbot, panel, first.id)
    assert panel.clip_text() != "" and f"clip {known['clip']} " not in panel.clip_text()

    view.timeline.itemClicked.emit(second.id)  # a click on the time line's item selects it too
    shown(qtbot, panel, second.id)
    assert f"clip {known['clip']} " in panel.clip_text()

    view.select_items([first.id, second.id])  # more than one: nothing to trace
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.empty, timeout=TIMEOUT_MS)
    assert panel.shown_item_id() is None and "Select one item" in panel.empty.text()

    view.select_item(second.id)
    shown(qtbot, panel, second.id)
    assert view.trim_selected(out_frame=50)  # 00:00:02:00: the panel reads the trimmed item again
    qtbot.waitUntil(lambda: panel.clip_text().startswith("Source 00:00:00:00 – 00:00:02:00"), timeout=TIMEOUT_MS)

    path = Path(known["paths"][0])
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    verify(window.project)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.file_texts(0).get("Verified", "").startswith("✗ CHANGED"), timeout=TIMEOUT_MS)


def test_no_cut_item_no_trace(qtbot, cuts):
    window, view, known = cuts
    panel = view.provenance
    view.lower_tabs.setCurrentWidget(panel)
    view.items.clearSelection()
    assert panel.stack.currentWidget() is panel.empty and panel.data() is None
    view.select_item(view.cut().items[0].id)
    shown(qtbot, panel, view.cut().items[0].id)
    window.close_project()
    assert panel.data() is None and panel.item_id() is None and panel.stack.currentWidget() is panel.empty
