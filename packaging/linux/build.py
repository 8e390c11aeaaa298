"""Build the Linux artifacts: the PyInstaller folder, a portable .tar.gz and a .deb.

    python packaging/linux/build.py [--dist DIR] [--work DIR]    (python3 dev.py package runs it)

Makes, under DIST (default dist/):
    community-desk/                              the one-folder bundle (PyInstaller)
    community-desk-VERSION-linux-x86_64.tar.gz   that folder, for any distribution
    community-desk_VERSION_amd64.deb             /opt/community-desk, /usr/bin/community-desk,
                                                 the menu entry and the hicolor icons
Run it with the project's virtual environment's Python (it needs PyInstaller and PySide6).
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SPEC = ROOT / "packaging" / "community-desk.spec"
sys.path.insert(0, str(ROOT / "packaging"))

import icons  # noqa: E402

MAINTAINER = "Community Desk developers <community-desk@users.noreply.github.com>"
DESCRIPTION = (
    "One local inbox for a shop's social-media mentions\n"
    " Community Desk pulls every mention of the shop (Mastodon, Bluesky, RSS/Atom feeds)\n"
    " into one local inbox, helps answer each one quickly with saved replies, plans posts\n"
    " on a calendar and exports a weekly summary. English and Japanese."
)
# Not libraries the bundle links to, but what the app needs to be useful: suggested, not forced.
RECOMMENDS = ("gnome-keyring", "fonts-noto-cjk", "fonts-noto-color-emoji")


def package_constant(name: str) -> str:
    tree = ast.parse((ROOT / "app" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name
                                                for t in node.targets):
            return ast.literal_eval(node.value)
    raise SystemExit(f"app/__init__.py defines no {name}")


VERSION = package_constant("__version__")
APP_ID = package_constant("APP_ID")


def runtime_packages() -> list[str]:
    lines = (ROOT / "packaging" / "linux" / "runtime-packages.txt").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def depends() -> list[str]:
    """The xcb libraries and the rest of runtime-packages.txt, less what only Recommends."""
    return [name for name in runtime_packages() if name not in RECOMMENDS]


def need_tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if not path:
        raise SystemExit(f"{name} is missing: sudo apt install {package}")
    return path


def pyinstaller(dist: Path, work: Path) -> Path:
    env = dict(os.environ)
    env.setdefault("PYINSTALLER_CONFIG_DIR", str(work / "pyinstaller-config"))
    env["COMMUNITY_DESK_ICON_DIR"] = str(work / "icons")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work / "pyinstaller"), str(SPEC)],
                   check=True, cwd=ROOT, env=env)
    return dist / APP_ID


def make_tarball(bundle: Path, dist: Path) -> Path:
    target = dist / f"{APP_ID}-{VERSION}-linux-x86_64.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=f"{APP_ID}-{VERSION}")
    return target


def desktop_entry() -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Name=Community Desk",
        "Name[ja]=コミュニティデスク",
        "GenericName=Social Media Inbox",
        "GenericName[ja]=ソーシャルメディア受信箱",
        "Comment=Answer every mention of your shop from one inbox",
        "Comment[ja]=お店へのメンションにひとつの受信箱から返信",
        f"Exec={APP_ID} %U",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Network;Qt;",
        "Keywords=Mastodon;Bluesky;RSS;mentions;replies;",
        "Keywords[ja]=マストドン;ブルースカイ;メンション;返信;",
        "StartupNotify=true",
        f"StartupWMClass={APP_ID}",
        "",
    ])


def make_deb(bundle: Path, dist: Path, work: Path) -> Path:
    dpkg_deb = need_tool("dpkg-deb", "dpkg")
    root = work / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(bundle, root / "opt" / APP_ID, symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / APP_ID).symlink_to(f"/opt/{APP_ID}/{APP_ID}")
    applications = root / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    (applications / f"{APP_ID}.desktop").write_text(desktop_entry(), encoding="utf-8")
    icon_files = icons.render_icons(work / "icons")
    shutil.copytree(icon_files["hicolor"], root / "usr" / "share" / "icons" / "hicolor")
    doc = root / "usr" / "share" / "doc" / APP_ID
    doc.mkdir(parents=True)
    shutil.copyfile(ROOT / "LICENSE", doc / "copyright")
    size_kb = sum(p.lstat().st_size for p in root.rglob("*")) // 1024
    control = root / "DEBIAN"
    control.mkdir()
    (control / "control").write_text("\n".join([
        f"Package: {APP_ID}",
        f"Version: {VERSION}",
        "Section: net",
        "Priority: optional",
        "Architecture: amd64",
        f"Maintainer: {MAINTAINER}",
        f"Installed-Size: {size_kb}",
        f"Depends: {', '.join(depends())}",
        f"Recommends: {', '.join(RECOMMENDS)}",
        "Homepage: https://github.com/community-desk/community-desk",
        f"Description: {DESCRIPTION}",
        "",
    ]), encoding="utf-8")
    for path in [root, *root.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)
    target = dist / f"{APP_ID}_{VERSION}_amd64.deb"
    # xz at level 6: about as small as the default, and within the tests' time on 2 cores.
    subprocess.run([dpkg_deb, "--root-owner-group", "-Zxz", "-z6", "--build", str(root),
                    str(target)], check=True, stdout=subprocess.DEVNULL)
    return target


def build(dist: Path, work: Path) -> dict[str, Path]:
    dist.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    bundle = pyinstaller(dist, work)
    print(f"bundle: {bundle} ({time.perf_counter() - started:.0f} s)", flush=True)
    tarball = make_tarball(bundle, dist)
    print(f"tar.gz: {tarball}", flush=True)
    deb = make_deb(bundle, dist, work)
    print(f"deb:    {deb} ({time.perf_counter() - started:.0f} s in all)", flush=True)
    return {"bundle": bundle, "tarball": tarball, "deb": deb}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "linux")
    args = parser.parse_args()
    build(args.dist.resolve(), args.work.resolve())


if __name__ == "__main__":
    main()
