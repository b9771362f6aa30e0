"""The lazy clip table and the formatting of its values."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from docmanager.catalogue.clips import ClipQuery
from docmanager.project import Project
from tests.ui.conftest import build_large_catalogue
from ui.formatting import duration_text, rate_text, rating_text, recorded_text, size_text, subject_label
from ui.models.clip_table import PAGE_SIZE, ClipTableModel


def test_the_table_fetches_only_the_rows_it_shows(qtbot, make_window, tmp_path):
    folder = build_large_catalogue(tmp_path / "Large", 5000)
    window = make_window(folder)
    QApplication.processEvents()
    model = window.clip_model
    assert model.rowCount() == 5000
    table = window.browser.table
    qtbot.waitUntil(lambda: table.isVisible() and model.fetched_rows > 0)
    assert model.fetched_rows < 1000
    first = model.fetched_rows
    # Going to the end reads the last page, not everything in between.
    table.scrollToBottom()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: model.cached_row(model.clip_id(4999)) is not None)
    assert model.fetched_rows <= first + 2 * PAGE_SIZE
    # A filter is one id query; rows load again only for what is shown.
    window.browser.filter.setText("clip 0049")
    window.browser.flush_filter()
    assert model.rowCount() == 111  # clip 000049, 000490–000499, 004900–004999
    QApplication.processEvents()
    assert model.fetched_rows <= 111


def test_model_pages_and_invalidation(qtbot, tmp_path):
    folder = build_large_catalogue(tmp_path / "Large", 1000)
    with Project.open(folder, backup=False) as project:
        model = ClipTableModel(project)
        assert model.rowCount() == 1000 and model.fetched_rows == 0
        assert model.index(450, 0).data() == model.row_data(450).name
        assert model.fetched_rows == PAGE_SIZE and model.fetches == 1
        model.index(460, 3).data()
        assert model.fetches == 1  # same page: from the cache
        cid = model.clip_id(450)
        with qtbot.waitSignal(model.dataChanged):
            model.invalidate([cid])
        assert model.cached_row(cid) is None
        model.index(450, 0).data()
        assert model.fetches == 2 and model.fetched_rows == PAGE_SIZE + 1
        model.set_query(ClipQuery(min_rating=5, sort="name", descending=True))
        assert model.rowCount() == 166
        names = [model.row_data(r).name for r in range(model.rowCount())]
        assert names == sorted(names, reverse=True)


def test_formatting():
    assert duration_text(6) == "0:06.000"
    assert duration_text(1510.24) == "25:10.240"
    assert duration_text(3725.4) == "1:02:05"
    assert rate_text("25", "interlaced") == "25 (50i)"
    assert rate_text("25", "progressive") == "25"
    assert rate_text("30000/1001") == "29.97"
    assert rate_text("30000/1001", "interlaced") == "29.97 (59.94i)"
    assert rate_text("24000/1001") == "23.976"
    assert size_text(1920, 1080) == "1920×1080" and size_text(None, None) == ""
    assert recorded_text("2019-05-02T10:14:03+08:00") == "2019-05-02 10:14:03 UTC+8"
    assert recorded_text("2019-05-02T10:14:03+05:30") == "2019-05-02 10:14:03 UTC+5:30"
    assert recorded_text("2019-05-02T10:14:03-03:00") == "2019-05-02 10:14:03 UTC−3"
    assert recorded_text("2019-05-02T10:14:03") == "2019-05-02 10:14:03"
    assert rating_text(3) == "★★★" and rating_text(0) == ""
    assert subject_label("Liu Jingjun", "刘静军") == "Liu Jingjun 刘静军"
    assert subject_label("Team", None) == "Team"
