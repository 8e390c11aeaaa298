"""Render the app icon (resources/icons/app.svg) for every platform's installer, with Qt alone.

    python packaging/icons.py [OUT_DIR]      (default: build/icons)

Writes, from the one SVG:
    hicolor/SIZExSIZE/apps/community-desk.png  for 16..512 px, plus hicolor/scalable/apps/*.svg
    community-desk.ico                          Windows: PNG-compressed entries 16..256 px
    community-desk.icns                         macOS: PNG entries 16..1024 px (incl. @2x)

Nothing here is committed: the installers' build steps call render_icons() (the spec does too),
so the pictures always match the SVG. The .ico and .icns containers are written by hand: both
are a small header and a table of PNG images, so no image library (Pillow, iconutil) is needed.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_SVG = ROOT / "resources" / "icons" / "app.svg"
DEFAULT_OUT = ROOT / "build" / "icons"
ICON_NAME = "community-desk"

HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
# OSType -> pixel size; PNG payloads are accepted for all of these since macOS 10.7.
ICNS_TYPES = (
    (b"icp4", 16), (b"ic11", 32),    # 16 pt, @1x and @2x
    (b"icp5", 32), (b"ic12", 64),    # 32 pt
    (b"ic07", 128), (b"ic13", 256),  # 128 pt
    (b"ic08", 256), (b"ic14", 512),  # 256 pt
    (b"ic09", 512), (b"ic10", 1024),  # 512 pt
)


def _qt():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        _qt.app = QGuiApplication([])  # kept referenced for the process
    return QBuffer, QByteArray, QIODevice, QRectF, Qt, QImage, QPainter, QSvgRenderer


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at SIZE x SIZE pixels, antialiased, as PNG bytes."""
    QBuffer, QByteArray, QIODevice, QRectF, Qt, QImage, QPainter, QSvgRenderer = _qt()
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG that Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding one PNG per size (Vista and later read PNG entries)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in the directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns: 'icns', total length, then (type, length, PNG) elements, big-endian."""
    body = b"".join(struct.pack(">4sI", kind, 8 + len(pngs[size])) + pngs[size]
                    for kind, size in ICNS_TYPES)
    return struct.pack(">4sI", b"icns", 8 + len(body)) + body


def render_icons(out_dir: Path = DEFAULT_OUT, svg: Path = APP_SVG) -> dict[str, Path]:
    """Write every icon file under OUT_DIR; returns {"hicolor": dir, "ico": file, "icns": file}."""
    out_dir.mkdir(parents=True, exist_ok=True)
    needed = sorted(set(HICOLOR_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES})
    pngs = {size: render_png(svg, size) for size in needed}
    hicolor = out_dir / "hicolor"
    for size in HICOLOR_SIZES:
        target = hicolor / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
    scalable = hicolor / "scalable" / "apps" / f"{ICON_NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    ico = out_dir / f"{ICON_NAME}.ico"
    ico.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    icns = out_dir / f"{ICON_NAME}.icns"
    icns.write_bytes(icns_bytes(pngs))
    return {"hicolor": hicolor, "ico": ico, "icns": icns}


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    for kind, path in render_icons(target).items():
        print(f"{kind}: {path}")
