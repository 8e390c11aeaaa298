"""Load the app's and Qt's own translations for the chosen language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.ui.resources import resource_path

SUPPORTED = ("en", "ja")
_installed: list[QTranslator] = []
_cli_app: QCoreApplication | None = None


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """The language to show: the setting, or the system's when it is "system" (English else)."""
    if setting in SUPPORTED:
        return setting
    locale = system or QLocale.system()
    for name in locale.uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in SUPPORTED:
            return code
    return "en"


def translation_file(language: str) -> str:
    return str(resource_path("translations", f"community_desk_{language}.qm"))


def install_translators(language: str) -> bool:
    """Replace the installed translators; True when the app's own translation loaded.

    English is the source language, so it needs no file.
    """
    app = QCoreApplication.instance()
    assert app is not None, "create the application first"
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return True
    loaded_app = False
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    own = QTranslator(app)
    if own.load(translation_file(language)):
        app.installTranslator(own)
        _installed.append(own)
        loaded_app = True
    return loaded_app


def use_core_application() -> None:
    """The command line needs an application object for translators, but no windows."""
    global _cli_app
    if QCoreApplication.instance() is None:
        _cli_app = QCoreApplication([])  # kept referenced: Python would delete it otherwise


def use_gui_application() -> None:
    """A command that paints (the weekly PDF) needs fonts, hence a QGuiApplication; with no
    screen (cron, ssh) on Linux, the offscreen one. Call it before use_core_application."""
    global _cli_app
    if QCoreApplication.instance() is not None:
        return
    import os
    import sys

    from PySide6.QtGui import QGuiApplication

    if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _cli_app = QGuiApplication([sys.argv[0] if sys.argv else "community-desk"])
