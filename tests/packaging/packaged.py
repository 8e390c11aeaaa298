"""The Linux package, built once per test session and cached between sessions (conftest.py
has the fixtures; this module the build, so tests can import its helpers by a unique name).

A build takes about two minutes on two cores, so the artifacts are kept under
build/package-cache/KEY, where KEY hashes everything that goes into them: app/, packaging/,
resources/ (the built .qm files included), pyproject.toml, and the Python, PySide6 and
PyInstaller versions. A rerun in the same checkout reuses them; any change to an input
builds again (and removes the stale folder, each one being about 300 MB). A fresh clone,
as in CI, builds once.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "package-cache"
BUILD_SCRIPT = ROOT / "packaging" / "linux" / "build.py"
INPUTS = ("app", "packaging", "resources")
BUILD_TIMEOUT_S = 900
DONE = "complete"  # written last: a folder without it is an interrupted build


@dataclass(frozen=True)
class LinuxPackage:
    """Where one build's artifacts are."""

    dist: Path
    bundle: Path   # dist/community-desk, the PyInstaller folder
    tarball: Path  # community-desk-VERSION-linux-x86_64.tar.gz
    deb: Path      # community-desk_VERSION_amd64.deb
    build_seconds: float | None  # None when the cache was reused


def need_tool(name: str, package: str) -> str:
    """The tool's path; a missing tool fails the test (never a skip: CI must run these)."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: sudo apt install {package}", pytrace=False)
    return path


def _input_files() -> Iterator[Path]:
    for folder in INPUTS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                yield path
    yield ROOT / "pyproject.toml"


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "missing"


def cache_key() -> str:
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    for distribution in ("PySide6-Essentials", "shiboken6", "pyinstaller"):
        digest.update(f"{distribution}={_version(distribution)}".encode())
    for path in _input_files():
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def _artifacts(dist: Path, build_seconds: float | None) -> LinuxPackage:
    debs = sorted(dist.glob("*.deb"))
    tarballs = sorted(dist.glob("*.tar.gz"))
    assert len(debs) == 1 and len(tarballs) == 1, f"unexpected artifacts in {dist}"
    return LinuxPackage(dist=dist, bundle=dist / "community-desk", tarball=tarballs[0],
                        deb=debs[0], build_seconds=build_seconds)


def _build(folder: Path) -> float:
    if _version("pyinstaller") == "missing":
        pytest.fail("PyInstaller is not installed in this environment: python3 dev.py test "
                    "installs it (the 'package' extra in pyproject.toml)", pytrace=False)
    need_tool("dpkg-deb", "dpkg")
    shutil.rmtree(folder, ignore_errors=True)
    work = CACHE / "work"  # PyInstaller's own caches, shared by every key
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--dist", str(folder / "dist"), "--work", str(work)],
        cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S,
    )
    if result.returncode != 0:
        pytest.fail(f"packaging/linux/build.py failed ({result.returncode}):\n"
                    f"{result.stdout[-4000:]}\n{result.stderr[-8000:]}", pytrace=False)
    elapsed = time.perf_counter() - started
    shutil.rmtree(work / "deb-root", ignore_errors=True)  # a 180 MB copy of the bundle
    (folder / DONE).write_text(f"{elapsed:.1f}\n")
    return elapsed


def ensure_package() -> LinuxPackage:
    """The bundle, .tar.gz and .deb for the current sources: built now, or from the cache."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the .deb and the Linux bundle are built on Linux only")
    import fcntl  # POSIX only: after the platform check, so collection works on Windows too

    CACHE.mkdir(parents=True, exist_ok=True)
    folder = CACHE / cache_key()
    # Two sessions in one checkout (say, a developer's and an editor's) build one at a time.
    with open(CACHE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        build_seconds = None
        if not (folder / DONE).exists():
            build_seconds = _build(folder)
        for stale in CACHE.iterdir():
            if stale.is_dir() and stale not in (folder, CACHE / "work"):
                shutil.rmtree(stale, ignore_errors=True)
    return _artifacts(folder / "dist", build_seconds)
