"""The hand-drawn SVG icons in resources/icons must exist, parse and actually draw something.

A broken or unsupported SVG does not crash Qt: the user just sees a blank icon. These tests
render every icon at 16 px (the smallest size the UI uses) and make sure pixels appear.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"

APP_ICON = "app.svg"
UI_ICONS = (
    # navigation
    "inbox.svg",
    "calendar.svg",
    "templates.svg",
    "reports.svg",
    "accounts.svg",
    "settings.svg",
    # networks
    "mastodon.svg",
    "bluesky.svg",
    "feed.svg",
    # message flags
    "complaint.svg",
    "question.svg",
    "praise.svg",
    # system tray
    "tray.svg",
)
ALL_ICONS = (APP_ICON, *UI_ICONS)

SVG_NS = "{http://www.w3.org/2000/svg}"
# Things the icon set promises not to use: text/fonts, filters, raster or external content.
FORBIDDEN_ELEMENTS = {
    "text",
    "tspan",
    "font",
    "filter",
    "image",
    "foreignObject",
    "script",
    "style",
}


def _render(path: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid(), f"{path.name} is not a valid SVG for Qt"
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def _opaque_pixels(image: QImage) -> int:
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() > 0
    )


@pytest.mark.parametrize("name", ALL_ICONS)
def test_icon_file_exists(name: str) -> None:
    assert (ICON_DIR / name).is_file(), f"missing icon resources/icons/{name}"


@pytest.mark.parametrize("name", ALL_ICONS)
def test_icon_is_valid_svg(qapp, name: str) -> None:
    assert QSvgRenderer(str(ICON_DIR / name)).isValid()


@pytest.mark.parametrize("name", ALL_ICONS)
def test_icon_renders_visible_pixels_at_16px(qapp, name: str) -> None:
    image = _render(ICON_DIR / name, 16)
    assert _opaque_pixels(image) > 0, f"{name} renders fully transparent at 16 px"


def test_app_icon_renders_at_all_sizes(qapp) -> None:
    for size in (16, 24, 48, 512):
        image = _render(ICON_DIR / APP_ICON, size)
        assert _opaque_pixels(image) > 0, f"{APP_ICON} is blank at {size} px"


@pytest.mark.parametrize("name", ALL_ICONS)
def test_icon_is_self_contained_plain_svg(name: str) -> None:
    root = ET.parse(ICON_DIR / name).getroot()
    assert root.tag == f"{SVG_NS}svg"
    expected_viewbox = "0 0 512 512" if name == APP_ICON else "0 0 24 24"
    assert root.get("viewBox") == expected_viewbox

    for element in root.iter():
        local = element.tag.removeprefix(SVG_NS)
        assert local not in FORBIDDEN_ELEMENTS, f"{name} uses <{local}>"
        for attr, value in element.attrib.items():
            if attr.endswith("href"):
                assert value.startswith("#"), f"{name} references external content {value!r}"
            assert "url(" not in value or value.startswith("url(#"), f"{name}: {attr}={value!r}"
