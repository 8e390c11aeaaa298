"""Find the app's plain-file resources (icons, translations) from source or a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def icon(name: str) -> QIcon:
    """An icon from resources/icons/NAME.svg (an empty icon if it is missing)."""
    return QIcon(str(resource_path("icons", f"{name}.svg")))
