"""What the frozen bundle keeps of Qt: the rules the spec applies to PyInstaller's file lists.

PyInstaller's PySide6 hooks collect every plugin of each plugin type a module may use, and
each plugin's own dependencies. For this app that means Wayland, EGLFS, VNC, evdev and the GTK 3
platform theme (which alone drags in GTK, GDK, ATK, Cairo, Pango and a dozen X extensions),
nine image formats and ninety-odd Qt translations. The app needs far less:

- platforms: xcb (Linux desktops, and XWayland under Wayland), offscreen (self-check, PDF
  export from the command line), windows, cocoa;
- imageformats svg (the icons) and ico; iconengines svgicon; the input contexts (compose and
  IBus: Japanese input methods); xcb's GL integrations (small, and Qt asks for them); styles
  (the native Windows and macOS looks); the desktop-portal theme (file dialogs under Flatpak
  and GNOME), never the GTK 3 one;
- Qt's own Japanese translation (qtbase_ja.qm): the app's UI languages are English and Japanese.

filter_toc() takes a TOC (a list of (dest_name, src_name, typecode)) and returns the kept
entries. The libraries dropped on Linux are exactly those that nothing kept links to, measured
with ldd on a full build (see tests/packaging/test_linux_package.py, which checks that every
kept plugin still finds all of its libraries).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

# Python modules the app never imports; some are pulled in by optional imports in libraries.
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "lib2to3",
    "pydoc_data",
    "setuptools",
    "pkg_resources",
    "pip",
    "IPython",
    "numpy",
    "PyQt5",
    "PyQt6",
    "PySide2",
    *(f"PySide6.{name}" for name in (
        "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
        "QtBluetooth", "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDesigner",
        "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLocation", "QtMultimedia",
        "QtMultimediaWidgets", "QtNetworkAuth", "QtNfc", "QtOpenGL", "QtOpenGLWidgets", "QtPdf",
        "QtPdfWidgets", "QtPositioning", "QtPrintSupport", "QtQml", "QtQuick", "QtQuick3D",
        "QtQuickControls2", "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors",
        "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine",
        "QtSvgWidgets", "QtTest", "QtTextToSpeech", "QtUiTools", "QtWebChannel",
        "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets", "QtXml",
    )),
]

# Plugin type -> plugin names kept (None: every plugin of that type). Other types are dropped.
KEPT_PLUGINS: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"xcb", "offscreen", "windows", "cocoa"}),
    "imageformats": frozenset({"svg", "ico"}),
    "iconengines": frozenset({"svgicon"}),
    "platforminputcontexts": None,
    "xcbglintegrations": None,
    "styles": None,
    "platformthemes": frozenset({"xdgdesktopportal"}),
}

KEPT_QT_TRANSLATIONS = frozenset({"qtbase_ja.qm"})

# Qt libraries that only dropped plugins or unused modules link to (any platform's naming).
_UNUSED_QT_LIBRARIES = re.compile(
    r"^(lib)?Qt6?(EglFS\w*|EglFsKms\w*|Wayland\w*|WlShell\w*|Qml\w*|Quick\w*|Pdf\w*"
    r"|WebEngine\w*|VirtualKeyboard\w*|Designer\w*)([.]|$)"
)
# System libraries PyInstaller copies for the GTK 3 theme and the Wayland/EGLFS plugins alone.
_UNUSED_LINUX_LIBRARIES = re.compile(
    r"^lib(gtk-3|gdk-3|gdk_pixbuf-2\.0|atk-1\.0|atk-bridge-2\.0|atspi|cairo|cairo-gobject"
    r"|pango-1\.0|pangocairo-1\.0|pangoft2-1\.0|epoxy|harfbuzz|graphite2|fribidi|thai|datrie"
    r"|pixman-1|Xcomposite|Xcursor|Xdamage|Xi|Xinerama|Xrandr|Xext|Xfixes|Xrender|jpeg"
    r"|gio-2\.0|gmodule-2\.0|gobject-2\.0|mount|blkid|selinux"
    r"|Qt6OpenGL)\.so"  # measured on Linux only: there, only EGLFS and Wayland link to it
)
# Windows wheels ship a 20 MB software OpenGL for machines without a driver; widgets need none.
_UNUSED_WINDOWS_LIBRARIES = re.compile(r"^opengl32sw\.dll$", re.IGNORECASE)


def plugin_name(filename: str) -> str:
    """libqxcb.so -> xcb, qwindows.dll -> windows, libqsvgicon.dylib -> svgicon."""
    stem = filename.split(".")[0]
    stem = stem.removeprefix("lib")
    if stem.startswith("q") and not stem.startswith("qt"):
        stem = stem[1:]
    return stem


def keep(dest_name: str, platform: str) -> bool:
    """Whether a file with this destination path (inside the bundle) stays in the bundle."""
    path = PurePosixPath(dest_name.replace("\\", "/"))
    parts = path.parts
    name = path.name
    if parts and parts[0] == "PySide6":
        if "plugins" in parts:
            index = parts.index("plugins")
            if len(parts) > index + 2:
                kind = parts[index + 1]
                if kind not in KEPT_PLUGINS:
                    return False
                kept = KEPT_PLUGINS[kind]
                return kept is None or plugin_name(name) in kept
        if "translations" in parts and name.endswith(".qm"):
            return name in KEPT_QT_TRANSLATIONS
    # A macOS framework's files sit under lib/QtFoo.framework/...: judge them by the framework.
    framework = next((p for p in parts if p.endswith(".framework")), None)
    if _UNUSED_QT_LIBRARIES.match(framework or name):
        return False
    if platform.startswith("linux") and _UNUSED_LINUX_LIBRARIES.match(name):
        return False
    return not (platform == "win32" and _UNUSED_WINDOWS_LIBRARIES.match(name))


def filter_toc(toc: Iterable[tuple[str, str, str]], platform: str) -> list[tuple[str, str, str]]:
    """The entries of a PyInstaller TOC that the bundle keeps (order preserved)."""
    return [entry for entry in toc if keep(entry[0], platform)]
