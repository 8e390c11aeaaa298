"""The Linux .deb and .tar.gz as a user meets them: installed files, menu entry, icons, and the
unpacked app starting by itself (self-check) with nothing from this checkout or its venv.

The package is built once per session (conftest.py caches it under build/package-cache).
A missing tool (dpkg-deb, desktop-file-validate, dbus-run-session, gnome-keyring) fails these
tests rather than skipping them: CI installs each one, and a skip would hide a broken installer.
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from packaged import ROOT, LinuxPackage, need_tool

import app

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the .deb is Linux only"),
]

APP_ID = app.APP_ID
MAX_DEB_BYTES = 60 * 1024 * 1024
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Part of every Debian and Ubuntu system (Priority: required), so never listed in Depends.
BASE_PACKAGES = frozenset({"libc6", "libgcc-s1", "libstdc++6", "zlib1g"})
# Libraries and plugins the app never uses; the GTK 3 theme alone pulls in all of GTK.
UNWANTED = re.compile(
    r"libqgtk3|libgtk-3|libgdk-3|Qt6?(WebEngine|3D|Quick|Qml|Pdf|Multimedia|Designer|Charts)"
    r"|PySide6/Qt(WebEngine|3D|Quick|Qml|Pdf|Multimedia|Designer|Charts)"
)


def runtime_packages() -> list[str]:
    text = (ROOT / "packaging" / "linux" / "runtime-packages.txt").read_text()
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


def control_fields(deb: Path) -> dict[str, str]:
    """The .deb's control file as {field: value} (continuation lines joined)."""
    dpkg_deb = need_tool("dpkg-deb", "dpkg")
    text = subprocess.run([dpkg_deb, "--field", str(deb)], capture_output=True, text=True,
                          check=True).stdout
    fields: dict[str, str] = {}
    key = ""
    for line in text.splitlines():
        if line.startswith(" ") and key:
            fields[key] += "\n" + line.strip()
        elif ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    return fields


def package_list(value: str) -> list[str]:
    """'a, b (>= 1), c | d' -> ['a', 'b', 'c', 'd']: the package names of a relation field."""
    return [re.split(r"[\s(:]", part.strip())[0] for part in re.split(r"[,|]", value)
            if part.strip()]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk, which the format puts first."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR", f"{path}: not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def elf_needed(path: Path) -> list[str] | None:
    """The DT_NEEDED entries of a 64-bit ELF file (its direct libraries), None if not ELF.

    Read from the section table by hand, so the test needs neither readelf nor objdump.
    """
    with path.open("rb") as file:
        data = file.read()
    if data[:4] != b"\x7fELF" or data[4] != 2:
        return None
    (section_offset,) = struct.unpack_from("<Q", data, 0x28)
    entry_size, count = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, section_offset + i * entry_size)
                for i in range(count)]
    needed = []
    for _name, kind, _flags, _addr, offset, size, link, *_ in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strings = sections[link][4]
        for entry in range(offset, offset + size, 16):
            tag, value = struct.unpack_from("<qQ", data, entry)
            if tag == 0:  # DT_NULL
                break
            if tag == 1:  # DT_NEEDED
                start = strings + value
                needed.append(data[start:data.index(b"\0", start)].decode())
    return needed


def clean_env(home: Path) -> dict[str, str]:
    """The environment of a user's session: nothing pointing into this checkout or its venv."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "VIRTUAL_ENV", "QT_", "LD_", "COMMUNITY_DESK_"))
           and key != "DBUS_SESSION_BUS_ADDRESS"}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return env


def in_keyring_session(command: list[str]) -> list[str]:
    """COMMAND inside a private D-Bus session with an unlocked GNOME Keyring: a desktop's
    Secret Service, so the keyring check sees what it would see on a user's machine."""
    need_tool("dbus-run-session", "dbus-bin")
    need_tool("gnome-keyring-daemon", "gnome-keyring")
    inner = ("echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null "
             '&& exec "$@"')
    return ["dbus-run-session", "--", "sh", "-c", inner, "keyring-session", *command]


# --- the .deb's metadata --------------------------------------------------------------------

def test_control_fields(linux_package: LinuxPackage) -> None:
    fields = control_fields(linux_package.deb)
    assert fields["Package"] == APP_ID
    assert fields["Version"] == app.__version__
    assert fields["Architecture"] == "amd64"
    assert linux_package.deb.name == f"{APP_ID}_{app.__version__}_amd64.deb"


def test_depends_lists_the_runtime_libraries(linux_package: LinuxPackage) -> None:
    fields = control_fields(linux_package.deb)
    depends = set(package_list(fields["Depends"]))
    recommends = set(package_list(fields.get("Recommends", "")))
    wanted = [name for name in runtime_packages() if name not in recommends]
    assert [name for name in wanted if name not in depends] == []
    xcb = [name for name in runtime_packages() if name.startswith("libxcb")]
    assert xcb and set(xcb) <= depends


def test_every_library_outside_the_bundle_comes_from_depends(
        linux_package: LinuxPackage) -> None:
    """What the bundle's files link to and do not carry must be installed by Depends; so every
    plugin bundle_filter.py keeps finds all of its libraries on a machine with the .deb."""
    bundle = linux_package.bundle
    carried = {path.name for path in bundle.rglob("*")}
    external: dict[str, str] = {}  # soname -> one bundle file that needs it
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            for soname in elf_needed(path) or ():
                if soname not in carried:
                    external.setdefault(soname, str(path.relative_to(bundle)))
    assert "libxcb.so.1" in external  # the xcb platform plugin's own library is the system's
    found = subprocess.run(["dpkg-query", "--search", *sorted(external)], capture_output=True,
                           text=True).stdout
    owner: dict[str, str] = {}
    for line in found.splitlines():
        packages, _, path = line.partition(": ")
        soname = Path(path).name
        if soname in external:
            owner.setdefault(soname, packages.split(",")[0].split(":")[0].strip())
    depends = set(package_list(control_fields(linux_package.deb)["Depends"]))
    unowned = {soname: needer for soname, needer in external.items() if soname not in owner}
    assert unowned == {}, "libraries no installed package provides"
    missing = {soname: owner[soname] for soname in external
               if owner[soname] not in depends | BASE_PACKAGES}
    assert missing == {}, "packages missing from Depends (soname: package)"


def test_deb_is_at_most_60_mb(linux_package: LinuxPackage) -> None:
    size = linux_package.deb.stat().st_size
    assert size <= MAX_DEB_BYTES, f"{size / 1024 / 1024:.1f} MB"


# --- what dpkg installs ---------------------------------------------------------------------

def test_app_in_opt_and_command_on_the_path(deb_root: Path) -> None:
    executable = deb_root / "opt" / APP_ID / APP_ID
    assert executable.is_file() and os.access(executable, os.X_OK)
    command = deb_root / "usr" / "bin" / APP_ID
    assert command.is_symlink()
    assert os.readlink(command) == f"/opt/{APP_ID}/{APP_ID}"


def test_menu_entry_is_valid_and_bilingual(deb_root: Path) -> None:
    validate = need_tool("desktop-file-validate", "desktop-file-utils")
    entry = deb_root / "usr" / "share" / "applications" / f"{APP_ID}.desktop"
    result = subprocess.run([validate, str(entry)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout  # no warnings either
    lines = dict(line.split("=", 1) for line in entry.read_text(encoding="utf-8").splitlines()
                 if "=" in line)
    assert lines["Name"] == app.APP_NAME
    assert lines["Name[ja]"]
    assert lines["Exec"].split()[0] == APP_ID
    assert lines["Icon"] == APP_ID


def test_hicolor_icons_at_every_size(deb_root: Path) -> None:
    hicolor = deb_root / "usr" / "share" / "icons" / "hicolor"
    for size in HICOLOR_SIZES:
        png = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png.is_file(), png
        assert png_size(png) == (size, size), png
    svg = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    assert svg.is_file() and b"<svg" in svg.read_bytes()[:2000]


def test_tarball_holds_the_bundle_in_one_folder(linux_package: LinuxPackage) -> None:
    top = f"{APP_ID}-{app.__version__}"
    with tarfile.open(linux_package.tarball) as tar:
        names = tar.getnames()
        executable = tar.getmember(f"{top}/{APP_ID}")
    assert {name.split("/")[0] for name in names} == {top}
    assert executable.isfile() and executable.mode & 0o111


def test_bundle_leaves_out_what_the_app_does_not_use(linux_package: LinuxPackage) -> None:
    bundle = linux_package.bundle
    files = [str(path.relative_to(bundle)) for path in bundle.rglob("*")]
    assert [name for name in files if UNWANTED.search(name)] == []
    plugins = bundle / "_internal" / "PySide6" / "Qt" / "plugins"
    assert (plugins / "platforms" / "libqxcb.so").is_file()
    assert (plugins / "imageformats" / "libqsvg.so").is_file()
    assert not (plugins / "platformthemes" / "libqgtk3.so").exists()
    translations = bundle / "_internal" / "PySide6" / "Qt" / "translations"
    assert sorted(p.name for p in translations.glob("*.qm")) == ["qtbase_ja.qm"]


# --- the unpacked app, started ----------------------------------------------------------------

def test_unpacked_app_prints_its_version(deb_root: Path, tmp_path: Path) -> None:
    executable = deb_root / "opt" / APP_ID / APP_ID
    result = subprocess.run([str(executable), "--version"], capture_output=True, text=True,
                            env=clean_env(tmp_path), cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert app.__version__ in result.stdout


def test_unpacked_app_passes_self_check(deb_root: Path, tmp_path: Path) -> None:
    """Issue 8's proof: Qt plugins and translations load, the database opens, the keyring
    answers and the bundled certificates make a verifying TLS context, from /opt alone."""
    executable = deb_root / "opt" / APP_ID / APP_ID
    data = tmp_path / "data"
    home = tmp_path / "home"
    home.mkdir()
    command = in_keyring_session([str(executable), "self-check", "--data-dir", str(data)])
    result = subprocess.run(command, capture_output=True, text=True, env=clean_env(home),
                            cwd=tmp_path, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "self-check passed" in result.stdout, output
    assert "FAIL" not in result.stdout, output
    logs = "".join(p.read_text(encoding="utf-8", errors="replace")
                   for p in (data / "logs").glob("*.log*")) if (data / "logs").exists() else ""
    assert "Traceback" not in output + logs, output + logs
