"""The app's set-up: language choice, the Chinese translation, fonts, the first start."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QFontDatabase

from tests.ui.conftest import build_catalogue
from ui.i18n import TRANSLATIONS_DIR, choose_language, cjk_family, install_translations


def test_choose_language():
    assert choose_language("system", None, "zh_CN") == "zh_CN"
    assert choose_language("system", None, "en_GB") == "en"
    assert choose_language("en", None, "zh_CN") == "en"
    assert choose_language("zh_CN", None, "en_US") == "zh_CN"
    assert choose_language("en", "zh_CN", "en_US") == "zh_CN"  # DOCMANAGER_LANG wins
    assert choose_language("zh_CN", "system", "en_US") == "zh_CN"


@pytest.fixture
def chinese(qapp):
    locale = QLocale()
    translators = install_translations(qapp, "zh_CN")
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)


def test_chinese_translation_loads_and_translates_the_menus(qtbot, chinese, app_settings, runner, tmp_path):
    assert (TRANSLATIONS_DIR / "docmanager_zh_CN.qm").exists()
    assert len(chinese) == 2  # Qt's own and DocManager's
    assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    from ui.main_window import MainWindow

    window = MainWindow(app_settings, runner, demo_dir=tmp_path / "Demo")
    qtbot.addWidget(window)
    assert window.file_menu.title() == "文件(&F)"
    assert window.edit_menu.title() == "编辑(&E)"
    assert window.open_project(build_catalogue(tmp_path / "Film"))
    assert window.count_label.text() == "8 个片段"
    assert window.clip_model.headerData(0, Qt.Orientation.Horizontal) == "名称"
    window.close()


def test_every_string_is_translated():
    import xml.etree.ElementTree as ET

    tree = ET.parse(TRANSLATIONS_DIR / "docmanager_zh_CN.ts")
    unfinished = [m.findtext("source") for m in tree.iter("message")
                  if m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
                  or not (m.findtext("translation") or m.find("translation").findall("numerusform"))]
    assert unfinished == []


def test_a_font_with_chinese_glyphs_is_used(qapp):
    from ui.i18n import setup_fonts

    family = cjk_family()
    if family is None:
        pytest.skip("no CJK font installed (fonts-noto-cjk)")
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)
    before = qapp.font()
    try:
        assert setup_fonts(qapp, "en") == family
        assert family in qapp.font().families()
    finally:
        qapp.setFont(before)


@pytest.mark.slow
def test_first_start_creates_and_opens_the_demo_project(qtbot, app_settings, runner, tmp_path):
    pytest.importorskip("docmanager.demo")
    from ui.app import open_first_project
    from ui.main_window import MainWindow

    demo = tmp_path / "data" / "Demo project"
    window = MainWindow(app_settings, runner, demo_dir=demo)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.projectOpened, timeout=300_000):
        open_first_project(window, app_settings, None)
    assert window.project is not None and Path(window.project.root) == demo.absolute()
    assert window.clip_model.rowCount() > 0
    assert app_settings.recent_projects() == [str(demo.absolute())]
    window.close()


def test_open_option_and_last_project(qtbot, app_settings, runner, tmp_path):
    from ui.app import open_first_project, parse_arguments
    from ui.main_window import MainWindow

    folder = build_catalogue(tmp_path / "Film")
    assert parse_arguments(["main.py", "--open", str(folder)]).open == str(folder)
    window = MainWindow(app_settings, runner, demo_dir=tmp_path / "Demo")
    qtbot.addWidget(window)
    open_first_project(window, app_settings, str(folder))
    assert window.project is not None
    window.close_project()
    open_first_project(window, app_settings, None)  # the last project again, no demo
    assert window.project is not None and window.project.root == folder.absolute()
    window.close()


def test_the_translation_covers_every_string_in_the_code(tmp_path):
    """lupdate over ui/ finds nothing new: every tr() text of the app has its Chinese translation."""
    import shutil
    import subprocess
    import sys
    import xml.etree.ElementTree as ET

    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed next to this Python")
    ui_dir = Path(__file__).resolve().parents[2] / "ui"
    copy = tmp_path / "check.ts"
    shutil.copy(TRANSLATIONS_DIR / "docmanager_zh_CN.ts", copy)
    sources = sorted(str(p) for p in ui_dir.rglob("*.py"))
    subprocess.run([str(lupdate), "-locations", "none", *sources, "-ts", str(copy)], check=True,
                   capture_output=True)
    tree = ET.parse(copy)
    untranslated = [(c.findtext("name"), m.findtext("source")) for c in tree.iter("context")
                    for m in c.iter("message") if m.find("translation").get("type") is not None]
    assert untranslated == []
