"""The Media Roots dialog and ``offer_to_map``: one catalogue, two laptops that mount the archive elsewhere.

A "laptop" is a config folder (``DOCMANAGER_CONFIG_DIR``, where its root
folders are kept) with its own copy of the same real media.  Laptop A named
the root "Archive A" and ingested the footage under it; the tests then run
on laptop B, which opens the same project (a catalogue on a shared drive)
and has not said where the root is.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from docmanager.access import add_user
from docmanager.catalogue.roots import (
    CONFIG_ENV,
    UnmappedRootError,
    catalogue_id,
    list_roots,
    machine_folders,
    mapping_file,
    set_root,
    unmapped_message,
)
from docmanager.ingest.ingest import ingest
from docmanager.media.derived import playable_path
from docmanager.media.generate import make_clip
from docmanager.project import Project
from ui.views.roots import WARNING, MediaRootsDialog, offer_to_map, unmapped_root

FILES = ("Broll/street.mov", "Interviews/liu.mp4")


@pytest.fixture(scope="module")
def media_master(tmp_path_factory) -> Path:
    """Two real clips in two folders: the archive as both laptops have it."""
    root = tmp_path_factory.mktemp("media") / "archive"
    for name in FILES:
        make_clip(root / name, seconds=1, size=(320, 180), pattern="gradients")
    return root


@dataclass
class Laptop:
    config: Path  # its DOCMANAGER_CONFIG_DIR
    archive: Path  # where it has the archive


@dataclass
class Shared:
    project_dir: Path
    a: Laptop
    b: Laptop
    clips: list[int]

    def on(self, laptop: Laptop, monkeypatch) -> None:
        monkeypatch.setenv(CONFIG_ENV, str(laptop.config))


@pytest.fixture
def shared(tmp_path, monkeypatch, media_master) -> Shared:
    """The project, its footage ingested under "Archive A" on laptop A; the test goes on as laptop B."""
    a = Laptop(tmp_path / "configA", tmp_path / "laptopA" / "Volumes" / "Archive A")
    b = Laptop(tmp_path / "configB", tmp_path / "laptopB" / "media" / "lin" / "ARCHIVE_A")
    for laptop in (a, b):
        shutil.copytree(media_master, laptop.archive)
    project_dir = tmp_path / "Film"
    monkeypatch.setenv(CONFIG_ENV, str(a.config))
    Project.create(project_dir, name="Film").close()
    with Project.open(project_dir, backup=False) as project:
        assert set_root(project, "Archive A", a.archive)["created"] is True
        report = ingest(project, [a.archive], posters=False)
        assert report.ok, report.failed
        clips = report.data["clips_added"]
        assert len(clips) == 2
        assert sorted(playable_path(project, c) for c in clips) == [str(a.archive / f) for f in FILES]
    monkeypatch.setenv(CONFIG_ENV, str(b.config))  # from here on: laptop B
    return Shared(project_dir, a, b, clips)


@pytest.fixture
def project_b(shared) -> Project:
    project = Project.open(shared.project_dir, backup=False)
    yield project
    project.close()


def _idle(qtbot, dialog: MediaRootsDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)


def _open(qtbot, project: Project, parent: QWidget | None = None) -> MediaRootsDialog:
    dialog = MediaRootsDialog(project, parent)
    if parent is None:
        qtbot.addWidget(dialog)
    dialog.show()
    _idle(qtbot, dialog)
    return dialog


def _row(dialog: MediaRootsDialog, name: str) -> int:
    return next(row for row, root in enumerate(dialog.roots()) if root["name"] == name)


def _cell(dialog: MediaRootsDialog, name: str, column: int) -> str:
    return dialog.table.item(_row(dialog, name), column).text()


def _error_boxes(widget: QWidget) -> list[QMessageBox]:
    return [box for box in widget.findChildren(QMessageBox) if box.objectName() == "errorBox"]


def _folders_here(project: Project) -> dict[str, str]:
    with project.session() as s:
        return machine_folders(catalogue_id(s))


# ====================================================================== the dialog
def test_laptop_b_sees_the_root_unmapped_and_maps_it_from_the_dialog(qtbot, shared, project_b, monkeypatch):
    with pytest.raises(UnmappedRootError, match='"Archive A" is not mapped on this machine'):
        playable_path(project_b, shared.clips[0])

    dialog = _open(qtbot, project_b)
    assert dialog.objectName() == "mediaRootsDialog"
    assert [(r["name"], r["folder"], r["files"]) for r in dialog.roots()] == [("Archive A", None, 2)]
    folder_item = dialog.table.item(_row(dialog, "Archive A"), dialog.FOLDER)
    assert folder_item.text() == "not mapped here"
    assert folder_item.foreground().color() == WARNING
    assert _cell(dialog, "Archive A", dialog.FILES) == "2"
    assert "“Archive A” is not mapped on this computer" in dialog.status.text()
    assert dialog.selected_root() == "Archive A"  # the unmapped root is selected: one click maps it
    assert dialog.map_button.isEnabled()

    asked = []

    def choose(name: str, start: str) -> str:
        asked.append(name)
        return str(shared.b.archive)

    dialog.choose_folder = choose
    with qtbot.waitSignal(dialog.mapped, timeout=20_000) as mapped:
        qtbot.mouseClick(dialog.map_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, dialog)
    assert asked == ["Archive A"]
    result = mapped.args[0]
    assert result["root"] == "Archive A" and result["created"] is False and result["rehomed"] == 0
    assert (result["found"], result["checked"]) == (2, 2)

    # The table shows the folder, that it is there, and the status line what happened.
    assert _cell(dialog, "Archive A", dialog.FOLDER) == str(shared.b.archive)
    assert _cell(dialog, "Archive A", dialog.FOUND) == "Yes"
    assert dialog.folder_text("Archive A") == str(shared.b.archive)
    status = dialog.status.text()
    assert f"“Archive A” now points to {shared.b.archive} on this computer." in status
    assert "No files needed re-homing." in status

    # The files resolve on laptop B, to B's copy; the shared catalogue did not change.
    assert sorted(playable_path(project_b, c) for c in shared.clips) == [str(shared.b.archive / f) for f in FILES]
    assert _folders_here(project_b) == {"Archive A": str(shared.b.archive)}
    assert str(mapping_file()).startswith(str(shared.b.config))
    # ...and laptop A still finds its own copy where it mounts it.
    shared.on(shared.a, monkeypatch)
    with Project.open(shared.project_dir, backup=False) as on_a:
        assert sorted(playable_path(on_a, c) for c in shared.clips) == [str(shared.a.archive / f) for f in FILES]


def test_a_folder_forgotten_here_only_after_asking(qtbot, shared, project_b, monkeypatch):
    """Laptop B's archive drive moved: Forget Folder (after a question) unmaps the root here only."""
    set_root(project_b, "Archive A", shared.b.archive)
    dialog = _open(qtbot, project_b)
    dialog.select_root("Archive A")
    assert dialog.forget_button.isEnabled()
    questions = []

    def answer(reply: bool):
        def confirm(box: QMessageBox) -> bool:
            questions.append(box.text() + "\n" + box.informativeText())
            return reply
        return confirm

    dialog.confirm_forget = answer(False)  # Cancel: nothing changes
    qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, dialog)
    assert f"“Archive A” is {shared.b.archive} on this computer" in questions[0] and "2 files" in questions[0]
    assert _folders_here(project_b) == {"Archive A": str(shared.b.archive)}

    dialog.confirm_forget = answer(True)
    with qtbot.waitSignal(dialog.forgotten, timeout=20_000) as forgotten:
        qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.roots()[0]["folder"] is None, timeout=20_000)
    assert forgotten.args[0]["folder_was"] == str(shared.b.archive)
    assert _folders_here(project_b) == {}
    assert _cell(dialog, "Archive A", dialog.FOLDER) == "not mapped here"
    assert "“Archive A” is no longer mapped on this computer." in dialog.status.text()
    assert dialog.selected_root() == "Archive A" and not dialog.forget_button.isEnabled()
    with pytest.raises(UnmappedRootError):
        playable_path(project_b, shared.clips[0])
    shared.on(shared.a, monkeypatch)  # laptop A keeps its folder
    with Project.open(shared.project_dir, backup=False) as on_a:
        assert _folders_here(on_a) == {"Archive A": str(shared.a.archive)}


def test_a_wrong_folder_is_mapped_but_said_at_once(qtbot, shared, project_b, tmp_path):
    empty = tmp_path / "laptopB" / "media" / "lin"  # one folder too high: the root's files are not directly in it
    dialog = _open(qtbot, project_b)
    dialog.choose_folder = lambda name, start: str(empty)
    qtbot.mouseClick(dialog.map_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, dialog)
    assert _cell(dialog, "Archive A", dialog.FOLDER) == str(empty)
    assert "None of its files are in this folder" in dialog.status.text()
    assert WARNING.name() in dialog.status.styleSheet()

    dialog.set_project(None)  # the window closed the project
    assert dialog.roots() == [] and dialog.table.rowCount() == 0
    assert dialog.status.text() == "No project is open." and not dialog.map_button.isEnabled()


def test_a_new_root_rehomes_the_files_inside_its_folder(qtbot, shared, project_b, tmp_path):
    proxies = tmp_path / "laptopB" / "Proxies"
    make_clip(proxies / "liu_proxy.mp4", seconds=1, size=(160, 90), pattern="gradients", label="proxy")
    report = ingest(project_b, [proxies], posters=False)  # no root holds it here: kept by its full path
    assert report.ok and len(report.data["clips_added"]) == 1, report.failed
    dialog = _open(qtbot, project_b)
    dialog.ask_new_root = lambda: ("Proxies", str(proxies))
    with qtbot.waitSignal(dialog.mapped, timeout=20_000) as mapped:
        qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, dialog)
    assert mapped.args[0]["created"] is True and mapped.args[0]["rehomed"] == 1
    assert "1 file catalogued by its full path inside it was re-homed under the root." in dialog.status.text()
    assert [(r["name"], r["folder"], r["files"]) for r in dialog.roots()] == [
        ("Archive A", None, 2), ("Proxies", str(proxies), 1)]
    assert dialog.selected_root() == "Proxies"
    assert _error_boxes(dialog) == []


def test_a_translator_cannot_name_a_root_but_maps_one(qtbot, shared, project_b, tmp_path):
    project_b.user = "boss"
    add_user(project_b, "mei", "translator")  # the first user (boss) is the admin
    project_b.user = "mei"
    before = mapping_file().read_text(encoding="utf-8") if mapping_file().exists() else None
    (tmp_path / "proxies").mkdir()
    dialog = _open(qtbot, project_b)
    dialog.ask_new_root = lambda: ("Proxies", str(tmp_path / "proxies"))
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, dialog)
    qtbot.waitUntil(lambda: bool(_error_boxes(dialog)), timeout=5_000)
    [box] = _error_boxes(dialog)
    assert box.windowTitle() == "The media root was not made"
    assert "mei is a translator" in box.text() and "an editor or an admin" in box.text()
    box.close()
    # Nothing was made: not in the catalogue, not in this laptop's folders.
    assert [r["name"] for r in list_roots(project_b)["roots"]] == ["Archive A"]
    assert [r["name"] for r in dialog.roots()] == ["Archive A"]
    assert (mapping_file().read_text(encoding="utf-8") if mapping_file().exists() else None) == before
    assert "Proxies" not in _folders_here(project_b)

    # Saying where an existing root is on this laptop is anyone's business.
    dialog.choose_folder = lambda name, start: str(shared.b.archive)
    dialog.select_root("Archive A")
    qtbot.mouseClick(dialog.map_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, dialog)
    assert _cell(dialog, "Archive A", dialog.FOLDER) == str(shared.b.archive)
    assert playable_path(project_b, shared.clips[0]).startswith(str(shared.b.archive))


# ====================================================================== offer_to_map
def test_offer_to_map_after_a_failed_read(qtbot, shared, project_b):
    parent = QWidget()
    qtbot.addWidget(parent)
    with pytest.raises(UnmappedRootError) as caught:
        playable_path(project_b, shared.clips[0])
    error = caught.value

    # "Not Now": nothing is mapped.
    asked: list[tuple[str, list[str]]] = []

    def answer(yes: bool):
        def ask(box: QMessageBox) -> bool:
            asked.append((box.text(), sorted(b.text() for b in box.buttons())))
            return yes
        return ask

    chosen = []
    assert offer_to_map(parent, project_b, error, ask=answer(False),
                        choose_folder=lambda name, start: chosen.append(name)) is False
    assert asked == [("Archive A is not mapped on this laptop. Choose the folder where it is?",
                      ["Choose Folder…", "Not Now"])]
    assert chosen == [] and _folders_here(project_b) == {}

    # Cancelling the folder choice maps nothing either.
    assert offer_to_map(parent, project_b, error, ask=answer(True), choose_folder=lambda name, start: None) is False
    assert _folders_here(project_b) == {}

    # "Choose Folder…" and the folder: mapped; the file plays on this laptop.
    assert offer_to_map(parent, project_b, error, ask=answer(True),
                        choose_folder=lambda name, start: str(shared.b.archive)) is True
    assert _folders_here(project_b) == {"Archive A": str(shared.b.archive)}
    assert playable_path(project_b, shared.clips[0]).startswith(str(shared.b.archive))
    assert not [b for b in parent.findChildren(QMessageBox) if b.isVisible()]  # all found: nothing to warn about
    saved = json.loads(mapping_file().read_text(encoding="utf-8"))
    assert [entry["roots"] for entry in saved["catalogues"].values()] == [{"Archive A": str(shared.b.archive)}]


def test_offer_to_map_takes_the_text_of_an_error_and_ignores_others(qtbot, shared, project_b):
    # A task's failure arrives as text (ui.tasks.Task.failed): the root is read from the message.
    text = f"[Archive A]/Interviews/liu.mp4: {unmapped_message('Archive A')}"
    assert unmapped_root(text) == "Archive A"
    assert unmapped_root(unmapped_message('Disk "B" \\ 2')) == 'Disk "B" \\ 2'
    assert unmapped_root("the file is offline (not found)") is None

    asked = []
    assert offer_to_map(None, project_b, "the file is offline (not found)", ask=asked.append) is False
    assert asked == []  # not about a root: no question
    assert offer_to_map(None, project_b, text, ask=lambda box: True,
                        choose_folder=lambda name, start: str(shared.b.archive)) is True
    assert playable_path(project_b, shared.clips[1]).startswith(str(shared.b.archive))


def test_offer_to_map_shows_a_refusal(qtbot, shared, project_b, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    error = UnmappedRootError("[Archive A]/Broll/street.mov", "Archive A")
    nowhere = tmp_path / "not-there"
    assert offer_to_map(parent, project_b, error, ask=lambda box: True,
                        choose_folder=lambda name, start: str(nowhere)) is False
    qtbot.waitUntil(lambda: bool(_error_boxes(parent)), timeout=5_000)
    [box] = _error_boxes(parent)
    assert "no such folder" in box.text()
    box.close()
    assert _folders_here(project_b) == {}

    # A root the catalogue no longer has (renamed meanwhile) is not made again under its old name.
    gone = UnmappedRootError("[Archive 1]/Broll/street.mov", "Archive 1")
    assert offer_to_map(parent, project_b, gone, ask=lambda box: True,
                        choose_folder=lambda name, start: str(shared.b.archive)) is False
    qtbot.waitUntil(lambda: any(b.isVisible() for b in _error_boxes(parent)), timeout=5_000)
    [box] = [b for b in _error_boxes(parent) if b.isVisible()]
    assert "no media root “Archive 1”" in box.text()
    assert [r["name"] for r in list_roots(project_b)["roots"]] == ["Archive A"]
    assert _folders_here(project_b) == {}


def test_the_main_window_offers_to_map_a_root_once_and_plays_after(qtbot, shared, make_window, monkeypatch):
    """Laptop B opens a clip's transcript: the player cannot find the file, the window offers to map its root."""
    import ui.main_window as main_window
    from ui.views import roots as roots_view

    answers = [False, True]  # "Not Now" first; the window must not ask again for that root until...
    asked = []

    def offer(parent, project, error):
        asked.append(roots_view.unmapped_root(error))
        return roots_view.offer_to_map(parent, project, error, ask=lambda box: answers.pop(0),
                                       choose_folder=lambda name, start: str(shared.b.archive))

    monkeypatch.setattr(main_window, "offer_to_map", offer)
    window = make_window(shared.project_dir)
    window.open_transcript(shared.clips[0])
    qtbot.waitUntil(lambda: asked == ["Archive A"], timeout=10_000)
    assert "not mapped" in window.player.message.text()
    window.open_transcript(shared.clips[1])  # declined: not asked again for the same root
    qtbot.wait(200)
    assert asked == ["Archive A"]
    # ...the project is opened again (or File ▸ Media Roots… is used): asked again, and mapping plays the clip.
    window.set_project(Project.open(shared.project_dir, backup=False))
    window.open_transcript(shared.clips[0])
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: window.player.source_path() == str(shared.b.archive / FILES[0]), timeout=10_000)
    assert window.media_roots_action.isEnabled()


def _cuts_tab_on_b(qtbot, shared, make_window, monkeypatch, offered: list):
    """Laptop B's window on the Cuts tab, showing a one-item cut of a file under "Archive A"; each offer to
    map a root is answered Choose Folder → B's archive, and the root asked about is added to ``offered``."""
    import ui.main_window as main_window
    from docmanager.cuts.model import add_item, new_cut
    from ui.views import roots as roots_view

    with Project.open(shared.project_dir, backup=False) as project:
        cut = new_cut(project, "Assembly")
        add_item(project, cut, clip_id=shared.clips[0], in_s=0.0, out_s=0.5)

    def ask(box):
        offered.append(box.text().split(" is not mapped")[0])
        return True

    monkeypatch.setattr(main_window, "offer_to_map", lambda parent, project, error: roots_view.offer_to_map(
        parent, project, error, ask=ask, choose_folder=lambda name, start: str(shared.b.archive)))
    window = make_window(shared.project_dir)
    view = window.cuts_view
    window.center.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.current_cut_id() == cut, timeout=30_000)
    return window, view


def test_playing_a_cut_whose_media_is_under_an_unmapped_root_offers_to_map_it(qtbot, shared, make_window,
                                                                              monkeypatch):
    offered = []
    _window, view = _cuts_tab_on_b(qtbot, shared, make_window, monkeypatch, offered)
    assert view.cut_player.entries()[0].path is None  # not found on this laptop
    view.cut_player.play()
    qtbot.waitUntil(lambda: offered == ["Archive A"], timeout=10_000)
    qtbot.waitUntil(lambda: view.cut_player.entries()[0].path == str(shared.b.archive / FILES[0]), timeout=10_000)


def test_exporting_a_cut_whose_media_is_under_an_unmapped_root_offers_to_map_it(qtbot, shared, make_window,
                                                                                monkeypatch):
    """The director exports on laptop B: the file says the media is offline, and the window offers the root."""
    import opentimelineio as otio

    offered = []  # the roots the person was asked about
    _window, view = _cuts_tab_on_b(qtbot, shared, make_window, monkeypatch, offered)

    said = []  # the export dialog's lines about an unmapped root

    def export() -> otio.schema.Timeline:
        dialog = view.open_export()
        dialog.unmappedRoot.connect(said.append)
        dialog.set_format(".otio")
        assert dialog.start_export() is not None
        qtbot.waitUntil(lambda: not dialog.is_running(), timeout=30_000)
        assert dialog.result is not None, dialog.result_title.text()
        texts = dialog.loss_texts()
        dialog.close()
        return otio.adapters.read_from_file(str(dialog.result.path)), texts

    timeline, texts = export()
    assert any("not mapped" in t for t in texts), texts
    assert len(said) == 1 and "“street.mov”" in said[0] and 'media root "Archive A" is not mapped' in said[0], said
    qtbot.waitUntil(lambda: offered == ["Archive A"], timeout=30_000)
    clip = next(iter(timeline.find_clips()))
    assert isinstance(clip.media_reference, otio.schema.MissingReference)

    timeline, texts = export()  # mapped now: the same export links the file as laptop B has it
    clip = next(iter(timeline.find_clips()))
    assert otio.url_utils.filepath_from_url(clip.media_reference.target_url) == str(shared.b.archive / FILES[0])
    assert not any("not mapped" in t for t in texts), texts
    assert len(said) == 1
    qtbot.wait(200)
    assert offered == ["Archive A"]  # asked once


def test_forgetting_a_root_in_the_window_takes_its_files_offline_without_an_offer(qtbot, shared, make_window,
                                                                                  monkeypatch):
    import ui.main_window as main_window

    with Project.open(shared.project_dir, backup=False) as project:
        set_root(project, "Archive A", shared.b.archive)
    offered = []
    monkeypatch.setattr(main_window, "offer_to_map", lambda parent, project, error: offered.append(error) or False)
    window = make_window(shared.project_dir)
    window.open_transcript(shared.clips[0])
    qtbot.waitUntil(lambda: window.player.source_path() == str(shared.b.archive / FILES[0]), timeout=10_000)
    dialog = window.show_media_roots()
    _idle(qtbot, dialog)
    dialog.select_root("Archive A")
    dialog.confirm_forget = lambda box: True
    with qtbot.waitSignal(dialog.forgotten, timeout=20_000):
        dialog.forget_selected()
    qtbot.waitUntil(lambda: window.player.source_path() is None, timeout=10_000)
    assert "not mapped" in window.player.message.text()
    qtbot.wait(200)
    assert offered == []  # forgotten on purpose: not offered back at once
