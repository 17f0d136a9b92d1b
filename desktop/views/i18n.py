"""Translation: source strings are Simplified Chinese; English comes from resources/translations."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desktop.errors import UserError
from desktop.paths import resources_dir

log = logging.getLogger("towncentre.i18n")

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
_current = "zh_CN"
_translators: list[QTranslator] = []

ROLE_NAMES_EN = {
    "admin": "Administrator",
    "manager": "Centre manager",
    "operator": "Intake operator",
    "mediator": "Mediator",
    "grid_admin": "Grid administrator",
    "viewer": "Read-only viewer",
}


def translations_dir() -> str:
    return str(resources_dir() / "translations")


def install_translator(language: str) -> bool:
    """Loads the program's .qm (and Qt's own, for standard buttons). Chinese needs no file."""
    global _current
    app = QCoreApplication.instance()
    assert app is not None
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    _current = language if language in LANGUAGES else "zh_CN"
    # Qt's own words that come from the locale, not a translation (a calendar's months and weekdays),
    # follow the program's language, not the PC's (English on a Linux PC set up without Chinese).
    QLocale.setDefault(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        if _current == "zh_CN"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    )
    if _current == "zh_CN":
        qt_zh = QTranslator(app)
        from PySide6.QtCore import QLibraryInfo

        if qt_zh.load(
            QLocale(QLocale.Language.Chinese, QLocale.Country.China),
            "qtbase",
            "_",
            QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        ):
            app.installTranslator(qt_zh)
            _translators.append(qt_zh)
        return True
    translator = QTranslator(app)
    if not translator.load(f"towncentre_{_current}", translations_dir()):
        log.warning("translation %s not found in %s", _current, translations_dir())
        _current = "zh_CN"
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    return True


def current_language() -> str:
    return _current


def app_title() -> str:
    """The program's name, for message boxes that have no window of their own to name it."""
    return QCoreApplication.translate("App", "综治工作台")


def error_text(error: UserError) -> str:
    return error.text(_current)


def role_label(code: str, name: str) -> str:
    return ROLE_NAMES_EN.get(code, name) if _current == "en" else name


def pick(zh: str, en: str) -> str:
    """For texts that come in both languages from the services (permission labels and the like)."""
    return en if _current == "en" else zh
