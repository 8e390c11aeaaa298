"""The version a release builds: app.__version__, checked against the pushed tag.

    python packaging/release_version.py

Prints the version, and for the release workflow appends to $GITHUB_OUTPUT:
    version=0.1.0        the installers' names, AppVersion, CFBundleShortVersionString
    numbers=0.1.0.0      four numbers, which Windows version resources allow and nothing else
It fails when run for a tag (GITHUB_REF_TYPE=tag) other than "v" + __version__: a release named
v0.2.0 that installs a 0.1.0 app would be worse than no release.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def app_version() -> str:
    """__version__ from app/__init__.py, read without importing the app."""
    tree = ast.parse((ROOT / "app" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__version__"
                                                for t in node.targets):
            return str(ast.literal_eval(node.value))
    raise SystemExit("app/__init__.py defines no __version__")


def four_numbers(version: str) -> str:
    """0.1.0 -> 0.1.0.0; 1.2.0rc1 -> 1.2.0.1 (its numbers in order, padded or cut to four)."""
    numbers = [*re.findall(r"\d+", version), "0", "0", "0", "0"][:4]
    return ".".join(str(int(n)) for n in numbers)


def main() -> None:
    version = app_version()
    if os.environ.get("GITHUB_REF_TYPE") == "tag":
        tag = os.environ.get("GITHUB_REF_NAME", "")
        if tag != f"v{version}":
            sys.exit(f"The tag {tag} does not match app/__init__.py's version {version}: "
                     f"tag v{version}, or change __version__ first.")
    print(version)
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as file:
            file.write(f"version={version}\nnumbers={four_numbers(version)}\n")


if __name__ == "__main__":
    main()
