"""Languages and fonts: which translation to load, and a font that has Chinese glyphs."""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS_DIR = ROOT / "resources" / "translations"
ENV_LANGUAGE = "DOCMANAGER_LANG"
# Families with Simplified Chinese glyphs, best first.
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
                "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC",
                "Hiragino Sans GB", "SimHei")


def choose_language(setting: str, env: Optional[str] = None, system_locale: Optional[str] = None) -> str:
    """``"zh_CN"`` or ``"en"``: the environment wins, then the setting, then the system locale."""
    for value in (env, setting):
        if not value or value == "system":
            continue
        if value.lower().startswith("zh"):
            return "zh_CN"
        return "en"
    locale = system_locale if system_locale is not None else QLocale.system().name()
    return "zh_CN" if locale.lower().startswith("zh") else "en"


def language_from_environment(setting: str) -> str:
    return choose_language(setting, os.environ.get(ENV_LANGUAGE))


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Load DocManager's and Qt's own translations for ``language``; returns the installed translators.

    English needs none.  The translators are parented to ``app`` so they live as long as it does.
    """
    if language != "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return []
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    installed = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase_zh_CN", qt_dir), ("docmanager_zh_CN", os.fspath(TRANSLATIONS_DIR))):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("translation %s not found in %s", name, folder)
    return installed


def cjk_family() -> Optional[str]:
    """The installed font family with Simplified Chinese glyphs, if any."""
    families = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in families:
            return family
    for family in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return family
    return None


def setup_fonts(app: QApplication, language: str) -> Optional[str]:
    """Make sure Chinese renders as glyphs, never boxes: a CJK family as the fallback of the UI font.

    For the Chinese UI the CJK family comes first, so Latin and Han text share one design.
    Returns the family used, or None when no CJK font is installed.
    """
    family = cjk_family()
    if family is None:
        log.warning("no font with Chinese glyphs found; install fonts-noto-cjk")
        return None
    font = QFont(app.font())
    # The family the system really gives for the UI font ("Sans Serif" is only an alias).
    base = QFontInfo(font).family()
    families = [family] if base == family else ([family, base] if language == "zh_CN" else [base, family])
    font.setFamilies(families)
    app.setFont(font)
    if base != family:
        QFont.insertSubstitution(base, family)  # widgets given their own font still fall back to it
    return family
