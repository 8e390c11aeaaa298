"""Fixtures for the Linux package's tests: the artifacts (built or cached) and the unpacked .deb."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from packaged import LinuxPackage, ensure_package, need_tool


@pytest.fixture(scope="session")
def linux_package() -> LinuxPackage:
    """The bundle, .tar.gz and .deb for the current sources: built now, or from the cache."""
    return ensure_package()


@pytest.fixture(scope="session")
def deb_root(linux_package: LinuxPackage, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .deb unpacked (dpkg-deb -x) into a temporary folder, as dpkg would lay it out."""
    dpkg_deb = need_tool("dpkg-deb", "dpkg")
    root = tmp_path_factory.mktemp("deb-root")
    subprocess.run([dpkg_deb, "-x", str(linux_package.deb), str(root)], check=True)
    return root
