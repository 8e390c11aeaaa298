"""The Windows and macOS installers' inputs, checked here because their builds run only on their
own runners (.github/workflows/release.yml): the icon containers packaging/icons.py writes by
hand, and the Inno Setup script's promises (per user, no administrator, both languages)."""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

import pytest
from packaged import ROOT

pytestmark = pytest.mark.packaging

sys.path.insert(0, str(ROOT / "packaging"))
import icons  # noqa: E402 - packaging/icons.py

ISS = ROOT / "packaging" / "windows" / "community-desk.iss"


def png_side(data: bytes) -> int:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width == height
    return width


@pytest.fixture(scope="module")
def rendered(qapp: object, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    # qapp first: icons.py would otherwise make a QGuiApplication, which the widget tests
    # that run later in the session could not use.
    return icons.render_icons(tmp_path_factory.mktemp("icons"))


def test_ico_holds_a_png_per_size(rendered: dict[str, Path]) -> None:
    data = rendered["ico"].read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(icons.ICO_SIZES))
    sides = []
    for index in range(count):
        width, height, _, _, _, _, size, offset = struct.unpack_from("<BBBBHHII", data,
                                                                     6 + 16 * index)
        side = png_side(data[offset:offset + size])
        assert (width or 256, height or 256) == (side, side)
        sides.append(side)
    assert sides == sorted(icons.ICO_SIZES)


def test_icns_holds_every_retina_size(rendered: dict[str, Path]) -> None:
    data = rendered["icns"].read_bytes()
    magic, total = struct.unpack_from(">4sI", data)
    assert magic == b"icns" and total == len(data)
    found, offset = [], 8
    while offset < total:
        kind, length = struct.unpack_from(">4sI", data, offset)
        found.append((kind, png_side(data[offset + 8:offset + length])))
        offset += length
    assert found == list(icons.ICNS_TYPES)
    assert (b"ic10", 1024) in found  # 512 pt @2x: the Finder's and the Dock's largest


def iss_setup() -> dict[str, str]:
    """The [Setup] section's directives."""
    text = ISS.read_text(encoding="utf-8-sig")
    section = text.split("[Setup]", 1)[1].split("\n[", 1)[0]
    return dict(line.split("=", 1) for line in section.splitlines()
                if "=" in line and not line.startswith(";"))


def test_inno_setup_installs_per_user_without_admin() -> None:
    setup = iss_setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["PrivilegesRequiredOverridesAllowed"] == "dialog"
    assert setup["DefaultDirName"].startswith("{autopf}\\")  # %LOCALAPPDATA%\Programs per user
    assert setup["AppVersion"] == "{#AppVersion}"
    assert setup["VersionInfoVersion"] == "{#VersionNumbers}"
    assert setup["SetupIconFile"] == "{#IconFile}"
    assert setup["UninstallDisplayIcon"] == "{app}\\{#AppExe}"


def test_inno_setup_script_matches_the_spec_and_icons() -> None:
    text = ISS.read_text(encoding="utf-8-sig")
    defines = dict(re.findall(r'#define (\w+) "([^"]*)"', text))
    # Paths are relative to packaging\windows; they must name what the spec and icons.py write.
    assert defines["DistDir"] == "..\\..\\dist\\community-desk"
    assert defines["IconFile"] == "..\\..\\build\\icons\\community-desk.ico"
    assert icons.DEFAULT_OUT == ROOT / "build" / "icons"
    assert defines["AppExe"] == "community-desk.exe"
    assert 'MessagesFile: "compiler:Default.isl"' in text
    assert 'MessagesFile: "compiler:Languages\\Japanese.isl"' in text
    assert re.search(r'Name: "desktopicon";.*Flags: unchecked', text)
    assert re.search(r'Name: "\{autoprograms\}\\\{#AppName\}"', text)  # the Start menu entry
    assert "#error" in text  # no silent default version
